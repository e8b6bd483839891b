import { Construct } from "constructs";
import { Token } from "cdktf";
import { DbSubnetGroup } from "@cdktf/provider-aws/lib/db-subnet-group";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { ValidationError } from "../core/errors";
import { DATABASE_FACT_RULES, DatabaseFacts, STACK_TAGS, tagMapProblems } from "../core/aws-facts/fact-rules";
import { Problem, renderValue } from "../core/problem";
import { checkRules, validateWith } from "../core/rules";
import { PRIVATE_SUBNET_RULES } from "../network/private-subnets";
import { isProduction, projectTags } from "../core/project-environment";
import { SsmPassword } from "../secrets/ssm-password";
import { ConnectionParameters } from "./connection-parameters";
import { DMS_TARGET_POSTGRES_VERSIONS, minimumDmsEngineForTarget, pinsMinorVersion, postgresMajorVersion } from "./engine-version";
import { RdsMonitoringRole } from "./monitoring-role";
import { PostgresParameterGroup } from "./parameter-group";
import { DEFAULT_MASTER_USERNAME, PostgresCommonProps } from "./postgres-props";
import { claimAwsName } from "../core/unique-names";

const IDENTIFIER = /^[a-z](?!.*--)(?:[a-z0-9-]*[a-z0-9])?$/;
const DATABASE_NAME = /^[A-Za-z][A-Za-z0-9_]{0,62}$/;
const USERNAME = /^[A-Za-z][A-Za-z0-9_]{0,62}$/;

/** What both PostgreSQL constructs derive from their common props, once they are checked. */
export interface PostgresSettings {
  readonly production: boolean;
  readonly majorVersion: string;
  /** `<identifier>-db-<environment>`. */
  readonly name: string;
  readonly port: number;
  readonly masterUsername: string;
  readonly parameterPrefix: string;
  readonly deletionProtection: boolean;
  readonly skipFinalSnapshot: boolean;
  readonly autoMinorVersionUpgrade: boolean;
  readonly tags: (name?: string) => Record<string, string>;
}

/**
 * Checks the props an RDS instance and an Aurora cluster share and works out their settings. The production guard
 * rails are the constructs' rule tables (guard-rules.ts), whose problems come in as `ruleProblems`.
 */
export function postgresSettings(scope: Construct, props: PostgresCommonProps, ruleProblems: readonly Problem[]): PostgresSettings {
  // Every problem is collected and thrown together (with the construct's rule tables'), so a user fixes them in one round.
  const facts: DatabaseFacts = { ...props, instanceClass: (props as { readonly instanceClass?: string }).instanceClass };
  const problems: Problem[] = [
    ...ruleProblems,
    ...checkRules(DATABASE_FACT_RULES, facts),
    ...tagMapProblems(["additionalTags"], props.additionalTags, STACK_TAGS),
  ];
  const fail = (prop: string, value: unknown, message: string) => problems.push({ path: prop, value: renderValue(value), message });
  const major = postgresMajorVersion(props.engineVersion);
  if (major === undefined) {
    fail("engineVersion", props.engineVersion, 'is not a PostgreSQL version; allowed: a major such as "16" or a minor such as "16.4"');
  } else if (minimumDmsEngineForTarget(major) === undefined) {
    fail("engineVersion", props.engineVersion, `PostgreSQL ${major} cannot be a DMS target; allowed: ${DMS_TARGET_POSTGRES_VERSIONS.join(", ")}`);
  }
  const name = `${props.identifier}-db-${props.environment}`;
  if (!IDENTIFIER.test(props.identifier) || name.length > 63) {
    fail("identifier", props.identifier,
      `makes the name "${name}" (${name.length} characters); allowed: lowercase letters, digits and single hyphens, starting with a letter, the name at most 63 characters`);
  }
  if (!DATABASE_NAME.test(props.databaseName)) {
    fail("databaseName", props.databaseName, "PostgreSQL names cannot contain hyphens; allowed: a letter, then letters, digits and underscores (at most 63)");
  }
  if (props.masterUsername !== undefined && !USERNAME.test(props.masterUsername)) {
    fail("masterUsername", props.masterUsername, "allowed: a letter, then letters, digits and underscores (at most 63)");
  }
  problems.push(...checkRules(PRIVATE_SUBNET_RULES, props));
  // A looked-up list is only known at apply time; PrivateSubnetLookup checks it there.
  if (!Token.isUnresolved(props.subnetIds)) {
    props.subnetIds.forEach((subnet, index) => {
      if (props.subnetIds.indexOf(subnet) !== index) fail(`subnetIds[${index}]`, subnet, "is listed twice; allowed: distinct subnets");
    });
  }
  const production = isProduction(props);
  if (props.decommission && props.deletionProtection) {
    fail("decommission", true, "lifts deletion protection; allowed: `deletionProtection: true` or `decommission`, not both");
  }
  const deletionProtection = props.decommission ? false : (props.deletionProtection ?? production);
  const skipFinalSnapshot = props.skipFinalSnapshot ?? false;
  const pinned = pinsMinorVersion(props.engineVersion);
  if (pinned && props.autoMinorVersionUpgrade === true) {
    fail("autoMinorVersionUpgrade", true,
      `\`engineVersion\` "${props.engineVersion}" pins a minor release, so automatic minor upgrades would make every plan try to downgrade; allowed: false, or the major version ("${major}") as engineVersion`);
  }
  const retention = props.performanceInsights?.retentionDays;
  if (retention !== undefined && !(retention === 7 || retention === 731 || (retention % 31 === 0 && retention >= 31 && retention <= 713))) {
    fail("performanceInsights.retentionDays", retention, "allowed: 7, a multiple of 31 up to 713, or 731");
  }
  validateWith(scope, props, problems);
  return {
    production,
    majorVersion: major as string,
    name,
    port: props.port ?? 5432,
    masterUsername: props.masterUsername ?? DEFAULT_MASTER_USERNAME,
    parameterPrefix: props.parameterPrefix ?? `/${props.projectName}/${props.environment}`,
    deletionProtection,
    skipFinalSnapshot,
    autoMinorVersionUpgrade: props.autoMinorVersionUpgrade ?? !pinned,
    tags: (tagName?: string) => projectTags(props, tagName, props.additionalTags),
  };
}

