"""With PyTorch (skipped when torch is not importable; the suite never
installs it: bench/python-overhead.sh runs these in a pinned environment):
torch in, torch out, zero copy, against torch's own SDPA, in f32, f16 and
bf16."""
import numpy as np
import pytest

torch = pytest.importorskip("torch")
import torch.nn.functional as F  # noqa: E402

import attn  # noqa: E402

TOL = {torch.float32: 2e-5, torch.float16: 4e-3, torch.bfloat16: 3e-2}


@pytest.mark.parametrize("dtype", [torch.float32, torch.float16,
                                   torch.bfloat16])
@pytest.mark.parametrize("case", ["plain", "causal", "bool", "float", "gqa"])
def test_matches_torch_sdpa(dtype, case):
    g = torch.Generator().manual_seed(0)
    hkv = 2 if case == "gqa" else 4
    q = torch.rand(2, 4, 9, 16, generator=g, dtype=dtype) * 2 - 1
    k = torch.rand(2, hkv, 13, 16, generator=g, dtype=dtype) * 2 - 1
    v = torch.rand(2, hkv, 13, 16, generator=g, dtype=dtype) * 2 - 1
    kw = {}
    if case == "causal":
        kw["is_causal"] = True
    if case == "bool":
        kw["attn_mask"] = torch.rand(9, 13, generator=g) < 0.7
        kw["attn_mask"][:, 0] = True
    if case == "float":
        kw["attn_mask"] = (torch.rand(1, 4, 9, 13, generator=g) * 4 - 2).to(dtype)
    if case == "gqa":
        kw["enable_gqa"] = True
    got = attn.scaled_dot_product_attention(q, k, v, **kw)
    want = F.scaled_dot_product_attention(q.float(), k.float(), v.float(),
                                          **{**kw, **({"attn_mask": kw["attn_mask"].float()} if case == "float" else {})})
    assert isinstance(got, torch.Tensor) and got.dtype == dtype
    assert torch.allclose(got.float(), want, atol=TOL[dtype], rtol=TOL[dtype])


def test_zero_copy_and_requires_grad():
    q = torch.rand(1, 2, 8, 16)
    view, elem = attn._arrays.as_numpy(q)
    assert elem == "f32" and view.ctypes.data == q.data_ptr()
    x = torch.rand(1, 2, 8, 16, requires_grad=True)
    out = attn.scaled_dot_product_attention(x, x, x)  # inference: detached
    assert not out.requires_grad
