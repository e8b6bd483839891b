import { IConstruct } from "constructs";
import { IAspect, TerraformResource } from "cdktf";
import { DmsEndpoint } from "@cdktf/provider-aws/lib/dms-endpoint";
import { DmsReplicationConfig } from "@cdktf/provider-aws/lib/dms-replication-config";
import { DmsReplicationInstance } from "@cdktf/provider-aws/lib/dms-replication-instance";
import { DmsReplicationTask } from "@cdktf/provider-aws/lib/dms-replication-task";
import { DmsS3Endpoint } from "@cdktf/provider-aws/lib/dms-s3-endpoint";

/** One object whose replacement or destruction an environment accepts on purpose, and why. */
export interface ReplacementAcknowledgement {
  /** The object's id in the environment file: a task id, an endpoint id, a serverless replication id or the replication instance id. */
  readonly id: string;
  /** Why replacing (reloading) or destroying it is fine now; kept in the file as the record of the decision. */
  readonly reason: string;
}

export interface LiveReplicationGuardProps {
  /** Refuse plans that replace or destroy replication objects (production). @default false */
  readonly protect?: boolean;
  /** Objects whose replacement or destruction is accepted; their protection is lifted until the entry is removed. @default [] */
  readonly acknowledged?: readonly ReplacementAcknowledgement[];
}

/** A DMS object that live replication depends on, with the id the environment file gives it. */
export interface ReplicationObject {
  readonly resource: TerraformResource;
  readonly id: string | undefined;
}

/** The DMS objects whose replacement stops or reloads replication, with their ids as written in the file. */
export function replicationObjectOf(node: IConstruct): ReplicationObject | undefined {
  if (node instanceof DmsReplicationTask) return { resource: node, id: node.replicationTaskIdInput };
  if (node instanceof DmsEndpoint) return { resource: node, id: node.endpointIdInput };
  if (node instanceof DmsS3Endpoint) return { resource: node, id: node.endpointIdInput };
  if (node instanceof DmsReplicationConfig) return { resource: node, id: node.replicationConfigIdentifierInput };
  if (node instanceof DmsReplicationInstance) return { resource: node, id: node.replicationInstanceIdInput };
  return undefined;
}

/**
 * Keeps live replication live through applies, on every DMS object under the scope it is added to:
 *
 * - `aws_dms_endpoint.pause_replication_tasks = true`: the provider stops the running tasks that use an endpoint
 *   before ModifyEndpoint and starts them again afterwards (resume-processing, since they are no longer `ready`),
 *   instead of failing with InvalidResourceStateFault (https://github.com/hashicorp/terraform-provider-aws/issues/27661,
 *   added by https://github.com/hashicorp/terraform-provider-aws/pull/34316, in 5.100.0). Known gap: a task whose
 *   connection test is still running is not restarted (https://github.com/hashicorp/terraform-provider-aws/issues/46139).
 *   `aws_dms_s3_endpoint` has no such argument in 5.100.0.
 * - with `protect` (production): `lifecycle.prevent_destroy` on tasks, endpoints, serverless replications and the
 *   replication instance, so Terraform itself refuses a plan that would replace or destroy one (and `cdktf deploy` with
 *   it), unless the environment acknowledges that object by id. prevent_destroy only guards objects still in the
 *   configuration: one removed from the file is destroyed without refusal, which the plan report flags.
 */
export class LiveReplicationGuard implements IAspect {
  private readonly acknowledged: ReadonlySet<string>;

  constructor(private readonly props: LiveReplicationGuardProps = {}) {
    this.acknowledged = new Set((props.acknowledged ?? []).map((entry) => entry.id));
  }

  visit(node: IConstruct): void {
    if (node instanceof DmsEndpoint && node.pauseReplicationTasksInput === undefined) node.pauseReplicationTasks = true;
    const object = replicationObjectOf(node);
    if (!object || !this.props.protect) return;
    const preventDestroy = object.id === undefined || !this.acknowledged.has(object.id);
    object.resource.lifecycle = { ...object.resource.lifecycle, preventDestroy };
  }
}
