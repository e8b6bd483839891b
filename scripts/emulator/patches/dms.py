"""DMS: the replication instance, subnet group, endpoint and task calls the provider and the
operations CLI (`dms-migration status/start/resume/reload/assess/cutover-check`) make.

Each function is one patch (see moto_launcher.py and patches/__init__.py); moto is imported
inside it, so importing this module is cheap and changes nothing.
"""

from __future__ import annotations

import sys


# DMS API members of type timestamp (botocore's dms service model).
_DMS_TIMESTAMP_KEYS = frozenset(
    {
        "ReplicationTaskCreationDate",
        "ReplicationTaskStartDate",
        "InstanceCreateTime",
        "FreeUntil",
        "FreshStartDate",
        "StartDate",
        "StopDate",
        "FullLoadStartDate",
        "FullLoadFinishDate",
    }
)


def _iso_to_epoch(value):
    """Recursively turn ISO-8601 strings under DMS timestamp keys into epoch seconds."""
    from datetime import datetime, timezone

    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if key in _DMS_TIMESTAMP_KEYS and isinstance(item, str):
                parsed = datetime.fromisoformat(item.replace("Z", "+00:00"))
                if parsed.tzinfo is None:
                    parsed = parsed.replace(tzinfo=timezone.utc)
                out[key] = parsed.timestamp()
            else:
                out[key] = _iso_to_epoch(item)
        return out
    if isinstance(value, list):
        return [_iso_to_epoch(item) for item in value]
    return value


def _epoch(moment) -> float:
    """Epoch seconds of a moto datetime (naive ones are UTC, as in _iso_to_epoch)."""
    from datetime import timezone

    return (moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)).timestamp()


def _selected_tables(task) -> list[tuple[str, str]]:
    """The tables a task's mappings include by name (a wildcard names no table the emulator could know)."""
    import json

    try:
        rules = json.loads(task.table_mappings or "{}").get("rules", [])
    except ValueError:
        return []
    tables = []
    for rule in rules:
        locator = rule.get("object-locator", {})
        schema, table = locator.get("schema-name", ""), locator.get("table-name", "")
        if rule.get("rule-type") == "selection" and rule.get("rule-action") == "include" and "%" not in schema + table:
            tables.append((schema, table))
    return tables


def dms_timestamps_as_epoch_numbers() -> None:
    # Gap: DMS timestamps are JSON strings.
    # moto: FakeReplicationTask/FakeReplicationInstance.to_dict() emit datetime.isoformat().
    # provider: DMS speaks the awsJson1.1 protocol, where timestamps are epoch-second
    #   numbers; aws-sdk-go-v2 fails with "expected TStamp to be a JSON Number, got
    #   string instead" (boto3 happens to accept both, so moto's own tests pass).
    # patch: convert those members of to_dict() to epoch seconds.
    from moto.dms import models

    for cls in (models.FakeReplicationTask, models.FakeReplicationInstance):
        original = cls.to_dict

        def to_dict(self, _original=original):
            return _iso_to_epoch(_original(self))

        cls.to_dict = to_dict


def dms_replication_task_becomes_ready() -> None:
    # Gap: replication tasks never leave "creating".
    # moto: FakeReplicationTask starts as "creating"; ready() exists but nothing calls it
    #   (the task is not a ManagedState, so no state-manager transition applies).
    # provider: aws_dms_replication_task create waits for "ready" (and, with
    #   start_replication_task = true, then starts it and waits for "running").
    # patch: as in AWS, the create response says "creating" and the task is "ready"
    #   when next described.
    from moto.dms.models import DatabaseMigrationServiceBackend

    original = DatabaseMigrationServiceBackend.describe_replication_tasks

    def describe_replication_tasks(self, *args, **kwargs):
        tasks = original(self, *args, **kwargs)
        for task in tasks:
            if task.status == "modifying" and getattr(task, "status_after_modify", None):
                task.status = task.status_after_modify
            elif task.status in ("creating", "modifying"):
                task.ready()
        return tasks

    DatabaseMigrationServiceBackend.describe_replication_tasks = describe_replication_tasks


def dms_full_load_task_stops_when_done() -> None:
    # Gap: a started full-load task runs for ever.
    # moto: StartReplicationTask sets "running" and nothing ever ends it.
    # provider: aws_dms_replication_task destroy (and replacement) first stops a task it
    #   last saw "running" and waits for "stopped" (60 s fixed delay + polls). In AWS a
    #   migration_type = "full-load" task stops by itself when the load is done
    #   (StopReason FULL_LOAD_ONLY_FINISHED); CDC tasks keep running.
    # patch: a running full-load task is reported "running" once (the provider's start
    #   waiter needs to see it) and "stopped", with its stop date, from then on.
    from moto.core.utils import utcnow
    from moto.dms.models import DatabaseMigrationServiceBackend, FakeReplicationTask

    original_start = FakeReplicationTask.start

    def start(self):
        self.seen_running = 0
        self.stop_reason = None
        return original_start(self)

    original_to_dict = FakeReplicationTask.to_dict

    def to_dict(self):
        result = original_to_dict(self)
        if getattr(self, "stop_reason", None):
            result["StopReason"] = self.stop_reason
        return result

    original = DatabaseMigrationServiceBackend.describe_replication_tasks

    def describe_replication_tasks(self, *args, **kwargs):
        tasks = original(self, *args, **kwargs)
        for task in tasks:
            if task.migration_type == "full-load" and task.status == "running":
                task.seen_running = getattr(task, "seen_running", 0) + 1
                if task.seen_running > 1:
                    task.status = "stopped"
                    task.stop_date = utcnow()
                    task.stop_reason = "Stop Reason FULL_LOAD_ONLY_FINISHED"
        return tasks

    FakeReplicationTask.start = start
    FakeReplicationTask.to_dict = to_dict
    DatabaseMigrationServiceBackend.describe_replication_tasks = describe_replication_tasks


def _dms_subnet_group_arn(backend, identifier: str) -> str:
    from moto.utilities.utils import get_partition

    region = backend.region_name
    return f"arn:{get_partition(region)}:dms:{region}:{backend.account_id}:subgrp:{identifier}"


