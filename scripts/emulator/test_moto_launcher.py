"""Tests for moto_launcher.py: one per patch, plus the launcher's own contract.

    python3 -m unittest discover -s scripts/emulator -p 'test_*.py'

Two launchers run for the whole module: one with every patch, one with
--no-patches. Each patch test runs the same boto3 scenario against both: it must
pass on the patched emulator (the AWS-like behaviour the hashicorp/aws provider
needs) and fail on plain moto 5.2.1 (so the gap is real and the patch is what
bridges it). Offline; about 15 s.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import unittest
import uuid
from pathlib import Path

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError
from botocore.parsers import ResponseParserError

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import patches  # noqa: E402

REGION = "eu-west-2"


class Launcher:
    """moto_launcher.py as a child process; .endpoint is the URL from its READY line."""

    def __init__(self, *args: str, wait: bool = True, log: Path | None = None) -> None:
        self.log = log
        with open(log, "w") if log else open(os.devnull, "w") as stderr:
            self.proc = subprocess.Popen(
                [sys.executable, str(HERE / "moto_launcher.py"), "--port", "0", *args],
                stdout=subprocess.PIPE,
                stderr=stderr,
                text=True,
            )
        if wait:
            self.wait_ready()

    def wait_ready(self) -> "Launcher":
        self.ready_line = self.proc.stdout.readline().strip()
        # The contract: exactly one line, READY http://127.0.0.1:<port>, with the real port.
        if not re.fullmatch(r"READY http://127\.0\.0\.1:[1-9][0-9]*", self.ready_line):
            self.stop()
            raise RuntimeError(f"launcher did not start: {self.ready_line!r}")
        self.endpoint = self.ready_line.split()[1]
        return self

    def client(self, service: str):
        return boto3.client(
            service,
            endpoint_url=self.endpoint,
            region_name=REGION,
            aws_access_key_id="AKIAEMULATOREXAMPLE1",
            aws_secret_access_key="test",
            config=Config(retries={"max_attempts": 1}),
        )

    def log_text(self) -> str:
        """What the launcher wrote on stderr (the emulator log); empty without a log file."""
        return self.log.read_text() if self.log else ""

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc.stdout.close()
        return self.proc.returncode


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


class PatchTestCase(unittest.TestCase):
    patched: Launcher
    plain: Launcher

    @classmethod
    def setUpClass(cls) -> None:
        # Started side by side: importing moto is most of a launcher's start-up time.
        cls.scratch = tempfile.TemporaryDirectory()
        cls.patched = Launcher(wait=False, log=Path(cls.scratch.name) / "patched.log")
        cls.plain = Launcher("--no-patches", wait=False)
        cls.patched.wait_ready()
        cls.plain.wait_ready()

    @classmethod
    def tearDownClass(cls) -> None:
        cls.patched.stop()
        cls.plain.stop()
        cls.scratch.cleanup()

    def assert_bridged(self, scenario) -> None:
        """scenario(launcher) asserts AWS-like behaviour: it must hold when patched, not on plain moto."""
        scenario(self.patched)
        with self.assertRaises((AssertionError, ClientError), msg="plain moto already behaves like AWS: no gap") as caught:
            scenario(self.plain)
        if os.environ.get("SHOW_GAPS"):
            print(f"\n  plain moto, {self.id().rsplit('.', 1)[-1]}: {str(caught.exception).splitlines()[0][:150]}")

    # ---- helpers ----------------------------------------------------------

    @staticmethod
    def vpc_with_subnets(launcher: Launcher) -> tuple[str, list[str]]:
        ec2 = launcher.client("ec2")
        vpc_id = ec2.create_vpc(CidrBlock="10.9.0.0/16")["Vpc"]["VpcId"]
        subnets = [
            ec2.create_subnet(VpcId=vpc_id, CidrBlock=f"10.9.{i}.0/24", AvailabilityZone=f"{REGION}{zone}")["Subnet"][
                "SubnetId"
            ]
            for i, zone in enumerate("ab", start=1)
        ]
        return vpc_id, subnets

    @staticmethod
    def redshift_cluster(launcher: Launcher, identifier: str, **settings) -> dict:
        """A Redshift cluster with the fixed node type and a throw-away admin password, plus `settings`."""
        return launcher.client("redshift").create_cluster(
            ClusterIdentifier=identifier, NodeType="ra3.large", MasterUsername="dms_admin",
            MasterUserPassword="Passw0rd-not-secret", **settings,
        )["Cluster"]

    @staticmethod
    def dms_task(launcher: Launcher, migration_type: str) -> str:
        dms = launcher.client("dms")
        instance = dms.create_replication_instance(
            ReplicationInstanceIdentifier=unique("ri"), ReplicationInstanceClass="dms.t3.medium"
        )["ReplicationInstance"]["ReplicationInstanceArn"]
        endpoints = [
            dms.create_endpoint(
                EndpointIdentifier=unique(kind), EndpointType=kind, EngineName=engine, ServerName="db.internal", Port=1
            )["Endpoint"]["EndpointArn"]
            for kind, engine in (("source", "sqlserver"), ("target", "postgres"))
        ]
        return dms.create_replication_task(
            ReplicationTaskIdentifier=unique("task"),
            SourceEndpointArn=endpoints[0],
            TargetEndpointArn=endpoints[1],
            ReplicationInstanceArn=instance,
            MigrationType=migration_type,
            TableMappings=json.dumps({"rules": []}),
        )["ReplicationTask"]["ReplicationTaskArn"]

    @staticmethod
    def describe_task(launcher: Launcher, arn: str) -> dict:
        tasks = launcher.client("dms").describe_replication_tasks(
            Filters=[{"Name": "replication-task-arn", "Values": [arn]}]
        )["ReplicationTasks"]
        return tasks[0]

    @staticmethod
    def create_db(launcher: Launcher, **extra) -> dict:
        return launcher.client("rds").create_db_instance(
            DBInstanceIdentifier=unique("db"),
            DBInstanceClass="db.t4g.micro",
            Engine="postgres",
            AllocatedStorage=20,
            MasterUsername="postgres",
            MasterUserPassword="not-a-secret-0",
            **{"EngineVersion": "16", **extra},
        )["DBInstance"]

    # ---- one test per patch ----------------------------------------------

    def test_load_aws_managed_policies(self) -> None:
        def scenario(launcher: Launcher) -> None:
            iam = launcher.client("iam")
            role = unique("dms-vpc-role")
            iam.create_role(RoleName=role, AssumeRolePolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": []}))
            for name in ("AmazonDMSVPCManagementRole", "AmazonDMSCloudWatchLogsRole", "AmazonRDSEnhancedMonitoringRole"):
                iam.attach_role_policy(RoleName=role, PolicyArn=f"arn:aws:iam::aws:policy/service-role/{name}")
            attached = iam.list_attached_role_policies(RoleName=role)["AttachedPolicies"]
            self.assertEqual(len(attached), 3)

        self.assert_bridged(scenario)

    def test_ec2_security_group_rule_descriptions(self) -> None:
        def rule_description(launcher: Launcher, peer: dict, egress: bool) -> dict:
            ec2 = launcher.client("ec2")
            vpc_id, _ = self.vpc_with_subnets(launcher)
            group = ec2.create_security_group(GroupName=unique("sg"), Description="sg", VpcId=vpc_id)["GroupId"]
            authorize = ec2.authorize_security_group_egress if egress else ec2.authorize_security_group_ingress
            rule_id = authorize(
                GroupId=group, IpPermissions=[{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, **peer}]
            )["SecurityGroupRules"][0]["SecurityGroupRuleId"]
            return ec2.describe_security_group_rules(SecurityGroupRuleIds=[rule_id])["SecurityGroupRules"][0]

        def group_reference(launcher: Launcher) -> None:
            ec2 = launcher.client("ec2")
            vpc_id, _ = self.vpc_with_subnets(launcher)
            dms = ec2.create_security_group(GroupName=unique("dms"), Description="dms", VpcId=vpc_id)["GroupId"]
            rule = rule_description(launcher, {"UserIdGroupPairs": [{"GroupId": dms, "Description": "from DMS"}]}, False)
            self.assertEqual(rule["ReferencedGroupInfo"]["GroupId"], dms)
            self.assertEqual(rule.get("Description"), "from DMS")

        def prefix_list(launcher: Launcher) -> None:
            s3 = launcher.client("ec2").describe_managed_prefix_lists(
                Filters=[{"Name": "prefix-list-name", "Values": [f"com.amazonaws.{REGION}.s3"]}]
            )["PrefixLists"][0]["PrefixListId"]
            rule = rule_description(launcher, {"PrefixListIds": [{"PrefixListId": s3, "Description": "HTTPS to S3"}]}, True)
            self.assertEqual(rule["PrefixListId"], s3)
            self.assertEqual(rule.get("Description"), "HTTPS to S3")

        for scenario in (group_reference, prefix_list):
            with self.subTest(scenario.__name__):
                self.assert_bridged(scenario)

    def test_ec2_custom_ids_from_tags(self) -> None:
        def scenario(launcher: Launcher) -> None:
            ec2 = launcher.client("ec2")
            suffix = uuid.uuid4().hex[:17]

            def custom(resource_type: str, value: str) -> list[dict]:
                return [{"ResourceType": resource_type, "Tags": [{"Key": "_custom_id_", "Value": value}]}]

            vpc = ec2.create_vpc(CidrBlock="10.8.0.0/16", TagSpecifications=custom("vpc", f"vpc-{suffix}"))["Vpc"]["VpcId"]
            self.assertEqual(vpc, f"vpc-{suffix}")
            subnet = ec2.create_subnet(
                VpcId=vpc, CidrBlock="10.8.1.0/24", TagSpecifications=custom("subnet", f"subnet-{suffix}")
            )["Subnet"]["SubnetId"]
            self.assertEqual(subnet, f"subnet-{suffix}")
            group = ec2.create_security_group(
                GroupName=unique("sg"), Description="seeded", VpcId=vpc, TagSpecifications=custom("security-group", f"sg-{suffix}")
            )["GroupId"]
            self.assertEqual(group, f"sg-{suffix}")
            # The chosen id is used once: the next group without the tag gets a random id.
            other = ec2.create_security_group(GroupName=unique("sg"), Description="random", VpcId=vpc)["GroupId"]
            self.assertNotEqual(other, f"sg-{suffix}")

        self.assert_bridged(scenario)

    def test_rds_unique_dbi_resource_id(self) -> None:
        def scenario(launcher: Launcher) -> None:
            first, second = self.create_db(launcher), self.create_db(launcher)
            self.assertNotEqual(first["DbiResourceId"], second["DbiResourceId"])
            self.assertRegex(second["DbiResourceId"], r"^db-[A-Z0-9]{26}$")
            found = launcher.client("rds").describe_db_instances(
                Filters=[{"Name": "dbi-resource-id", "Values": [second["DbiResourceId"]]}]
            )["DBInstances"]
            self.assertEqual([d["DBInstanceIdentifier"] for d in found], [second["DBInstanceIdentifier"]])

        self.assert_bridged(scenario)

    def test_rds_default_ca_certificate(self) -> None:
        def scenario(launcher: Launcher) -> None:
            self.assertEqual(self.create_db(launcher)["CACertificateIdentifier"], "rds-ca-rsa2048-g1")
            # An explicit choice is kept.
            chosen = self.create_db(launcher, CACertificateIdentifier="rds-ca-ecc384-g1")
            self.assertEqual(chosen["CACertificateIdentifier"], "rds-ca-ecc384-g1")

        self.assert_bridged(scenario)

    def test_rds_default_parameter_groups(self) -> None:
        def scenario(launcher: Launcher) -> None:
            rds = launcher.client("rds")
            # Hackney's 2020 databases: engine version "11", no group of their own.
            legacy = self.create_db(launcher, EngineVersion="11")
            self.assertEqual([g["DBParameterGroupName"] for g in legacy["DBParameterGroups"]], ["default.postgres11"])
            # A default group nobody has used yet can be looked up and moved to, as in AWS.
            found = rds.describe_db_parameter_groups(DBParameterGroupName="default.postgres16")["DBParameterGroups"]
            self.assertEqual([(g["DBParameterGroupName"], g["DBParameterGroupFamily"]) for g in found], [("default.postgres16", "postgres16")])
            moved = rds.modify_db_instance(
                DBInstanceIdentifier=self.create_db(launcher)["DBInstanceIdentifier"],
                DBParameterGroupName="default.postgres16",
                ApplyImmediately=True,
            )["DBInstance"]
            self.assertEqual(moved["DBParameterGroups"][0]["DBParameterGroupName"], "default.postgres16")

        self.assert_bridged(scenario)

    def test_rds_monitoring_and_performance_insights(self) -> None:
        def scenario(launcher: Launcher) -> None:
            role = "arn:aws:iam::123456789012:role/rds-monitoring"
            created = self.create_db(
                launcher,
                MonitoringInterval=60,
                MonitoringRoleArn=role,
                EnablePerformanceInsights=True,
                PerformanceInsightsRetentionPeriod=7,
            )
            found = launcher.client("rds").describe_db_instances(
                DBInstanceIdentifier=created["DBInstanceIdentifier"]
            )["DBInstances"][0]
            self.assertEqual(found.get("MonitoringInterval"), 60)
            self.assertEqual(found.get("MonitoringRoleArn"), role)
            self.assertIs(found.get("PerformanceInsightsEnabled"), True)
            self.assertEqual(found.get("PerformanceInsightsRetentionPeriod"), 7)
            plain = self.create_db(launcher)
            self.assertEqual(plain.get("MonitoringInterval"), 0)
            self.assertIs(plain.get("PerformanceInsightsEnabled"), False)

        self.assert_bridged(scenario)

    def test_rds_user_parameters_have_source_user(self) -> None:
        def scenario(launcher: Launcher) -> None:
            rds = launcher.client("rds")
            name = unique("pg16")
            rds.create_db_parameter_group(DBParameterGroupName=name, DBParameterGroupFamily="postgres16", Description="x")
            rds.modify_db_parameter_group(
                DBParameterGroupName=name,
                Parameters=[{"ParameterName": "rds.force_ssl", "ParameterValue": "1", "ApplyMethod": "pending-reboot"}],
            )
            params = rds.describe_db_parameters(DBParameterGroupName=name)["Parameters"]
            self.assertEqual([(p["ParameterName"], p.get("Source")) for p in params], [("rds.force_ssl", "user")])
            cluster = unique("apg16")
            rds.create_db_cluster_parameter_group(
                DBClusterParameterGroupName=cluster, DBParameterGroupFamily="aurora-postgresql16", Description="x"
            )
            rds.modify_db_cluster_parameter_group(
                DBClusterParameterGroupName=cluster,
                Parameters=[{"ParameterName": "rds.force_ssl", "ParameterValue": "1", "ApplyMethod": "pending-reboot"}],
            )
            params = rds.describe_db_cluster_parameters(DBClusterParameterGroupName=cluster)["Parameters"]
            self.assertEqual([(p["ParameterName"], p.get("Source")) for p in params], [("rds.force_ssl", "user")])

        self.assert_bridged(scenario)

    def test_dms_timestamps_as_epoch_numbers(self) -> None:
        def scenario(launcher: Launcher) -> None:
            dms = launcher.client("dms")
            raw: list[dict] = []
            # boto3 accepts ISO strings where the awsJson1.1 protocol has numbers; the
            # provider's aws-sdk-go-v2 does not, so look at the wire format.
            dms.meta.events.register("after-call.*.*", lambda http_response, **_: raw.append(json.loads(http_response.content)))
            task_arn = self.dms_task(launcher, "full-load")
            dms.describe_replication_instances()
            dms.describe_replication_tasks(Filters=[{"Name": "replication-task-arn", "Values": [task_arn]}])
            instance = raw[-2]["ReplicationInstances"][-1]
            task = raw[-1]["ReplicationTasks"][0]
            self.assertIsInstance(instance["InstanceCreateTime"], (int, float))
            self.assertIsInstance(task["ReplicationTaskCreationDate"], (int, float))
            self.assertLess(abs(task["ReplicationTaskCreationDate"] - time.time()), 300)

        self.assert_bridged(scenario)

    def test_dms_replication_task_becomes_ready(self) -> None:
        def scenario(launcher: Launcher) -> None:
            arn = self.dms_task(launcher, "full-load-and-cdc")
            self.assertEqual(self.describe_task(launcher, arn)["Status"], "ready")

        self.assert_bridged(scenario)

    def test_dms_full_load_task_stops_when_done(self) -> None:
        def scenario(launcher: Launcher) -> None:
            dms = launcher.client("dms")
            full_load, cdc = self.dms_task(launcher, "full-load"), self.dms_task(launcher, "full-load-and-cdc")
            for arn in (full_load, cdc):
                self.describe_task(launcher, arn)
                dms.start_replication_task(ReplicationTaskArn=arn, StartReplicationTaskType="start-replication")
            # The provider's start waiter must see "running" once ...
            self.assertEqual(self.describe_task(launcher, full_load)["Status"], "running")
            # ... then a full-load task is done, a CDC task goes on.
            finished = self.describe_task(launcher, full_load)
            self.assertEqual(finished["Status"], "stopped")
            self.assertEqual(finished.get("StopReason"), "Stop Reason FULL_LOAD_ONLY_FINISHED")
            self.assertEqual(self.describe_task(launcher, cdc)["Status"], "running")
            self.assertEqual(self.describe_task(launcher, cdc)["Status"], "running")

        self.assert_bridged(scenario)

    def test_dms_subnet_group_real_subnets(self) -> None:
        def scenario(launcher: Launcher) -> None:
            dms = launcher.client("dms")
            vpc_id, subnets = self.vpc_with_subnets(launcher)
            name = unique("dms-subnets")
            dms.create_replication_subnet_group(
                ReplicationSubnetGroupIdentifier=name,
                ReplicationSubnetGroupDescription="two private subnets",
                SubnetIds=subnets,
                Tags=[{"Key": "Name", "Value": name}],
            )
            group = dms.describe_replication_subnet_groups(
                Filters=[{"Name": "replication-subnet-group-id", "Values": [name]}]
            )["ReplicationSubnetGroups"][0]
            self.assertEqual(group["VpcId"], vpc_id)
            self.assertEqual(sorted(s["SubnetIdentifier"] for s in group["Subnets"]), sorted(subnets))
            self.assertEqual(
                sorted(s["SubnetAvailabilityZone"]["Name"] for s in group["Subnets"]), [f"{REGION}a", f"{REGION}b"]
            )
            arn = f"arn:aws:dms:{REGION}:123456789012:subgrp:{name}"
            tags = dms.list_tags_for_resource(ResourceArn=arn)["TagList"]
            self.assertEqual([(t["Key"], t["Value"]) for t in tags], [("Name", name)])

        self.assert_bridged(scenario)

    def test_dms_replication_instance_reports_its_subnet_group(self) -> None:
        def scenario(launcher: Launcher) -> None:
            dms = launcher.client("dms")
            vpc_id, subnets = self.vpc_with_subnets(launcher)
            group = unique("dms-subnets")
            dms.create_replication_subnet_group(
                ReplicationSubnetGroupIdentifier=group, ReplicationSubnetGroupDescription="x", SubnetIds=subnets
            )
            with_group = dms.create_replication_instance(
                ReplicationInstanceIdentifier=unique("ri"),
                ReplicationInstanceClass="dms.t3.medium",
                ReplicationSubnetGroupIdentifier=group,
                MultiAZ=True,
            )["ReplicationInstance"]
            self.assertEqual(with_group["ReplicationSubnetGroup"]["VpcId"], vpc_id)
            self.assertEqual(with_group["AvailabilityZone"], f"{REGION}a")
            self.assertEqual(with_group["SecondaryAvailabilityZone"], f"{REGION}b")
            without = dms.create_replication_instance(
                ReplicationInstanceIdentifier=unique("ri"), ReplicationInstanceClass="dms.t3.medium"
            )["ReplicationInstance"]
            self.assertIsNotNone(without.get("ReplicationSubnetGroup"), "provider 5.100.0 panics on a null group")
            self.assertRegex(without["ReplicationSubnetGroup"]["ReplicationSubnetGroupIdentifier"], r"^default-vpc-")

        self.assert_bridged(scenario)

    def test_dms_modify_replication_subnet_group(self) -> None:
        def scenario(launcher: Launcher) -> None:
            dms = launcher.client("dms")
            _, subnets = self.vpc_with_subnets(launcher)
            name = unique("dms-subnets")
            dms.create_replication_subnet_group(
                ReplicationSubnetGroupIdentifier=name, ReplicationSubnetGroupDescription="v1", SubnetIds=subnets
            )
            modified = dms.modify_replication_subnet_group(
                ReplicationSubnetGroupIdentifier=name, ReplicationSubnetGroupDescription="v2", SubnetIds=subnets[:1]
            )["ReplicationSubnetGroup"]
            self.assertEqual(modified["ReplicationSubnetGroupDescription"], "v2")
            group = dms.describe_replication_subnet_groups(
                Filters=[{"Name": "replication-subnet-group-id", "Values": [name]}]
            )["ReplicationSubnetGroups"][0]
            self.assertEqual(group["ReplicationSubnetGroupDescription"], "v2")
            self.assertEqual([s["SubnetIdentifier"] for s in group["Subnets"]], subnets[:1])

        self.assert_bridged(scenario)


    def test_rds_cluster_scaling_configuration_only_for_serverless_v1(self) -> None:
        def scenario(launcher: Launcher) -> None:
            rds = launcher.client("rds")
            name = unique("aurora")
            rds.create_db_cluster(
                DBClusterIdentifier=name,
                Engine="aurora-postgresql",
                EngineVersion="16.6",
                MasterUsername="postgres",
                MasterUserPassword="not-a-secret-0",
            )
            raw: list[bytes] = []
            rds.meta.events.register("after-call.*.*", lambda http_response, **_: raw.append(http_response.content))
            cluster = rds.describe_db_clusters(DBClusterIdentifier=name)["DBClusters"][0]
            self.assertEqual(cluster["EngineMode"], "provisioned")
            self.assertNotIn(b"ScalingConfigurationInfo", raw[-1])

        self.assert_bridged(scenario)

    def test_dms_modify_endpoint(self) -> None:
        def scenario(launcher: Launcher) -> None:
            dms = launcher.client("dms")
            arn = dms.create_endpoint(
                EndpointIdentifier=unique("lake"),
                EndpointType="target",
                EngineName="s3",
                S3Settings={"BucketName": "lake", "DataFormat": "csv", "CompressionType": "NONE"},
            )["Endpoint"]["EndpointArn"]
            dms.modify_endpoint(
                EndpointArn=arn, S3Settings={"DataFormat": "parquet", "ParquetVersion": "parquet-2-0"}, SslMode="none"
            )
            endpoint = dms.describe_endpoints(Filters=[{"Name": "endpoint-arn", "Values": [arn]}])["Endpoints"][0]
            self.assertEqual(
                endpoint["S3Settings"],
                {"BucketName": "lake", "DataFormat": "parquet", "CompressionType": "NONE", "ParquetVersion": "parquet-2-0"},
            )
            self.assertEqual(endpoint["SslMode"], "none")
            dms.modify_endpoint(EndpointArn=arn, S3Settings={"BucketName": "other"}, ExactSettings=True)
            endpoint = dms.describe_endpoints(Filters=[{"Name": "endpoint-arn", "Values": [arn]}])["Endpoints"][0]
            self.assertEqual(endpoint["S3Settings"], {"BucketName": "other"})

        self.assert_bridged(scenario)

    def test_dms_serverless_replication_configs(self) -> None:
        def scenario(launcher: Launcher) -> None:
            dms = launcher.client("dms")
            identifier = unique("serverless")
            config = dms.create_replication_config(
                ReplicationConfigIdentifier=identifier,
                SourceEndpointArn="arn:aws:dms:eu-west-2:123456789012:endpoint:SOURCE",
                TargetEndpointArn="arn:aws:dms:eu-west-2:123456789012:endpoint:TARGET",
                ComputeConfig={"MaxCapacityUnits": 16, "MinCapacityUnits": 2, "ReplicationSubnetGroupId": "dms-subnets"},
                ReplicationType="full-load-and-cdc",
                TableMappings=json.dumps({"rules": []}),
                Tags=[{"Key": "Name", "Value": identifier}],
            )["ReplicationConfig"]
            arn = config["ReplicationConfigArn"]
            self.assertRegex(arn, r"^arn:aws:dms:eu-west-2:123456789012:replication-config:[A-Z0-9]+$")
            by_arn = [{"Name": "replication-config-arn", "Values": [arn]}]
            self.assertEqual(dms.describe_replication_configs(Filters=by_arn)["ReplicationConfigs"][0]["ComputeConfig"]["MaxCapacityUnits"], 16)
            self.assertEqual(dms.describe_replications(Filters=by_arn)["Replications"][0]["Status"], "created")
            self.assertEqual(dms.list_tags_for_resource(ResourceArn=arn)["TagList"][0]["Value"], identifier)
            dms.modify_replication_config(ReplicationConfigArn=arn, ComputeConfig={"MaxCapacityUnits": 32})
            compute = dms.describe_replication_configs(Filters=by_arn)["ReplicationConfigs"][0]["ComputeConfig"]
            self.assertEqual((compute["MaxCapacityUnits"], compute["MinCapacityUnits"]), (32, 2))
            self.assertEqual(dms.describe_replication_table_statistics(ReplicationConfigArn=arn)["ReplicationTableStatistics"], [])
            dms.start_replication(ReplicationConfigArn=arn, StartReplicationType="start-replication")
            running = dms.describe_replications(Filters=[{"Name": "replication-config-id", "Values": [identifier]}])["Replications"][0]
            self.assertEqual((running["Status"], running["StartReplicationType"]), ("running", "start-replication"))
            self.assertIn("FreshStartDate", running["ReplicationStats"])
            dms.stop_replication(ReplicationConfigArn=arn)
            self.assertEqual(dms.describe_replications(Filters=by_arn)["Replications"][0]["StopReason"], "Stop Reason NORMAL")
            include = {"rule-type": "selection", "rule-id": "1", "rule-name": "1", "rule-action": "include",
                       "object-locator": {"schema-name": "public", "table-name": "orders"}}
            dms.modify_replication_config(ReplicationConfigArn=arn, TableMappings=json.dumps({"rules": [include]}))
            tables = dms.describe_replication_table_statistics(ReplicationConfigArn=arn)["ReplicationTableStatistics"]
            self.assertEqual([(t["SchemaName"], t["TableName"], t["TableState"]) for t in tables], [("public", "orders", "Table completed")])
            dms.delete_replication_config(ReplicationConfigArn=arn)
            self.assertEqual(dms.describe_replication_configs(Filters=by_arn)["ReplicationConfigs"], [])
            self.assertEqual(dms.describe_replications(Filters=by_arn)["Replications"], [])

        self.assert_bridged(scenario)

    def test_dms_event_subscriptions(self) -> None:
        def scenario(launcher: Launcher) -> None:
            dms = launcher.client("dms")
            name = unique("task-events")
            created = dms.create_event_subscription(
                SubscriptionName=name,
                SnsTopicArn="arn:aws:sns:eu-west-2:123456789012:alerts",
                SourceType="replication-task",
                EventCategories=["failure", "state change"],
                SourceIds=["task-1"],
                Enabled=True,
                Tags=[{"Key": "Name", "Value": name}],
            )["EventSubscription"]
            self.assertEqual(created["Status"], "active")
            found = dms.describe_event_subscriptions(SubscriptionName=name)["EventSubscriptionsList"][0]
            self.assertEqual((found["SourceIdsList"], found["Enabled"]), (["task-1"], True))
            arn = f"arn:aws:dms:{REGION}:123456789012:es:{name}"
            self.assertEqual(dms.list_tags_for_resource(ResourceArn=arn)["TagList"][0]["Value"], name)
            dms.modify_event_subscription(SubscriptionName=name, Enabled=False)
            self.assertIs(dms.describe_event_subscriptions(SubscriptionName=name)["EventSubscriptionsList"][0]["Enabled"], False)
            dms.delete_event_subscription(SubscriptionName=name)
            with self.assertRaises(ClientError) as gone:
                dms.describe_event_subscriptions(SubscriptionName=name)
            self.assertEqual(gone.exception.response["Error"]["Code"], "ResourceNotFoundFault")

        self.assert_bridged(scenario)


    def test_dms_s3_date_partition_sequence_lower_case(self) -> None:
        def scenario(launcher: Launcher) -> None:
            dms = launcher.client("dms")
            arn = dms.create_endpoint(
                EndpointIdentifier=unique("raw"),
                EndpointType="target",
                EngineName="s3",
                S3Settings={"BucketName": "raw", "DatePartitionEnabled": True, "DatePartitionSequence": "YYYYMMDDHH"},
            )["Endpoint"]["EndpointArn"]
            endpoint = dms.describe_endpoints(Filters=[{"Name": "endpoint-arn", "Values": [arn]}])["Endpoints"][0]
            self.assertEqual(endpoint["S3Settings"]["DatePartitionSequence"], "yyyymmddhh")

        self.assert_bridged(scenario)

    def test_dms_replication_instance_arn_ends_with_resource_identifier(self) -> None:
        def scenario(launcher: Launcher) -> None:
            friendly = unique("Shared-Instance").replace("_", "-")
            arn = launcher.client("dms").create_replication_instance(
                ReplicationInstanceIdentifier=unique("ri"), ReplicationInstanceClass="dms.t3.medium", ResourceIdentifier=friendly
            )["ReplicationInstance"]["ReplicationInstanceArn"]
            self.assertEqual(arn, f"arn:aws:dms:{REGION}:123456789012:rep:{friendly}")

        self.assert_bridged(scenario)

    def test_dms_modify_replication_task(self) -> None:
        def scenario(launcher: Launcher) -> None:
            dms = launcher.client("dms")
            arn = self.dms_task(launcher, "full-load-and-cdc")
            self.describe_task(launcher, arn)
            mappings = json.dumps({"rules": [{"rule-type": "selection", "rule-id": "1", "rule-name": "people",
                                              "object-locator": {"schema-name": "dbo", "table-name": "people%"},
                                              "rule-action": "include"}]})
            modified = dms.modify_replication_task(ReplicationTaskArn=arn, TableMappings=mappings)["ReplicationTask"]
            self.assertEqual(modified["Status"], "modifying")
            task = self.describe_task(launcher, arn)
            self.assertEqual((task["Status"], task["TableMappings"]), ("ready", mappings))
            # A task that ran before is "stopped" again after a change, not "ready" (it keeps its checkpoint).
            dms.start_replication_task(ReplicationTaskArn=arn, StartReplicationTaskType="start-replication")
            with self.assertRaises(ClientError) as running:
                dms.modify_replication_task(ReplicationTaskArn=arn, TableMappings=mappings)
            self.assertEqual(running.exception.response["Error"]["Code"], "InvalidResourceStateFault")
            dms.stop_replication_task(ReplicationTaskArn=arn)
            dms.modify_replication_task(ReplicationTaskArn=arn, TableMappings=mappings)
            self.assertEqual(self.describe_task(launcher, arn)["Status"], "stopped")

        self.assert_bridged(scenario)

    def test_dms_modify_replication_instance(self) -> None:
        def scenario(launcher: Launcher) -> None:
            dms = launcher.client("dms")
            arn = dms.create_replication_instance(
                ReplicationInstanceIdentifier=unique("ri"), ReplicationInstanceClass="dms.t3.medium", AllocatedStorage=50
            )["ReplicationInstance"]["ReplicationInstanceArn"]
            dms.modify_replication_instance(
                ReplicationInstanceArn=arn, AllocatedStorage=60, ApplyImmediately=True, VpcSecurityGroupIds=["sg-1"]
            )
            found = dms.describe_replication_instances(
                Filters=[{"Name": "replication-instance-arn", "Values": [arn]}]
            )["ReplicationInstances"][0]
            self.assertEqual((found["AllocatedStorage"], found["ReplicationInstanceStatus"]), (60, "available"))
            self.assertEqual([g["VpcSecurityGroupId"] for g in found["VpcSecurityGroups"]], ["sg-1"])

        self.assert_bridged(scenario)

    def test_dms_tag_and_untag_resources(self) -> None:
        def scenario(launcher: Launcher) -> None:
            dms = launcher.client("dms")
            arn = dms.create_endpoint(
                EndpointIdentifier=unique("source"), EndpointType="source", EngineName="sqlserver",
                Tags=[{"Key": "Name", "Value": "source"}, {"Key": "Revision", "Value": "1"}],
            )["Endpoint"]["EndpointArn"]
            dms.add_tags_to_resource(ResourceArn=arn, Tags=[{"Key": "Revision", "Value": "2"}])
            dms.remove_tags_from_resource(ResourceArn=arn, TagKeys=["Name"])
            tags = dms.list_tags_for_resource(ResourceArn=arn)["TagList"]
            self.assertEqual([(t["Key"], t["Value"]) for t in tags], [("Revision", "2")])

        self.assert_bridged(scenario)


    def test_kms_default_keys_are_aws_managed(self) -> None:
        def scenario(launcher: Launcher) -> None:
            kms = launcher.client("kms")
            self.assertEqual(kms.describe_key(KeyId="alias/aws/dynamodb")["KeyMetadata"]["KeyManager"], "AWS")

        self.assert_bridged(scenario)

    def test_kinesis_create_stream_tags(self) -> None:
        def scenario(launcher: Launcher) -> None:
            kinesis = launcher.client("kinesis")
            name = unique("stream")
            kinesis.create_stream(StreamName=name, StreamModeDetails={"StreamMode": "ON_DEMAND"}, Tags={"Name": name})
            tags = kinesis.list_tags_for_stream(StreamName=name)["Tags"]
            self.assertEqual([(t["Key"], t["Value"]) for t in tags], [("Name", name)])

        self.assert_bridged(scenario)

    def test_dms_start_replication_task_types(self) -> None:
        def scenario(launcher: Launcher) -> None:
            dms = launcher.client("dms")
            arn = self.dms_task(launcher, "full-load-and-cdc")
            task_id = self.describe_task(launcher, arn)["ReplicationTaskIdentifier"]
            with self.assertRaises(ClientError) as unknown_type:
                dms.start_replication_task(ReplicationTaskArn=arn, StartReplicationTaskType="fresh-start")
            self.assertEqual(unknown_type.exception.response["Error"]["Code"], "InvalidParameterValueException")
            dms.start_replication_task(ReplicationTaskArn=arn, StartReplicationTaskType="start-replication")
            with self.assertRaises(ClientError) as running:
                dms.start_replication_task(ReplicationTaskArn=arn, StartReplicationTaskType="resume-processing")
            self.assertEqual(running.exception.response["Error"]["Code"], "InvalidResourceStateFault")
            fresh = self.describe_task(launcher, arn)["ReplicationTaskStats"]["FreshStartDate"]
            dms.stop_replication_task(ReplicationTaskArn=arn)
            # A task that ran before cannot be started from scratch again ...
            with self.assertRaises(ClientError) as ran_before:
                dms.start_replication_task(ReplicationTaskArn=arn, StartReplicationTaskType="start-replication")
            self.assertEqual(ran_before.exception.response["Error"]["Code"], "InvalidResourceStateFault")
            self.assertIn("has run before", ran_before.exception.response["Error"]["Message"])
            # ... it resumes from its checkpoint: the fresh start stays, the start date moves.
            time.sleep(1.1)
            dms.start_replication_task(ReplicationTaskArn=arn, StartReplicationTaskType="resume-processing")
            task = self.describe_task(launcher, arn)
            self.assertEqual(task["Status"], "running")
            self.assertEqual(task["ReplicationTaskStats"]["FreshStartDate"], fresh)
            self.assertGreater(task["ReplicationTaskStats"]["StartDate"], fresh)
            dms.stop_replication_task(ReplicationTaskArn=arn)
            dms.start_replication_task(ReplicationTaskArn=arn, StartReplicationTaskType="reload-target")
            self.assertGreater(self.describe_task(launcher, arn)["ReplicationTaskStats"]["FreshStartDate"], fresh)
            # The emulator log names every accepted start and its type (__tests__/helpers/replication-changes.ts reads it).
            logged = re.findall(rf"^dms StartReplicationTask {re.escape(task_id)} StartReplicationTaskType=(\S+)$", launcher.log_text(), re.M)
            self.assertEqual(logged, ["start-replication", "resume-processing", "reload-target"])

        self.assert_bridged(scenario)

    def test_dms_describe_events(self) -> None:
        def scenario(launcher: Launcher) -> None:
            dms = launcher.client("dms")
            self.assertEqual(dms.describe_events(SourceType="replication-task", Duration=60)["Events"], [])
            with self.assertRaises(ClientError) as refused:
                dms.describe_events(SourceType="replication-config")
            self.assertEqual(refused.exception.response["Error"]["Code"], "InvalidParameterValueException")

        self.assert_bridged(scenario)

    def test_dms_table_statistics(self) -> None:
        def scenario(launcher: Launcher) -> None:
            dms = launcher.client("dms")
            instance = dms.create_replication_instance(
                ReplicationInstanceIdentifier=unique("ri"), ReplicationInstanceClass="dms.t3.medium"
            )["ReplicationInstance"]["ReplicationInstanceArn"]
            source, target = (
                dms.create_endpoint(EndpointIdentifier=unique(kind), EndpointType=kind, EngineName=engine)["Endpoint"]["EndpointArn"]
                for kind, engine in (("source", "sqlserver"), ("target", "postgres"))
            )
            rule = lambda n, table: {"rule-type": "selection", "rule-id": n, "rule-name": n, "rule-action": "include",
                                     "object-locator": {"schema-name": "dbo", "table-name": table}}
            arn = dms.create_replication_task(
                ReplicationTaskIdentifier=unique("task"), SourceEndpointArn=source, TargetEndpointArn=target,
                ReplicationInstanceArn=instance, MigrationType="full-load-and-cdc",
                TableMappings=json.dumps({"rules": [rule("1", "member"), rule("2", "cccontactlink"), rule("3", "audit%")]}),
                ReplicationTaskSettings=json.dumps({"ValidationSettings": {"EnableValidation": True}}),
            )["ReplicationTask"]["ReplicationTaskArn"]
            self.assertEqual(dms.describe_table_statistics(ReplicationTaskArn=arn)["TableStatistics"], [])
            dms.start_replication_task(ReplicationTaskArn=arn, StartReplicationTaskType="start-replication")
            tables = dms.describe_table_statistics(ReplicationTaskArn=arn)["TableStatistics"]
            self.assertEqual(
                [(t["SchemaName"], t["TableName"], t["TableState"], t["ValidationState"]) for t in tables],
                [("dbo", "member", "Table completed", "Validated"), ("dbo", "cccontactlink", "Table completed", "Validated")],
            )
            self.assertEqual(self.describe_task(launcher, arn)["ReplicationTaskStats"]["TablesLoaded"], 2)
            dms.reload_tables(ReplicationTaskArn=arn, TablesToReload=[{"SchemaName": "dbo", "TableName": "member"}])
            reloaded = dms.describe_table_statistics(ReplicationTaskArn=arn, Filters=[{"Name": "table-name", "Values": ["member"]}])
            self.assertEqual([t["FullLoadReloaded"] for t in reloaded["TableStatistics"]], [True])
            dms.stop_replication_task(ReplicationTaskArn=arn)
            with self.assertRaises(ClientError) as stopped:
                dms.reload_tables(ReplicationTaskArn=arn, TablesToReload=[{"SchemaName": "dbo", "TableName": "member"}])
            self.assertEqual(stopped.exception.response["Error"]["Code"], "InvalidResourceStateFault")

        self.assert_bridged(scenario)

    def test_dms_replication_task_assessment_runs(self) -> None:
        def scenario(launcher: Launcher) -> None:
            dms = launcher.client("dms")
            arn = self.dms_task(launcher, "full-load-and-cdc")
            bucket = unique("assessments").lower()
            launcher.client("s3").create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": REGION})
            trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "dms.amazonaws.com"}, "Action": "sts:AssumeRole"}]}
            role = launcher.client("iam").create_role(RoleName=unique("assess"), AssumeRolePolicyDocument=json.dumps(trust))["Role"]["Arn"]
            common = dict(ReplicationTaskArn=arn, ServiceAccessRoleArn=role, ResultLocationFolder="task")
            with self.assertRaises(ClientError) as missing:
                dms.start_replication_task_assessment_run(**common, ResultLocationBucket=bucket + "-missing", AssessmentRunName="missing")
            self.assertEqual(missing.exception.response["Error"]["Code"], "S3ResourceNotFoundFault")
            run = dms.start_replication_task_assessment_run(**common, ResultLocationBucket=bucket, AssessmentRunName="first")["ReplicationTaskAssessmentRun"]
            self.assertEqual(run["Status"], "starting")
            by_run = [{"Name": "replication-task-assessment-run-arn", "Values": [run["ReplicationTaskAssessmentRunArn"]]}]
            [described] = dms.describe_replication_task_assessment_runs(Filters=by_run)["ReplicationTaskAssessmentRuns"]
            self.assertEqual((described["Status"], described["ResultStatistic"]["Passed"]), ("passed", 4))
            individual = dms.describe_replication_task_individual_assessments(Filters=by_run)["ReplicationTaskIndividualAssessments"]
            self.assertIn(("table-with-no-primary-key-or-unique-constraint", "passed"), [(i["IndividualAssessmentName"], i["Status"]) for i in individual])

        self.assert_bridged(scenario)

    def test_redshift_cluster_parameter_groups_keep_parameters(self) -> None:
        def scenario(launcher: Launcher) -> None:
            redshift = launcher.client("redshift")
            name = unique("warehouse-parameters")
            redshift.create_cluster_parameter_group(ParameterGroupName=name, ParameterGroupFamily="redshift-1.0", Description="x")
            try:
                redshift.modify_cluster_parameter_group(
                    ParameterGroupName=name,
                    Parameters=[
                        {"ParameterName": "require_ssl", "ParameterValue": "true"},
                        {"ParameterName": "enable_user_activity_logging", "ParameterValue": "true"},
                    ],
                )
            except ResponseParserError as error:  # a query-protocol 500 is an HTML page, not an AWS error
                raise AssertionError(f"ModifyClusterParameterGroup failed: {str(error)[:80]}") from error
            user = redshift.describe_cluster_parameters(ParameterGroupName=name, Source="user")["Parameters"]
            self.assertEqual(
                sorted((p["ParameterName"], p["ParameterValue"]) for p in user),
                [("enable_user_activity_logging", "true"), ("require_ssl", "true")],
            )
            every = {p["ParameterName"]: p for p in redshift.describe_cluster_parameters(ParameterGroupName=name)["Parameters"]}
            self.assertEqual((every["require_ssl"]["ParameterValue"], every["require_ssl"]["Source"]), ("true", "user"))
            self.assertEqual(len([p for p in every.values() if p["ParameterName"] == "require_ssl"]), 1)
            redshift.reset_cluster_parameter_group(ParameterGroupName=name, Parameters=[{"ParameterName": "require_ssl"}])
            user = redshift.describe_cluster_parameters(ParameterGroupName=name, Source="user")["Parameters"]
            self.assertEqual([p["ParameterName"] for p in user], ["enable_user_activity_logging"])

        self.assert_bridged(scenario)

    def test_redshift_modify_cluster_iam_roles(self) -> None:
        def scenario(launcher: Launcher) -> None:
            redshift = launcher.client("redshift")
            cluster = unique("warehouse")
            self.redshift_cluster(launcher, cluster, ClusterType="single-node")
            copy_role, other = "arn:aws:iam::123456789012:role/dms-redshift-copy", "arn:aws:iam::123456789012:role/other"
            try:
                redshift.modify_cluster_iam_roles(ClusterIdentifier=cluster, AddIamRoles=[copy_role, other])
                redshift.modify_cluster_iam_roles(ClusterIdentifier=cluster, RemoveIamRoles=[other])
            except ResponseParserError as error:  # a query-protocol 500 is an HTML page, not an AWS error
                raise AssertionError(f"ModifyClusterIamRoles failed: {str(error)[:80]}") from error
            described = redshift.describe_clusters(ClusterIdentifier=cluster)["Clusters"][0]
            self.assertEqual([role["IamRoleArn"] for role in described["IamRoles"]], [copy_role])

        self.assert_bridged(scenario)

    def test_redshift_cluster_availability_status(self) -> None:
        def scenario(launcher: Launcher) -> None:
            redshift = launcher.client("redshift")
            cluster = unique("warehouse")
            self.redshift_cluster(launcher, cluster, ClusterType="single-node")
            described = redshift.describe_clusters(ClusterIdentifier=cluster)["Clusters"][0]
            self.assertEqual(described.get("ClusterAvailabilityStatus"), "Available")
            redshift.pause_cluster(ClusterIdentifier=cluster)
            self.assertEqual(redshift.describe_clusters(ClusterIdentifier=cluster)["Clusters"][0]["ClusterAvailabilityStatus"], "Paused")

        self.assert_bridged(scenario)

    def test_redshift_cluster_relocation_status(self) -> None:
        def scenario(launcher: Launcher) -> None:
            redshift = launcher.client("redshift")
            statuses = []
            for relocation in (False, True):
                cluster = unique("warehouse")
                self.redshift_cluster(launcher, cluster, ClusterType="single-node", AvailabilityZoneRelocation=relocation)
                statuses.append(redshift.describe_clusters(ClusterIdentifier=cluster)["Clusters"][0].get("AvailabilityZoneRelocationStatus"))
            self.assertEqual(statuses, ["disabled", "enabled"])

        self.assert_bridged(scenario)

    def test_redshift_cluster_multi_az(self) -> None:
        def scenario(launcher: Launcher) -> None:
            redshift = launcher.client("redshift")
            described = []
            for multi_az in (False, True):
                cluster = unique("warehouse")
                self.redshift_cluster(launcher, cluster, ClusterType="multi-node", NumberOfNodes=2, MultiAZ=multi_az)
                described.append(redshift.describe_clusters(ClusterIdentifier=cluster)["Clusters"][0].get("MultiAZ"))
            self.assertEqual(described, ["Disabled", "Enabled"])

        self.assert_bridged(scenario)


class LauncherContractTest(unittest.TestCase):
    def test_every_patch_has_a_test(self) -> None:
        tested = {name[len("test_"):] for name in dir(PatchTestCase) if name.startswith("test_")}
        missing = [p.__name__ for p in patches.PATCHES if p.__name__ not in tested]
        self.assertEqual(missing, [], "each patch needs a test named test_<patch>")
        unknown = sorted(tested - {p.__name__ for p in patches.PATCHES})
        self.assertEqual(unknown, [], "tests for patches that no longer exist")

    def test_every_patch_in_a_service_module_is_registered_once(self) -> None:
        import inspect

        defined = [
            f"{module.__name__}.{name}"
            for module in patches.SERVICE_MODULES
            for name, func in inspect.getmembers(module, inspect.isfunction)
            if not name.startswith("_") and func.__module__ == module.__name__
        ]
        registered = [f"{p.__module__}.{p.__name__}" for p in patches.PATCHES]
        self.assertEqual(sorted(defined), sorted(registered), "a public function of patches/<service>.py is a patch: list it in PATCHES")
        self.assertEqual(len(set(p.__name__ for p in patches.PATCHES)), len(patches.PATCHES), "patch names are unique")
        self.assertEqual(
            {p.__module__ for p in patches.PATCHES}, {m.__name__ for m in patches.SERVICE_MODULES}, "every service module has patches"
        )

    def test_readme_lists_every_patch_with_its_module_in_order(self) -> None:
        rows = re.findall(r"^\| `([a-z0-9_]+)` \| `([a-z0-9]+)\.py` \|", (HERE / "README.md").read_text(), re.M)
        registered = [(p.__name__, p.__module__.rsplit(".", 1)[1]) for p in patches.PATCHES]
        self.assertEqual(rows, registered, "scripts/emulator/README.md: one row per patch, `name` | `module.py`, in PATCHES order")

    def test_every_patch_documents_its_gap(self) -> None:
        import inspect

        for func in patches.PATCHES:
            source = inspect.getsource(func)
            body = source.split(":\n", 1)[1].lstrip()
            self.assertTrue(body.startswith("# Gap:"), f"{func.__name__}: first line must be '# Gap: ...'")
            for part in ("# moto:", "# provider:", "# patch:"):
                self.assertIn(part, source, f"{func.__name__}: comment lacks {part!r}")

    def test_fixed_port_loopback_only_skip_and_sigterm(self) -> None:
        import socket

        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        launcher = Launcher("--port", str(port), "--skip", "rds_default_ca_certificate")
        try:
            self.assertEqual(launcher.ready_line, f"READY http://127.0.0.1:{port}")
            listening = []
            for table in ("/proc/net/tcp", "/proc/net/tcp6"):
                if not os.path.exists(table):
                    continue
                for line in Path(table).read_text().splitlines()[1:]:
                    local, state = line.split()[1], line.split()[3]
                    address, hex_port = local.split(":")
                    if state == "0A" and int(hex_port, 16) == port:
                        listening.append(address)
            self.assertEqual(listening, ["0100007F"], "must listen on 127.0.0.1 only")
            self.assertEqual(launcher.client("sts").get_caller_identity()["Account"], "123456789012")
            # --skip leaves that one patch out (moto's own default CA again).
            self.assertEqual(PatchTestCase.create_db(launcher)["CACertificateIdentifier"], "rds-ca-default")
        finally:
            self.assertEqual(launcher.stop(), 0, "SIGTERM must end the launcher cleanly")

    def test_unknown_patch_is_refused(self) -> None:
        refused = subprocess.run(
            [sys.executable, str(HERE / "moto_launcher.py"), "--skip", "no_such_patch"],
            capture_output=True, text=True, timeout=30,
        )
        self.assertNotEqual(refused.returncode, 0)
        self.assertIn("no_such_patch", refused.stderr)

    def test_smoke_fails_clearly_without_provider_mirror(self) -> None:
        env = dict(os.environ, TF_PROVIDER_MIRROR="/nonexistent/tf-plugins")
        result = subprocess.run(
            [sys.executable, str(HERE / "smoke.py")], capture_output=True, text=True, env=env, timeout=30
        )
        self.assertEqual(result.returncode, 2)
        self.assertIn("provider mirror not found", result.stderr)
        self.assertIn("TF_PROVIDER_MIRROR", result.stderr)


if __name__ == "__main__":
    unittest.main()
