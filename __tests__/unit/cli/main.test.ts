import { main, Command } from "../../../cli/main";
import { parseEnvironmentArgs, parseTableList } from "../../../cli/args";
import { RefusedError, UsageError } from "../../../cli/io";
import { recordingIo } from "../../helpers/cli";

describe("the command line", () => {
  const seen: string[][] = [];
  const commands: Record<string, Command> = {
    echo: { summary: "echoes", run: async (argv) => (seen.push(argv), 0) },
    usage: { summary: "bad usage", run: async () => { throw new UsageError("name the environment"); } },
    refuse: { summary: "refuses", run: async () => { throw new RefusedError("refused: production"); } },
    aws: { summary: "fails", run: async () => { throw Object.assign(new Error("User is not authorized"), { name: "AccessDeniedException" }); } },
  };

  test("dispatches a command with the arguments after its name", async () => {
    expect(await main(["echo", "development", "--json"], recordingIo(), commands)).toBe(0);
    expect(seen.pop()).toEqual(["development", "--json"]);
  });

  test("help lists every command; no command at all is a usage error", async () => {
    const io = recordingIo();
    expect(await main(["--help"], io, commands)).toBe(0);
    expect(io.stdout.join("\n")).toMatch(/echo +echoes[\s\S]*refuse +refuses/);
    expect(await main([], recordingIo(), commands)).toBe(2);
  });

  test("exit codes: 2 for an unknown command or bad usage, 3 for a refusal, 1 for an AWS error named by its fault", async () => {
    const io = recordingIo();
    expect(await main(["constructor"], io, commands)).toBe(2);
    expect(io.stderr[0]).toMatch(/Unknown command "constructor"/);
    expect(await main(["usage"], io, commands)).toBe(2);
    expect(await main(["refuse"], io, commands)).toBe(3);
    expect(await main(["aws"], io, commands)).toBe(1);
    expect(io.stderr.slice(1)).toEqual(["name the environment", "refused: production", "aws failed: AccessDeniedException: User is not authorized"]);
  });

  test("environment arguments: the name first, strict options, --local and --stack", () => {
    const parsed = parseEnvironmentArgs(["production", "--local", "--confirm", "uht", "--stack", "x.json"], { confirm: { type: "string" } });
    expect(parsed.target).toEqual({ environment: "production", local: true, stackFile: "x.json" });
    expect(parsed.values.confirm).toBe("uht");
    expect(() => parseEnvironmentArgs(["production", "--force"], {})).toThrow(UsageError);
    expect(() => parseEnvironmentArgs([], {})).toThrow(/Name the environment/);
    expect(() => parseEnvironmentArgs(["../etc"], {})).toThrow(/not an environment name/);
    expect(parseEnvironmentArgs(["--help"], {}).help).toBe(true);
  });

  test("--tables takes schema.table pairs", () => {
    expect(parseTableList("dbo.member, dbo.cccontactlink")).toEqual([{ schema: "dbo", table: "member" }, { schema: "dbo", table: "cccontactlink" }]);
    expect(() => parseTableList("member")).toThrow(/"member" is not one/);
  });
});
