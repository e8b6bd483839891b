import { Rule } from "../../../core/rules";
import { endpointRules, serverSourceRules } from "../../endpoints/endpoint-rules";
import type { MongodbSourceEndpointProps } from "./endpoint";
import { MONGODB_DATABASE_NAME, MONGODB_SSL_MODES } from "./options";

const mode = (props: MongodbSourceEndpointProps) => props.mode ?? "document";
const fullLoadsOnly = (props: MongodbSourceEndpointProps) => props.captureChanges === false;

/**
 * What a MongoDB source refuses (AWS DMS user guide, "Using MongoDB as a source for AWS DMS",
 * https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Source.MongoDB.html). The endpoint runs this table, and so
 * does the environment-file check, on the same props.
 */
export const MONGODB_SOURCE_RULES: readonly Rule<MongodbSourceEndpointProps>[] = [
  ...endpointRules<MongodbSourceEndpointProps>(MONGODB_SSL_MODES),
  ...serverSourceRules<MongodbSourceEndpointProps>((props) => props),
  {
    path: ["databaseName"],
    when: (props) => !MONGODB_DATABASE_NAME.test(props.databaseName),
    message: 'must be a MongoDB database name: 1-63 characters, none of / \\ . " $ * < > : | ? or space',
  },
  {
    path: ["authSource"],
    when: (props) => props.authSource !== undefined && !MONGODB_DATABASE_NAME.test(props.authSource),
    message: "must be the MongoDB database that holds the DMS user (usually admin)",
  },
  {
    path: ["authType"],
    when: (props) => props.authType === "no",
    message: 'an anonymous connection lets anyone who reaches the port read the data, and DMS then proves nothing; allowed: "password"',
  },
  {
    path: ["authMechanism"],
    when: (props) => props.authMechanism === "mongodb-cr",
    message: 'MONGODB-CR was removed in MongoDB 4.0 and sends a weak hash; allowed: "default" (SCRAM-SHA-1 or later), "scram-sha-1"',
  },
  {
    path: ["kmsKeyArn"],
    when: (props) => props.kmsKeyArn === undefined,
    message: "required: DMS encrypts a MongoDB endpoint's connection details with it (give the environment's key, or encryption.customerManagedKeys in the file)",
  },
  {
    path: ["docsToInvestigate"],
    when: (props) => props.docsToInvestigate !== undefined && mode(props) !== "table",
    message: 'only applies in `mode: "table"`, where DMS samples documents to choose the columns',
  },
  {
    path: ["docsToInvestigate"],
    when: (props) => props.docsToInvestigate !== undefined && (!Number.isInteger(props.docsToInvestigate) || props.docsToInvestigate < 1),
    message: "must be a whole number of documents, at least 1",
  },
  {
    path: ["extractDocId"],
    when: (props) => props.extractDocId !== undefined && mode(props) !== "document",
    message: 'only applies in `mode: "document"`; in table mode `_id` is a column already',
  },
  {
    path: ["useUpdateLookup"],
    when: (props) => fullLoadsOnly(props) && props.useUpdateLookup === true,
    message: "only applies to change capture, but `captureChanges` is false (full loads only)",
  },
];
