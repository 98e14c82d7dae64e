"""Checks fuzz_ir.run_one's time limit (CPU seconds, with a wall cap of
WALL_FACTOR times the limit) on three commands whose outcome does not
depend on the machine's load: one that exits at once, one that computes
forever and one that blocks forever without computing."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
import fuzz_ir  # noqa: E402

LIMIT = 1.0
cases = [
    ("exits", [sys.executable, "-c", "pass"]),
    ("computes", [sys.executable, "-c", "while True: pass"]),
    ("blocks", [sys.executable, "-c", "import time; time.sleep(3600)"]),
]
for name, cmd in cases:
    reason, rc, _ = fuzz_ir.run_one(cmd, LIMIT)
    print("%s: %s" % (name, (reason or "ok rc=%s" % rc).split(" (")[0]))
