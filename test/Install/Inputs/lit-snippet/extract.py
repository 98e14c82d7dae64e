"""Writes the lit.cfg.py of docs/library.md (the python block after
"# lit.cfg.py"), with its install prefix /tmp/attn replaced by argv[2], and
the test it shows, into the folder argv[3]."""
import os
import re
import sys

doc, prefix, out = sys.argv[1:4]
text = open(doc).read()
cfg = re.search(r"```python\n(# lit\.cfg\.py.*?)```", text, re.S).group(1)
test = re.search(r"with tests such as\n\n```\n(.*?)```", text, re.S).group(1)
os.makedirs(out, exist_ok=True)
with open(os.path.join(out, "lit.cfg.py"), "w") as f:
    f.write(cfg.replace("/tmp/attn", prefix))
with open(os.path.join(out, "decompose.mlir"), "w") as f:
    f.write(test + "// CHECK: linalg.generic\n" + open(
        os.path.join(os.path.dirname(doc), "..", "examples", "causal.mlir")).read())
