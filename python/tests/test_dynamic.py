"""One compiled kernel per (dtypes, pattern, head sizes, layout, options):
batch and sequence lengths are dynamic. Compilations are counted, never
timed; the LRU cache's bound ($ATTN_CACHE_SIZE) and shape errors raised as
Python exceptions by the kernel's own checks."""
import numpy as np
import pytest

import attn

RNG = np.random.default_rng(2)


def rand(*shape, dtype=np.float32):
    return RNG.uniform(-1, 1, shape).astype(dtype)


def check(got, ref, atol=1e-5, rtol=1e-4):
    assert got.shape == ref.shape
    assert np.all(np.abs(got.astype(np.float64) - ref) <= atol + rtol * np.abs(ref))


@pytest.mark.parametrize("pattern", [None, attn.causal(), attn.causal(align="top_left"),
                                     attn.sliding_window(3, 1)], ids=repr)
@pytest.mark.parametrize("layout", ["bhsd", "bshd"])
def test_lengths_share_one_kernel(pattern, layout):
    attn.clear_cache()
    n = attn.compilations()
    for b, sq, skv in [(1, 5, 9), (2, 13, 13), (1, 1, 31), (3, 16, 7)]:
        if layout == "bhsd":
            q, k, v = rand(b, 4, sq, 8), rand(b, 2, skv, 8), rand(b, 2, skv, 8)
        else:
            q, k, v = rand(b, sq, 4, 8), rand(b, skv, 2, 8), rand(b, skv, 2, 8)
        kw = dict(pattern=pattern, layout=layout, return_lse=True)
        o, lse = attn.attention(q, k, v, **kw)
        ro, rlse = attn.reference(q, k, v, **kw)
        check(o, ro)
        fin = np.isfinite(rlse)
        assert np.array_equal(fin, np.isfinite(lse))
        check(lse[fin], rlse[fin])
    assert attn.compilations() - n == 1


def test_mask_and_bias_lengths_are_dynamic():
    attn.clear_cache()
    n = attn.compilations()
    for s in (6, 11):
        q, k, v = rand(1, 2, s, 8), rand(1, 2, s, 8), rand(1, 2, s, 8)
        mask = RNG.uniform(size=(1, 1, s, s)) < 0.8
        mask[..., 0] = True
        bias = rand(s, s)
        kw = dict(mask=mask, bias=bias)
        check(attn.attention(q, k, v, **kw), attn.reference(q, k, v, **kw))
    assert attn.compilations() - n == 1


def test_lru_eviction(monkeypatch):
    monkeypatch.setenv("ATTN_CACHE_SIZE", "2")
    attn.clear_cache()
    q = rand(1, 1, 4, 8)
    n = attn.compilations()
    for w in (1, 2, 3):  # three signatures: the first is evicted
        attn.attention(q, q, q, pattern=attn.sliding_window(w))
    assert attn.compiled_kernels() == 2 and attn.compilations() - n == 3
    attn.attention(q, q, q, pattern=attn.sliding_window(3))  # still cached
    assert attn.compilations() - n == 3
    attn.attention(q, q, q, pattern=attn.sliding_window(1))  # compiled again
    assert attn.compilations() - n == 4


def test_shape_errors_are_exceptions():
    attn.clear_cache()
    q, k, v = rand(1, 2, 5, 8), rand(1, 2, 7, 8), rand(1, 2, 7, 8)
    kernel = attn.compile(attn.build_ir(q.shape, k.shape, v.shape,
                                        dynamic=True))
    o = np.empty((1, 2, 5, 8), np.float32)
    kernel.run([q, k, v], [o])  # fits
    # Key and value lengths differ: the kernel's check, before any read.
    with pytest.raises(attn.AttnError, match="Skv differs"):
        kernel.run([q, k, rand(1, 2, 6, 8)], [o])
    # The output is not the result's size: nothing is written.
    small = np.full((1, 2, 3, 8), 7, np.float32)
    with pytest.raises(attn.AttnError, match="output buffer"):
        kernel.run([q, k, v], [small])
    assert np.all(small == 7)
    # A static size that is not the function's.
    with pytest.raises(attn.AttnError, match="shape"):
        kernel.run([q, k, rand(1, 2, 7, 4)], [o])
    with pytest.raises(attn.AttnError, match="3 inputs"):
        kernel.run([q, k], [o])
