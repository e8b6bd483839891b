import { Rule } from "../../../core/rules";
import { endpointRules, serverSourceRules } from "../../endpoints/endpoint-rules";
import type { SybaseSourceEndpointProps } from "./endpoint";
import { SYBASE_CHARSET, SYBASE_SSL_MODES } from "./options";

const ASE_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_@#$]{0,254}$/;

/**
 * What an SAP ASE source refuses (AWS DMS user guide, "Using an SAP ASE database as a source",
 * https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Source.SAP.html). The endpoint runs this table, and so does
 * the environment-file check, on the same props.
 */
export const SYBASE_SOURCE_RULES: readonly Rule<SybaseSourceEndpointProps>[] = [
  ...endpointRules<SybaseSourceEndpointProps>(SYBASE_SSL_MODES),
  ...serverSourceRules<SybaseSourceEndpointProps>((props) => props),
  {
    path: ["databaseName"],
    when: (props) => !ASE_IDENTIFIER.test(props.databaseName),
    message: "must be an SAP ASE identifier (a letter or _, then letters, digits, _, @, # or $), as the DBA script writes it unquoted",
  },
  {
    path: ["credentials", "username"],
    when: (props) => props.credentials.username !== undefined && !ASE_IDENTIFIER.test(props.credentials.username),
    message: "must be an SAP ASE login name (a letter or _, then letters, digits, _, @, # or $), as the DBA script writes it unquoted",
  },
  {
    path: ["charset"],
    when: (props) => props.charset !== undefined && !SYBASE_CHARSET.test(props.charset),
    message: 'must be an SAP ASE character set name, such as "utf8" or "iso_1"',
  },
  {
    path: ["enableReplication"],
    when: (props) => props.captureChanges === false && props.enableReplication !== undefined,
    message: "only applies to change capture, but `captureChanges` is false (full loads only)",
  },
];
