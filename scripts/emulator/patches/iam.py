"""IAM: the official moto switch for AWS managed policies.

Each function is one patch (see moto_launcher.py and patches/__init__.py); moto is imported
inside it, so importing this module is cheap and changes nothing.
"""

from __future__ import annotations

import os


def load_aws_managed_policies() -> None:
    # Gap: AWS managed policies (arn:aws:iam::aws:policy/...) do not exist.
    # moto: IAM backends only contain managed policies when the official switch
    #   MOTO_IAM_LOAD_MANAGED_POLICIES=true is set before the backend is built.
    # provider: aws_iam_role_policy_attachment of service-role/AmazonDMSVPCManagementRole,
    #   AmazonDMSCloudWatchLogsRole and AmazonRDSEnhancedMonitoringRole fails with
    #   NoSuchEntity (404) on AttachRolePolicy.
    # patch: set the switch (IAM backends are created lazily, on first request).
    os.environ["MOTO_IAM_LOAD_MANAGED_POLICIES"] = "true"
