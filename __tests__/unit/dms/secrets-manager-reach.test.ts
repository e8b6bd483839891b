import { DmsAccountRoles } from "../../../modules/dms/account-roles";
import { SqlServerSourceEndpoint } from "../../../modules/dms/sources/sql-server/endpoint";
import { ReplicationInstance } from "../../../modules/dms/replication-instance";
import { Peer } from "../../../modules/network/peer";
import { newStack } from "../../helpers/synth";

function instanceAndSource() {
  const stack = newStack("mirror");
  const context = { projectName: "mosaic", environment: "staging" };
  const instance = new ReplicationInstance(stack, "Dms", {
    ...context, replicationInstanceId: "staging-dms-instance", instanceClass: "dms.t3.medium", engineVersion: "3.6.1",
    vpcId: "vpc-1", subnetIds: ["subnet-1", "subnet-2"], accountRoles: new DmsAccountRoles(stack, "Roles", { mode: "existing" }),
  });
  const source = new SqlServerSourceEndpoint(stack, "Mosaic", {
    ...context, endpointId: "source-mosaic-endpoint", serverName: "10.80.1.21", databaseName: "mostest", captureMode: "ms-replication",
    credentials: { usernameParameterName: "/mosaic/test/username", passwordParameterName: "/mosaic/test/password" },
  });
  return { stack, instance, source };
}

describe("an endpoint whose credentials are in Secrets Manager", () => {
  test("fails synth when the replication instance has no HTTPS egress, naming the instance, the endpoint and what to add", () => {
    const { stack, instance, source } = instanceAndSource();
    source.allowConnectionsFrom(instance);
    expect(() => stack.runAllValidations()).toThrow(
      /\[mirror\/Dms\] endpoint source-mosaic-endpoint keeps credentials in Secrets Manager, but mirror\/Dms has no HTTPS egress to reach it: add `connections.allowTo\(/,
    );
  });

  test("passes once the instance may reach Secrets Manager on 443", () => {
    const { stack, instance, source } = instanceAndSource();
    source.allowConnectionsFrom(instance);
    instance.connections.allowTo(Peer.securityGroup("sg-0secretsmanager0001", "secrets-manager-endpoint"), 443, "Secrets Manager");
    expect(() => stack.runAllValidations()).not.toThrow();
  });

  test("S3's prefix list on 443 does not count: it does not reach Secrets Manager", () => {
    const { stack, instance, source } = instanceAndSource();
    source.allowConnectionsFrom(instance);
    instance.connections.allowTo(Peer.prefixList("pl-7ca54015", "s3-prefix-list"), 443, "S3");
    expect(() => stack.runAllValidations()).toThrow(/has no HTTPS egress/);
  });
});