def dms_subnet_group_real_subnets() -> None:
    # Gap: replication subnet groups forget their subnets and are tagged under the wrong key.
    # moto: FakeReplicationSubnetGroup drops SubnetIds and describes a fixed
    #   vpc-12345/subnet-12345 in us-east-1a; tags are stored under the group's name.
    # provider: aws_dms_replication_subnet_group reads subnet_ids and vpc_id back (a
    #   diff on every plan otherwise) and lists tags by the ARN
    #   arn:aws:dms:<region>:<account>:subgrp:<id> (tags_all diff otherwise).
    # patch: keep the subnet ids, describe them from moto's EC2 backend (VPC, AZ), and
    #   tag the group by its ARN.
    from moto.dms.models import DatabaseMigrationServiceBackend, FakeReplicationSubnetGroup
    from moto.ec2.models import ec2_backends

    def create_replication_subnet_group(
        self, replication_subnet_group_identifier, replication_subnet_group_description, subnet_ids, tags=None
    ):
        from moto.dms.exceptions import ResourceAlreadyExistsFault

        if replication_subnet_group_identifier in self.replication_subnet_groups:
            raise ResourceAlreadyExistsFault("The resource you are attempting to create already exists.")
        group = FakeReplicationSubnetGroup(
            replication_subnet_group_identifier=replication_subnet_group_identifier,
            replication_subnet_group_description=replication_subnet_group_description,
            subnetIds=list(subnet_ids or []),
        )
        group.ec2_backend = ec2_backends[self.account_id][self.region_name]
        self.replication_subnet_groups[replication_subnet_group_identifier] = group
        if tags:
            self.tagger.tag_resource(_dms_subnet_group_arn(self, replication_subnet_group_identifier), tags)
        return group

    def to_dict(self):
        subnets, vpc_id = [], None
        for subnet_id in self.subnetIds or []:
            subnet = self.ec2_backend.get_subnet(subnet_id)
            vpc_id = subnet.vpc_id
            subnets.append(
                {
                    "SubnetIdentifier": subnet.id,
                    "SubnetAvailabilityZone": {"Name": subnet.availability_zone},
                    "SubnetStatus": "Active",
                }
            )
        return {
            "ReplicationSubnetGroupIdentifier": self.replication_subnet_group_identifier,
            "ReplicationSubnetGroupDescription": self.description,
            "VpcId": vpc_id,
            "SubnetGroupStatus": "Complete",
            "Subnets": subnets,
            "SupportedNetworkTypes": ["IPV4"],
        }

    original_delete = DatabaseMigrationServiceBackend.delete_replication_subnet_group

    def delete_replication_subnet_group(self, replication_subnet_group_identifier):
        group = original_delete(self, replication_subnet_group_identifier)
        self.tagger.delete_all_tags_for_resource(_dms_subnet_group_arn(self, replication_subnet_group_identifier))
        return group

    DatabaseMigrationServiceBackend.create_replication_subnet_group = create_replication_subnet_group
    DatabaseMigrationServiceBackend.delete_replication_subnet_group = delete_replication_subnet_group
    FakeReplicationSubnetGroup.to_dict = to_dict


def dms_replication_instance_reports_its_subnet_group() -> None:
    # Gap: a replication instance describes a made-up subnet group, or none at all.
    # moto: FakeReplicationInstance.to_dict() invents vpc-12345/subnet-12345 for the group
    #   it was given, and returns ReplicationSubnetGroup = null when none was given
    #   (AWS then uses, and creates if needed, the "default-<vpc-id>" group of the
    #   default VPC) and no AvailabilityZone.
    # provider: aws_dms_replication_instance reads
    #   ReplicationSubnetGroup.ReplicationSubnetGroupIdentifier without a nil check:
    #   provider 5.100.0 panics (nil pointer in resourceReplicationInstanceRead) when
    #   replication_subnet_group_id is not set.
    # patch: describe the real group (dms_subnet_group_real_subnets) and, as AWS does,
    #   put an instance created without a group in the default VPC's default group;
    #   report the AZ of the group's first subnet (and the second one for Multi-AZ).
    from moto.dms.models import DatabaseMigrationServiceBackend, FakeReplicationInstance, dms_backends
    from moto.ec2.models import ec2_backends

    original_create = DatabaseMigrationServiceBackend.create_replication_instance

    def create_replication_instance(self, *args, **kwargs):
        if not kwargs.get("replication_subnet_group_identifier"):
            ec2 = ec2_backends[self.account_id][self.region_name]
            vpc = ec2.default_vpc
            identifier = f"default-{vpc.id}"
            if identifier not in self.replication_subnet_groups:
                subnets = [s.id for s in ec2.describe_subnets(filters={"vpc-id": [vpc.id]})]
                self.create_replication_subnet_group(identifier, "default", subnets)
            kwargs["replication_subnet_group_identifier"] = identifier
        return original_create(self, *args, **kwargs)

    original_to_dict = FakeReplicationInstance.to_dict

    def to_dict(self):
        result = original_to_dict(self)
        account_id = self.arn.split(":")[4]
        group = dms_backends[account_id][self.region].replication_subnet_groups.get(
            self.replication_subnet_group_identifier
        )
        if group is not None:
            described = group.to_dict()
            result["ReplicationSubnetGroup"] = described
            zones = [s["SubnetAvailabilityZone"]["Name"] for s in described["Subnets"]]
            if zones:
                result["AvailabilityZone"] = self.availability_zone or zones[0]
                others = [z for z in zones if z != result["AvailabilityZone"]]
                result["SecondaryAvailabilityZone"] = (others[0] if others else None) if self.multi_az else None
        return result

    DatabaseMigrationServiceBackend.create_replication_instance = create_replication_instance
    FakeReplicationInstance.to_dict = to_dict


