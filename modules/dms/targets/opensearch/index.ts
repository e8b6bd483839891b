import { fileProblems, nestProblems } from "../../../core/rules";
import { TargetEngine } from "../target-engine";
import { OpensearchDomain, existingDomainPeer } from "./domain";
import { OpensearchTargetEndpoint } from "./endpoint";
import { OPENSEARCH_DOMAIN_RULES, OPENSEARCH_REFUSED_TASK_SETTINGS, OPENSEARCH_TARGET_RULES } from "./rules";
import { OpensearchTargetConfig, opensearchTargetSchema } from "./schema";

function endpointSettings(target: OpensearchTargetConfig) {
  const { engine: _engine, domain: _domain, ...settings } = target;
  return settings;
}

function domainSettings(target: OpensearchTargetConfig) {
  const { name, instanceType, instanceCount, volumeSizeGb } = target.domain;
  return { domainName: name as string, instanceType, instanceCount, volumeSizeGb };
}

export const opensearchTarget: TargetEngine<typeof opensearchTargetSchema> = {
  engine: "opensearch",
  schema: opensearchTargetSchema,
  settingsKey: "ElasticsearchSettings",
  refusesTaskSettings: OPENSEARCH_REFUSED_TASK_SETTINGS,
  problems: (target) => [
    ...fileProblems(OPENSEARCH_TARGET_RULES, endpointSettings(target)),
    ...(target.domain.existingDomainArn === undefined
      ? nestProblems(["domain"], fileProblems(OPENSEARCH_DOMAIN_RULES, domainSettings(target), { domainName: "name" }))
      : []),
  ],
  build: (scope, name, target, context) => {
    const { domain } = target;
    const searchDomain =
      domain.existingDomainArn !== undefined
        ? OpensearchDomain.fromExisting(scope, `Domain-${name}`, {
            domainArn: domain.existingDomainArn,
            endpoint: domain.endpoint as string,
            peer: existingDomainPeer(domain.securityGroupId, domain.cidr),
          })
        : new OpensearchDomain(scope, `Domain-${name}`, {
            projectName: context.projectName,
            environment: context.environment,
            ...domainSettings(target),
            engineVersion: domain.engineVersion,
            vpcId: context.network.vpcId,
            subnetIds: context.network.subnetIds,
            kmsKeyArn: context.kmsKeyArn,
          });
    return new OpensearchTargetEndpoint(scope, `Target-${name}`, {
      ...endpointSettings(target),
      projectName: context.projectName,
      environment: context.environment,
      domain: searchDomain,
    });
  },
};
