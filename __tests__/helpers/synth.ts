import { TerraformStack, Testing } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";

/** Synthesized Terraform JSON of one stack. */
export type TerraformJson = Record<string, any>;

/** A stack with an AWS provider, ready for constructs under test. */
export function newStack(id = "test"): TerraformStack {
  const stack = new TerraformStack(Testing.app(), id);
  new AwsProvider(stack, "aws", { region: "eu-west-2" });
  return stack;
}

export function synth(stack: TerraformStack): TerraformJson {
  return JSON.parse(Testing.synth(stack));
}

/** Every block of one type (`resource`, `data` or `ephemeral`), keyed by logical id, without cdktf metadata. */
export function blocks(json: TerraformJson, type: string, kind: "resource" | "data" | "ephemeral" = "resource"): Record<string, any>[] {
  return Object.values(json[kind]?.[type] ?? {}).map((block: any) => {
    const { ["//"]: _metadata, ...rest } = block;
    return rest;
  });
}

/** The only block of a type; fails when there are none or several. */
export function only(json: TerraformJson, type: string, kind: "resource" | "data" | "ephemeral" = "resource"): Record<string, any> {
  const found = blocks(json, type, kind);
  if (found.length !== 1) throw new Error(`expected exactly one ${kind} ${type}, found ${found.length}`);
  return found[0];
}

/** The logical id of the only block of a type, for matching references such as `${aws_x.<id>.arn}`. */
export function logicalId(json: TerraformJson, type: string, kind: "resource" | "data" | "ephemeral" = "resource"): string {
  const ids = Object.keys(json[kind]?.[type] ?? {});
  if (ids.length !== 1) throw new Error(`expected exactly one ${kind} ${type}, found ${ids.length}`);
  return ids[0];
}
