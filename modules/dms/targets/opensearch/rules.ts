import { Rule } from "../../../core/rules";
import type { OpensearchDomainProps } from "./domain";
import { ENDPOINT_ID } from "../../endpoints/endpoint-rules";
import type { TaskSettingsValues } from "../../task-settings";
import { DOMAIN_NAME, OpensearchTargetOptions } from "./options";

/** What the endpoint rules read: the id and the settings, not the domain. */
export interface OpensearchEndpointSettings extends OpensearchTargetOptions {
  readonly endpointId: string;
}

const wholeNumber = (value: number | undefined, min: number, max = Number.MAX_SAFE_INTEGER) =>
  value !== undefined && (!Number.isInteger(value) || value < min || value > max);

/**
 * What an OpenSearch target endpoint refuses (AWS DMS user guide, "Using an Amazon OpenSearch Service cluster as a
 * target", https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Target.Elasticsearch.html). The endpoint runs this
 * table, and so does the environment-file check.
 */
export const OPENSEARCH_TARGET_RULES: readonly Rule<OpensearchEndpointSettings>[] = [
  { path: ["endpointId"], when: (props) => !ENDPOINT_ID.test(props.endpointId), message: "must be letters, digits and single hyphens, starting with a letter" },
  {
    path: ["fullLoadErrorPercentage"],
    when: (props) => wholeNumber(props.fullLoadErrorPercentage, 0, 100),
    message: "must be a whole percentage from 0 to 100",
  },
  { path: ["errorRetryDuration"], when: (props) => wholeNumber(props.errorRetryDuration, 0), message: "must be a whole number of seconds, 0 or more" },
  {
    path: ["useNewMappingType"],
    when: (props) => (props.engineName ?? "opensearch") === "opensearch" && props.useNewMappingType === false,
    message: "OpenSearch has only the `_doc` document type; false is for Elasticsearch 6.x (`engineName: \"elasticsearch\"`)",
  },
];

/** What the domain rules read: its name and size, not its network. */
export type OpensearchDomainSettings = Pick<OpensearchDomainProps, "domainName" | "instanceType" | "instanceCount" | "volumeSizeGb">;

/** What a domain created by the library refuses. */
export const OPENSEARCH_DOMAIN_RULES: readonly Rule<OpensearchDomainSettings>[] = [
  { path: ["domainName"], when: (props) => !DOMAIN_NAME.test(props.domainName), message: "must be 3 to 28 lowercase letters, digits and hyphens, starting with a letter" },
  { path: ["instanceCount"], when: (props) => wholeNumber(props.instanceCount, 1, 80), message: "must be a whole number of data nodes, 1 to 80" },
  { path: ["volumeSizeGb"], when: (props) => wholeNumber(props.volumeSizeGb, 10, 16384), message: "must be a whole number of GiB, 10 or more" },
  {
    path: ["instanceType"],
    when: (props) => props.instanceType !== undefined && !/^[a-z0-9]+\.[a-z0-9]+\.search$/.test(props.instanceType),
    message: "must be an OpenSearch instance type such as t3.small.search",
  },
];

/**
 * Task settings DMS cannot apply to an OpenSearch index: an index has no LOB columns and DMS does not validate
 * OpenSearch targets, and OpenSearch takes at most 32 load threads per table (same user guide page). An index is not
 * a table DMS can truncate: `DROP_AND_CREATE` deletes and recreates each table's index before the full load, and
 * `DO_NOTHING` writes into the index as it is (a document with the same id is overwritten), so `TRUNCATE_BEFORE_LOAD`,
 * which would promise an emptied index with its mappings kept, is refused.
 */
export const OPENSEARCH_REFUSED_TASK_SETTINGS: readonly Rule<TaskSettingsValues>[] = [
  {
    path: ["TargetMetadata", "SupportLobs"],
    when: (settings) => settings.TargetMetadata?.SupportLobs === true,
    message: "an OpenSearch target takes no LOB columns; allowed: false (set TargetMetadata.SupportLobs: false)",
  },
  {
    path: ["ValidationSettings", "EnableValidation"],
    when: (settings) => settings.ValidationSettings?.EnableValidation === true,
    message: "DMS does not validate data in an OpenSearch target; allowed: false (and no `validation: true` on the task)",
  },
  {
    path: ["FullLoadSettings", "TargetTablePrepMode"],
    when: (settings) => settings.FullLoadSettings?.TargetTablePrepMode === "TRUNCATE_BEFORE_LOAD",
    message:
      "an OpenSearch index cannot be truncated; allowed: DROP_AND_CREATE (deletes and recreates each table's index, the default) or DO_NOTHING (writes into the index as it is, overwriting documents with the same id)",
  },
  {
    path: ["TargetMetadata", "ParallelLoadThreads"],
    when: (settings) => (settings.TargetMetadata?.ParallelLoadThreads ?? 0) > 32,
    message: "an OpenSearch target takes at most 32 load threads per table",
  },
];
