import { IConstruct } from "constructs";
import { DmsEndpoint } from "@cdktf/provider-aws/lib/dms-endpoint";
import { ValidationError } from "../../core/errors";
import { PathSegment, Problem } from "../../core/problem";
import { Rule, checkRules, nestProblems, throwIfProblems } from "../../core/rules";

/**
 * Extra connection attributes (`extra_connection_attributes`, `key=value;key=value`) an endpoint takes beyond its
 * typed options: the escape hatch for settings this library does not type yet, such as
 * `secretsManagerEndpointOverride` (https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Security.html#security-iam-secretsmanager).
 * Keys and values are plain strings; the endpoint's typed options come first in the rendered string.
 */
export type ExtraConnectionAttributes = Readonly<Record<string, string>>;

/** The key of the environment's own PostgreSQL target (`dms.targetEndpoint`) in the table below. */
export const DATABASE_TARGET_ENGINE = "postgres-target";

/**
 * The attributes each engine already types, as `attribute: typed option` (the `engine` of the environment-file
 * entry; the environment's own PostgreSQL target is `postgres-target`). An attribute given here would fight the typed
 * option, so it is refused with the option's name. DMS reads attribute names without regard to case.
 * Attribute names: https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Source.html and CHAP_Target.html, per engine.
 */
export const TYPED_CONNECTION_ATTRIBUTES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  postgres: {
    heartbeatEnable: "settings.heartbeatEnable",
    heartbeatFrequency: "settings.heartbeatFrequency",
    heartbeatSchema: "settings.heartbeatSchema",
    captureDDLs: "settings.captureDdls",
    ddlArtifactsSchema: "settings.ddlArtifactsSchema",
    executeTimeout: "settings.executeTimeout",
    mapBooleanAsBoolean: "settings.mapBooleanAsBoolean",
    mapJsonbAsClob: "settings.mapJsonbAsClob",
    mapLongVarcharAs: "settings.mapLongVarcharAs",
    pluginName: "settings.pluginName",
    slotName: "settings.slotName",
  },
  [DATABASE_TARGET_ENGINE]: {
    afterConnectScript: "afterConnectScript",
    maxFileSize: "maxFileSize",
    executeTimeout: "executeTimeout",
  },
  sqlserver: {
    safeguardPolicy: "safeguardPolicy",
    readBackupOnly: "readBackupOnly",
    setUpMsCdcForTables: "setUpMsCdcForTables",
    ignoreMsReplicationEnablement: "ignoreMsReplicationEnablement",
    alwaysOnSharedSynchronizedBackupsIsEnabled: "alwaysOn.pollAllReplicasForBackups",
    multiSubnetFailover: "alwaysOn.multiSubnetFailover",
    readFromSecondary: "alwaysOn.readFromSecondary",
  },
  oracle: {
    useLogminerReader: "reader",
    useBfile: "reader",
    addSupplementalLogging: "addSupplementalLogging",
    archivedLogDestId: "archivedLogDestId",
    additionalArchivedLogDestId: "additionalArchivedLogDestId",
    archivedLogsOnly: "archivedLogsOnly",
    allowSelectNestedTables: "allowSelectNestedTables",
    exposeViews: "exposeViews",
    numberDataTypeScale: "numberDataTypeScale",
    parallelAsmReadThreads: "parallelAsmReadThreads",
    readAheadBlocks: "readAheadBlocks",
    readTableSpaceName: "readTableSpaceName",
    usePathPrefix: "rdsLegacyPathPrefixDbName",
    replacePathPrefix: "rdsLegacyPathPrefixDbName",
    oraclePathPrefix: "rdsLegacyPathPrefixDbName",
    asmUser: "asm",
    asmServer: "asm",
  },
  mysql: {
    serverTimezone: "serverTimezone",
    eventsPollInterval: "eventsPollInterval",
    cleanSourceMetadataOnMismatch: "cleanSourceMetadataOnMismatch",
  },
  s3: {
    bucketName: "bucket",
    bucketFolder: "bucketFolder",
    dataFormat: "dataFormat",
    encryptionMode: "encryptionMode",
    serverSideEncryptionKmsKeyId: "kmsKeyArn",
    cdcInsertsOnly: "cdcInsertsOnly",
    cdcInsertsAndUpdates: "cdcInsertsAndUpdates",
    cdcPath: "cdcPath",
    includeOpForFullLoad: "includeOpForFullLoad",
    timestampColumnName: "timestampColumnName",
    parquetVersion: "parquetVersion",
    parquetTimestampInMillisecond: "parquetTimestampInMillisecond",
    datePartitionEnabled: "datePartitionEnabled",
    datePartitionSequence: "datePartitionSequence",
    datePartitionDelimiter: "datePartitionDelimiter",
    datePartitionTimezone: "datePartitionTimezone",
    preserveTransactions: "preserveTransactions",
    expectedBucketOwner: "ownerAccountId",
  },
  opensearch: {
    errorRetryDuration: "errorRetryDuration",
    fullLoadErrorPercentage: "fullLoadErrorPercentage",
    useNewMappingType: "useNewMappingType",
  },
  redshift: {
    bucketName: "warehouse bucket",
    bucketFolder: "warehouse bucket folder",
  },
};

