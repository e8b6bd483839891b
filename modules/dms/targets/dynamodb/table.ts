import { Construct } from "constructs";
import { DynamodbTable } from "@cdktf/provider-aws/lib/dynamodb-table";
import { ProjectEnvironment, isProduction, projectTags } from "../../../core/project-environment";
import { validateProps } from "../../../core/rules";
import { stackArn } from "../../../core/trust-policy";
import { KeyAttribute } from "./options";
import { DYNAMODB_TABLE_RULES } from "./rules";

/** A DynamoDB table DMS writes to, with the keys object-mapping rules must use. */
export interface IDynamoDbTable {
  readonly tableName: string;
  readonly tableArn: string;
  readonly partitionKey: KeyAttribute;
  /** @default - none (a table without a sort key) */
  readonly sortKey?: KeyAttribute;
}

export interface DynamoDbTableProps extends ProjectEnvironment {
  readonly tableName: string;
  /** The partition (hash) key. */
  readonly partitionKey: KeyAttribute;
  /** The sort (range) key. @default - none */
  readonly sortKey?: KeyAttribute;
  /** The environment's key. @default - the AWS owned key */
  readonly kmsKeyArn?: string;
  /** @default {} */
  readonly additionalTags?: Readonly<Record<string, string>>;
}

export interface ExistingDynamoDbTableProps {
  readonly tableName: string;
  /** The table's partition key, as declared on it. */
  readonly partitionKey: KeyAttribute;
  /** The table's sort key, as declared on it. @default - none */
  readonly sortKey?: KeyAttribute;
}

/**
 * A DynamoDB table for DMS to write to: on-demand capacity, encrypted with the environment's key, point-in-time
 * recovery on, deletion protection in production.
 */
export class DynamoDbTable extends Construct implements IDynamoDbTable {
  /** An existing table of this account and region, known by name, with its declared keys. */
  static fromName(scope: Construct, id: string, props: ExistingDynamoDbTableProps): IDynamoDbTable {
    return new ExistingDynamoDbTable(scope, id, props);
  }

  readonly tableName: string;
  readonly tableArn: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;

  constructor(scope: Construct, id: string, props: DynamoDbTableProps) {
    super(scope, id);
    validateProps(this, props, DYNAMODB_TABLE_RULES);
    const keys = [props.partitionKey, ...(props.sortKey ? [props.sortKey] : [])];
    const table = new DynamodbTable(this, "Table", {
      name: props.tableName,
      billingMode: "PAY_PER_REQUEST",
      hashKey: props.partitionKey.name,
      rangeKey: props.sortKey?.name,
      attribute: keys.map((key) => ({ name: key.name, type: key.type ?? "S" })),
      serverSideEncryption: props.kmsKeyArn !== undefined ? { enabled: true, kmsKeyArn: props.kmsKeyArn } : undefined,
      pointInTimeRecovery: { enabled: true },
      deletionProtectionEnabled: isProduction(props),
      tags: projectTags(props, props.tableName, props.additionalTags),
    });
    this.tableName = props.tableName;
    this.tableArn = table.arn;
    this.partitionKey = props.partitionKey;
    this.sortKey = props.sortKey;
  }
}

class ExistingDynamoDbTable extends Construct implements IDynamoDbTable {
  readonly tableName: string;
  readonly tableArn: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;

  constructor(scope: Construct, id: string, props: ExistingDynamoDbTableProps) {
    super(scope, id);
    validateProps(this, props, DYNAMODB_TABLE_RULES);
    this.tableName = props.tableName;
    this.tableArn = stackArn(this, "dynamodb", `table/${props.tableName}`);
    this.partitionKey = props.partitionKey;
    this.sortKey = props.sortKey;
  }
}
