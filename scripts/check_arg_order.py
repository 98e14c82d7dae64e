#!/usr/bin/env python3
"""Flags calls with two or more arguments that create IR (an `Op::create(`
or `.create<` call, or a call of a helper listed in HELPERS), in the C++
sources given. Helpers are found by themselves: every function or lambda
defined in the given files whose body creates IR (directly or through
another helper) counts, so a new helper needs no list. C++ leaves the evaluation order of function arguments
unspecified: GCC evaluates them right to left, clang left to right, so ops
created there come out in a different order (docs: developer guide, "Create
ops in statements"). Exits 1 and lists file:line for each such call."""
import os
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


MEMBER_RE = re.compile(r"\b\w+::(\w+)\s*\(")
# Member helpers (`env.add(a, b)` of a class that builds IR) are matched
# after `.` or `->`; these names are too common for that.
MEMBER_SKIP = {"get", "getResult", "size", "begin", "end", "push_back"}
member_helpers = set()


def creates_ir(arg, helpers):
    # Lambdas passed as arguments build IR later, when called: not here.
    if re.match(r"\s*\[[^\]]*\]\s*\(", arg):
        return False
    if CREATE_RE.search(arg):
        return True
    # Unqualified calls only: `x.get(`, `T::get(` and `p->get(` are other
    # functions that happen to share a helper's name.
    if any(re.search(r"(?<![\w.:>])%s\s*\(" % h, arg) for h in helpers):
        return True
    return any(re.search(r"(?:\.|->)\s*%s\s*\(" % h, arg)
               for h in member_helpers)


KEYWORDS = {"if", "for", "while", "switch", "catch", "return", "sizeof",
            "alignof", "decltype", "static_assert", "defined"}
# `auto name = [...](...) ... {` and `name(...) [const] [-> T] {` (functions).
LAMBDA_RE = re.compile(r"\b(\w+)\s*=\s*\[[^\]]*\]\s*\(")
FUNC_RE = re.compile(r"\b(\w+)\s*\(")


def body_after(src, i):
    """The brace-matched body starting at the first '{' at or after i, when
    only a parameter list and qualifiers come before it; else None."""
    args, end = split_args(src, i) if src[i] == "(" else (None, i)
    if args is None:
        return None
    j = end + 1
    m = re.match(r"\s*(?:const\s*)?(?:noexcept\s*)?(?:->\s*[\w:<>,\s*&]+?)?\s*\{",
                 src[j:])
    if not m:
        return None
    k = j + m.end() - 1
    depth = 0
    for e in range(k, len(src)):
        if src[e] == "{":
            depth += 1
        elif src[e] == "}":
            depth -= 1
            if depth == 0:
                return src[k:e + 1]
    return None


def definitions(path):
    """(name, body) of the functions and lambdas defined in one file."""
    defs = []
    src = strip_comments(open(path, encoding="utf-8").read())
    if True:
        for m in LAMBDA_RE.finditer(src):
            body = body_after(src, m.end() - 1)
            if body:
                defs.append((m.group(1), body))
        for m in FUNC_RE.finditer(src):
            name = m.group(1)
            if name in KEYWORDS:
                continue
            body = body_after(src, m.end() - 1)
            if body:
                defs.append((name, body))
    return defs


def close_helpers(defs, known):
    """Names among defs whose bodies create IR, plus known, to a fixed
    point (a helper that calls a helper creates IR too)."""
    helpers = set(known)
    changed = True
    while changed:
        changed = False
        for name, body in defs:
            if name not in helpers and creates_ir(body, helpers):
                helpers.add(name)
                changed = True
    return helpers


def find_helpers(paths, known):
    """Per file: the helpers its own definitions and the headers' make.
    Names are file-scoped (static functions and lambdas of one lowering
    say nothing about another file's functions of the same name)."""
    # Member functions (`T Class::name(...) {`) that create IR, in any file.
    members = []
    for p in paths:
        src = strip_comments(open(p, encoding="utf-8").read())
        for m in MEMBER_RE.finditer(src):
            body = body_after(src, m.end() - 1)
            if body and m.group(1) not in MEMBER_SKIP:
                members.append((m.group(1), body))
    while True:
        new = close_helpers(members, member_helpers) - set(MEMBER_SKIP)
        if new == member_helpers:
            break
        member_helpers.update(new)
    headers = [p for p in paths if p.endswith(".h")]
    shared = close_helpers([d for h in headers for d in definitions(h)], known)
    # Methods defined inline in a header's class are called as `env.name(`.
    member_helpers.update(shared - MEMBER_SKIP)
    return {p: close_helpers(definitions(p), shared) for p in paths}


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
        elif os.path.isdir(a):
            for d, _, names in sorted(os.walk(a)):
                files += [os.path.join(d, n) for n in sorted(names)
                          if n.endswith((".cpp", ".h"))]
        else:
            files.append(a)
    per_file = find_helpers(files, helpers)
    total = 0
    for f in files:
        for line in check(f, per_file[f]):
            print("%s:%d: two or more arguments of this call create ops "
                  "(unspecified order): create them in statements first"
                  % (f, line))
            total += 1
    print("argument order: %d files, %d calls create ops in two or more "
          "arguments" % (len(files), total))
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
