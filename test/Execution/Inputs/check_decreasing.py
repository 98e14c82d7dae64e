"""Checks that a JSON field of attn-run outputs strictly decreases.

usage: check_decreasing.py FIELD FILE...  (one attn-run --json output each)
Prints "FIELD decreasing: N values" or exits 1 with the values.
"""
import json
import sys

field, files = sys.argv[1], sys.argv[2:]
values = []
for name in files:
    with open(name) as f:
        objs = [json.loads(line) for line in f if line.strip().startswith("{")]
    if len(objs) != 1 or field not in objs[0]:
        sys.exit(f"{name}: expected one JSON object with '{field}'")
    values.append(float(objs[0][field]))
if any(b >= a for a, b in zip(values, values[1:])):
    sys.exit(f"{field} not decreasing: {values}")
print(f"{field} decreasing: {len(values)} values")