def dms_modify_replication_subnet_group() -> None:
    # Gap: ModifyReplicationSubnetGroup is not implemented.
    # moto: no such action on DatabaseMigrationServiceResponse (the request fails with
    #   a 500/NotImplemented).
    # provider: changing replication_subnet_group_description or subnet_ids of
    #   aws_dms_replication_subnet_group is an in-place update through this call.
    # patch: implement it (description and subnet ids), returning the updated group.
    import json

    from moto.dms.exceptions import ResourceNotFoundFault
    from moto.dms.responses import DatabaseMigrationServiceResponse

    def modify_replication_subnet_group(self):
        params = json.loads(self.body)
        identifier = params.get("ReplicationSubnetGroupIdentifier")
        group = self.dms_backend.replication_subnet_groups.get(identifier)
        if group is None:
            raise ResourceNotFoundFault("Replication subnet group could not be found.")
        if "ReplicationSubnetGroupDescription" in params:
            group.description = params["ReplicationSubnetGroupDescription"]
        if params.get("SubnetIds"):
            group.subnetIds = list(params["SubnetIds"])
        return json.dumps({"ReplicationSubnetGroup": group.to_dict()})

    DatabaseMigrationServiceResponse.modify_replication_subnet_group = modify_replication_subnet_group


def dms_modify_endpoint() -> None:
    # Gap: ModifyEndpoint is not implemented.
    # moto: no such action (HTTP 500, which the provider's SDK retries with back-off
    #   for many minutes before failing).
    # provider: aws_dms_s3_endpoint always calls ModifyEndpoint right after
    #   CreateEndpoint; aws_dms_endpoint/aws_dms_s3_endpoint updates use it too.
    # patch: implement it: top-level fields replace, *Settings blocks merge into the
    #   existing ones (or replace them with ExactSettings = true), as AWS documents.
    import json

    from moto.dms.exceptions import ResourceNotFoundFault
    from moto.dms.responses import DatabaseMigrationServiceResponse

    fields = {
        "EndpointIdentifier": "endpoint_identifier", "EndpointType": "endpoint_type", "EngineName": "engine_name",
        "Username": "username", "Password": "password", "ServerName": "server_name", "Port": "port",
        "DatabaseName": "database_name", "ExtraConnectionAttributes": "extra_connection_attributes",
        "CertificateArn": "certificate_arn", "SslMode": "ssl_mode", "ServiceAccessRoleArn": "service_access_role_arn",
        "ExternalTableDefinition": "external_table_definition",
    }
    settings = {
        "DynamoDbSettings": "dynamo_db_settings", "S3Settings": "s3_settings", "DmsTransferSettings": "dms_transfer_settings",
        "MongoDbSettings": "mongo_db_settings", "KinesisSettings": "kinesis_settings", "KafkaSettings": "kafka_settings",
        "ElasticsearchSettings": "elasticsearch_settings", "NeptuneSettings": "neptune_settings",
        "RedshiftSettings": "redshift_settings", "PostgreSQLSettings": "postgre_sql_settings", "MySQLSettings": "my_sql_settings",
        "OracleSettings": "oracle_settings", "SybaseSettings": "sybase_settings",
        "MicrosoftSQLServerSettings": "microsoft_sql_server_settings", "IBMDb2Settings": "ibm_db2_settings",
        "DocDbSettings": "doc_db_settings", "RedisSettings": "redis_settings", "GcpMySQLSettings": "gcp_my_sql_settings",
        "TimestreamSettings": "timestream_settings",
    }

    def modify_endpoint(self):
        params = json.loads(self.body)
        matches = [e for e in self.dms_backend.endpoints.values() if e.endpoint_arn == params.get("EndpointArn")]
        if not matches:
            raise ResourceNotFoundFault("Endpoint could not be found.")
        endpoint = matches[0]
        if params.get("EndpointIdentifier") and params["EndpointIdentifier"] != endpoint.endpoint_identifier:
            self.dms_backend.endpoints.pop(endpoint.endpoint_identifier)
            self.dms_backend.endpoints[params["EndpointIdentifier"]] = endpoint
        for key, attribute in fields.items():
            if key in params:
                setattr(endpoint, attribute, params[key])
        for key, attribute in settings.items():
            if key in params:
                current = {} if params.get("ExactSettings") else dict(getattr(endpoint, attribute) or {})
                current.update(params[key])
                setattr(endpoint, attribute, current)
        return json.dumps({"Endpoint": {k: v for k, v in endpoint.to_dict().items() if v is not None}})

    DatabaseMigrationServiceResponse.modify_endpoint = modify_endpoint


def dms_s3_date_partition_sequence_lower_case() -> None:
    # Gap: an S3 endpoint's DatePartitionSequence comes back as it was sent.
    # moto: S3Settings are stored and described verbatim ("YYYYMMDD").
    # provider: aws_dms_s3_endpoint's acceptance tests show AWS describing the value in
    #   lower case ("yyyymmddhh"), and the provider lower-cases the configured value to
    #   match; with moto's upper case every plan wants to change it back.
    # patch: describe DatePartitionSequence in lower case, as AWS does.
    from moto.dms.models import Endpoint

    original = Endpoint.to_dict

    def to_dict(self):
        described = original(self)
        settings = described.get("S3Settings")
        if settings and isinstance(settings.get("DatePartitionSequence"), str):
            described["S3Settings"] = {**settings, "DatePartitionSequence": settings["DatePartitionSequence"].lower()}
        return described

    Endpoint.to_dict = to_dict


