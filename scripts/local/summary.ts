import { endpointSettings } from "../../modules/dms/engine-settings";
import { DatabaseMigrationServiceClient, DescribeEndpointsCommand, DescribeReplicationTasksCommand, Endpoint } from "@aws-sdk/client-database-migration-service";
import { emulatorClientConfig } from "../../cli/local-emulator";

/** A readable account of a local deployment: resources by type, DMS endpoints and tasks with their status. */
export async function deploymentSummary(options: {
  readonly environment: string;
  readonly endpoint: string;
  readonly region: string;
  readonly resources: readonly string[];
  readonly outputs: Record<string, unknown>;
}): Promise<string> {
  const counts = new Map<string, number>();
  for (const address of options.resources) {
    if (address.startsWith("data.") || address.startsWith("ephemeral.")) continue;
    const type = address.split(".")[0];
    counts.set(type, (counts.get(type) ?? 0) + 1);
  }
  const dms = new DatabaseMigrationServiceClient(emulatorClientConfig(options.endpoint, options.region));
  const endpoints = (await dms.send(new DescribeEndpointsCommand({}))).Endpoints ?? [];
  const tasks = (await dms.send(new DescribeReplicationTasksCommand({}))).ReplicationTasks ?? [];
  const lines = [
    `Deployed ${options.environment} to the local AWS emulator at ${options.endpoint}: ${options.resources.filter((a) => !a.startsWith("data.")).length} resources.`,
    "",
    "Resources by type:",
    ...[...counts.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([type, count]) => `  ${String(count).padStart(3)}  ${type}`),
    "",
    "DMS endpoints:",
    ...endpoints.map((e) => `  ${e.EndpointType?.toLowerCase().padEnd(6)}  ${e.EndpointIdentifier}  (${e.EngineName}; ${access(e)})`),
    "",
    "DMS replication tasks:",
    ...tasks.map((t) => `  ${t.ReplicationTaskIdentifier}  ${t.MigrationType}  status ${t.Status}`),
    "",
    `Database: ${options.outputs.database_address}:${options.outputs.database_port} (${options.outputs.database_name}); password in SSM ${options.outputs.database_password_parameter}`,
  ];
  return lines.join("\n");
}

/** How an endpoint authenticates, as DMS reports it. */
function access(endpoint: Endpoint): string {
  const settings = endpointSettings(endpoint);
  if (settings?.ServiceAccessRoleArn) return `writes through role ${settings.ServiceAccessRoleArn.split("/").pop()}`;
  return settings?.SecretsManagerSecretId ? "credentials from Secrets Manager" : "credentials on the endpoint";
}