/**
 * Attributes that carry credentials: DMS reads those from the endpoint's Secrets Manager secret, and an attribute
 * is stored in plain text in the plan and the state. Matched without regard to case; any name holding `password`,
 * `secretKey`, `accessKey`, `token` or `credential` is refused too.
 */
export const SECRET_CONNECTION_ATTRIBUTES: readonly string[] = ["password", "username", "securityDbEncryption", "asmPassword", "saslPassword", "sslClientKeyPassword"];
const SECRET_NAME = /password|passwd|secretkey|accesskey|token|credential/i;

/** An attribute name DMS parses: a letter, then letters, digits, `_` or `.`. */
const ATTRIBUTE_NAME = /^[A-Za-z][A-Za-z0-9_.]*$/;

/** One attribute, as the rules below read it. */
export interface ConnectionAttribute {
  readonly engine: string;
  readonly key: string;
  readonly value: string;
}

const typedOption = (attribute: ConnectionAttribute): string | undefined => {
  const typed = TYPED_CONNECTION_ATTRIBUTES[attribute.engine] ?? {};
  const name = Object.keys(typed).find((key) => key.toLowerCase() === attribute.key.toLowerCase());
  return name === undefined ? undefined : typed[name];
};

const holdsSecret = (key: string) => SECRET_CONNECTION_ATTRIBUTES.some((name) => name.toLowerCase() === key.toLowerCase()) || SECRET_NAME.test(key);

/** The rules of one attribute, run by the construct helper below and by the environment-file check, at `[key]`. */
export const CONNECTION_ATTRIBUTE_RULES: readonly Rule<ConnectionAttribute>[] = [
  {
    path: ["key"],
    when: (attribute) => !ATTRIBUTE_NAME.test(attribute.key),
    message: "not an attribute name; allowed: a letter, then letters, digits, _ or .",
  },
  {
    path: ["key"],
    when: (attribute) => holdsSecret(attribute.key),
    message: "holds a credential, which would be stored in plain text; DMS reads credentials from the endpoint's secret (`credentials`)",
    hideValue: true,
  },
  {
    path: ["key"],
    when: (attribute) => typedOption(attribute) !== undefined,
    message: (attribute) => `typed by this library for ${attribute.engine}: use the typed option \`${typedOption(attribute)}\``,
  },
  {
    path: ["value"],
    when: (attribute) => /[;=\r\n]/.test(attribute.value),
    message: "holds `;`, `=` or a line break, which would start another attribute; allowed: a value without them",
    hideValue: true,
  },
  {
    path: ["value"],
    when: (attribute) => attribute.value.length === 0,
    message: "empty; allowed: a value, or leave the attribute out",
  },
];

/** Every problem of `attributes` for `engine`, each at `prefix.<key>`, so the file and the construct say the same. */
export function extraConnectionAttributeProblems(engine: string, attributes: ExtraConnectionAttributes, prefix: readonly PathSegment[] = []): Problem[] {
  return Object.entries(attributes).flatMap(([key, value]) =>
    nestProblems(
      [...prefix, key],
      checkRules(CONNECTION_ATTRIBUTE_RULES, { engine, key, value }).map((problem) => ({ ...problem, path: "" })),
    ),
  );
}

/** `key=value;key=value`, keys in the order given. */
export function renderConnectionAttributes(attributes: ExtraConnectionAttributes): string {
  return Object.entries(attributes)
    .map(([key, value]) => `${key}=${value}`)
    .join(";");
}

/**
 * Adds `attributes` to the one `aws_dms_endpoint` under `endpoint` (an engine's endpoint construct), after the
 * attributes its typed options already render. Throws a `ValidationError` listing every refused attribute.
 */
export function addExtraConnectionAttributes(endpoint: IConstruct, engine: string, attributes: ExtraConnectionAttributes): void {
  if (Object.keys(attributes).length === 0) return;
  throwIfProblems(endpoint, extraConnectionAttributeProblems(engine, attributes, ["extraConnectionAttributes"]));
  const resources = endpoint.node.findAll().filter((child): child is DmsEndpoint => child instanceof DmsEndpoint);
  if (resources.length !== 1) {
    throw new ValidationError(endpoint, `\`extraConnectionAttributes\` needs exactly one DMS endpoint under this construct, found ${resources.length}`);
  }
  const [resource] = resources;
  const typed = resource.extraConnectionAttributesInput;
  const extra = renderConnectionAttributes(attributes);
  resource.extraConnectionAttributes = typed === undefined || typed === "" ? extra : `${typed};${extra}`;
}
