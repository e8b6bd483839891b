import { emulatorSuite } from "../helpers/emulator";
import { expectEmulatorMatchesState, expectNoChanges, expectNothingLeft, soundDeploymentTests } from "../helpers/emulator-checks";

/**
 * development (SQL Server MS-Replication source, full-load-and-cdc) applied to the local emulator, with an
 * apply interrupted half way, as a closed laptop or a cancelled CI job would.
 */
describe("development on the local AWS emulator", () => {
  const session = emulatorSuite("development", { apply: false });

  test("an apply interrupted while the database is being created leaves a state that a second apply completes", async () => {
    const interrupted = session().deployment.startApply();
    let output = "";
    let sent = false;
    interrupted.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (sent) return; // a second interrupt makes Terraform exit at once, without waiting for the provider
      // Interrupt while the provider waits for the database to become available, not at "Creating...": a
      // create call cancelled in flight can leave an instance that AWS made and state never recorded, on
      // the emulator as on AWS (Terraform's own warning: "data loss may occur").
      if (/aws_db_instance\.\S+: Still creating\.\.\./.test(output)) sent = interrupted.kill("SIGINT");
    });
    const status = await new Promise<number | null>((resolve) => interrupted.on("close", resolve));
    expect(output).toContain("Interrupt received");
    expect(status).not.toBe(0);
    const partial = session().deployment.resources();
    expect(partial.length).toBeGreaterThan(0);
    await expectEmulatorMatchesState(session());

    await session().deployment.apply();
    expect(session().deployment.resources().length).toBeGreaterThan(partial.length);
    expectNoChanges(session());
  });

  describe("once applied", () => {
    soundDeploymentTests(session);
  });

  test("destroy removes everything the stack created", async () => {
    await session().deployment.destroy();
    await expectNothingLeft(session());
  });
});
