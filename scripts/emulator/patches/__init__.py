"""The launcher's patches, one module per AWS service, and the order they are applied in.

Each patch is a function taking nothing: its first comment line names the gap ("# Gap: ..."),
then which moto behaviour ("# moto:"), which provider (or operations CLI) expectation
("# provider:") and what it does ("# patch:"). test_moto_launcher.py has one test per patch.

Order matters where two patches wrap the same moto method (FakeReplicationTask.to_dict,
DatabaseMigrationServiceBackend.describe_replication_tasks, RedshiftResponse.create_cluster):
each wraps what the earlier ones left, so a new patch goes at the end of its service's run.
"""

from __future__ import annotations

from typing import Callable

from . import dms, ec2, iam, kinesis, kms, rds, redshift

SERVICE_MODULES = (iam, ec2, rds, dms, kms, kinesis, redshift)

PATCHES: tuple[Callable[[], None], ...] = (
    iam.load_aws_managed_policies,
    ec2.ec2_security_group_rule_descriptions,
    ec2.ec2_custom_ids_from_tags,
    rds.rds_unique_dbi_resource_id,
    rds.rds_default_ca_certificate,
    rds.rds_monitoring_and_performance_insights,
    rds.rds_user_parameters_have_source_user,
    rds.rds_default_parameter_groups,
    rds.rds_cluster_scaling_configuration_only_for_serverless_v1,
    dms.dms_timestamps_as_epoch_numbers,
    dms.dms_replication_task_becomes_ready,
    dms.dms_full_load_task_stops_when_done,
    dms.dms_subnet_group_real_subnets,
    dms.dms_replication_instance_reports_its_subnet_group,
    dms.dms_modify_replication_subnet_group,
    dms.dms_modify_endpoint,
    dms.dms_s3_date_partition_sequence_lower_case,
    dms.dms_replication_instance_arn_ends_with_resource_identifier,
    dms.dms_modify_replication_task,
    dms.dms_modify_replication_instance,
    dms.dms_tag_and_untag_resources,
    dms.dms_serverless_replication_configs,
    dms.dms_event_subscriptions,
    dms.dms_start_replication_task_types,
    dms.dms_table_statistics,
    dms.dms_describe_events,
    dms.dms_replication_task_assessment_runs,
    kms.kms_default_keys_are_aws_managed,
    kinesis.kinesis_create_stream_tags,
    redshift.redshift_cluster_parameter_groups_keep_parameters,
    redshift.redshift_modify_cluster_iam_roles,
    redshift.redshift_cluster_availability_status,
    redshift.redshift_cluster_relocation_status,
    redshift.redshift_cluster_multi_az,
)


def apply_patches(skip: set[str] | frozenset[str] = frozenset()) -> list[str]:
    """Apply every registered patch whose name is not in skip; return the names applied."""
    unknown = skip - {p.__name__ for p in PATCHES}
    if unknown:
        raise SystemExit(f"unknown patch name(s): {', '.join(sorted(unknown))}")
    applied = []
    for func in PATCHES:
        if func.__name__ in skip:
            continue
        func()
        applied.append(func.__name__)
    return applied
