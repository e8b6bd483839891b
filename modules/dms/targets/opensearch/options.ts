/** DMS's `engine_name` for a search target: the same endpoint, told apart by the cluster's product. */
export const SEARCH_ENGINE_NAMES = ["opensearch", "elasticsearch"] as const;
export type SearchEngineName = (typeof SEARCH_ENGINE_NAMES)[number];

/** The `elasticsearch_settings` of the endpoint (API `ElasticsearchSettings`, https://docs.aws.amazon.com/dms/latest/APIReference/API_ElasticsearchSettings.html). */
export interface OpensearchTargetOptions {
  /** @default "opensearch" */
  readonly engineName?: SearchEngineName;
  /**
   * Percentage of records that may fail to be written before a full load stops (counted after the first 1000
   * records). @default 10
   */
  readonly fullLoadErrorPercentage?: number;
  /** Seconds DMS retries a failed request to the cluster. @default 300 */
  readonly errorRetryDuration?: number;
  /**
   * Write documents as type `_doc`, the only type OpenSearch and Elasticsearch 7.x and later have; false only for an
   * Elasticsearch 6.x cluster. @default true
   */
  readonly useNewMappingType?: boolean;
}

export const DEFAULT_FULL_LOAD_ERROR_PERCENTAGE = 10;
export const DEFAULT_ERROR_RETRY_DURATION = 300;

/** HTTPS: DMS reaches the domain's endpoint on 443. */
export const HTTPS_PORT = 443;

/** OpenSearch domain names: 3 to 28 lowercase letters, digits and hyphens, starting with a letter. */
export const DOMAIN_NAME = /^[a-z][a-z0-9-]{2,27}$/;

/** The TLS policy of a created domain: TLS 1.2 at least, forward-secret ciphers only. */
export const TLS_SECURITY_POLICY = "Policy-Min-TLS-1-2-PFS-2023-10";

/** The engine of a created domain. @see https://docs.aws.amazon.com/opensearch-service/latest/developerguide/what-is.html#choosing-version */
export const DEFAULT_DOMAIN_ENGINE_VERSION = "OpenSearch_2.19";