/** The resources both PostgreSQL constructs put around the database itself. */
export interface PostgresFoundation {
  readonly securityGroup: SecurityGroup;
  readonly subnetGroup: DbSubnetGroup;
  /** Undefined when an existing parameter group is used. */
  readonly parameterGroup?: PostgresParameterGroup;
  readonly parameterGroupName: string;
  readonly password: SsmPassword;
  readonly monitoringRoleArn?: string;
}

/**
 * Creates, in `scope`, the Hackney-named security group (no rules of its own) and subnet group, the
 * parameter group forcing SSL (for an instance or a cluster), the SSM-stored master password and, when
 * Enhanced Monitoring is on, its role.
 */
export function postgresFoundation(
  scope: Construct,
  props: PostgresCommonProps,
  settings: PostgresSettings,
  parameterGroupKind: "instance" | "cluster",
): PostgresFoundation {
  const { tags } = settings;
  // Hackney's `internal_only_traffic` group kept its name prefix and Name tag, but none of its open rules.
  const securityGroup = new SecurityGroup(scope, "SecurityGroup", {
    namePrefix: `allow_${props.databaseName}_db_traffic`,
    vpcId: props.vpcId,
    tags: tags(`${props.databaseName}-${props.environment}`),
    lifecycle: { createBeforeDestroy: true },
  });
  const subnetGroupName = `${props.databaseName}-db-subnet-${props.environment}`.toLowerCase();
  claimAwsName(scope, "RDS DB subnet group", subnetGroupName);
  const subnetGroup = new DbSubnetGroup(scope, "SubnetGroup", {
    name: subnetGroupName,
    subnetIds: props.subnetIds,
    tags: tags(subnetGroupName),
    lifecycle: { createBeforeDestroy: true },
  });
  const parameterGroup =
    props.parameterGroupName === undefined
      ? new PostgresParameterGroup(scope, "ParameterGroup", {
          majorVersion: settings.majorVersion,
          cluster: parameterGroupKind === "cluster",
          namePrefix: `${settings.name}-postgres${settings.majorVersion.replace(".", "-")}-`.toLowerCase(),
          forceSsl: props.forceSsl,
          parameters: props.parameters,
          tags: tags(),
        })
      : undefined;
  const password = new SsmPassword(scope, "MasterPassword", {
    parameterName: props.password?.existingParameterName ?? `${settings.parameterPrefix}/postgres-password`,
    generate: props.password?.existingParameterName === undefined,
    version: props.password?.version,
    kmsKeyId: props.password?.kmsKeyId,
    description: `Master password of ${settings.name}`,
    tags: tags(),
  });
  const monitoringRoleArn =
    (props.monitoringInterval ?? 0) > 0 ? new RdsMonitoringRole(scope, "MonitoringRole", { tags: tags() }).arn : undefined;
  return {
    securityGroup,
    subnetGroup,
    parameterGroup,
    parameterGroupName: props.parameterGroupName ?? (parameterGroup as PostgresParameterGroup).name,
    password,
    monitoringRoleArn,
  };
}

/** Publishes how to reach the database as plain SSM parameters, unless told not to. */
export function publishConnection(scope: Construct, props: PostgresCommonProps, settings: PostgresSettings, hostname: string): void {
  if (props.publishConnectionParameters === false) return;
  new ConnectionParameters(scope, "ConnectionParameters", {
    prefix: settings.parameterPrefix,
    username: settings.masterUsername,
    hostname,
    port: settings.port,
    databaseName: props.databaseName,
    tags: settings.tags(),
  });
}

/** Turns on logical replication in a created parameter group, or explains why it cannot. */
export function enableLogicalReplication(scope: Construct, parameterGroup: PostgresParameterGroup | undefined): void {
  if (!parameterGroup) {
    throw new ValidationError(
      scope,
      "cannot turn on logical replication in the existing parameter group `parameterGroupName`; set `rds.logical_replication = 1` in it, or let the database create its group",
    );
  }
  parameterGroup.addParameters({ "rds.logical_replication": "1" });
}
