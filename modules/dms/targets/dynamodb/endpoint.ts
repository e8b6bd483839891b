import { Construct } from "constructs";
import { DmsEndpoint } from "@cdktf/provider-aws/lib/dms-endpoint";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { Problem } from "../../../core/problem";
import { ProjectEnvironment, projectTags } from "../../../core/project-environment";
import { validateProps } from "../../../core/rules";
import { dmsTrustPolicy, stackArn } from "../../../core/trust-policy";
import { IConnectable } from "../../../network/connections";
import { servicePrefixListPeer } from "../../../network/service-prefix-lists";
import { ITargetEndpoint } from "../../endpoints/endpoint";
import { ObjectMappingRule } from "../../table-mappings/object-mapping";
import { CONTROL_TABLE_ACTIONS, DMS_CONTROL_TABLES, HTTPS_PORT, TABLE_ITEM_ACTIONS } from "./options";
import { DYNAMODB_REFUSED_TASK_SETTINGS, DYNAMODB_TARGET_RULES, dynamoDbObjectMappingProblems } from "./rules";
import { IDynamoDbTable } from "./table";

export interface DynamoDbTargetEndpointProps extends ProjectEnvironment {
  /** Such as `target-orders-dynamodb`. */
  readonly endpointId: string;
  /** `new DynamoDbTable(...)` or `DynamoDbTable.fromName(...)`: every table the tasks' object-mapping rules write to. */
  readonly tables: readonly IDynamoDbTable[];
  /** @default {} */
  readonly additionalTags?: Readonly<Record<string, string>>;
}

/**
 * A DynamoDB target endpoint: rows become items of the declared tables, through object-mapping rules whose partition
 * and sort keys are checked against the tables' keys. DMS writes with a service access role created here, trusted by
 * DMS in this account only, that may write items of those tables and keep its two exception tables, nothing else.
 */
export class DynamoDbTargetEndpoint extends Construct implements ITargetEndpoint {
  readonly endpointArn: string;
  readonly endpointId: string;
  readonly serviceAccessRoleArn: string;
  readonly refusesTaskSettings = DYNAMODB_REFUSED_TASK_SETTINGS;
  readonly takesObjectMapping = true;
  readonly tables: readonly IDynamoDbTable[];

  constructor(scope: Construct, id: string, props: DynamoDbTargetEndpointProps) {
    super(scope, id);
    // The rules read the tables' names and keys (a construct cannot be shown in a message).
    const tables = props.tables.map((table) => ({ tableName: table.tableName, partitionKey: table.partitionKey, sortKey: table.sortKey }));
    validateProps(this, { endpointId: props.endpointId, tables }, DYNAMODB_TARGET_RULES);
    const tags = projectTags(props, props.endpointId, props.additionalTags);
    const role = new IamRole(this, "AccessRole", {
      namePrefix: "dms-dynamodb-",
      description: `Lets DMS write the items of endpoint ${props.endpointId} to its DynamoDB tables`,
      assumeRolePolicy: dmsTrustPolicy(this),
      tags,
    });
    const policy = new IamRolePolicy(this, "WriteItems", {
      role: role.id,
      name: "write-dynamodb-items",
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          { Sid: "WriteItems", Effect: "Allow", Action: [...TABLE_ITEM_ACTIONS], Resource: props.tables.map((table) => table.tableArn) },
          {
            Sid: "ExceptionTables",
            Effect: "Allow",
            Action: [...CONTROL_TABLE_ACTIONS],
            Resource: DMS_CONTROL_TABLES.map((name) => stackArn(this, "dynamodb", `table/${name}`)),
          },
          // DMS lists tables to find its own; ListTables takes no resource but "*".
          { Sid: "FindTables", Effect: "Allow", Action: "dynamodb:ListTables", Resource: "*" },
        ],
      }),
    });
    const endpoint = new DmsEndpoint(this, "Endpoint", {
      endpointId: props.endpointId,
      endpointType: "target",
      engineName: "dynamodb",
      serviceAccessRole: role.arn,
      tags,
      dependsOn: [policy],
    });
    this.endpointArn = endpoint.endpointArn;
    this.endpointId = props.endpointId;
    this.serviceAccessRoleArn = role.arn;
    this.tables = props.tables;
  }

  objectMappingProblems(rules: readonly ObjectMappingRule[], indexes: readonly number[]): Problem[] {
    return dynamoDbObjectMappingProblems(this.tables, rules, indexes);
  }

  /** DMS reaches DynamoDB on 443 only, through the region's DynamoDB prefix list (its gateway endpoint). */
  allowConnectionsFrom(runner: IConnectable): void {
    runner.connections.allowTo(servicePrefixListPeer(this, "dynamodb"), HTTPS_PORT, "HTTPS to Amazon DynamoDB (DMS target)");
  }
}

