import { EmulatorSession } from "../helpers/emulator";
import { expectEmulatorMatchesState, expectNoChanges, expectNothingLeft, soundDeploymentTests } from "../helpers/emulator-checks";

/**
 * development (SQL Server MS-Replication source, full-load-and-cdc) applied to the local emulator, with an
 * apply interrupted half way, as a closed laptop or a cancelled CI job would.
 */
describe("development on the local AWS emulator", () => {
  let session: EmulatorSession;
  beforeAll(async () => {
    session = await EmulatorSession.start("development");
  });
  afterAll(async () => {
    await session?.stop();
  });

  test("an apply interrupted while the database is being created leaves a state that a second apply completes", async () => {
    const interrupted = session.deployment.startApply();
    let output = "";
    interrupted.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (/aws_db_instance\.\S+: Creating\.\.\./.test(output) && interrupted.exitCode === null) interrupted.kill("SIGINT");
    });
    const status = await new Promise<number | null>((resolve) => interrupted.on("close", resolve));
    expect(output).toContain("Interrupt received");
    expect(status).not.toBe(0);
    const partial = session.deployment.resources();
    expect(partial.length).toBeGreaterThan(0);
    await expectEmulatorMatchesState(session);

    await session.deployment.apply();
    expect(session.deployment.resources().length).toBeGreaterThan(partial.length);
    expectNoChanges(session);
  });

  describe("once applied", () => {
    soundDeploymentTests(() => session);
  });

  test("destroy removes everything the stack created", async () => {
    await session.deployment.destroy();
    await expectNothingLeft(session);
  });
});
