"""RDS: DB instances, parameter groups and Aurora clusters as the provider reads them back.

Each function is one patch (see moto_launcher.py and patches/__init__.py); moto is imported
inside it, so importing this module is cheap and changes nothing.
"""

from __future__ import annotations


def rds_unique_dbi_resource_id() -> None:
    # Gap: every DB instance has the same DbiResourceId.
    # moto: DBInstance.__init__ hard-codes dbi_resource_id = "db-M5ENSHXFPU6XHZ4G4ZEI5QIO2U".
    # provider: aws_db_instance uses DbiResourceId as its id and finds the instance with
    #   the filter dbi-resource-id; with two instances the filter matches both and the
    #   provider reports "couldn't find resource" (and waits 20 x 10 s before saying so).
    # patch: give each instance a random, AWS-shaped id ("db-" + 26 upper-case alnum).
    import random
    import string

    from moto.rds.models import DBInstance

    original_init = DBInstance.__init__

    def __init__(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        alphabet = string.ascii_uppercase + string.digits
        self.dbi_resource_id = "db-" + "".join(random.choice(alphabet) for _ in range(26))

    DBInstance.__init__ = __init__


def rds_default_ca_certificate() -> None:
    # Gap: new DB instances get CA certificate "rds-ca-default" (retired by AWS in 2024).
    # moto: DBInstance.__init__ defaults ca_certificate_identifier to "rds-ca-default".
    # provider: CreateDBInstance has no CA parameter; when ca_cert_identifier is set and
    #   differs from the create response, the provider calls ModifyDBInstance and waits
    #   for "available" again: 60 s fixed delay + 3 polls 10 s apart = another 80 s.
    #   The stacks set rds-ca-rsa2048-g1, AWS's default for new instances.
    # patch: default to rds-ca-rsa2048-g1 like AWS; an explicit value still wins.
    from moto.rds.models import DBInstance

    original_init = DBInstance.__init__

    def __init__(self, *args, **kwargs):
        if not kwargs.get("ca_certificate_identifier"):
            kwargs["ca_certificate_identifier"] = "rds-ca-rsa2048-g1"
        original_init(self, *args, **kwargs)

    DBInstance.__init__ = __init__


def rds_monitoring_and_performance_insights() -> None:
    # Gap: Enhanced Monitoring and Performance Insights settings are dropped.
    # moto: CreateDBInstance ignores MonitoringInterval, MonitoringRoleArn,
    #   EnablePerformanceInsights, PerformanceInsightsRetentionPeriod/KMSKeyId, so
    #   DescribeDBInstances returns none of them (ModifyDBInstance stores them under
    #   the request names, enable_performance_insights for the flag).
    # provider: reads them back; monitoring_interval = 60 becomes 0 and
    #   performance_insights_enabled = true becomes false: a diff on every plan.
    # patch: keep them on the instance under the names the response serializer reads.
    from moto.rds.models import DBInstance

    original_init = DBInstance.__init__

    def __init__(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        self.monitoring_interval = kwargs.get("monitoring_interval") or 0
        self.monitoring_role_arn = kwargs.get("monitoring_role_arn")
        self.enable_performance_insights = bool(kwargs.get("enable_performance_insights"))
        self.performance_insights_retention_period = kwargs.get("performance_insights_retention_period")
        self.performance_insights_kms_key_id = kwargs.get("performance_insights_kms_key_id")
        if self.enable_performance_insights:
            self.performance_insights_retention_period = self.performance_insights_retention_period or 7
            self.performance_insights_kms_key_id = self.performance_insights_kms_key_id or (
                f"arn:aws:kms:{self.region}:{self.account_id}:key/performance-insights"
            )

    DBInstance.__init__ = __init__
    DBInstance.performance_insights_enabled = property(
        lambda self: bool(getattr(self, "enable_performance_insights", False))
    )


def rds_user_parameters_have_source_user() -> None:
    # Gap: parameters set with ModifyDB(Cluster)ParameterGroup come back without Source.
    # moto: update_parameters() stores the request's ParameterName/Value/ApplyMethod only.
    # provider: aws_db_parameter_group (and aws_rds_cluster_parameter_group) keep only
    #   parameters whose Source is "user" when reading, so rds.force_ssl vanishes from
    #   state and every plan wants to add it again.
    # patch: mark parameters changed through the API as Source "user", as AWS does.
    from moto.rds import models

    for cls, method in (
        (models.DBParameterGroup, "update_parameters"),
        (models.DBClusterParameterGroup, "update_cluster_parameters"),
    ):
        original = getattr(cls, method)

        def update(self, new_parameters, _original=original):
            new_parameters = list(new_parameters)
            _original(self, new_parameters)
            for parameter in new_parameters:
                self.parameters[parameter["ParameterName"]]["Source"] = "user"

        setattr(cls, method, update)


def _default_parameter_group_family(engine: str, engine_version: str) -> str:
    """AWS's family for an engine version: postgres11 for "11", "11.22" or "11.22.1"; mysql8.0 for "8.0.35"."""
    parts = str(engine_version).split(".")
    major_only = engine.lower() in ("postgres", "aurora-postgresql") and parts[0].isdigit() and int(parts[0]) >= 10
    return f"{engine.lower()}{parts[0] if major_only or len(parts) == 1 else '.'.join(parts[:2])}"


def rds_default_parameter_groups() -> None:
    # Gap: AWS's default parameter groups (default.postgres11, ...) do not exist, and an
    #   instance on one reports the wrong family for a major-only version.
    # moto: backend.db_parameter_groups holds only created groups (a default one appears
    #   only once an instance without a group is described), so ModifyDBInstance and
    #   DescribeDBParameterGroups with DBParameterGroupName=default.postgres11 raise
    #   DBParameterGroupNotFound; and the family is built from the version minus its last
    #   part, so engine version "11" reports group "default.postgres" (AWS: default.postgres11).
    # provider: aws_db_instance with parameter_group_name = "default.postgres11" (Hackney's
    #   2020 databases, adopted ones) fails on ModifyDBInstance (destroy:local, an adoption
    #   apply), and a database created without a group on "11" reads back
    #   parameter_group_name = "default.postgres": a diff on every plan.
    # patch: default.<family> groups exist on demand in every lookup; the family of a
    #   PostgreSQL 10+ version is its major version, as in AWS.
    from moto.rds import models

    def ensure_default(backend, name) -> None:
        if isinstance(name, str) and name.startswith("default.") and name not in backend.db_parameter_groups:
            family = name[len("default."):]
            backend.db_parameter_groups[name] = models.DBParameterGroup(
                backend=backend,
                db_parameter_group_name=name,
                db_parameter_group_family=family,
                description=f"Default parameter group for {family}",
                tags=[],
            )

    def details(self):
        family = _default_parameter_group_family(self.engine, self.engine_version)
        return family, f"default.{family}"

    models.DBInstance.default_db_parameter_group_details = details

    original_modify = models.RDSBackend.modify_db_instance

    def modify_db_instance(self, db_instance_identifier, db_kwargs, *args, **kwargs):
        ensure_default(self, db_kwargs.get("db_parameter_group_name"))
        return original_modify(self, db_instance_identifier, db_kwargs, *args, **kwargs)

    models.RDSBackend.modify_db_instance = modify_db_instance

    original_describe = models.RDSBackend.describe_db_parameter_groups

    def describe_db_parameter_groups(self, db_parameter_group_kwargs):
        ensure_default(self, db_parameter_group_kwargs.get("db_parameter_group_name"))
        return original_describe(self, db_parameter_group_kwargs)

    models.RDSBackend.describe_db_parameter_groups = describe_db_parameter_groups


def rds_cluster_scaling_configuration_only_for_serverless_v1() -> None:
    # Gap: every Aurora cluster describes an (empty) ScalingConfigurationInfo.
    # moto: DBCluster.scaling_configuration_info always returns a dict, so a provisioned
    #   cluster answers <ScalingConfigurationInfo/>; AWS only returns it for
    #   engine_mode = "serverless" (Serverless v1).
    # provider: aws_rds_cluster turns it into a scaling_configuration block; with none
    #   in the configuration every plan wants to "add" one (auto_pause, capacities...).
    # patch: no ScalingConfigurationInfo unless the cluster has a scaling configuration.
    from moto.rds.models import DBCluster

    original = DBCluster.scaling_configuration_info.fget

    def scaling_configuration_info(self):
        return original(self) if self.scaling_configuration else None

    DBCluster.scaling_configuration_info = property(scaling_configuration_info)
