import { Lazy } from "cdktf";
import * as stackTrace from "cdktf/lib/tokens/private/stack-trace";
import { skipTokenStackTraces } from "../../../modules/core/token-stack-traces";

describe("skipTokenStackTraces", () => {
  const original = stackTrace.captureStackTrace;
  afterEach(() => {
    Object.assign(stackTrace, { captureStackTrace: original });
  });

  const newToken = () => Lazy.anyValue({ produce: () => "value" });

  test("cdktf records a stack trace for every token it creates, until skipped", () => {
    expect(newToken().creationStack.length).toBeGreaterThan(0);
    skipTokenStackTraces({});
    expect(newToken().creationStack).toEqual([]);
  });

  test("CDKTF_TOKEN_STACK_TRACES keeps them, to debug a token that fails to resolve", () => {
    skipTokenStackTraces({ CDKTF_TOKEN_STACK_TRACES: "1" });
    expect(newToken().creationStack.join("\n")).toContain("token-stack-traces.test.ts");
  });
});
