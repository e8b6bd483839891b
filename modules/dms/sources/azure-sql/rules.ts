import { Rule } from "../../../core/rules";
import { endpointRules, serverSourceRules } from "../../endpoints/endpoint-rules";
import type { AzureSqlSourceEndpointProps } from "./endpoint";
import { AZURE_SQL_CAPTURE_MODES, AZURE_SQL_SSL_MODES } from "./options";

/**
 * What an Azure SQL source refuses: change capture from Azure SQL Database, which DMS does not do
 * (https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Source.AzureSQL.html), and anything but MS-CDC or full loads
 * from a managed instance. The endpoint runs this table, and so does the environment-file check, on the same props.
 */
export const AZURE_SQL_SOURCE_RULES: readonly Rule<AzureSqlSourceEndpointProps>[] = [
  ...endpointRules<AzureSqlSourceEndpointProps>(AZURE_SQL_SSL_MODES),
  ...serverSourceRules<AzureSqlSourceEndpointProps>((props) => props),
  {
    path: ["captureMode"],
    when: (props) => props.captureMode !== undefined && !AZURE_SQL_CAPTURE_MODES[props.service].includes(props.captureMode),
    message: (props) =>
      props.service === "sql-database"
        ? 'DMS does not capture changes from Azure SQL Database (full loads only); allowed: "none"'
        : `allowed: ${AZURE_SQL_CAPTURE_MODES[props.service].map((mode) => `"${mode}"`).join(", ")}`,
  },
];
