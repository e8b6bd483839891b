import { SsmParameter } from "@cdktf/provider-aws/lib/ssm-parameter";
import { EphemeralResource } from "../../../modules/core/ephemeral-resource";
import { logicalId, newStack, synth } from "../../helpers/synth";

describe("EphemeralResource", () => {
  test("writes an ephemeral block with its arguments, dependencies and metadata", () => {
    const stack = newStack();
    const parameter = new SsmParameter(stack, "Param", { name: "/a/b", type: "String", value: "x" });
    new EphemeralResource(stack, "Read", {
      type: "aws_ssm_parameter",
      attributes: { arn: parameter.arn, with_decryption: true, unused: undefined },
      dependsOn: [parameter],
    });
    const json = synth(stack);
    const parameterId = logicalId(json, "aws_ssm_parameter");
    const block = json.ephemeral.aws_ssm_parameter[logicalId(json, "aws_ssm_parameter", "ephemeral")];
    expect(block).toEqual({
      arn: `\${aws_ssm_parameter.${parameterId}.arn}`,
      with_decryption: true,
      depends_on: [`aws_ssm_parameter.${parameterId}`],
    });
  });

  test("refers to its results as ephemeral.<type>.<name>.<attribute>", () => {
    const stack = newStack();
    const read = new EphemeralResource(stack, "Read", { type: "aws_ssm_parameter", attributes: { arn: "arn:aws:ssm:eu-west-2:1:parameter/x" } });
    new SsmParameter(stack, "Copy", { name: "/copy", type: "SecureString", valueWo: read.getStringAttribute("value"), valueWoVersion: 1 });
    const json = synth(stack);
    expect(json.resource.aws_ssm_parameter[logicalId(json, "aws_ssm_parameter")].value_wo).toBe(
      `\${ephemeral.aws_ssm_parameter.${logicalId(json, "aws_ssm_parameter", "ephemeral")}.value}`,
    );
  });
});
