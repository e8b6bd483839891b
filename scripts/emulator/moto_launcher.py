#!/usr/bin/env python3
"""Local AWS emulator for `terraform apply` of this project's stacks.

Starts moto's server in-process, bound to 127.0.0.1 only, applies the patches
in patches/ (each bridges one place where moto 5.2.1 does not behave like AWS in a way
the hashicorp/aws 5.100.0 provider depends on), prints one line

    READY http://127.0.0.1:<port>

on stdout when it accepts requests, then serves until SIGTERM or SIGINT.

    python3 scripts/emulator/moto_launcher.py --port 0        # OS picks the port
    python3 scripts/emulator/moto_launcher.py --list-patches
    python3 scripts/emulator/moto_launcher.py --port 0 --no-patches   # plain moto, for tests
    python3 scripts/emulator/moto_launcher.py --port 0 --skip PATCH   # all but one patch

The patches live in patches/, one module per AWS service; patches/__init__.py
lists them in the order they are applied. Each one's first comment line names
the gap, then which moto behaviour, which provider expectation and what the
patch does. test_moto_launcher.py has one test per patch.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading

from patches import PATCHES, apply_patches


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=0, help="TCP port on 127.0.0.1 (0: the OS picks a free one)")
    parser.add_argument("--no-patches", action="store_true", help="plain moto (tests use it to show each gap)")
    parser.add_argument("--skip", action="append", default=[], metavar="PATCH", help="do not apply this patch (repeatable)")
    parser.add_argument("--list-patches", action="store_true", help="print the patch names and exit")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.list_patches:
        for func in PATCHES:
            print(func.__name__)
        return 0

    # moto reads a few settings from the environment when backends are built;
    # nothing here may reach the real AWS.
    os.environ.setdefault("AWS_DEFAULT_REGION", "eu-west-2")
    os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
    os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")
    if not args.no_patches:
        apply_patches(set(args.skip))

    from moto.server import ThreadedMotoServer

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())

    # 127.0.0.1 only: never reachable from another machine.
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=args.port, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    # moto builds some URLs (S3, SQS) from MOTO_PORT.
    os.environ["MOTO_PORT"] = str(port)
    print(f"READY http://{host}:{port}", flush=True)
    while not stop.wait(1.0):
        pass
    server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
