"""Kinesis: stream tags given at create.

Each function is one patch (see moto_launcher.py and patches/__init__.py); moto is imported
inside it, so importing this module is cheap and changes nothing.
"""

from __future__ import annotations


def kinesis_create_stream_tags() -> None:
    # Gap: CreateStream ignores its Tags member.
    # moto: KinesisResponse.create_stream passes only name, shard count and mode.
    # provider: aws_kinesis_stream sends its tags with CreateStream and reads them back with
    #   ListTagsForStream, so every later plan adds them again.
    # patch: apply the Tags of the create call to the new stream.
    from moto.kinesis.responses import KinesisResponse

    original = KinesisResponse.create_stream

    def create_stream(self):
        result = original(self)
        tags = self._get_param("Tags")
        if tags:
            stream = self.kinesis_backend.describe_stream(stream_arn=None, stream_name=self._get_param("StreamName"))
            self.kinesis_backend.add_tags_to_stream(stream_arn=stream.arn, stream_name=stream.stream_name, tags=tags)
        return result

    KinesisResponse.create_stream = create_stream
