import { fileProblems } from "../../../core/rules";
import { endpointRules, serverSourceRules } from "../../endpoints/endpoint-rules";
import { SourceEngine } from "../source-engine";
import { oracleOptionProblems } from "./attributes";
import { OracleSourceEndpoint, OracleSourceEndpointProps } from "./endpoint";
import { oracleSourceEndpointProps, oracleSourceSchema } from "./schema";

const FILE_RULES = [...endpointRules<OracleSourceEndpointProps>(["none", "verify-ca"]), ...serverSourceRules<OracleSourceEndpointProps>()];
const FILE_PATHS = { serverName: "server", "credentials.usernameParameterName": "usernameParameter", credentials: "" };

export const oracleSource: SourceEngine<typeof oracleSourceSchema> = {
  engine: "oracle",
  schema: oracleSourceSchema,
  settingsKey: "OracleSettings",
  capturesChanges: (source) => source.captureChanges,
  problems: (source) => {
    const props = oracleSourceEndpointProps(source, { projectName: "", environment: "" });
    const options = oracleOptionProblems(props).map((message) => ({ path: "", value: "", message }));
    return [...fileProblems(FILE_RULES, props, FILE_PATHS), ...options];
  },
  build: (scope, id, source, context) =>
    new OracleSourceEndpoint(scope, id, {
      ...oracleSourceEndpointProps(source, context, context.secretRecoveryWindowInDays),
      kmsKeyArn: source.kmsKeyArn ?? context.kmsKeyArn,
    }),
};
