#!/usr/bin/env python3
"""End-to-end smoke run of the Terraform fixture against the local emulator.

    python3 scripts/emulator/smoke.py                 # phase 1 fixture
    python3 scripts/emulator/smoke.py --phase 2       # phase 2 fixture
    python3 scripts/emulator/smoke.py --phase all     # both, one after the other

Steps (each timed): start moto_launcher.py on a free port, seed what the stacks
expect to exist (a VPC tagged Name=emulator-vpc with two private subnets in two
AZs tagged Type=private, an SSM SecureString source-database password, the state
bucket and a DynamoDB lock table), then

  with the S3 backend locked by an S3 lock file (use_lockfile = true):
    terraform init, apply, plan -detailed-exitcode (must exit 0), and a plan
    that must stop on a lock file held by "someone else";
  with the same state locked by a DynamoDB table (dynamodb_table) instead:
    terraform init -reconfigure, a plan that must stop on a held lock item,
    apply again with changed inputs (UPDATE_VARS: DMS subnet-group description ->
    ModifyReplicationSubnetGroup, write-only secret/password rotations, a
    terraform_data trigger -> replace_triggered_by, deletion protection off),
    plan -detailed-exitcode (must exit 0), destroy;

and finally check that nothing is left in the emulator (final snapshots of
instances with skip_final_snapshot = false excepted, as in AWS), that the lock
file / lock item were released, and that no seeded or generated secret appeared
in terraform's output.

Offline: the provider comes from the filesystem mirror in TF_PROVIDER_MIRROR
(default /opt/tf-plugins); nothing talks to AWS or the registry.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
LAUNCHER = HERE / "moto_launcher.py"
FIXTURES = HERE / "fixtures"
PROVIDER = ("registry.terraform.io", "hashicorp", "aws", "5.100.0")
REGION = "eu-west-2"
ACCESS_KEY = "AKIAEMULATOREXAMPLE1"
SECRET_KEY = "emulator-secret-key-not-a-real-one"
STATE_BUCKET = "emulator-tfstate"
STATE_KEY = "smoke/terraform.tfstate"
LOCK_TABLE = "emulator-tflocks"
VPC_NAME = "emulator-vpc"
SOURCE_PASSWORD_PARAMETER = "/emulator/source/sqlserver-password"
# The sentinel stands for the real source-database password: it must never show
# up in terraform's output (it is read through an ephemeral resource only).
SOURCE_PASSWORD_SENTINEL = "SENTINEL-source-pw-7d1f0c9a"
TARGET_PASSWORD_PARAMETER = "/emulator/target/postgres-password"
# skip_final_snapshot = false leaves these behind by design, as in AWS.
EXPECTED_FINAL_SNAPSHOTS = {"emulator-pg-multi-final", "emulator-aurora-final"}

# Inputs of the second apply, by phase.
UPDATE_VARS = {
    # Phase 1: ModifyReplicationSubnetGroup, a write-only secret rotation, a
    # replace_triggered_by replacement of the started full-load task, a DB
    # modification (new write-only password version, deletion protection off so
    # that destroy can delete the instance), ModifyReplicationTask (table mappings),
    # ModifyReplicationInstance (storage) and AddTagsToResource (a tag's value).
    "1": {
        "subnet_group_description": "DMS subnet group (v2)",
        "source_secret_version": "2",
        "task_revision": "2",
        "multi_password_version": "2",
        "deletion_protection": "false",
        "cdc_table_pattern": "people%",
        "dms_allocated_storage": "60",
        "tag_revision": "2",
    },
    # Phase 2: ModifyReplicationSubnetGroup, a write-only secret rotation, the Aurora
    # master password (master_password_wo_version) and an alarm threshold.
    "2": {
        "subnet_group_description": "DMS subnet group (v2)",
        "source_secret_version": "2",
        "password_version": "2",
        "alarm_threshold": "600",
    },
}


class SmokeFailure(Exception):
    pass


class Timer:
    def __init__(self) -> None:
        self.rows: list[tuple[str, float, str]] = []

    def run(self, name: str, func, *args, **kwargs):
        started = time.monotonic()
        status = "ok"
        try:
            return func(*args, **kwargs)
        except BaseException:
            status = "FAILED"
            raise
        finally:
            elapsed = time.monotonic() - started
            self.rows.append((name, elapsed, status))
            print(f"[smoke] {name}: {status} in {elapsed:.1f}s", flush=True)

    def report(self) -> str:
        width = max((len(r[0]) for r in self.rows), default=10)
        lines = [f"{'step'.ljust(width)}  seconds  status"]
        for name, elapsed, status in self.rows:
            lines.append(f"{name.ljust(width)}  {elapsed:7.1f}  {status}")
        lines.append(f"{'total'.ljust(width)}  {sum(r[1] for r in self.rows):7.1f}")
        for phase in sorted({name.split(":")[0] for name, _, _ in self.rows}):
            core = [f"{phase}: apply (create)", f"{phase}: plan -detailed-exitcode", f"{phase}: destroy"]
            seconds = sum(elapsed for name, elapsed, _ in self.rows if name in core)
            lines.append(f"{phase}: apply (create) + plan + destroy = {seconds:.1f}s")
        return "\n".join(lines)


def provider_mirror() -> Path:
    mirror = Path(os.environ.get("TF_PROVIDER_MIRROR") or "/opt/tf-plugins")
    provider_dir = mirror.joinpath(*PROVIDER)
    if not provider_dir.is_dir():
        raise SmokeFailure(
            f"provider mirror not found: {provider_dir} does not exist. Set TF_PROVIDER_MIRROR to a "
            f"filesystem mirror holding {'/'.join(PROVIDER)} (default /opt/tf-plugins)."
        )
    return mirror


class Emulator:
    """moto_launcher.py as a child process."""

    def __init__(self, log_path: Path) -> None:
        self.log = open(log_path, "w")
        self.proc = subprocess.Popen(
            [sys.executable, str(LAUNCHER), "--port", "0"],
            stdout=subprocess.PIPE,
            stderr=self.log,
            text=True,
        )
        deadline = time.monotonic() + 60
        line = ""
        while time.monotonic() < deadline:
            line = self.proc.stdout.readline()
            if line.startswith("READY "):
                break
            if not line and self.proc.poll() is not None:
                break
        if not line.startswith("READY "):
            self.stop()
            raise SmokeFailure(f"emulator did not print READY (see {log_path})")
        self.endpoint = line.split()[1]

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()


def clients(endpoint: str):
    import boto3

    session = boto3.session.Session(
        aws_access_key_id=ACCESS_KEY, aws_secret_access_key=SECRET_KEY, region_name=REGION
    )
    return lambda service: session.client(service, endpoint_url=endpoint)


def seed(client) -> dict:
    ec2 = client("ec2")
    vpc_id = ec2.create_vpc(
        CidrBlock="10.0.0.0/16",
        TagSpecifications=[{"ResourceType": "vpc", "Tags": [{"Key": "Name", "Value": VPC_NAME}]}],
    )["Vpc"]["VpcId"]
    subnets = []
    for index, zone in enumerate([f"{REGION}a", f"{REGION}b"]):
        subnets.append(
            ec2.create_subnet(
                VpcId=vpc_id,
                CidrBlock=f"10.0.{index + 1}.0/24",
                AvailabilityZone=zone,
                TagSpecifications=[
                    {
                        "ResourceType": "subnet",
                        "Tags": [{"Key": "Type", "Value": "private"}, {"Key": "Name", "Value": f"private-{zone}"}],
                    }
                ],
            )["Subnet"]["SubnetId"]
        )
    # A public subnet that the tag filter must leave out.
    ec2.create_subnet(
        VpcId=vpc_id,
        CidrBlock="10.0.100.0/24",
        AvailabilityZone=f"{REGION}a",
        TagSpecifications=[{"ResourceType": "subnet", "Tags": [{"Key": "Type", "Value": "public"}]}],
    )
    client("ssm").put_parameter(
        Name=SOURCE_PASSWORD_PARAMETER,
        Description="Password of the source SQL Server (seeded)",
        Type="SecureString",
        Value=SOURCE_PASSWORD_SENTINEL,
    )
    client("s3").create_bucket(Bucket=STATE_BUCKET, CreateBucketConfiguration={"LocationConstraint": REGION})
    client("dynamodb").create_table(
        TableName=LOCK_TABLE,
        KeySchema=[{"AttributeName": "LockID", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "LockID", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    return {"vpc_id": vpc_id, "subnet_ids": subnets}


def inventory(client) -> dict[str, list[str]]:
    """What the emulator holds, by kind, leaving out what seed() made and AWS defaults."""
    found: dict[str, list[str]] = {}

    def add(kind: str, items) -> None:
        items = sorted(items)
        if items:
            found[kind] = items

    ec2 = client("ec2")
    vpc_ids = [v["VpcId"] for v in ec2.describe_vpcs(Filters=[{"Name": "tag:Name", "Values": [VPC_NAME]}])["Vpcs"]]
    add(
        "security groups",
        [g["GroupId"] for g in ec2.describe_security_groups(Filters=[{"Name": "vpc-id", "Values": vpc_ids}])["SecurityGroups"]
         if g["GroupName"] != "default"],
    )
    rds = client("rds")
    add("rds instances", [d["DBInstanceIdentifier"] for d in rds.describe_db_instances()["DBInstances"]])
    add(
        "rds manual snapshots besides the expected final ones",
        [s["DBSnapshotIdentifier"] for s in rds.describe_db_snapshots(SnapshotType="manual")["DBSnapshots"]
         if s["DBSnapshotIdentifier"] not in EXPECTED_FINAL_SNAPSHOTS],
    )
    add(
        "rds cluster snapshots besides the expected final ones",
        [s["DBClusterSnapshotIdentifier"] for s in rds.describe_db_cluster_snapshots(SnapshotType="manual")["DBClusterSnapshots"]
         if s["DBClusterSnapshotIdentifier"] not in EXPECTED_FINAL_SNAPSHOTS],
    )
    add("rds clusters", [d["DBClusterIdentifier"] for d in rds.describe_db_clusters()["DBClusters"]])
    add("rds subnet groups", [g["DBSubnetGroupName"] for g in rds.describe_db_subnet_groups()["DBSubnetGroups"]])
    add(
        "rds parameter groups",
        [g["DBParameterGroupName"] for g in rds.describe_db_parameter_groups()["DBParameterGroups"]
         if not g["DBParameterGroupName"].startswith("default.")],
    )
    add(
        "rds cluster parameter groups",
        [g["DBClusterParameterGroupName"] for g in rds.describe_db_cluster_parameter_groups()["DBClusterParameterGroups"]
         if not g["DBClusterParameterGroupName"].startswith("default.")],
    )
    iam = client("iam")
    add("iam roles", [r["RoleName"] for r in iam.list_roles()["Roles"]])
    add("iam customer policies", [p["Arn"] for p in iam.list_policies(Scope="Local")["Policies"]])
    ssm = client("ssm")
    add(
        "ssm parameters",
        [p["Name"] for p in ssm.describe_parameters()["Parameters"] if p["Name"] != SOURCE_PASSWORD_PARAMETER],
    )
    add("secrets", [s["Name"] for s in client("secretsmanager").list_secrets()["SecretList"]])
    dms = client("dms")
    add("dms tasks", [t["ReplicationTaskIdentifier"] for t in dms.describe_replication_tasks()["ReplicationTasks"]])
    add("dms endpoints", [e["EndpointIdentifier"] for e in dms.describe_endpoints()["Endpoints"]])
    add(
        "dms replication instances",
        [i["ReplicationInstanceIdentifier"] for i in dms.describe_replication_instances()["ReplicationInstances"]],
    )
    add(
        "dms subnet groups",
        [g["ReplicationSubnetGroupIdentifier"] for g in dms.describe_replication_subnet_groups()["ReplicationSubnetGroups"]],
    )
    s3 = client("s3")
    add("s3 buckets", [b["Name"] for b in s3.list_buckets()["Buckets"] if b["Name"] != STATE_BUCKET])
    add(
        "s3 state-bucket objects besides the state",
        [o["Key"] for o in s3.list_objects_v2(Bucket=STATE_BUCKET).get("Contents", [])
         if not o["Key"].endswith("terraform.tfstate")],
    )
    kms = client("kms")
    live_keys = []
    for key in kms.list_keys()["Keys"]:
        meta = kms.describe_key(KeyId=key["KeyId"])["KeyMetadata"]
        if meta["KeyManager"] == "CUSTOMER" and meta["KeyState"] not in ("PendingDeletion",):
            live_keys.append(key["KeyId"])
    add("kms keys not pending deletion", live_keys)
    add("kms aliases", [a["AliasName"] for a in kms.list_aliases()["Aliases"] if not a["AliasName"].startswith("alias/aws/")])
    add("sns topics", [t["TopicArn"] for t in client("sns").list_topics()["Topics"]])
    add("cloudwatch alarms", [a["AlarmName"] for a in client("cloudwatch").describe_alarms()["MetricAlarms"]])
    add("log groups", [g["logGroupName"] for g in client("logs").describe_log_groups()["logGroups"]])
    add("schedules", [s["Name"] for s in client("scheduler").list_schedules()["Schedules"]])
    return found


class Terraform:
    def __init__(self, workdir: Path, logdir: Path, endpoint: str, tf_log: bool, verbose: bool) -> None:
        self.workdir = workdir
        self.logdir = logdir
        self.verbose = verbose
        self.outputs: list[str] = []
        cli_config = logdir / "terraform.rc"
        cli_config.write_text(
            'provider_installation {\n  filesystem_mirror {\n    path    = "%s"\n    include = ["registry.terraform.io/*/*"]\n  }\n}\n'
            % provider_mirror()
        )
        env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "TF_"))}
        env.update(
            {
                "TF_CLI_CONFIG_FILE": str(cli_config),
                "CHECKPOINT_DISABLE": "1",
                "TF_IN_AUTOMATION": "1",
                "TF_INPUT": "0",
                "TF_VAR_endpoint": endpoint,
                # Belt and braces: any service a configuration forgets to list in
                # `endpoints` goes to the emulator too, never to AWS.
                "AWS_ENDPOINT_URL": endpoint,
                "AWS_EC2_METADATA_DISABLED": "true",
                # An unimplemented call answers HTTP 500, which the SDK would retry with
                # back-off for minutes (the provider's default is 25 attempts): fail fast.
                "AWS_MAX_ATTEMPTS": "3",
                "AWS_ACCESS_KEY_ID": ACCESS_KEY,
                "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
                "AWS_REGION": REGION,
                "NO_PROXY": "127.0.0.1,localhost",
            }
        )
        if tf_log:
            env["TF_LOG"] = "DEBUG"
        self.env = env
        self.count = 0
        self.timeout = 600

    def __call__(self, *args: str, ok_codes=(0,)) -> int:
        self.count += 1
        name = f"{self.count:02d}-{args[0]}"
        if "TF_LOG" in self.env:
            self.env["TF_LOG_PATH"] = str(self.logdir / f"{name}.debug.log")
        cmd = ["terraform", *args, "-no-color"]
        log_path = self.logdir / f"{name}.log"
        # Written as it runs, so that a hung command still leaves its output behind.
        with open(log_path, "w") as log:
            proc = subprocess.Popen(cmd, cwd=self.workdir, env=self.env, stdout=log, stderr=subprocess.STDOUT)
            try:
                proc.wait(timeout=self.timeout)
            except subprocess.TimeoutExpired as exc:
                proc.terminate()  # terraform stops its provider plugin on SIGTERM
                try:
                    proc.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
                raise SmokeFailure(f"`terraform {' '.join(args)}` did not finish in {self.timeout}s (see {log_path})") from exc
        output = log_path.read_text()
        self.outputs.append(output)
        if self.verbose:
            print(output)
        if proc.returncode not in ok_codes:
            tail = "\n".join(output.splitlines()[-60:])
            raise SmokeFailure(f"`terraform {' '.join(args)}` exited {proc.returncode}:\n{tail}")
        return proc.returncode


def backend_config(path: Path, endpoint: str, lock: str) -> Path:
    lock_line = "use_lockfile = true" if lock == "lockfile" else f'dynamodb_table = "{LOCK_TABLE}"'
    path.write_text(
        f"""bucket = "{STATE_BUCKET}"
