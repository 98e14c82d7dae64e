"""attn: attention compiled by attn-opt, called on NumPy arrays.

    import numpy as np, attn
    q = np.random.rand(1, 8, 128, 64).astype(np.float32)
    k = v = np.random.rand(1, 2, 128, 64).astype(np.float32)   # GQA: 2 KV heads
    o = attn.attention(q, k, v, pattern=attn.causal(align="top_left"))

One call builds the attn IR for the arguments' shapes and dtypes, compiles it
once per signature (later calls with the same signature reuse the compiled
kernel) and runs it. `attn.reference(...)` evaluates the same call with the
float64 reference evaluator (docs/semantics.md). See docs/python.md.
"""
import collections
import functools
import os

import numpy as np

from ._arrays import as_numpy, empty_like_kind, to_float64
from ._native import AttnError, Kernel, reference as _native_reference

__all__ = [
    "attention", "reference", "build_ir", "compile", "Pattern", "causal",
    "sliding_window", "dilated_window", "global_tokens", "neighborhood",
    "block_layout", "documents", "union", "intersect", "AttnError",
    "compiled_kernels", "compilations", "clear_cache", "PIPELINES",
    "scaled_dot_product_attention",
]

#: Short pipeline names (as attn-run's --pipeline); any other string is taken
#: as a pass pipeline that lowers the module to the LLVM dialect.
PIPELINES = {
    "fused": "attn-lower-to-llvm{form=fused cpu=host}",
    "unfused": "attn-lower-to-llvm{form=unfused cpu=host}",
}

class Pattern:
    """A sparsity pattern: the text of an #attn attribute."""

    def __init__(self, text):
        if not text.startswith("#attn."):
            raise ValueError("a pattern is an #attn.* attribute, got %r" % text)
        self.text = text

    def __repr__(self):
        return "Pattern(%r)" % self.text

    def __eq__(self, other):
        return isinstance(other, Pattern) and other.text == self.text

    def __hash__(self):
        return hash(self.text)


def _align(align):
    if align not in ("bottom_right", "top_left"):
        raise ValueError("align must be 'bottom_right' or 'top_left', got %r"
                         % (align,))
    return "" if align == "bottom_right" else ", align = top_left"


def causal(align="bottom_right"):
    """Causal mask. align="top_left" is PyTorch's is_causal=True
    (query i sees keys j <= i); "bottom_right" (the default) is
    FlashAttention's (j <= i + Skv - Sq)."""
    _align(align)
    return Pattern("#attn.causal" if align == "bottom_right"
                   else "#attn.causal<align = top_left>")


def sliding_window(left, right=0, align="bottom_right"):
    return Pattern("#attn.sliding_window<left = %d, right = %d%s>"
                   % (left, right, _align(align)))


def dilated_window(left, right, dilation, align="bottom_right"):
    return Pattern("#attn.dilated_window<left = %d, right = %d, dilation = %d%s>"
                   % (left, right, dilation, _align(align)))


def global_tokens(keys, queries=0):
    return Pattern("#attn.global<keys = %d%s>"
                   % (keys, ", queries = %d" % queries if queries else ""))


def neighborhood(grid, kernel, dilation=(1, 1)):
    return Pattern("#attn.neighborhood<grid = %dx%d, kernel = %dx%d, "
                   "dilation = %dx%d>" % (*grid, *kernel, *dilation))


def block_layout(block, layout):
    rows = ", ".join("[%s]" % ", ".join(str(int(bool(x))) for x in r)
                     for r in np.asarray(layout))
    return Pattern("#attn.block_layout<block = %d x %d, [%s]>"
                   % (block[0], block[1], rows))


def documents():
    """Block-diagonal documents; pass the offsets with `documents=`."""
    return Pattern("#attn.documents")


def union(*patterns):
    return Pattern("#attn.union<[%s]>" % ", ".join(_pattern(p) for p in patterns))


def intersect(*patterns):
    return Pattern("#attn.intersect<[%s]>"
                   % ", ".join(_pattern(p) for p in patterns))


def _pattern(p):
    if isinstance(p, Pattern):
        return p.text
    if p == "causal":
        return causal().text
    if isinstance(p, str):
        return Pattern(p).text
    raise TypeError("pattern must be an attn.Pattern, 'causal' or an "
                    "'#attn...' string, got %r" % (p,))


def _f64(x):
    # MLIR float literals need a '.': 1e-05 is not one, 1.0e-05 is.
    return "%.17e : f64" % float(x)


