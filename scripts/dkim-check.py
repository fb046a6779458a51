#!/usr/bin/env python3
"""Independent DKIM oracle for the tests: verifies every DKIM-Signature of each message with dkimpy.

Usage: dkim-check.py RECORDS.json MESSAGE...
RECORDS.json maps a DNS name ("sel._domainkey.example.org") to its TXT value, as
`relaisctl dkim keygen` prints it: the DNS stub that dkimpy asks instead of the network.
Prints a JSON list, one object per message: {"signatures": N, "verified": [bool per signature],
"algorithms": [...]}.
"""
import json
import sys

import dkim


def main():
    with open(sys.argv[1], "rb") as handle:
        records = {name.rstrip(".").lower(): value for name, value in json.load(handle).items()}

    def dnsfunc(name, timeout=5):
        key = name.decode() if isinstance(name, bytes) else name
        value = records.get(key.rstrip(".").lower())
        return value.encode() if value is not None else None

    results = []
    for path in sys.argv[2:]:
        with open(path, "rb") as handle:
            message = handle.read()
        checker = dkim.DKIM(message)
        count = sum(1 for name, _ in checker.headers if name.lower() == b"dkim-signature")
        verified, algorithms = [], []
        for index in range(count):
            try:
                verified.append(bool(checker.verify(idx=index, dnsfunc=dnsfunc)))
            except dkim.DKIMException as error:
                verified.append(False)
                print(f"{path}: signature {index}: {error}", file=sys.stderr)
            algorithms.append(checker.signature_fields.get(b"a", b"").decode())
        results.append({"signatures": count, "verified": verified, "algorithms": algorithms})
    print(json.dumps(results))


if __name__ == "__main__":
    main()
