import { RandomPassword } from "../../../modules/secrets/ephemeral-values";
import { newStack, synth } from "../../helpers/synth";

describe("the Terraform version a stack needs", () => {
  test("a stack with ephemeral values (feeding write-only arguments) requires Terraform 1.11 or later, once", () => {
    const stack = newStack();
    new RandomPassword(stack, "One");
    new RandomPassword(stack, "Two");
    expect(synth(stack).terraform.required_version).toBe(">= 1.11");
  });

  test("a stack without them is left as the app wrote it", () => {
    expect(synth(newStack()).terraform.required_version).toBeUndefined();
  });
});