def _ttype(shape, elem):
    return "tensor<%s>" % "x".join([str(d) for d in shape] + [elem])


def _dynamic_shapes(layout, q, k, v, mask, bias, docs):
    """The shapes with batch and sequence sizes as `?` (None: absent). A
    mask or bias dimension of size 1 stays 1 (it is broadcast)."""
    b, s = 0, (1 if layout == "bshd" else 2)

    def qkv(x):
        x = list(x)
        x[b] = x[s] = "?"
        return x

    def scores(x):  # broadcastable to [B, Hq, Sq, Skv]
        if x is None:
            return None
        x = list(x)
        for i in range(len(x)):
            if x[i] != 1 and (i - len(x)) in (-4, -2, -1):
                x[i] = "?"
        return x
    return (qkv(q), qkv(k), qkv(v), scores(mask), scores(bias),
            None if docs is None else "?")


def build_ir(q_shape, k_shape, v_shape, dtype="f32", *, pattern=None,
             scale=None, softcap=None, layout="bhsd", mask_shape=None,
             bias_shape=None, bias_dtype=None, documents_len=None,
             return_lse=False, tiling=None, dynamic=False):
    """The attn IR (a module with one function @attn_kernel) of one call;
    with dynamic=True, batch and sequence sizes are dynamic (`?`): one
    kernel serves every B, Sq and Skv."""
    if layout not in ("bhsd", "bshd"):
        raise ValueError("layout must be 'bhsd' or 'bshd', got %r" % (layout,))
    if dynamic:
        (q_shape, k_shape, v_shape, mask_shape, bias_shape,
         documents_len) = _dynamic_shapes(layout, q_shape, k_shape, v_shape,
                                          mask_shape, bias_shape,
                                          documents_len)
    args = [("q", _ttype(q_shape, dtype)), ("k", _ttype(k_shape, dtype)),
            ("v", _ttype(v_shape, dtype))]
    operands = ""
    if mask_shape is not None:
        args.append(("mask", _ttype(mask_shape, "i1")))
        operands += " mask(%%mask : %s)" % args[-1][1]
    if bias_shape is not None:
        args.append(("bias", _ttype(bias_shape, bias_dtype or dtype)))
        operands += " bias(%%bias : %s)" % args[-1][1]
    if documents_len is not None:
        args.append(("docs", _ttype([documents_len], "i64")))
        operands += " documents(%%docs : %s)" % args[-1][1]
    attrs = []
    if pattern is not None:
        attrs.append("sparsity = " + _pattern(pattern))
    if scale is not None:
        attrs.append("scale = " + _f64(scale))
    if softcap is not None:
        attrs.append("softcap = " + _f64(softcap))
    if layout == "bshd":
        attrs.append("layout = #attn.layout<bshd>")
    if tiling is not None:
        attrs.append("tiling = #attn.tiling<query = %d, key = %d>" % tiling)
    out_shape = list(q_shape[:3]) + [v_shape[3]]
    results = [_ttype(out_shape, dtype)]
    if return_lse:
        b, h, s = ((q_shape[0], q_shape[2], q_shape[1]) if layout == "bshd"
                   else tuple(q_shape[:3]))
        results.append(_ttype([b, h, s], "f32"))
    names = "%o, %lse" if return_lse else "%o"
    return (
        "func.func @attn_kernel(%s) -> (%s) {\n"
        "  %s = attn.attention %%q, %%k, %%v%s {%s}\n"
        "      : %s, %s, %s -> %s\n"
        "  return %s : %s\n"
        "}\n" % (", ".join("%%%s: %s" % a for a in args), ", ".join(results),
                 names, operands, ", ".join(attrs), args[0][1], args[1][1],
                 args[2][1], ", ".join(results), names, ", ".join(results)))


# Compiled kernels, least recently used first; $ATTN_CACHE_SIZE bounds it.
_kernels = collections.OrderedDict()
_compilations = 0


def _cache_size():
    try:
        return max(1, int(os.environ.get("ATTN_CACHE_SIZE", "64")))
    except ValueError:
        return 64


def compile(ir, pipeline="fused"):
    """The compiled kernel of @attn_kernel in `ir`, cached by (ir, pipeline)
    in a least-recently-used cache of $ATTN_CACHE_SIZE kernels (64)."""
    global _compilations
    key = (ir, pipeline)
    kernel = _kernels.get(key)
    if kernel is not None:
        _kernels.move_to_end(key)
        return kernel
    kernel = Kernel(ir, "attn_kernel", PIPELINES.get(pipeline, pipeline))
    _compilations += 1
    _kernels[key] = kernel
    while len(_kernels) > _cache_size():
        _kernels.popitem(last=False)
    return kernel


