"""KMS: keys behind reserved aliases.

Each function is one patch (see moto_launcher.py and patches/__init__.py); moto is imported
inside it, so importing this module is cheap and changes nothing.
"""

from __future__ import annotations


def kms_default_keys_are_aws_managed() -> None:
    # Gap: the key behind a reserved alias (alias/aws/dynamodb, ...) is a customer key.
    # moto: the first lookup of a reserved alias creates its key with KeyManager
    #   "CUSTOMER"; AWS reports such keys as "AWS" managed.
    # provider: aws_dynamodb_table reads alias/aws/dynamodb to tell the default key from
    #   a customer-managed one, so every encrypted table seems to create a customer key
    #   that no destroy removes.
    # patch: mark the keys moto creates for reserved aliases as AWS managed.
    from moto.kms.models import KmsBackend

    original = KmsBackend._generate_default_keys

    def generate_default_keys(self, alias_name):
        key_id = original(self, alias_name)
        if key_id is not None:
            self.keys[key_id].key_manager = "AWS"
        return key_id

    KmsBackend._generate_default_keys = generate_default_keys
