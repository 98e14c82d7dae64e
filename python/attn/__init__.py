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
import numpy as np

from ._native import AttnError, Kernel, reference as _native_reference

__all__ = [
    "attention", "reference", "build_ir", "compile", "Pattern", "causal",
    "sliding_window", "dilated_window", "global_tokens", "neighborhood",
    "block_layout", "documents", "union", "intersect", "AttnError",
    "compiled_kernels", "clear_cache", "PIPELINES",
]

#: Short pipeline names (as attn-run's --pipeline); any other string is taken
#: as a pass pipeline that lowers the module to the LLVM dialect.
PIPELINES = {
    "fused": "attn-lower-to-llvm{form=fused cpu=host}",
    "unfused": "attn-lower-to-llvm{form=unfused cpu=host}",
}

_DTYPES = {np.dtype(np.float32): "f32", np.dtype(np.float16): "f16"}


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


def build_ir(q_shape, k_shape, v_shape, dtype="f32", *, pattern=None,
             scale=None, softcap=None, layout="bhsd", mask_shape=None,
             bias_shape=None, bias_dtype=None, documents_len=None,
             return_lse=False, tiling=None):
    """The attn IR (a module with one function @attn_kernel) of one call."""
    if layout not in ("bhsd", "bshd"):
        raise ValueError("layout must be 'bhsd' or 'bshd', got %r" % (layout,))
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


_kernels = {}


def compile(ir, pipeline="fused"):
    """The compiled kernel of @attn_kernel in `ir`, cached by (ir, pipeline)."""
    key = (ir, pipeline)
    kernel = _kernels.get(key)
    if kernel is None:
        kernel = Kernel(ir, "attn_kernel", PIPELINES.get(pipeline, pipeline))
        _kernels[key] = kernel
    return kernel


def compiled_kernels():
    """How many kernels the cache holds (one per signature and pipeline)."""
    return len(_kernels)


def clear_cache():
    _kernels.clear()


def _prepare(q, k, v, pattern, scale, softcap, layout, mask, bias, documents,
             return_lse, tiling):
    q, k, v = (np.asarray(x) for x in (q, k, v))
    dtype = _DTYPES.get(q.dtype)
    if dtype is None:
        raise TypeError("q must be float32 or float16, got %s" % q.dtype)
    if q.ndim != 4 or k.ndim != 4 or v.ndim != 4:
        raise ValueError("q, k and v must be 4-d ([B, H, S, D], or [B, S, H, D]"
                         " with layout='bshd')")
    arrays = [np.ascontiguousarray(x, dtype=q.dtype) for x in (q, k, v)]
    kw = dict(pattern=pattern, scale=scale, softcap=softcap, layout=layout,
              return_lse=return_lse, tiling=tiling)
    if mask is not None:
        mask = np.ascontiguousarray(mask, dtype=np.bool_)
        kw["mask_shape"] = mask.shape
        arrays.append(mask)
    if bias is not None:
        bias = np.asarray(bias)
        bdt = np.float32 if bias.dtype == np.float32 else q.dtype
        bias = np.ascontiguousarray(bias, dtype=bdt)
        kw["bias_shape"] = bias.shape
        kw["bias_dtype"] = _DTYPES[np.dtype(bdt)]
        arrays.append(bias)
    if documents is not None:
        documents = np.ascontiguousarray(documents, dtype=np.int64)
        kw["documents_len"] = documents.shape[0]
        arrays.append(documents)
        if pattern is None:
            raise ValueError("documents= needs a pattern that uses them, "
                             "e.g. attn.documents()")
    ir = build_ir(q.shape, k.shape, v.shape, dtype, **kw)
    out_shape = tuple(q.shape[:3]) + (v.shape[3],)
    shapes = [out_shape]
    if return_lse:
        b, h, s = ((q.shape[0], q.shape[2], q.shape[1]) if layout == "bshd"
                   else q.shape[:3])
        shapes.append((b, h, s))
    return ir, arrays, shapes, q.dtype


def attention(q, k, v, *, pattern=None, scale=None, softcap=None,
              layout="bhsd", mask=None, bias=None, documents=None,
              return_lse=False, tiling=None, pipeline="fused"):
    """Softmax attention softmax(scale * Q K^T [+ bias], pattern, mask) V.

    q: [B, Hq, Sq, D]; k: [B, Hkv, Skv, D]; v: [B, Hkv, Skv, Dv] (Hq a
    multiple of Hkv: grouped-query heads), float32 or float16 (k, v are
    converted to q's dtype); layout="bshd" takes [B, S, H, D] instead.
    pattern: an attn.Pattern (attn.causal(), attn.sliding_window(...), ...),
    'causal', or an '#attn...' attribute string. mask: booleans (True =
    visible) broadcastable to [B, Hq, Sq, Skv]; bias: additive, same rule.
    documents: int offsets for attn.documents(). Returns the output (and the
    float32 log-sum-exp [B, Hq, Sq] with return_lse=True).
    """
    ir, arrays, shapes, dtype = _prepare(q, k, v, pattern, scale, softcap,
                                         layout, mask, bias, documents,
                                         return_lse, tiling)
    kernel = compile(ir, pipeline)
    outs = [np.empty(shapes[0], dtype=dtype)]
    if return_lse:
        outs.append(np.empty(shapes[1], dtype=np.float32))
    kernel.run(arrays, outs)
    return tuple(outs) if return_lse else outs[0]


def reference(q, k, v, *, pattern=None, scale=None, softcap=None,
              layout="bhsd", mask=None, bias=None, documents=None,
              return_lse=False, tiling=None):
    """The same call evaluated in float64 by the reference evaluator, on the
    values the compiled kernel sees (inputs rounded to q's dtype)."""
    ir, arrays, shapes, _ = _prepare(q, k, v, pattern, scale, softcap, layout,
                                     mask, bias, documents, return_lse, tiling)
    ins = [np.ascontiguousarray(a, dtype=np.float64) for a in arrays]
    outs = [np.empty(s, dtype=np.float64) for s in shapes]
    _native_reference(ir, "attn_kernel", ins, outs)
    return tuple(outs) if return_lse else outs[0]