def dms_replication_instance_arn_ends_with_resource_identifier() -> None:
    # Gap: CreateReplicationInstance ignores ResourceIdentifier.
    # moto: the ARN always ends with the instance identifier (rep:<identifier>).
    # AWS: "a friendly name for the resource identifier at the end of the ARN"; given
    #   Example-App-ARN1, the ARN is arn:aws:dms:<region>:<account>:rep:Example-App-ARN1.
    # provider: an environment that reuses an existing instance names it by its ARN
    #   (tasks and alarms use it); seeding that instance needs the exact ARN.
    # patch: end the ARN with the ResourceIdentifier when one is given.
    from moto.dms.models import FakeReplicationInstance

    original_init = FakeReplicationInstance.__init__

    def __init__(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        if self.resource_identifier:
            self.arn = self.arn.rsplit(":", 1)[0] + ":" + self.resource_identifier

    FakeReplicationInstance.__init__ = __init__


def dms_modify_replication_task() -> None:
    # Gap: ModifyReplicationTask is not implemented.
    # moto: no such action (HTTP 500).
    # provider: changing table_mappings, replication_task_settings, migration_type or the
    #   CDC start of aws_dms_replication_task is an in-place update: stop it if running,
    #   ModifyReplicationTask, wait for "ready"/"stopped".
    # patch: implement it; the task reports "modifying", then (with
    #   dms_replication_task_becomes_ready) "ready" when next described, or "stopped" again
    #   when it had run before: a modified task keeps its checkpoint, and the provider
    #   resumes it (resume-processing) because it is not "ready"
    #   (https://github.com/hashicorp/terraform-provider-aws/pull/24047).
    import json

    from moto.dms.exceptions import InvalidResourceStateFault, ResourceNotFoundFault
    from moto.dms.responses import DatabaseMigrationServiceResponse

    def modify_replication_task(self):
        params = json.loads(self.body)
        task = self.dms_backend.replication_tasks.get(params.get("ReplicationTaskArn"))
        if task is None:
            raise ResourceNotFoundFault("Replication task could not be found.")
        if task.status in ("running", "starting", "stopping", "creating", "deleting"):
            raise InvalidResourceStateFault(f"Replication task is {task.status}; it cannot be modified.")
        for key, attribute in (("ReplicationTaskIdentifier", "id"), ("MigrationType", "migration_type"),
                               ("TableMappings", "table_mappings"), ("ReplicationTaskSettings", "replication_task_settings")):
            if key in params:
                setattr(task, attribute, params[key])
        task.status_after_modify = task.status if task.status in ("stopped", "failed") else None
        task.status = "modifying"
        return json.dumps({"ReplicationTask": task.to_dict()})

    DatabaseMigrationServiceResponse.modify_replication_task = modify_replication_task


def dms_modify_replication_instance() -> None:
    # Gap: ModifyReplicationInstance is not implemented.
    # moto: no such action (HTTP 500).
    # provider: changing replication_instance_class, allocated_storage, engine_version,
    #   multi_az, preferred_maintenance_window, auto_minor_version_upgrade or
    #   vpc_security_group_ids of aws_dms_replication_instance is an in-place update that
    #   then waits for "available".
    # patch: implement it, applied at once (the provider always waits 30 s anyway).
    import json

    from moto.dms.exceptions import ResourceNotFoundFault
    from moto.dms.responses import DatabaseMigrationServiceResponse

    def modify_replication_instance(self):
        params = json.loads(self.body)
        instance = self.dms_backend.replication_instances.get(params.get("ReplicationInstanceArn"))
        if instance is None:
            raise ResourceNotFoundFault("Replication instance could not be found.")
        for key, attribute in (("ReplicationInstanceClass", "replication_instance_class"),
                               ("AllocatedStorage", "allocated_storage"), ("EngineVersion", "engine_version"),
                               ("MultiAZ", "multi_az"), ("PreferredMaintenanceWindow", "preferred_maintenance_window"),
                               ("AutoMinorVersionUpgrade", "auto_minor_version_upgrade"), ("NetworkType", "network_type")):
            if key in params:
                setattr(instance, attribute, params[key])
        if "VpcSecurityGroupIds" in params:
            instance.vpc_security_groups = [
                {"VpcSecurityGroupId": sg_id, "Status": "active"} for sg_id in params["VpcSecurityGroupIds"]
            ]
        return json.dumps({"ReplicationInstance": instance.to_dict()})

    DatabaseMigrationServiceResponse.modify_replication_instance = modify_replication_instance


def dms_tag_and_untag_resources() -> None:
    # Gap: AddTagsToResource and RemoveTagsFromResource are not implemented.
    # moto: DMS keeps tags given at creation (ListTagsForResource works) but has no
    #   action to change them (HTTP 500).
    # provider: any tag change on a DMS resource (tags, or the provider's default_tags)
    #   goes through these two calls.
    # patch: implement both on moto's DMS tagger, by resource ARN.
    import json

    from moto.dms.responses import DatabaseMigrationServiceResponse

    def add_tags_to_resource(self):
        params = json.loads(self.body)
        self.dms_backend.tagger.tag_resource(params["ResourceArn"], params.get("Tags", []))
        return json.dumps({})

    def remove_tags_from_resource(self):
        params = json.loads(self.body)
        self.dms_backend.tagger.untag_resource_using_names(params["ResourceArn"], params.get("TagKeys", []))
        return json.dumps({})

    DatabaseMigrationServiceResponse.add_tags_to_resource = add_tags_to_resource
    DatabaseMigrationServiceResponse.remove_tags_from_resource = remove_tags_from_resource


def _dms_state(backend, name: str) -> dict:
    """Per-backend storage for the DMS objects moto does not model."""
    if not hasattr(backend, "emulator_state"):
        backend.emulator_state = {}
    return backend.emulator_state.setdefault(name, {})


def dms_serverless_replication_configs() -> None:
    # Gap: DMS Serverless (replication configs) is not implemented.
    # moto: no CreateReplicationConfig, DescribeReplicationConfigs, ModifyReplicationConfig,
    #   DeleteReplicationConfig, DescribeReplications, StartReplication, StopReplication.
    # provider: aws_dms_replication_config creates and reads the config, looks up its
    #   replication (DescribeReplications, filter replication-config-arn) before modify
    #   and delete, and after delete waits until that replication is gone.
    # patch: a small model: the config echoes what was sent (ARN
    #   arn:aws:dms:<region>:<account>:replication-config:<id>, create/update times as
    #   epoch seconds); its replication is "created" until started ("running"), then
    #   "stopped" when stopped; both vanish on delete. Tags go through moto's tagger.
    #   Once started, the replication has ReplicationStats and DescribeReplicationTableStatistics
    #   lists the tables its mappings include by name as "Table completed" (the emulator moves no
    #   data), for `dms-migration status` and `cutover-check`.
    import json
    import random
    import string
    import time

    from moto.dms.exceptions import ResourceAlreadyExistsFault, ResourceNotFoundFault
    from moto.dms.responses import DatabaseMigrationServiceResponse
    from moto.utilities.utils import get_partition

    def configs(response) -> dict:
        return _dms_state(response.dms_backend, "replication_configs")

    def find(response, arn: str) -> dict:
        if arn not in configs(response):
            raise ResourceNotFoundFault("Replication config could not be found.")
        return configs(response)[arn]

    def matches(item: dict, filters: list) -> bool:
        keys = {"replication-config-arn": "ReplicationConfigArn", "replication-config-id": "ReplicationConfigIdentifier"}
        return all(item["config"].get(keys.get(f["Name"], ""), None) in f["Values"] for f in filters if f["Name"] in keys)

    def create_replication_config(self):
        params = json.loads(self.body)
        backend = self.dms_backend
        identifier = params["ReplicationConfigIdentifier"]
        if any(c["config"]["ReplicationConfigIdentifier"] == identifier for c in configs(self).values()):
            raise ResourceAlreadyExistsFault("The resource you are attempting to create already exists.")
        resource_id = params.get("ResourceIdentifier") or "".join(random.choice(string.ascii_uppercase + string.digits) for _ in range(26))
        region = backend.region_name
        arn = f"arn:{get_partition(region)}:dms:{region}:{backend.account_id}:replication-config:{resource_id}"
        now = time.time()
        config = {
            "ReplicationConfigIdentifier": identifier,
            "ReplicationConfigArn": arn,
            "SourceEndpointArn": params["SourceEndpointArn"],
            "TargetEndpointArn": params["TargetEndpointArn"],
            "ReplicationType": params["ReplicationType"],
            "ComputeConfig": params.get("ComputeConfig", {}),
            "TableMappings": params["TableMappings"],
            "ReplicationConfigCreateTime": now,
            "ReplicationConfigUpdateTime": now,
        }
        for key in ("ReplicationSettings", "SupplementalSettings"):
            if key in params:
                config[key] = params[key]
        configs(self)[arn] = {"config": config, "status": "created", "created": now}
        if params.get("Tags"):
            backend.tagger.tag_resource(arn, params["Tags"])
        return json.dumps({"ReplicationConfig": config})

    def describe_replication_configs(self):
        params = json.loads(self.body or "{}")
        found = [c["config"] for c in configs(self).values() if matches(c, params.get("Filters", []))]
        return json.dumps({"ReplicationConfigs": found})

    def modify_replication_config(self):
        params = json.loads(self.body)
        item = find(self, params["ReplicationConfigArn"])
        for key in ("ReplicationConfigIdentifier", "ReplicationType", "TableMappings", "ReplicationSettings",
                    "SupplementalSettings", "SourceEndpointArn", "TargetEndpointArn"):
            if key in params:
                item["config"][key] = params[key]
        if "ComputeConfig" in params:
            item["config"]["ComputeConfig"] = {**item["config"]["ComputeConfig"], **params["ComputeConfig"]}
        item["config"]["ReplicationConfigUpdateTime"] = time.time()
        return json.dumps({"ReplicationConfig": item["config"]})

    def delete_replication_config(self):
        params = json.loads(self.body)
        item = find(self, params["ReplicationConfigArn"])
        if item["status"] == "running":
            from moto.dms.exceptions import InvalidResourceStateFault

            raise InvalidResourceStateFault("Replication is running; stop it first.")
        configs(self).pop(params["ReplicationConfigArn"])
        self.dms_backend.tagger.delete_all_tags_for_resource(params["ReplicationConfigArn"])
        return json.dumps({"ReplicationConfig": item["config"]})

    def replication(item: dict) -> dict:
        config = item["config"]
        out = {key: config[key] for key in ("ReplicationConfigIdentifier", "ReplicationConfigArn", "SourceEndpointArn",
                                            "TargetEndpointArn", "ReplicationType")}
        out.update({"Status": item["status"], "ReplicationCreateTime": item["created"], "FailureMessages": []})
        if item.get("start_type"):
            out["StartReplicationType"] = item["start_type"]
        if item.get("started"):
            loaded = len(tables_of(item))
            out["ReplicationStats"] = {"FullLoadProgressPercent": 100, "TablesLoaded": loaded, "TablesLoading": 0,
                                       "TablesQueued": 0, "TablesErrored": 0, "StartDate": item["started"],
                                       "FreshStartDate": item["started"]}
        if item["status"] == "stopped":
            out["StopReason"] = "Stop Reason NORMAL"
        return out

    def tables_of(item: dict) -> list[tuple[str, str]]:
        class Mappings:  # _selected_tables reads a task's table_mappings
            table_mappings = item["config"]["TableMappings"]
        return _selected_tables(Mappings)

    def describe_replication_table_statistics(self):
        params = json.loads(self.body)
        item = find(self, params["ReplicationConfigArn"])
        rows = [
            {"SchemaName": schema, "TableName": table, "Inserts": 0, "Deletes": 0, "Updates": 0, "Ddls": 0,
             "FullLoadRows": 0, "FullLoadErrorRows": 0, "TableState": "Table completed",
             "ValidationState": "Not enabled", "ValidationPendingRecords": 0, "ValidationFailedRecords": 0,
             "ValidationSuspendedRecords": 0, "LastUpdateTime": time.time()}
            for schema, table in (tables_of(item) if item.get("started") else [])
        ]
        return json.dumps({"ReplicationConfigArn": params["ReplicationConfigArn"], "ReplicationTableStatistics": rows})

    def describe_replications(self):
        params = json.loads(self.body or "{}")
        found = [replication(c) for c in configs(self).values() if matches(c, params.get("Filters", []))]
        return json.dumps({"Replications": found})

    def start_replication(self):
        params = json.loads(self.body)
        item = find(self, params["ReplicationConfigArn"])
        item["status"], item["start_type"] = "running", params.get("StartReplicationType")
        item.setdefault("started", time.time())
        return json.dumps({"Replication": replication(item)})

    def stop_replication(self):
        params = json.loads(self.body)
        item = find(self, params["ReplicationConfigArn"])
        item["status"] = "stopped"
        return json.dumps({"Replication": replication(item)})

    for func in (create_replication_config, describe_replication_configs, modify_replication_config,
                 delete_replication_config, describe_replications, start_replication, stop_replication,
                 describe_replication_table_statistics):
        setattr(DatabaseMigrationServiceResponse, func.__name__, func)


def dms_event_subscriptions() -> None:
    # Gap: DMS event subscriptions are not implemented.
    # moto: no Create/Describe/Modify/DeleteEventSubscription(s).
    # provider: aws_dms_event_subscription creates one, waits for Status "active"
    #   (DescribeEventSubscriptions by SubscriptionName; ResourceNotFoundFault when gone)
    #   and lists its tags by arn:aws:dms:<region>:<account>:es:<name>.
    # patch: a small model, active at once, tagged by that ARN.
    import json
    from datetime import datetime, timezone

    from moto.dms.exceptions import ResourceAlreadyExistsFault, ResourceNotFoundFault
    from moto.dms.responses import DatabaseMigrationServiceResponse
    from moto.utilities.utils import get_partition

    def subscriptions(response) -> dict:
        return _dms_state(response.dms_backend, "event_subscriptions")

    def arn(response, name: str) -> str:
        backend = response.dms_backend
        region = backend.region_name
        return f"arn:{get_partition(region)}:dms:{region}:{backend.account_id}:es:{name}"

    def find(response, name: str) -> dict:
        if name not in subscriptions(response):
            raise ResourceNotFoundFault(f"Event subscription {name} not found.")
        return subscriptions(response)[name]

    def create_event_subscription(self):
        params = json.loads(self.body)
        name = params["SubscriptionName"]
        if name in subscriptions(self):
            raise ResourceAlreadyExistsFault("The resource you are attempting to create already exists.")
        subscription = {
            "CustomerAwsId": self.dms_backend.account_id,
            "CustSubscriptionId": name,
            "SnsTopicArn": params["SnsTopicArn"],
            "Status": "active",
            # A string in this API, not a timestamp.
            "SubscriptionCreationTime": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f")[:-3],
            "SourceType": params.get("SourceType"),
            "SourceIdsList": params.get("SourceIds", []),
            "EventCategoriesList": params.get("EventCategories", []),
            "Enabled": params.get("Enabled", True),
        }
        subscriptions(self)[name] = subscription
        if params.get("Tags"):
            self.dms_backend.tagger.tag_resource(arn(self, name), params["Tags"])
        return json.dumps({"EventSubscription": subscription})

    def describe_event_subscriptions(self):
        params = json.loads(self.body or "{}")
        if params.get("SubscriptionName"):
            found = [find(self, params["SubscriptionName"])]
        else:
            found = list(subscriptions(self).values())
        return json.dumps({"EventSubscriptionsList": found})

    def modify_event_subscription(self):
        params = json.loads(self.body)
        subscription = find(self, params["SubscriptionName"])
        for key, target in (("SnsTopicArn", "SnsTopicArn"), ("SourceType", "SourceType"),
                            ("EventCategories", "EventCategoriesList"), ("Enabled", "Enabled")):
            if key in params:
                subscription[target] = params[key]
        return json.dumps({"EventSubscription": subscription})

    def delete_event_subscription(self):
        params = json.loads(self.body)
        subscription = subscriptions(self).pop(find(self, params["SubscriptionName"])["CustSubscriptionId"])
        self.dms_backend.tagger.delete_all_tags_for_resource(arn(self, params["SubscriptionName"]))
        return json.dumps({"EventSubscription": {**subscription, "Status": "deleting"}})

    for func in (create_event_subscription, describe_event_subscriptions, modify_event_subscription,
                 delete_event_subscription):
        setattr(DatabaseMigrationServiceResponse, func.__name__, func)


def dms_start_replication_task_types() -> None:
    # Gap: StartReplicationTask ignores StartReplicationTaskType and starts a task that is already running.
    # moto: start_replication_task drops StartReplicationTaskType and keeps no trace of it; every start sets
    #   StartDate and FreshStartDate to now; a running task can be started again.
    # AWS: start-replication is valid only for a task's first run; a task that ran before is continued with
    #   resume-processing (from its checkpoint) or reloaded with reload-target; FreshStartDate is "the date the
    #   replication task was started either with a fresh start or a target reload"; a running task cannot be
    #   started (InvalidResourceStateFault).
    #   https://docs.aws.amazon.com/dms/latest/APIReference/API_StartReplicationTask.html
    # provider: after stopping a running task to modify it, aws_dms_replication_task starts it again with
    #   resume-processing when start_replication_task = true
    #   (https://github.com/hashicorp/terraform-provider-aws/pull/24047); the operations CLI's
    #   `dms-migration start/resume/reload` choose the type.
    # patch: validate the type (InvalidParameterValueException); refuse a running task, and start-replication on
    #   a task that ran before (InvalidResourceStateFault); keep FreshStartDate for resume-processing and move it
    #   for the other two; log every start as "dms StartReplicationTask <task id> StartReplicationTaskType=<type>"
    #   on stderr (the emulator log), so tests can check the start type the provider sent.
    import json

    from moto.core.exceptions import JsonRESTError
    from moto.core.utils import utcnow
    from moto.dms.exceptions import InvalidResourceStateFault, ResourceNotFoundFault
    from moto.dms.models import FakeReplicationTask
    from moto.dms.responses import DatabaseMigrationServiceResponse

    types = ("start-replication", "resume-processing", "reload-target")

    def start_replication_task(self):
        params = json.loads(self.body)
        task = self.dms_backend.replication_tasks.get(params.get("ReplicationTaskArn"))
        if task is None:
            raise ResourceNotFoundFault("Replication task could not be found.")
        start_type = params.get("StartReplicationTaskType")
        if start_type not in types:
            raise JsonRESTError("InvalidParameterValueException", f"StartReplicationTaskType must be one of {', '.join(types)}")
        if task.status in ("running", "starting"):
            raise InvalidResourceStateFault(f"Replication task is {task.status}; it cannot be started.")
        fresh = getattr(task, "fresh_start_date", None)
        if start_type == "start-replication" and (fresh is not None or task.status in ("stopped", "failed")):
            raise InvalidResourceStateFault(
                f"Replication task {task.id} has run before (status {task.status}); start-replication is only valid "
                "for its first run: use resume-processing or reload-target."
            )
        print(f"dms StartReplicationTask {task.id} StartReplicationTaskType={start_type}", file=sys.stderr, flush=True)
        task.start()
        task.last_start_type = start_type
        task.fresh_start_date = fresh if start_type == "resume-processing" and fresh else utcnow()
        return json.dumps({"ReplicationTask": task.to_dict()})

    original_to_dict = FakeReplicationTask.to_dict

    def to_dict(self):
        result = original_to_dict(self)
        fresh = getattr(self, "fresh_start_date", None)
        if fresh is not None and isinstance(result.get("ReplicationTaskStats"), dict):
            stamp = result["ReplicationTaskStats"].get("StartDate")
            result["ReplicationTaskStats"]["FreshStartDate"] = _epoch(fresh) if isinstance(stamp, (int, float)) else fresh.isoformat()
        return result

    DatabaseMigrationServiceResponse.start_replication_task = start_replication_task
    FakeReplicationTask.to_dict = to_dict


def dms_table_statistics() -> None:
    # Gap: DescribeTableStatistics and ReloadTables are not implemented.
    # moto: no such actions (HTTP 500); ReplicationTaskStats are fixed numbers.
    # provider: (none; the operations CLI) `dms-migration status` and `cutover-check` read per-table statistics, and
    #   `reload --tables` calls ReloadTables (only on a running task).
    #   https://docs.aws.amazon.com/dms/latest/APIReference/API_DescribeTableStatistics.html
    #   https://docs.aws.amazon.com/dms/latest/APIReference/API_ReloadTables.html
    # patch: one TableStatistics entry per table the mappings include by name, once the task
    #   has started: "Table completed", zero row counts (the emulator moves no data),
    #   ValidationState "Validated" when the task's settings enable validation, else
    #   "Not enabled"; filters schema-name, table-name, table-state. ReloadTables marks the
    #   tables FullLoadReloaded. ReplicationTaskStats count the same tables.
    import json
    import time

    from moto.dms.exceptions import InvalidResourceStateFault, ResourceNotFoundFault
    from moto.dms.models import FakeReplicationTask
    from moto.dms.responses import DatabaseMigrationServiceResponse

    def find(response, arn):
        task = response.dms_backend.replication_tasks.get(arn)
        if task is None:
            raise ResourceNotFoundFault("Replication task could not be found.")
        return task

    def validation_on(task) -> bool:
        try:
            return json.loads(task.replication_task_settings or "{}").get("ValidationSettings", {}).get("EnableValidation") is True
        except ValueError:
            return False

    def statistics(task) -> list[dict]:
        if task.start_date is None:
            return []
        started = _epoch(task.start_date)
        reloaded = getattr(task, "reloaded_tables", set())
        validated = validation_on(task)
        return [
            {
                "SchemaName": schema, "TableName": table, "Inserts": 0, "Deletes": 0, "Updates": 0, "Ddls": 0,
                "AppliedInserts": 0, "AppliedDeletes": 0, "AppliedUpdates": 0, "AppliedDdls": 0,
                "FullLoadRows": 0, "FullLoadCondtnlChkFailedRows": 0, "FullLoadErrorRows": 0,
                "FullLoadStartTime": started, "FullLoadEndTime": started, "FullLoadReloaded": (schema, table) in reloaded,
                "LastUpdateTime": time.time(), "TableState": "Table completed",
                "ValidationPendingRecords": 0, "ValidationFailedRecords": 0, "ValidationSuspendedRecords": 0,
                "ValidationState": "Validated" if validated else "Not enabled",
            }
            for schema, table in _selected_tables(task)
        ]

    def describe_table_statistics(self):
        params = json.loads(self.body)
        task = find(self, params.get("ReplicationTaskArn"))
        keys = {"schema-name": "SchemaName", "table-name": "TableName", "table-state": "TableState"}
        rows = [
            row for row in statistics(task)
            if all(row.get(keys.get(f["Name"], ""), None) in f["Values"] for f in params.get("Filters", []) if f["Name"] in keys)
        ]
        return json.dumps({"ReplicationTaskArn": task.arn, "TableStatistics": rows})

    def reload_tables(self):
        params = json.loads(self.body)
        task = find(self, params.get("ReplicationTaskArn"))
        if task.status != "running":
            raise InvalidResourceStateFault(f"Replication task is {task.status}; tables can be reloaded only while it runs.")
        task.reloaded_tables = getattr(task, "reloaded_tables", set()) | {
            (t["SchemaName"], t["TableName"]) for t in params.get("TablesToReload", [])
        }
        return json.dumps({"ReplicationTaskArn": task.arn})

    original_to_dict = FakeReplicationTask.to_dict

    def to_dict(self):
        result = original_to_dict(self)
        stats = result.get("ReplicationTaskStats")
        if isinstance(stats, dict):
            loaded = len(statistics(self))
            stats.update({"TablesLoaded": loaded, "TablesLoading": 0, "TablesQueued": 0 if self.start_date else len(_selected_tables(self)),
                          "TablesErrored": 0, "FullLoadProgressPercent": 100 if self.start_date else 0})
        return result

    DatabaseMigrationServiceResponse.describe_table_statistics = describe_table_statistics
    DatabaseMigrationServiceResponse.reload_tables = reload_tables
    FakeReplicationTask.to_dict = to_dict


def dms_describe_events() -> None:
    # Gap: DescribeEvents is not implemented.
    # moto: no such action (HTTP 500).
    # provider: (none; the operations CLI) `dms-migration cutover-check` reads the events of the
    #   environment's tasks and instances over its period (failures, failovers, errors are a no-go).
    #   https://docs.aws.amazon.com/dms/latest/APIReference/API_DescribeEvents.html
    # patch: the emulator raises no events, so the answer is AWS's for a quiet period: an empty
    #   list; SourceType is checked against the values AWS accepts.
    import json

    from moto.dms.exceptions import DmsClientError
    from moto.dms.responses import DatabaseMigrationServiceResponse

    source_types = {"replication-instance", "replication-task"}

    def describe_events(self):
        params = json.loads(self.body or "{}")
        if params.get("SourceType") not in (None, *source_types):
            raise DmsClientError("InvalidParameterValueException", f"SourceType must be one of {sorted(source_types)}")
        return json.dumps({"Events": []})

    DatabaseMigrationServiceResponse.describe_events = describe_events


def dms_replication_task_assessment_runs() -> None:
    # Gap: premigration assessment runs are not implemented.
    # moto: no StartReplicationTaskAssessmentRun, DescribeReplicationTaskAssessmentRuns,
    #   DescribeReplicationTaskIndividualAssessments.
    # provider: (none; the operations CLI) `dms-migration assess` starts a run with the environment's bucket and
    #   role, waits for it and prints each individual assessment.
    #   https://docs.aws.amazon.com/dms/latest/APIReference/API_StartReplicationTaskAssessmentRun.html
    # patch: a small model. The task, the role (IAM) and the bucket (S3) must exist
    #   (ResourceNotFoundFault, S3ResourceNotFoundFault otherwise, as AWS answers); the run
    #   is "starting" when created and "passed" when next described, with four individual
    #   assessments (AWS names) "passed"; filters as in the API reference. No result
    #   objects are written to the bucket.
    import json
    import random
    import string
    import time

    from moto.core.exceptions import JsonRESTError
    from moto.dms.exceptions import ResourceNotFoundFault
    from moto.dms.responses import DatabaseMigrationServiceResponse
    from moto.utilities.utils import get_partition

    assessments = (
        "unsupported-data-types-in-source",
        "full-lob-not-nullable-at-target",
        "table-with-lob-but-without-primary-key-or-unique-constraint",
        "table-with-no-primary-key-or-unique-constraint",
    )

    def runs(response) -> dict:
        return _dms_state(response.dms_backend, "assessment_runs")

    def arn(response, kind: str) -> str:
        backend = response.dms_backend
        region = backend.region_name
        suffix = "".join(random.choice(string.ascii_uppercase + string.digits) for _ in range(26))
        return f"arn:{get_partition(region)}:dms:{region}:{backend.account_id}:{kind}:{suffix}"

    def start_replication_task_assessment_run(self):
        from moto.iam.models import iam_backends
        from moto.s3.models import s3_backends

        params = json.loads(self.body)
        backend = self.dms_backend
        task = backend.replication_tasks.get(params.get("ReplicationTaskArn"))
        if task is None:
            raise ResourceNotFoundFault("Replication task could not be found.")
        role_name = params.get("ServiceAccessRoleArn", "").split("/")[-1]
        iam = iam_backends[backend.account_id][get_partition(backend.region_name)]
        if not any(role.name == role_name for role in iam.roles.values()):
            raise ResourceNotFoundFault(f"Role {params.get('ServiceAccessRoleArn')} could not be found.")
        bucket = params.get("ResultLocationBucket", "")
        if bucket not in s3_backends[backend.account_id][get_partition(backend.region_name)].buckets:
            raise JsonRESTError("S3ResourceNotFoundFault", f"The S3 bucket {bucket} does not exist.")
        run_arn = arn(self, "assessment-run")
        run = {
            "ReplicationTaskAssessmentRunArn": run_arn,
            "ReplicationTaskArn": task.arn,
            "Status": "starting",
            "ReplicationTaskAssessmentRunCreationDate": time.time(),
            "AssessmentProgress": {"IndividualAssessmentCount": len(assessments), "IndividualAssessmentCompletedCount": 0},
            "ServiceAccessRoleArn": params["ServiceAccessRoleArn"],
            "ResultLocationBucket": bucket,
            "ResultLocationFolder": params.get("ResultLocationFolder", ""),
            "ResultEncryptionMode": params.get("ResultEncryptionMode", "SSE_S3"),
            "AssessmentRunName": params["AssessmentRunName"],
            "IsLatestTaskAssessmentRun": True,
        }
        if params.get("ResultKmsKeyArn"):
            run["ResultKmsKeyArn"] = params["ResultKmsKeyArn"]
        for other in runs(self).values():
            if other["run"]["ReplicationTaskArn"] == task.arn:
                other["run"]["IsLatestTaskAssessmentRun"] = False
        individual = [
            {"ReplicationTaskIndividualAssessmentArn": arn(self, "individual-assessment"), "ReplicationTaskAssessmentRunArn": run_arn,
             "IndividualAssessmentName": name, "Status": "pending", "ReplicationTaskIndividualAssessmentStartDate": time.time()}
            for name in assessments
        ]
        runs(self)[run_arn] = {"run": run, "individual": individual, "instance": task.replication_instance_arn}
        return json.dumps({"ReplicationTaskAssessmentRun": run})

    def finish(item: dict) -> None:
        if item["run"]["Status"] == "starting":
            item["run"]["Status"] = "passed"
            item["run"]["AssessmentProgress"]["IndividualAssessmentCompletedCount"] = len(item["individual"])
            item["run"]["ResultStatistic"] = {"Passed": len(item["individual"]), "Failed": 0, "Error": 0, "Warning": 0, "Cancelled": 0, "Skipped": 0}
            for assessment in item["individual"]:
                assessment["Status"] = "passed"

    def matching(response, filters: list, values) -> list:
        found = []
        for item in runs(response).values():
            finish(item)
            for candidate in values(item):
                known = {
                    "replication-task-assessment-run-arn": item["run"]["ReplicationTaskAssessmentRunArn"],
                    "replication-task-arn": item["run"]["ReplicationTaskArn"],
                    "replication-instance-arn": item["instance"],
                    "status": candidate["Status"],
                }
                if all(known.get(f["Name"]) in f["Values"] for f in filters):
                    found.append(candidate)
        return found

    def describe_replication_task_assessment_runs(self):
        params = json.loads(self.body or "{}")
        return json.dumps({"ReplicationTaskAssessmentRuns": matching(self, params.get("Filters", []), lambda item: [item["run"]])})

    def describe_replication_task_individual_assessments(self):
        params = json.loads(self.body or "{}")
        return json.dumps({"ReplicationTaskIndividualAssessments": matching(self, params.get("Filters", []), lambda item: item["individual"])})

    for func in (start_replication_task_assessment_run, describe_replication_task_assessment_runs,
                 describe_replication_task_individual_assessments):
        setattr(DatabaseMigrationServiceResponse, func.__name__, func)
