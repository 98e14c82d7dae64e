#!/usr/bin/env python3
"""Independent block counts for test/passes/Forms/Fuse/attn-fuse-block-counts.mlir.

Reads the test file, and for every function with one attn.attention
(static shapes, a sparsity pattern, a tiling attribute) classifies each
(query tile, key tile) block by testing every element against the pattern's
definition in docs/semantics.md (brute force, no interval reasoning), then
prints a FileCheck file expecting the pass's attn.block_counts.

Unions and intersections: the pass combines its members' classes with the
lattice rules (union: full if any member is full, empty if all are empty;
intersection: empty if any member is empty, full if all are full; partial
otherwise), which is conservative: the script applies the same rules to the
members' brute-force classes, and asserts that the result is sound against
the brute-force classes of the combination itself.
"""
import re
import sys


def parse_pattern(s):
    """Returns (pattern, rest) for the attribute text at the start of s."""
    s = s.strip()
    m = re.match(r"#attn\.(union|intersect)<\[", s)
    if m:
        rest, kids = s[m.end():], []
        while True:
            kid, rest = parse_pattern(rest)
            kids.append(kid)
            rest = rest.strip()
            if rest.startswith(","):
                rest = rest[1:]
                continue
            assert rest.startswith("]>"), rest
            return (m.group(1), kids), rest[2:]
    m = re.match(r"#attn\.(causal|documents)", s)
    if m and not s[m.end():].startswith("<"):
        return (m.group(1),), s[m.end():]
    m = re.match(r"#attn\.(\w+)<", s)
    assert m, s
    depth, i = 0, m.end() - 1
    while True:
        depth += {"<": 1, ">": -1}.get(s[i], 0)
        if depth == 0:
            break
        i += 1
    body = s[m.end():i]
    nums = [int(x) for x in re.findall(r"-?\d+", body)]
    return (m.group(1), body, nums), s[i + 1:]


def axis_sees(r, rj, length, k, d):
    g = r % d
    if rj % d != g:
        return False
    n = (length - g + d - 1) // d
    start = min(max(r // d - k // 2, 0), max(n - k, 0))
    return start <= rj // d < start + k


def visible(p, i, j, sq, skv):
    pos = i + skv - sq
    kind = p[0]
    if kind == "causal":
        return j <= pos
    if kind in ("union", "intersect"):
        vals = [visible(c, i, j, sq, skv) for c in p[1]]
        return any(vals) if kind == "union" else all(vals)
    body, n = p[1], p[2]
    if kind == "sliding_window":
        return pos - n[0] <= j <= pos + n[1]
    if kind == "dilated_window":
        left, right, d = n
        t = pos - j
        return -right * d <= t <= left * d and t % d == 0
    if kind == "global":
        keys = n[0]
        queries = n[1] if "queries" in body else 0
        return j < keys or pos < queries
    if kind == "neighborhood":
        h, w, kh, kw = n[:4]
        dh, dw = (n[4], n[5]) if "dilation" in body else (1, 1)
        if not (0 <= pos < h * w and 0 <= j < h * w):
            return False
        return (axis_sees(pos // w, j // w, h, kh, dh) and
                axis_sees(pos % w, j % w, w, kw, dw))
    if kind == "block_layout":
        bq, bk, cells = n[0], n[1], n[2:]
        rows = [[int(x) for x in re.findall(r"\d", r)]
                for r in re.findall(r"\[([\d, ]*)\]", body)]
        r, c = i // bq, j // bk
        return r < len(rows) and c < len(rows[0]) and rows[r][c] == 1
    raise ValueError(kind)


def brute(p, q0, q1, k0, k1, sq, skv):
    vals = [visible(p, i, j, sq, skv) for i in range(q0, q1)
            for j in range(k0, k1)]
    return "empty" if not any(vals) else "full" if all(vals) else "partial"


def lattice(p, q0, q1, k0, k1, sq, skv):
    if p[0] not in ("union", "intersect"):
        return brute(p, q0, q1, k0, k1, sq, skv)
    cls = [lattice(c, q0, q1, k0, k1, sq, skv) for c in p[1]]
    if p[0] == "union":
        return ("full" if "full" in cls else
                "empty" if all(c == "empty" for c in cls) else "partial")
    return ("empty" if "empty" in cls else
            "full" if all(c == "full" for c in cls) else "partial")


def main():
    text = open(sys.argv[1]).read()
    for fn in re.finditer(r"func\.func @(\w+)\((.*?)\n}", text, re.S):
        name, body = fn.group(1), fn.group(2)
        shapes = re.findall(r"tensor<(\d+)x(\d+)x(\d+)x(\d+)xf32>", body)
        tq, tk = map(int, re.search(
            r"tiling = #attn\.tiling<query = (\d+), key = (\d+)>", body).groups())
        sq, skv = int(shapes[0][2]), int(shapes[1][2])
        pat, _ = parse_pattern(body[body.index("sparsity = ") + 11:])
        counts = {"empty": 0, "full": 0, "partial": 0}
        for q0 in range(0, sq, tq):
            for k0 in range(0, skv, tk):
                box = (q0, min(q0 + tq, sq), k0, min(k0 + tk, skv), sq, skv)
                got = lattice(pat, *box)
                exact = brute(pat, *box)
                assert got == exact or got == "partial", (name, box, got, exact)
                counts[got] += 1
        print(f"CHECK-LABEL: func.func @{name}(")
        print("CHECK: attn.block_counts = {empty = %d : i64, full = %d : i64, "
              "partial = %d : i64}" % (counts["empty"], counts["full"],
                                       counts["partial"]))


if __name__ == "__main__":
    main()