def compiled_kernels():
    """How many kernels the cache holds (one per signature and pipeline)."""
    return len(_kernels)


def compilations():
    """How many kernels this process has compiled (cache misses)."""
    return _compilations


def clear_cache():
    _kernels.clear()


_DTYPE_HELP = ("compiled kernels take float32, float16 or bfloat16 "
               "(NumPy: ml_dtypes.bfloat16)")


def _float_input(name, x):
    a, elem = as_numpy(x)
    if elem not in ("f32", "f16", "bf16"):
        raise TypeError("%s has dtype %s: %s; convert it explicitly (e.g. "
                        ".astype(np.float32))" % (name, a.dtype, _DTYPE_HELP))
    return a, elem


def _prepare(q, k, v, pattern, scale, softcap, layout, mask, bias, documents,
             return_lse, tiling):
    """(build_ir arguments, contiguous input views, their element types,
    output shapes, element type)."""
    (q, dtype), (k, kt), (v, vt) = (_float_input(n, x) for n, x in
                                    (("q", q), ("k", k), ("v", v)))
    if kt != dtype or vt != dtype:
        raise TypeError("q, k and v must have one dtype (got %s, %s, %s): "
                        "nothing is converted implicitly" % (dtype, kt, vt))
    if q.ndim != 4 or k.ndim != 4 or v.ndim != 4:
        raise ValueError("q, k and v must be 4-d ([B, H, S, D], or [B, S, H, D]"
                         " with layout='bshd')")
    # Contiguous inputs are used in place; strided ones are copied once.
    arrays = [np.ascontiguousarray(x) for x in (q, k, v)]
    elems = [dtype] * 3
    kw = dict(pattern=pattern, scale=scale, softcap=softcap, layout=layout,
              return_lse=return_lse, tiling=tiling)
    if mask is not None:
        mask, mt = as_numpy(mask)
        if mask.dtype != np.bool_:
            raise TypeError(
                "mask must be boolean (True = visible), got %s; an additive "
                "float mask is bias= here (attn.scaled_dot_product_attention "
                "takes either as attn_mask=, as PyTorch does)" % mask.dtype)
        mask = np.ascontiguousarray(mask)
        kw["mask_shape"] = mask.shape
        arrays.append(mask)
        elems.append("i1")
    if bias is not None:
        bias, bt = as_numpy(bias)
        if bt not in ("f32", dtype):
            raise TypeError("bias must be float32 or q's dtype (%s), got %s: "
                            "convert it explicitly" % (dtype, bias.dtype))
        bias = np.ascontiguousarray(bias)
        kw["bias_shape"] = bias.shape
        kw["bias_dtype"] = bt
        arrays.append(bias)
        elems.append(bt)
    if documents is not None:
        documents = np.ascontiguousarray(as_numpy(documents)[0],
                                         dtype=np.int64)
        kw["documents_len"] = documents.shape[0]
        arrays.append(documents)
        elems.append("i64")
        if pattern is None:
            raise ValueError("documents= needs a pattern that uses them, "
                             "e.g. attn.documents()")
    kw["shapes"] = (q.shape, k.shape, v.shape, dtype)
    out_shape = tuple(q.shape[:3]) + (v.shape[3],)
    shapes = [out_shape]
    if return_lse:
        b, h, s = ((q.shape[0], q.shape[2], q.shape[1]) if layout == "bshd"
                   else q.shape[:3])
        shapes.append((b, h, s))
    return kw, arrays, elems, shapes, dtype


def _ir(kw, dynamic):
    return _ir_cached(tuple(sorted(kw.items(), key=lambda i: i[0])), dynamic)


@functools.lru_cache(maxsize=1024)
def _ir_cached(items, dynamic):
    # Text building is a large part of a small call's cost: once per shape.
    kw = dict(items)
    return build_ir(*kw.pop("shapes"), dynamic=dynamic, **kw)


