#!/usr/bin/env python3
"""Flags calls with two or more arguments that create IR (an `Op::create(`
or `.create<` call, or a call of a helper listed in HELPERS), in the C++
sources given. C++ leaves the evaluation order of function arguments
unspecified: GCC evaluates them right to left, clang left to right, so ops
created there come out in a different order (docs: developer guide, "Create
ops in statements"). Exits 1 and lists file:line for each such call."""
import re
import sys

CREATE_RE = re.compile(r"(::create\s*\(|\.create\s*<)")


def split_args(text, start):
    """text[start] == '('; returns (list of argument strings, end index)."""
    depth, i, args, cur = 0, start, [], start + 1
    pairs = {"(": ")", "[": "]", "{": "}"}
    stack = []
    while i < len(text):
        c = text[i]
        if c in "\"'":
            q = c
            i += 1
            while i < len(text) and text[i] != q:
                i += 2 if text[i] == "\\" else 1
        elif c in pairs:
            stack.append(pairs[c])
        elif c in ")]}":
            if not stack:
                return None, i
            stack.pop()
            if not stack:
                args.append(text[cur:i])
                return args, i
        elif c == "," and len(stack) == 1:
            args.append(text[cur:i])
            cur = i + 1
        i += 1
    return None, i


def strip_comments(src):
    src = re.sub(r"/\*.*?\*/", lambda m: re.sub(r"[^\n]", " ", m.group(0)),
                 src, flags=re.S)
    return re.sub(r"//[^\n]*", lambda m: " " * len(m.group(0)), src)


def creates_ir(arg, helpers):
    # Lambdas passed as arguments build IR later, when called: not here.
    if re.match(r"\s*\[[^\]]*\]\s*\(", arg):
        return False
    if CREATE_RE.search(arg):
        return True
    return any(re.search(r"(?<![\w.])%s\s*\(" % h, arg) for h in helpers)


def check(path, helpers):
    src = strip_comments(open(path, encoding="utf-8").read())
    bad = []
    for m in re.finditer(r"[\w>)\]]\s*\(", src):
        start = m.end() - 1
        args, _ = split_args(src, start)
        if not args or len(args) < 2:
            continue
        makers = [a for a in args if creates_ir(a, helpers)]
        if len(makers) >= 2:
            bad.append(src.count("\n", 0, start) + 1)
    return sorted(set(bad))


def main():
    helpers = []
    files = []
    for a in sys.argv[1:]:
        if a.startswith("--helpers="):
            helpers += [h for h in a.split("=", 1)[1].split(",") if h]
        else:
            files.append(a)
    total = 0
    for f in files:
        for line in check(f, helpers):
            print("%s:%d: two or more arguments of this call create ops "
                  "(unspecified order): create them in statements first"
                  % (f, line))
            total += 1
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
