"""Compares what the tools register with what their docs say.

  docs_match.py passes ATTN-OPT docs/passes.md
      every attn pass and pipeline `attn-opt --help` lists, and each of its
      options, is documented in docs/passes.md (the option in the pass's
      table row or its `## --pass` section); every `--attn-...` flag the doc
      names is registered.
  docs_match.py options TOOL docs/TOOL.md
      every option `attn-run --help` shows is in the doc's option table,
      and every option in that table is in --help.

Prints one line per mismatch and exits 1 if there is any.
"""
import os
import re
import subprocess
import sys


def passes(tool, doc_path):
    help_text = subprocess.run([tool, "--help"], capture_output=True,
                               text=True, check=True).stdout
    registered = {}  # pass -> set of option names
    current = None
    for line in help_text.splitlines():
        m = re.match(r"^( +)--([\w-]+)", line)
        if not m:
            current = None
            continue
        indent, name = len(m.group(1)), m.group(2)
        if name.startswith("attn-") and indent == 6:
            current = name
            registered[current] = set()
        elif current and indent > 6:
            registered[current].add(name)
        else:
            current = None
    doc = open(doc_path).read()
    problems = []
    for p, opts in sorted(registered.items()):
        rows = [l for l in doc.splitlines()
                if l.startswith("|") and re.search(r"`--%s[`\[=]" % p, l)]
        sec = re.search(r"^## `--%s`.*?(?=^## |\Z)" % re.escape(p), doc,
                        re.S | re.M)
        text = "\n".join(rows) + (sec.group(0) if sec else "")
        if not rows and not sec:
            problems.append("--%s is registered but not in %s" % (p, doc_path))
            continue
        for o in sorted(opts):
            if not re.search(r"(?<![\w-])%s(?![\w-])" % re.escape(o), text):
                problems.append("option %s of --%s is not documented" % (o, p))
    for name in sorted(set(re.findall(r"--(attn-[\w-]+)", doc))):
        if name not in registered:
            problems.append("%s names --%s, which attn-opt does not register"
                            % (doc_path, name))
    return problems, "%d passes/pipelines, %d options" % (
        len(registered), sum(len(o) for o in registered.values()))


def options(tool, doc_path):
    help_text = subprocess.run([tool, "--help"], capture_output=True,
                               text=True, check=True).stdout
    in_help = set(re.findall(r"--([a-z][\w-]*)", help_text)) - {"help"}
    doc = open(doc_path).read()
    in_table = set()
    for line in doc.splitlines():
        m = re.match(r"^\| `--([a-z][\w-]*)", line)
        if m:
            in_table.add(m.group(1))
    name = os.path.basename(tool)
    problems = ["--%s is in `%s --help` but not in %s's option table"
                % (o, name, doc_path) for o in sorted(in_help - in_table)]
    problems += ["--%s is in %s's option table but not in `%s --help`"
                 % (o, doc_path, name) for o in sorted(in_table - in_help)]
    return problems, "%d options" % len(in_help)


def main():
    kind, tool, doc = sys.argv[1:4]
    problems, summary = (passes if kind == "passes" else options)(tool, doc)
    for p in problems:
        print("MISMATCH: " + p)
    print("%s: %s, %d mismatches" % (kind, summary, len(problems)))
    sys.exit(1 if problems else 0)


main()