key    = "{STATE_KEY}"
region = "{REGION}"
encrypt = true
{lock_line}
use_path_style = true
access_key = "{ACCESS_KEY}"
secret_key = "{SECRET_KEY}"
skip_credentials_validation = true
skip_metadata_api_check = true
skip_region_validation = true
skip_requesting_account_id = false
endpoints = {{
  s3       = "{endpoint}"
  dynamodb = "{endpoint}"
  sts      = "{endpoint}"
  iam      = "{endpoint}"
}}
"""
    )
    return path


LOCK_INFO = json.dumps(
    {"ID": "00000000-0000-0000-0000-000000000001", "Operation": "OperationTypeApply", "Who": "smoke@held-lock",
     "Version": "1.11.4", "Created": "2026-01-01T00:00:00Z", "Path": f"{STATE_BUCKET}/{STATE_KEY}"}
)


def check_lock_is_honoured(tf: "Terraform", client, mode: str) -> None:
    """Hold the state lock the way another terraform would; plan must refuse to run."""
    if mode == "lockfile":
        client("s3").put_object(Bucket=STATE_BUCKET, Key=f"{STATE_KEY}.tflock", Body=LOCK_INFO.encode())
    else:
        client("dynamodb").put_item(
            TableName=LOCK_TABLE, Item={"LockID": {"S": f"{STATE_BUCKET}/{STATE_KEY}"}, "Info": {"S": LOCK_INFO}}
        )
    try:
        tf("plan", "-lock-timeout=0s", ok_codes=(1,))
        if "Error acquiring the state lock" not in tf.outputs[-1]:
            raise SmokeFailure(f"plan did not stop on the held {mode} lock:\n{tf.outputs[-1][-2000:]}")
    finally:
        if mode == "lockfile":
            client("s3").delete_object(Bucket=STATE_BUCKET, Key=f"{STATE_KEY}.tflock")
        else:
            client("dynamodb").delete_item(TableName=LOCK_TABLE, Key={"LockID": {"S": f"{STATE_BUCKET}/{STATE_KEY}"}})


def var_args(values: dict[str, str]) -> list[str]:
    return [f"-var={k}={v}" for k, v in values.items()]


def run_phase(phase: str, timer: Timer, args: argparse.Namespace, root: Path) -> None:
    workdir = root / f"phase{phase}"
    logdir = root / f"logs-phase{phase}"
    workdir.mkdir()
    logdir.mkdir()
    shutil.copy(FIXTURES / f"phase{phase}" / "main.tf.json", workdir / "main.tf.json")
    emulator = timer.run(f"phase {phase}: start emulator", Emulator, logdir / "emulator.log")
    try:
        client = clients(emulator.endpoint)
        timer.run(f"phase {phase}: seed", seed, client)
        tf = Terraform(workdir, logdir, emulator.endpoint, args.tf_log, args.verbose)
        lockfile = backend_config(logdir / "lockfile.tfbackend", emulator.endpoint, "lockfile")
        dynamodb = backend_config(logdir / "dynamodb.tfbackend", emulator.endpoint, "dynamodb")

        timer.run(f"phase {phase}: init (S3 lock file)", tf, "init", f"-backend-config={lockfile}")
        timer.run(f"phase {phase}: apply (create)", tf, "apply", "-auto-approve")
        secrets = {SOURCE_PASSWORD_SENTINEL: "seeded source password"}
        ssm = client("ssm")
        if any(p["Name"] == TARGET_PASSWORD_PARAMETER for p in ssm.describe_parameters()["Parameters"]):
            generated = ssm.get_parameter(Name=TARGET_PASSWORD_PARAMETER, WithDecryption=True)["Parameter"]["Value"]
            secrets[generated] = "generated target password"
        timer.run(f"phase {phase}: plan -detailed-exitcode", tf, "plan", "-detailed-exitcode")
        timer.run(f"phase {phase}: plan refused while the S3 lock file is held", check_lock_is_honoured, tf, client, "lockfile")
        s3 = client("s3")
        leftovers = [o["Key"] for o in s3.list_objects_v2(Bucket=STATE_BUCKET).get("Contents", []) if o["Key"].endswith(".tflock")]
        if leftovers:
            raise SmokeFailure(f"S3 lock file left behind: {leftovers}")

        timer.run(
            f"phase {phase}: init -reconfigure (DynamoDB lock)", tf, "init", "-reconfigure", f"-backend-config={dynamodb}"
        )
        timer.run(f"phase {phase}: plan refused while the DynamoDB lock is held", check_lock_is_honoured, tf, client, "dynamodb")
        timer.run(f"phase {phase}: apply (update)", tf, "apply", "-auto-approve", *var_args(UPDATE_VARS[phase]))
        timer.run(
            f"phase {phase}: plan -detailed-exitcode (after update)", tf, "plan", "-detailed-exitcode", *var_args(UPDATE_VARS[phase])
        )
        timer.run(f"phase {phase}: destroy", tf, "destroy", "-auto-approve", *var_args(UPDATE_VARS[phase]))
        # With dynamodb_table the backend keeps the state's MD5 digest in the table
        # and must have released its lock item.
        lock_ids = [i["LockID"]["S"] for i in client("dynamodb").scan(TableName=LOCK_TABLE)["Items"]]
        if not any(i.endswith("-md5") for i in lock_ids) or any(not i.endswith("-md5") for i in lock_ids):
            raise SmokeFailure(f"unexpected DynamoDB lock table content: {lock_ids}")

        state = subprocess.run(
            ["terraform", "state", "list"], cwd=workdir, env=tf.env, capture_output=True, text=True, check=True
        ).stdout.split()
        if state:
            raise SmokeFailure(f"terraform state still lists: {state}")
        left = timer.run(f"phase {phase}: check nothing left", inventory, client)
        if left:
            raise SmokeFailure("left behind after destroy:\n" + json.dumps(left, indent=2))
        snapshots = {s["DBSnapshotIdentifier"] for s in client("rds").describe_db_snapshots(SnapshotType="manual")["DBSnapshots"]}
        if phase == "1" and "emulator-pg-multi-final" not in snapshots:
            raise SmokeFailure(f"the final snapshot of emulator-pg-multi was not taken: {sorted(snapshots)}")
        cluster_snapshots = {
            s["DBClusterSnapshotIdentifier"]
            for s in client("rds").describe_db_cluster_snapshots(SnapshotType="manual")["DBClusterSnapshots"]
        }
        if phase == "2" and "emulator-aurora-final" not in cluster_snapshots:
            raise SmokeFailure(f"the final snapshot of emulator-aurora was not taken: {sorted(cluster_snapshots)}")
        # An HTTP 5xx from moto means an unimplemented or broken call, even if the
        # provider happened to get over it.
        server_errors = [line for line in (logdir / "emulator.log").read_text().splitlines()
                         if re.search(r'" 5\d\d ', line)]
        if server_errors:
            raise SmokeFailure("the emulator answered with server errors:\n" + "\n".join(server_errors[:20]))
        for secret, what in secrets.items():
            if any(secret in out for out in tf.outputs):
                raise SmokeFailure(f"the {what} appeared in terraform's output")
        print(f"[smoke] phase {phase}: no secret in terraform output; nothing left behind", flush=True)
    finally:
        emulator.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="terraform apply/plan/destroy of the fixture against moto")
    parser.add_argument("--phase", choices=["1", "2", "all"], default="1")
    parser.add_argument("--workdir", help="keep working files and logs here (default: a temporary directory, removed on success)")
    parser.add_argument("--tf-log", action="store_true", help="write TF_LOG=DEBUG logs (they contain request bodies) into the work directory")
    parser.add_argument("--verbose", action="store_true", help="print terraform's output")
    args = parser.parse_args(argv)

    try:
        provider_mirror()
    except SmokeFailure as exc:
        print(f"[smoke] {exc}", file=sys.stderr)
        return 2
    if shutil.which("terraform") is None:
        print("[smoke] terraform is not on PATH", file=sys.stderr)
        return 2

    root = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="emulator-smoke-"))
    root.mkdir(parents=True, exist_ok=True)
    timer = Timer()
    phases = ["1", "2"] if args.phase == "all" else [args.phase]
    try:
        for phase in phases:
            run_phase(phase, timer, args, root)
    except SmokeFailure as exc:
        print(f"[smoke] FAILED: {exc}\n[smoke] logs: {root}", file=sys.stderr)
        print(timer.report())
        return 1
    print(timer.report())
    if not args.workdir:
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
