"""The Python package against the float64 reference evaluator
(docs/semantics.md): several patterns, GQA, masks, bias, f16, the signature
cache, top-left causal against an independent NumPy formula, errors."""
import numpy as np
import pytest

import attn

RNG = np.random.default_rng(0)


def rand(*shape, dtype=np.float32):
    return RNG.uniform(-1, 1, shape).astype(dtype)


# f32 and f16 tolerances of attn-run --check (docs/attn-run.md#tolerances).
TOL = {np.float32: (1e-5, 1e-4), np.float16: (2e-3, 4e-3)}


def check(got, ref, dtype=np.float32):
    atol, rtol = TOL[dtype]
    assert got.shape == ref.shape
    assert np.all(np.abs(got.astype(np.float64) - ref) <= atol + rtol * np.abs(ref))


PATTERNS = [
    None,
    attn.causal(),
    attn.causal(align="top_left"),
    attn.sliding_window(5, 2),
    attn.sliding_window(4, 0, align="top_left"),
    attn.dilated_window(3, 1, 2),
    attn.global_tokens(3, queries=2),
    attn.union(attn.global_tokens(2), attn.sliding_window(3, 0)),
    attn.block_layout((8, 8), [[1, 0, 0], [1, 1, 0]]),
    "causal",
    "#attn.intersect<[#attn.causal, #attn.sliding_window<left = 6, right = 0>]>",
]


@pytest.mark.parametrize("pipeline", ["fused", "unfused"])
@pytest.mark.parametrize("pattern", PATTERNS, ids=repr)
def test_patterns_against_reference(pattern, pipeline):
    # GQA (4 query heads on 2 KV heads), Sq != Skv, lengths no tile divides.
    q, k, v = rand(1, 4, 13, 16), rand(1, 2, 21, 16), rand(1, 2, 21, 16)
    o, lse = attn.attention(q, k, v, pattern=pattern, return_lse=True,
                            pipeline=pipeline)
    ro, rlse = attn.reference(q, k, v, pattern=pattern, return_lse=True)
    check(o, ro)
    # Fully hidden rows have lse = -inf in both.
    assert np.array_equal(np.isinf(lse), np.isinf(rlse))
    fin = np.isfinite(rlse)
    check(lse[fin], rlse[fin])


def test_top_left_causal_is_pytorch_is_causal():
    # PyTorch's scaled_dot_product_attention(is_causal=True), written out in
    # NumPy: query i sees keys j <= i, whatever Skv.
    q, k, v = rand(2, 3, 7, 8), rand(2, 3, 11, 8), rand(2, 3, 11, 8)
    s = np.einsum("bhid,bhjd->bhij", q.astype(np.float64), k) / np.sqrt(8)
    s = np.where(np.tril(np.ones((7, 11), bool)), s, -np.inf)
    p = np.exp(s - s.max(-1, keepdims=True))
    want = (p / p.sum(-1, keepdims=True)) @ v.astype(np.float64)
    check(attn.attention(q, k, v, pattern=attn.causal(align="top_left")), want)
    # Bottom-right differs here (Skv > Sq).
    br = attn.attention(q, k, v, pattern=attn.causal())
    assert not np.allclose(br, want, atol=1e-3)


def test_mask_bias_scale_softcap_f16():
    q, k, v = (rand(1, 2, 9, 16, dtype=np.float16) for _ in range(3))
    mask = RNG.uniform(size=(1, 1, 9, 9)) < 0.8
    bias = rand(9, 9)
    kw = dict(mask=mask, bias=bias, scale=0.3, softcap=20.0,
              pattern=attn.causal())
    o = attn.attention(q, k, v, **kw)
    assert o.dtype == np.float16
    check(o, attn.reference(q, k, v, **kw), np.float16)


def test_bshd_layout_and_documents():
    q, k, v = rand(1, 12, 2, 8), rand(1, 12, 2, 8), rand(1, 12, 2, 8)
    docs = np.array([0, 5, 5, 12])
    kw = dict(layout="bshd", pattern=attn.intersect(attn.documents(),
                                                    attn.causal()),
              documents=docs)
    check(attn.attention(q, k, v, **kw), attn.reference(q, k, v, **kw))


def test_compiles_once_per_signature():
    # Counted, never timed: the second call of a signature compiles nothing.
    attn.clear_cache()
    n = attn.compilations()
    q, k, v = rand(1, 2, 8, 8), rand(1, 2, 8, 8), rand(1, 2, 8, 8)
    a = attn.attention(q, k, v, pattern="causal")
    b = attn.attention(q * 2, k, v, pattern="causal")  # same signature
    assert attn.compilations() - n == 1 and attn.compiled_kernels() == 1
    assert not np.allclose(a, b)
    attn.attention(q, k, v, pattern=attn.sliding_window(2))   # new pattern
    attn.attention(q[..., :4], k[..., :4], v, pattern="causal")  # new D
    assert attn.compilations() - n == 3
    # With dynamic=False every shape is a signature of its own.
    attn.attention(q, k, v, pattern="causal", dynamic=False)
    attn.attention(rand(1, 2, 9, 8), k, v, pattern="causal", dynamic=False)
    assert attn.compilations() - n == 5


def test_anchored_pipeline_string():
    # builtin.module(...) around a pipeline string runs it (never nothing).
    q, k, v = rand(1, 2, 8, 8), rand(1, 2, 8, 8), rand(1, 2, 8, 8)
    o = attn.attention(q, k, v, pattern="causal",
                       pipeline="builtin.module(attn-lower-to-llvm{cpu=host})")
    check(o, attn.reference(q, k, v, pattern="causal"))


def test_errors():
    q = rand(1, 1, 4, 8)
    with pytest.raises(TypeError, match="float64"):
        attn.attention(q.astype(np.float64), q, q)
    with pytest.raises(ValueError):
        attn.causal(align="top_right")
    with pytest.raises(ValueError):
        attn.attention(q, q, q, pattern="#not.an_attn_pattern")
    # Invalid IR is reported with the verifier's message, not a crash.
    with pytest.raises(attn.AttnError, match="heads"):
        attn.attention(rand(1, 3, 4, 8), rand(1, 2, 4, 8), rand(1, 2, 4, 8))
