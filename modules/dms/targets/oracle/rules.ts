import { isProduction } from "../../../core/project-environment";
import { Rule } from "../../../core/rules";
import { serverTargetRules } from "../../endpoints/server-target";
import type { OracleTargetEndpointProps } from "./endpoint";
import { ORACLE_NAME, ORACLE_TARGET_SSL_MODES } from "./options";

const directPath = (props: OracleTargetEndpointProps) => props.useDirectPathFullLoad !== false;

/**
 * What an Oracle target refuses (AWS DMS user guide, "Using an Oracle database as a target",
 * https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Target.Oracle.html).
 */
export const ORACLE_TARGET_RULES: readonly Rule<OracleTargetEndpointProps>[] = [
  ...serverTargetRules<OracleTargetEndpointProps>(ORACLE_TARGET_SSL_MODES, (props) => props.sslMode ?? "verify-ca"),
  {
    path: ["databaseName"],
    when: (props) => !/^[A-Za-z][A-Za-z0-9_.$#-]{0,127}$/.test(props.databaseName),
    message: "must be the Oracle service name (SID or PDB service), such as ORCLPDB1",
  },
  {
    path: ["directPathParallelLoad"],
    when: (props) => !directPath(props) && props.directPathParallelLoad === true,
    message: "needs direct path loads, but `useDirectPathFullLoad` is false",
  },
  {
    path: ["directPathNoLog"],
    when: (props) => !directPath(props) && props.directPathNoLog === true,
    message: "needs direct path loads, but `useDirectPathFullLoad` is false",
  },
  {
    path: ["directPathNoLog"],
    when: (props) => props.directPathNoLog === true && isProduction(props),
    message: "writes rows without redo in production, where they could not be recovered; allowed: false",
  },
  {
    path: ["schemas"],
    when: (props) => (props.schemas ?? []).some((schema) => !ORACLE_NAME.test(schema)),
    message: "each must be a plain Oracle user name: a letter, then letters, digits, _ $ #",
  },
  {
    path: ["tablespace"],
    when: (props) => props.tablespace !== undefined && !ORACLE_NAME.test(props.tablespace),
    message: "must be a plain Oracle tablespace name",
  },
  {
    path: ["credentials", "username"],
    when: (props) => props.credentials.username !== undefined && !ORACLE_NAME.test(props.credentials.username),
    message: "must be a plain Oracle user name (the DBA script writes it unquoted)",
  },
];
