import { peerVersionProblem, satisfiesCaretRange } from "../../../modules/core/peer-versions";

const SUPPORTED = { cdktf: "0.21.0", constructs: "10.4.5", "@cdktf/provider-aws": "20.1.0" };

describe("the peer versions the library accepts", () => {
  test.each([
    ["20.1.0", true],
    ["21.22.1", true],
    ["21.23.0", true],
    ["21.21.0", false],
    ["20.0.0", false],
    ["19.50.0", false],
    ["22.0.0", false],
    ["21.22.1-beta.1", false],
  ])("@cdktf/provider-aws %s: %s", (version, accepted) => {
    expect(satisfiesCaretRange(version, "^20.1.0 || ^21.22.1")).toBe(accepted);
  });

  test("a caret on 0.x stays within the minor version", () => {
    expect(satisfiesCaretRange("0.21.3", "^0.21.0")).toBe(true);
    expect(satisfiesCaretRange("0.20.11", "^0.21.0")).toBe(false);
    expect(satisfiesCaretRange("0.22.0", "^0.21.0")).toBe(false);
  });

  test("the tested versions pass", () => {
    expect(peerVersionProblem(SUPPORTED)).toBeUndefined();
    expect(peerVersionProblem({ ...SUPPORTED, "@cdktf/provider-aws": "21.22.1" })).toBeUndefined();
  });

  test("every version outside its range, and every missing peer, is named in one message with all supported ranges", () => {
    expect(peerVersionProblem({ cdktf: "0.20.11", "@cdktf/provider-aws": "19.50.0" })).toBe(
      'dms-migration-constructs supports cdktf@"^0.21.0", constructs@"^10.4.2", @cdktf/provider-aws@"^20.1.0 || ^21.22.1"; ' +
        "this app has cdktf 0.20.11, constructs (not installed), @cdktf/provider-aws 19.50.0. " +
        "Install versions in those ranges as direct dependencies of the app (they are peer dependencies of this library).",
    );
  });
});
