"""Runs a command and succeeds only if it exits with the given status.

usage: exit-code.py STATUS COMMAND [ARGS...]; the command's output is
passed through (stderr merged into stdout) for FileCheck.
"""
import subprocess
import sys

want = int(sys.argv[1])
r = subprocess.run(sys.argv[2:], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
sys.stdout.write(r.stdout.decode(errors="replace"))
if r.returncode != want:
    sys.stdout.write("exit-code.py: exit status %d, expected %d\n" % (r.returncode, want))
    sys.exit(1)
