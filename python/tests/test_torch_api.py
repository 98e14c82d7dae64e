"""PyTorch's conventions without PyTorch: attn.scaled_dot_product_attention
against torch's documented semantics written out in NumPy (bool mask =
keep, float mask = added to the scores, is_causal top-left, GQA), the dtype
rules, arrays through DLPack and bf16 through ml_dtypes (skipped when it is
not installed)."""
import numpy as np
import pytest

import attn

RNG = np.random.default_rng(1)


def rand(*shape, dtype=np.float32):
    return RNG.uniform(-1, 1, shape).astype(dtype)


def sdpa_numpy(q, k, v, attn_mask=None, is_causal=False, scale=None,
               enable_gqa=False):
    """torch.nn.functional.scaled_dot_product_attention's reference
    implementation (its documentation), in float64."""
    q, k, v = (np.asarray(x, np.float64) for x in (q, k, v))
    L, S = q.shape[-2], k.shape[-2]
    scale = 1 / np.sqrt(q.shape[-1]) if scale is None else scale
    bias = np.zeros((L, S))
    if is_causal:
        bias = np.where(np.tril(np.ones((L, S), bool)), 0.0, -np.inf)
    if attn_mask is not None:
        if attn_mask.dtype == np.bool_:
            bias = np.where(attn_mask, bias, -np.inf)
        else:
            bias = bias + attn_mask.astype(np.float64)
    if enable_gqa:
        rep = q.shape[-3] // k.shape[-3]
        k, v = np.repeat(k, rep, axis=-3), np.repeat(v, rep, axis=-3)
    s = q @ np.swapaxes(k, -1, -2) * scale + bias
    p = np.exp(s - s.max(-1, keepdims=True))
    return (p / p.sum(-1, keepdims=True)) @ v


def close(got, want, atol=2e-5, rtol=1e-4):
    got = np.asarray(got, np.float64)
    assert got.shape == want.shape
    assert np.all(np.abs(got - want) <= atol + rtol * np.abs(want))


def test_sdpa_plain_causal_scale_gqa():
    q, k, v = rand(2, 4, 7, 16), rand(2, 2, 11, 16), rand(2, 2, 11, 8)
    for kw in (dict(), dict(is_causal=True), dict(scale=0.3)):
        close(attn.scaled_dot_product_attention(q, k, v, enable_gqa=True,
                                                **kw),
              sdpa_numpy(q, k, v, enable_gqa=True, **kw))
    with pytest.raises(ValueError, match="enable_gqa"):
        attn.scaled_dot_product_attention(q, k, v)


def test_sdpa_float_mask_is_added():
    q, k, v = rand(1, 2, 6, 8), rand(1, 2, 6, 8), rand(1, 2, 6, 8)
    # All-zero float mask: plain attention (not "nothing visible").
    zero = np.zeros((6, 6), np.float32)
    close(attn.scaled_dot_product_attention(q, k, v, attn_mask=zero),
          sdpa_numpy(q, k, v))
    # A -inf causal mask is the causal mask; other values are added.
    causal = np.triu(np.full((6, 6), -np.inf, np.float32), 1)
    close(attn.scaled_dot_product_attention(q, k, v, attn_mask=causal),
          sdpa_numpy(q, k, v, is_causal=True))
    soft = rand(1, 2, 6, 6) * 3
    close(attn.scaled_dot_product_attention(q, k, v, attn_mask=soft),
          sdpa_numpy(q, k, v, attn_mask=soft))


def test_sdpa_bool_mask_keeps_true():
    q, k, v = rand(1, 2, 5, 8), rand(1, 2, 9, 8), rand(1, 2, 9, 8)
    keep = RNG.uniform(size=(1, 1, 5, 9)) < 0.7
    keep[..., 0] = True  # every row sees a key
    close(attn.scaled_dot_product_attention(q, k, v, attn_mask=keep),
          sdpa_numpy(q, k, v, attn_mask=keep))


def test_sdpa_3d_and_errors():
    q, k, v = rand(2, 5, 8), rand(2, 5, 8), rand(2, 5, 8)
    close(attn.scaled_dot_product_attention(q, k, v),
          sdpa_numpy(q, k, v))
    with pytest.raises(ValueError, match="dropout"):
        attn.scaled_dot_product_attention(q, k, v, dropout_p=0.1)
    with pytest.raises(ValueError, match="not both"):
        attn.scaled_dot_product_attention(q, k, v, is_causal=True,
                                          attn_mask=np.ones((5, 5), bool))
    with pytest.raises(TypeError, match="boolean"):
        attn.scaled_dot_product_attention(q, k, v,
                                          attn_mask=np.ones((5, 5), np.int32))


def test_attention_mask_must_be_bool():
    # attention()'s mask= is boolean; a float mask is never converted.
    q = rand(1, 1, 4, 8)
    with pytest.raises(TypeError, match="bias="):
        attn.attention(q, q, q, mask=np.zeros((4, 4), np.float32))


def test_dtype_rules_are_explicit():
    q = rand(1, 1, 4, 8)
    with pytest.raises(TypeError, match="float64"):
        attn.attention(q.astype(np.float64), q, q)
    with pytest.raises(TypeError, match="one dtype"):
        attn.attention(q, q.astype(np.float16), q)
    with pytest.raises(TypeError, match="bias"):
        attn.attention(q, q, q, bias=np.zeros((4, 4)))  # float64 bias


class Producer:
    """A minimal DLPack producer (no NumPy type): exposes `a` by DLPack."""

    def __init__(self, a):
        self.a = a

    def __dlpack__(self, stream=None):
        return self.a.__dlpack__()

    def __dlpack_device__(self):
        return self.a.__dlpack_device__()


def test_dlpack_inputs_zero_copy():
    q, k, v = rand(1, 2, 6, 8), rand(1, 2, 6, 8), rand(1, 2, 6, 8)
    want = attn.attention(q, k, v)
    got = attn.attention(Producer(q), Producer(k), Producer(v))
    assert isinstance(got, np.ndarray)
    np.testing.assert_array_equal(got, want)
    view, elem = attn._arrays.as_numpy(Producer(q))
    assert elem == "f32" and view.ctypes.data == q.ctypes.data  # no copy
    # Strided inputs are copied once and give the same result.
    big = rand(1, 2, 12, 8)
    np.testing.assert_array_equal(
        attn.attention(Producer(big[:, :, ::2]), k, v),
        attn.attention(np.ascontiguousarray(big[:, :, ::2]), k, v))


def test_bf16_with_ml_dtypes():
    ml_dtypes = pytest.importorskip("ml_dtypes")
    q, k, v = (rand(1, 2, 8, 16).astype(ml_dtypes.bfloat16) for _ in range(3))
    o = attn.attention(q, k, v, pattern="causal")
    assert o.dtype == ml_dtypes.bfloat16
    ref = attn.reference(q, k, v, pattern="causal")
    close(o.astype(np.float64), ref, atol=2e-2, rtol=2e-2)
