import { Construct } from "constructs";
import { DmsEndpoint } from "@cdktf/provider-aws/lib/dms-endpoint";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { ProjectEnvironment, projectTags } from "../../../core/project-environment";
import { validateProps } from "../../../core/rules";
import { dmsTrustPolicy } from "../../../core/trust-policy";
import { IConnectable } from "../../../network/connections";
import { ITargetEndpoint } from "../../endpoints/endpoint";
import { DMS_HTTP_ACTIONS, IOpensearchDomain } from "./domain";
import { DEFAULT_ERROR_RETRY_DURATION, DEFAULT_FULL_LOAD_ERROR_PERCENTAGE, HTTPS_PORT, OpensearchTargetOptions } from "./options";
import { OPENSEARCH_REFUSED_TASK_SETTINGS, OPENSEARCH_TARGET_RULES } from "./rules";

export interface OpensearchTargetEndpointProps extends ProjectEnvironment, OpensearchTargetOptions {
  /** Such as `target-addresses-search`. */
  readonly endpointId: string;
  /** `new OpensearchDomain(...)` or `OpensearchDomain.fromExisting(...)`. */
  readonly domain: IOpensearchDomain;
  /** @default {} */
  readonly additionalTags?: Readonly<Record<string, string>>;
}

/**
 * An OpenSearch (or Elasticsearch) target endpoint: one index per source table, documents keyed by the table's
 * primary key (or a unique key). DMS signs its requests with a service access role created here, trusted by DMS in
 * this account only, that may call the domain's HTTP API and nothing else; a domain created by the library lets in
 * that role only. Tasks writing here are refused LOB columns and validation, which DMS cannot apply to an index.
 */
export class OpensearchTargetEndpoint extends Construct implements ITargetEndpoint {
  readonly endpointArn: string;
  readonly endpointId: string;
  readonly serviceAccessRoleArn: string;
  readonly refusesTaskSettings = OPENSEARCH_REFUSED_TASK_SETTINGS;
  private readonly domain: IOpensearchDomain;

  constructor(scope: Construct, id: string, props: OpensearchTargetEndpointProps) {
    super(scope, id);
    validateProps(this, props, OPENSEARCH_TARGET_RULES);
    const { domain } = props;
    const tags = projectTags(props, props.endpointId, props.additionalTags);
    const role = new IamRole(this, "AccessRole", {
      namePrefix: "dms-opensearch-",
      description: `Lets DMS write the documents of endpoint ${props.endpointId} to its search domain`,
      assumeRolePolicy: dmsTrustPolicy(this),
      tags,
    });
    const policy = new IamRolePolicy(this, "WriteDocuments", {
      role: role.id,
      name: "write-search-documents",
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Sid: "DomainHttpApi", Effect: "Allow", Action: [...DMS_HTTP_ACTIONS], Resource: [domain.domainArn, `${domain.domainArn}/*`] }],
      }),
    });
    domain.allowOnly(role.arn);

    const endpoint = new DmsEndpoint(this, "Endpoint", {
      endpointId: props.endpointId,
      endpointType: "target",
      engineName: props.engineName ?? "opensearch",
      elasticsearchSettings: {
        endpointUri: `https://${domain.endpoint}`,
        serviceAccessRoleArn: role.arn,
        fullLoadErrorPercentage: props.fullLoadErrorPercentage ?? DEFAULT_FULL_LOAD_ERROR_PERCENTAGE,
        errorRetryDuration: props.errorRetryDuration ?? DEFAULT_ERROR_RETRY_DURATION,
        useNewMappingType: props.useNewMappingType ?? true,
      },
      tags,
      dependsOn: [policy],
    });
    this.endpointArn = endpoint.endpointArn;
    this.endpointId = props.endpointId;
    this.serviceAccessRoleArn = role.arn;
    this.domain = domain;
  }

  /** DMS reaches the domain's HTTPS endpoint: 443 only, to the domain's security group (or network). */
  allowConnectionsFrom(runner: IConnectable): void {
    runner.connections.allowTo(this.domain.peer, HTTPS_PORT, `HTTPS to the search domain of ${this.endpointId}`);
  }
}
