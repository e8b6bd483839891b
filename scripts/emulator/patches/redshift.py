"""Redshift: parameter groups, IAM roles and the cluster states the provider waits for.

Each function is one patch (see moto_launcher.py and patches/__init__.py); moto is imported
inside it, so importing this module is cheap and changes nothing.
"""

from __future__ import annotations


def redshift_cluster_parameter_groups_keep_parameters() -> None:
    # Gap: a Redshift cluster parameter group cannot be given parameters.
    # moto: ModifyClusterParameterGroup and ResetClusterParameterGroup are not implemented
    #   (NotImplementedError, a 500 the SDK retries with back-off), and DescribeClusterParameters
    #   answers moto's engine defaults whatever the group holds, ignoring Source.
    # provider: aws_redshift_parameter_group with `parameter` blocks calls
    #   ModifyClusterParameterGroup after the create (require_ssl, enable_user_activity_logging
    #   here) and retries it for minutes; its read asks DescribeClusterParameters with
    #   Source=user and expects exactly the parameters it set.
    # patch: keep the parameters each group was given; Modify sets them (Source "user"), Reset
    #   removes the named ones (or all); Describe answers them merged over the defaults,
    #   filtered by Source when it is given.
    from moto.redshift.exceptions import ClusterParameterGroupNotFoundError
    from moto.redshift.models import RedshiftBackend
    from moto.redshift.responses import RedshiftResponse

    from moto.core.responses import ActionResult

    def group_of(backend, name: str):
        if name not in backend.parameter_groups:
            raise ClusterParameterGroupNotFoundError(name)
        group = backend.parameter_groups[name]
        if not hasattr(group, "user_parameters"):
            group.user_parameters = {}
        return group

    def user_parameter(name: str, value: str) -> dict:
        return {"ParameterName": name, "ParameterValue": value, "Description": "set by the user", "Source": "user",
                "DataType": "string", "ApplyType": "static", "IsModifiable": True}

    def parameters(self) -> list[dict]:
        return self._get_param("Parameters") or []

    def modify_cluster_parameter_group(self):
        name = self._get_param("ParameterGroupName")
        group = group_of(self.redshift_backend, name)
        for parameter in parameters(self):
            group.user_parameters[parameter["ParameterName"]] = parameter.get("ParameterValue", "")
        return ActionResult({"ParameterGroupName": name, "ParameterGroupStatus": "Your parameter group has been updated."})

    def reset_cluster_parameter_group(self):
        name = self._get_param("ParameterGroupName")
        group = group_of(self.redshift_backend, name)
        if self._get_param("ResetAllParameters") in ("true", True):
            group.user_parameters.clear()
        for parameter in parameters(self):
            group.user_parameters.pop(parameter["ParameterName"], None)
        return ActionResult({"ParameterGroupName": name, "ParameterGroupStatus": "Your parameter group has been updated."})

    def describe_cluster_parameters(self, parameter_group_name: str, source: str | None = None) -> list[dict]:
        group = group_of(self, parameter_group_name)
        user = {name: user_parameter(name, value) for name, value in group.user_parameters.items()}
        defaults = [p for p in self.describe_default_cluster_parameters() if p["ParameterName"] not in user]
        every = defaults + list(user.values())
        return every if source is None else [p for p in every if p["Source"] == source]

    def describe_cluster_parameters_response(self):
        found = self.redshift_backend.describe_cluster_parameters(self._get_param("ParameterGroupName"), self._get_param("Source"))
        return ActionResult({"Parameters": found})

    RedshiftBackend.describe_cluster_parameters = describe_cluster_parameters
    RedshiftResponse.modify_cluster_parameter_group = modify_cluster_parameter_group
    RedshiftResponse.reset_cluster_parameter_group = reset_cluster_parameter_group
    RedshiftResponse.describe_cluster_parameters = describe_cluster_parameters_response


