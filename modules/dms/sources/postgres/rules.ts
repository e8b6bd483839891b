import { Token } from "cdktf";
import { Problem, renderValue } from "../../../core/problem";
import { Rule, checkRules } from "../../../core/rules";
import { SUPPORTED_SSL_MODES, endpointRules, serverSourceRules } from "../../endpoints/endpoint-rules";
import type { ExternalPostgresSource, PostgresSourceEndpointProps } from "./endpoint";
import { POSTGRES_SOURCE_HOSTINGS, postgresSourceSettingsProblems } from "./settings";

/** What the rules read: the endpoint's props, or a file entry whose `database` may name the environment's own. */
type PostgresSourceView = Pick<PostgresSourceEndpointProps, "endpointId" | "sslMode" | "certificateArn" | "captureChanges" | "settings"> & {
  readonly database: unknown;
};

/** The external server the props name, if any (a project database is wired by reference instead). */
export function externalServer(database: unknown): ExternalPostgresSource | undefined {
  return typeof database === "object" && database !== null && "serverName" in database ? (database as ExternalPostgresSource) : undefined;
}

const invalidPort = (port: number | undefined) =>
  port !== undefined && !Token.isUnresolved(port) && (!Number.isInteger(port) || port < 1 || port > 65535);

/**
 * What a PostgreSQL source refuses (AWS DMS user guide, "Using a PostgreSQL database as an AWS DMS source",
 * https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Source.PostgreSQL.html). The endpoint runs it, and so does
 * the environment-file check, on the same props.
 */
export const POSTGRES_SOURCE_RULES: readonly Rule<PostgresSourceView>[] = [
  ...endpointRules<PostgresSourceView>(SUPPORTED_SSL_MODES.postgres),
  ...serverSourceRules<PostgresSourceView>((props) => externalServer(props.database), ["database"]),
  {
    path: ["database", "port"],
    when: (props) => invalidPort(externalServer(props.database)?.port),
    message: "not a TCP port; allowed: 1-65535",
  },
  {
    path: ["database", "hosting"],
    when: (props) => {
      const hosting = externalServer(props.database)?.hosting;
      return hosting !== undefined && !POSTGRES_SOURCE_HOSTINGS.includes(hosting);
    },
    message: `not allowed; allowed: ${POSTGRES_SOURCE_HOSTINGS.join(", ")}`,
  },
];

/** Every problem of a PostgreSQL source's props: the table above, and its settings' own checks. */
export function postgresSourceProblems(props: PostgresSourceView): Problem[] {
  const settings = postgresSourceSettingsProblems(props.settings, props.captureChanges ?? true).map((problem) => ({
    path: problem.field === undefined ? "settings" : `settings.${problem.field}`,
    value: problem.field === undefined ? "" : renderValue(props.settings?.[problem.field]),
    message: problem.message,
  }));
  return [...checkRules(POSTGRES_SOURCE_RULES, props), ...settings];
}
