/** A DynamoDB key attribute's type: string, number or binary. */
export type KeyAttributeType = "S" | "N" | "B";

/** A key attribute of a table. */
export interface KeyAttribute {
  readonly name: string;
  /** @default "S" */
  readonly type?: KeyAttributeType;
}

/** DynamoDB table names: 3 to 255 letters, digits, `_`, `.` and `-`. */
export const TABLE_NAME = /^[A-Za-z0-9_.-]{3,255}$/;

/** The control tables DMS writes its apply and load exceptions to, and may create (CHAP_Target.DynamoDB.html, "Prerequisites"). */
export const DMS_CONTROL_TABLES = ["awsdms_apply_exceptions", "awsdms_full_load_exceptions"] as const;

/** What DMS's role may do on the tables it writes: items, and reading the table's description. */
export const TABLE_ITEM_ACTIONS = ["dynamodb:DeleteItem", "dynamodb:DescribeTable", "dynamodb:PutItem", "dynamodb:UpdateItem"] as const;

/** What DMS's role may do on its control tables: the DMS-documented set, creating and dropping them included. */
export const CONTROL_TABLE_ACTIONS = [
  "dynamodb:CreateTable",
  "dynamodb:DeleteItem",
  "dynamodb:DeleteTable",
  "dynamodb:DescribeTable",
  "dynamodb:PutItem",
  "dynamodb:UpdateItem",
] as const;

/** DMS reaches DynamoDB through its HTTPS API (the region's gateway endpoint prefix list). */
export const HTTPS_PORT = 443;