def attention(q, k, v, *, pattern=None, scale=None, softcap=None,
              layout="bhsd", mask=None, bias=None, documents=None,
              return_lse=False, tiling=None, pipeline="fused", dynamic=True):
    """Softmax attention softmax(scale * Q K^T [+ bias], pattern, mask) V.

    q: [B, Hq, Sq, D]; k: [B, Hkv, Skv, D]; v: [B, Hkv, Skv, Dv] (Hq a
    multiple of Hkv: grouped-query heads), one dtype: float32, float16 or
    bfloat16; layout="bshd" takes [B, S, H, D] instead. NumPy arrays or any
    `__dlpack__` array on the CPU (PyTorch, JAX, ...); the output is of the
    kind of q (torch in, torch out).
    pattern: an attn.Pattern (attn.causal(), attn.sliding_window(...), ...),
    'causal', or an '#attn...' attribute string. mask: booleans (True =
    visible) broadcastable to [B, Hq, Sq, Skv]; bias: additive (float32 or
    q's dtype), same rule. documents: int offsets for attn.documents().
    Returns the output (and the float32 log-sum-exp [B, Hq, Sq] with
    return_lse=True). dynamic=True (the default) compiles one kernel for
    every batch size and sequence length (and mask/bias sizes); False
    compiles one per exact shape.
    """
    kw, arrays, _, shapes, dtype = _prepare(q, k, v, pattern, scale, softcap,
                                            layout, mask, bias, documents,
                                            return_lse, tiling)
    kernel = compile(_ir(kw, dynamic), pipeline)
    out, out_view = empty_like_kind(q, shapes[0], dtype)
    views = [out_view]
    if return_lse:
        lse, lse_view = empty_like_kind(q, shapes[1], "f32")
        views.append(lse_view)
    kernel.run(arrays, views)
    return (out, lse) if return_lse else out


def scaled_dot_product_attention(query, key, value, attn_mask=None,
                                 dropout_p=0.0, is_causal=False, scale=None,
                                 enable_gqa=False):
    """torch.nn.functional.scaled_dot_product_attention's semantics on the
    CPU, for inference: query [B, Hq, L, E] (or [Hq, L, E]), key [B, Hkv, S,
    E], value [B, Hkv, S, Ev]; attn_mask boolean (True = takes part) or
    float (added to the scores), broadcastable to [B, Hq, L, S];
    is_causal: query i sees keys j <= i (top-left); scale default
    1/sqrt(E); enable_gqa=True lets Hq be a multiple of Hkv. dropout_p must
    be 0. Returns an array of query's kind."""
    if dropout_p != 0.0:
        raise ValueError("dropout_p must be 0.0: attn computes inference "
                         "attention only")
    if is_causal and attn_mask is not None:
        raise ValueError("pass either attn_mask or is_causal=True, not both "
                         "(as PyTorch)")
    qa, ka, va = (as_numpy(x)[0] for x in (query, key, value))
    if not qa.ndim == ka.ndim == va.ndim or qa.ndim not in (3, 4):
        raise ValueError("query, key and value must all be 4-d [B, H, L, E] "
                         "or all 3-d [H, L, E]")
    if qa.shape[-3] != ka.shape[-3] and not enable_gqa:
        raise ValueError("query has %d heads, key/value %d: pass "
                         "enable_gqa=True for grouped-query attention"
                         % (qa.shape[-3], ka.shape[-3]))
    kw = dict(scale=scale)
    if is_causal:
        kw["pattern"] = causal(align="top_left")
    if attn_mask is not None:
        m, mt = as_numpy(attn_mask)
        if m.dtype == np.bool_:
            kw["mask"] = m
        elif mt in ("f32", "f16", "bf16"):
            kw["bias"] = m
        else:
            raise TypeError("attn_mask must be boolean (True = takes part) or "
                            "float (added to the scores), got %s" % m.dtype)
    if qa.ndim == 3:
        # Views with a batch of one: the caller's memory, no copy.
        out = attention(qa[None], ka[None], va[None], **kw)[0]
        res, view = empty_like_kind(query, out.shape, as_numpy(query)[1])
        view[...] = out
        return res
    return attention(query, key, value, **kw)


def reference(q, k, v, *, pattern=None, scale=None, softcap=None,
              layout="bhsd", mask=None, bias=None, documents=None,
              return_lse=False, tiling=None):
    """The same call evaluated in float64 by the reference evaluator, on the
    values the compiled kernel sees; returns NumPy float64 arrays."""
    kw, arrays, elems, shapes, _ = _prepare(q, k, v, pattern, scale, softcap,
                                            layout, mask, bias, documents,
                                            return_lse, tiling)
    ir = _ir(kw, dynamic=False)
    ins = [np.ascontiguousarray(to_float64(a, e)) for a, e in
           zip(arrays, elems)]
    outs = [np.empty(s, dtype=np.float64) for s in shapes]
    _native_reference(ir, "attn_kernel", ins, outs)
    return tuple(outs) if return_lse else outs[0]
