"""EC2: security group rule descriptions and ids chosen by a tag (seeding).

Each function is one patch (see moto_launcher.py and patches/__init__.py); moto is imported
inside it, so importing this module is cheap and changes nothing.
"""

from __future__ import annotations

import threading


def ec2_security_group_rule_descriptions() -> None:
    # Gap: a rule that references another security group or a prefix list loses its description.
    # moto: SecurityGroupRule.description reads only ip_range["Description"]; for a rule
    #   from AuthorizeSecurityGroupIngress/Egress with Groups.N (a source group) the
    #   description sits in source_group["Description"], and for PrefixListIds.N moto keeps
    #   only the id, so DescribeSecurityGroupRules omits it (ModifySecurityGroupRules later
    #   writes ip_range, so it "comes back").
    # provider: aws_vpc_security_group_ingress_rule/egress_rule with
    #   referenced_security_group_id or prefix_list_id and a description show
    #   "+ description" on the next plan, and an in-place update.
    # patch: keep the prefix list's description; fall back to the source group's or it.
    from moto.ec2.models.security_groups import SecurityGroupRule

    original_init = SecurityGroupRule.__init__

    def __init__(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        prefix_list = kwargs.get("prefix_list_id", args[7] if len(args) > 7 else None)
        self.prefix_list_description = (prefix_list or {}).get("Description")

    def description(self):
        return (
            self.ip_range.get("Description")
            or (self.source_group or {}).get("Description")
            or getattr(self, "prefix_list_description", None)
        )

    SecurityGroupRule.__init__ = __init__
    SecurityGroupRule.description = property(description)


_CUSTOM_ID_TAG = "_custom_id_"


def _custom_id(tags) -> str | None:
    """The _custom_id_ tag in any of the shapes moto's EC2 responses hand to the backend."""
    if isinstance(tags, list):
        return next((tag.get("Value") for tag in tags if tag.get("Key") == _CUSTOM_ID_TAG), None)
    if isinstance(tags, dict):
        if _CUSTOM_ID_TAG in tags:
            return tags[_CUSTOM_ID_TAG]
        return next((_custom_id(inner) for inner in tags.values() if isinstance(inner, dict) and _custom_id(inner)), None)
    return None


def ec2_custom_ids_from_tags() -> None:
    # Gap: a VPC, subnet or security group cannot be created with a chosen id.
    # moto: other services honour the documented _custom_id_ tag (moto.utilities.id_generator),
    #   but EC2's create_vpc/create_subnet/create_security_group always call random_*_id().
    # provider: an environment file names an existing VPC, subnets and security groups by id
    #   (data sources and rules refer to them); seeding the emulator needs those exact ids.
    # patch: when the create call's tags carry _custom_id_, the next id drawn for that
    #   resource type in this thread is that value.
    from moto.ec2.models import security_groups, subnets, vpcs

    pending = threading.local()

    def bridge(module, id_function: str, backend, method: str) -> None:
        draw_random = getattr(module, id_function)

        def draw() -> str:
            chosen, pending.value = getattr(pending, "value", None), None
            return chosen or draw_random()

        setattr(module, id_function, draw)
        create = getattr(backend, method)

        def create_with_custom_id(self, *args, **kwargs):
            pending.value = _custom_id(kwargs.get("tags"))
            try:
                return create(self, *args, **kwargs)
            finally:
                pending.value = None

        setattr(backend, method, create_with_custom_id)

    bridge(vpcs, "random_vpc_id", vpcs.VPCBackend, "create_vpc")
    bridge(subnets, "random_subnet_id", subnets.SubnetBackend, "create_subnet")
    bridge(security_groups, "random_security_group_id", security_groups.SecurityGroupBackend, "create_security_group")
