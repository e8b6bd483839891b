import { Rule } from "../../../core/rules";
import { serverTargetRules } from "../../endpoints/server-target";
import type { SybaseTargetEndpointProps } from "./endpoint";
import { SYBASE_CHARSET, SYBASE_NAME, SYBASE_TARGET_SSL_MODES } from "./options";

/** What an SAP ASE target refuses (https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Target.SAP.html). */
export const SYBASE_TARGET_RULES: readonly Rule<SybaseTargetEndpointProps>[] = [
  ...serverTargetRules<SybaseTargetEndpointProps>(SYBASE_TARGET_SSL_MODES, (props) => props.sslMode ?? "require"),
  { path: ["databaseName"], when: (props) => !SYBASE_NAME.test(props.databaseName), message: "must be an SAP ASE database name: a letter or _, then letters, digits, _ # $ @, up to 30" },
  { path: ["charset"], when: (props) => props.charset !== undefined && !SYBASE_CHARSET.test(props.charset), message: "must be an SAP ASE character set name such as iso_1 or utf8" },
  {
    path: ["credentials", "username"],
    when: (props) => props.credentials.username !== undefined && !SYBASE_NAME.test(props.credentials.username),
    message: "must be a plain SAP ASE login name (the DBA script writes it in a literal)",
  },
];