def redshift_modify_cluster_iam_roles() -> None:
    # Gap: IAM roles cannot be associated with an existing Redshift cluster.
    # moto: ModifyClusterIamRoles is not implemented (NotImplementedError, a 500).
    # provider: aws_redshift_cluster_iam_roles (the role COPY reads the staging bucket
    #   with) adds its roles to the cluster with this call, then reads them back from
    #   DescribeClusters' IamRoles.
    # patch: implement it: AddIamRoles/RemoveIamRoles change the cluster's roles (and
    #   DefaultIamRoleArn is kept), answering the cluster.
    from moto.core.responses import ActionResult
    from moto.redshift.exceptions import ClusterNotFoundError
    from moto.redshift.responses import RedshiftResponse

    def modify_cluster_iam_roles(self):
        identifier = self._get_param("ClusterIdentifier")
        cluster = self.redshift_backend.clusters.get(identifier)
        if cluster is None:
            raise ClusterNotFoundError(cluster_identifier=identifier)
        removed = set(self._get_param("RemoveIamRoles") or [])
        roles = [arn for arn in cluster.iam_roles_arn if arn not in removed]
        roles += [arn for arn in self._get_param("AddIamRoles") or [] if arn not in roles]
        cluster.iam_roles_arn = roles
        if self._get_param("DefaultIamRoleArn"):
            cluster.default_iam_role_arn = self._get_param("DefaultIamRoleArn")
        return ActionResult({"Cluster": cluster})

    RedshiftResponse.modify_cluster_iam_roles = modify_cluster_iam_roles


def redshift_cluster_availability_status() -> None:
    # Gap: a Redshift cluster never reports ClusterAvailabilityStatus.
    # moto: DescribeClusters answers ClusterStatus "available" but no ClusterAvailabilityStatus.
    # provider: aws_redshift_cluster create and modify wait for ClusterAvailabilityStatus
    #   "Available" and fail at once on the empty state ("unexpected state '', wanted target
    #   'Available'").
    # patch: describe it from the cluster's status, as AWS does: Available, Paused, or
    #   Modifying while anything else is going on.
    from moto.redshift.models import Cluster

    def cluster_availability_status(self) -> str:
        return {"available": "Available", "paused": "Paused"}.get(self.status, "Modifying")

    Cluster.cluster_availability_status = property(cluster_availability_status)


def redshift_cluster_relocation_status() -> None:
    # Gap: a Redshift cluster never reports AvailabilityZoneRelocationStatus.
    # moto: CreateCluster ignores AvailabilityZoneRelocation and DescribeClusters answers
    #   no AvailabilityZoneRelocationStatus.
    # provider: aws_redshift_cluster create waits for the relocation status to be
    #   "enabled" or "disabled" and fails at once on the empty state ("waiting for
    #   relocation: unexpected state ''").
    # patch: keep what CreateCluster asked (AWS's default: off) and describe it as
    #   "enabled" or "disabled".
    from moto.redshift.models import Cluster
    from moto.redshift.responses import RedshiftResponse

    original_create = RedshiftResponse.create_cluster

    def create_cluster(self):
        result = original_create(self)
        cluster = self.redshift_backend.clusters.get(self._get_param("ClusterIdentifier"))
        if cluster is not None:
            cluster.relocation_enabled = self._get_param("AvailabilityZoneRelocation") in (True, "true")
        return result

    def availability_zone_relocation_status(self) -> str:
        return "enabled" if getattr(self, "relocation_enabled", False) else "disabled"

    RedshiftResponse.create_cluster = create_cluster
    Cluster.availability_zone_relocation_status = property(availability_zone_relocation_status)


def redshift_cluster_multi_az() -> None:
    # Gap: a Redshift cluster never reports MultiAZ.
    # moto: CreateCluster ignores MultiAZ and DescribeClusters answers no MultiAZ.
    # provider: aws_redshift_cluster's read parses MultiAZ ("Enabled"/"Disabled") and fails
    #   on anything else ("unexpected MultiAZ value \"\" returned by API").
    # patch: keep what CreateCluster asked (AWS's default: off) and describe it as
    #   "Enabled" or "Disabled".
    from moto.redshift.models import Cluster
    from moto.redshift.responses import RedshiftResponse

    original_create = RedshiftResponse.create_cluster

    def create_cluster(self):
        result = original_create(self)
        cluster = self.redshift_backend.clusters.get(self._get_param("ClusterIdentifier"))
        if cluster is not None:
            cluster.multi_az_enabled = self._get_param("MultiAZ") in (True, "true")
        return result

    def multi_az(self) -> str:
        return "Enabled" if getattr(self, "multi_az_enabled", False) else "Disabled"

    RedshiftResponse.create_cluster = create_cluster
    Cluster.multi_az = property(multi_az)
