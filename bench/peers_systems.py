"""The peer systems of bench/peers_bench.py, one worker process each.

Every system runs in its own process (its own thread pool, OpenMP runtime
and oneDNN/TBB copy; none of them share a process with another), driven by
the benchmark over a pipe:

    ("prepare", shape, input_dir) -> {"ok", "max_abs_err", ..., "note"}
    ("time", calls)               -> [seconds, ...]
    ("versions",)                 -> {name: version}
    ("quit",)

Inputs are the files `attn-peer-inputs` wrote (attn-run's seeded Q, K, V,
BHSD, f32 or bf16 as uint16) and `ref.f64`, the project's float64 reference
output on them; each prepared model's output is compared with it (attn-run's
tolerance rule) before any timing.

GQA decode (Hq = 32, Hkv = 8, Sq = 1): every peer gets the group's 4 query
heads as 4 query rows of one kv head, Q [1, 32, 1, D] -> [1, 8, 4, D] (a
free reshape; non-causal, so the result is identical), so each peer reads K
and V once, as flash-decoding kernels do.
"""
import math
import os
import time
import traceback

import numpy as np

# attn-run's --check tolerances (docs/attn-run.md).
TOL = {"f32": (1e-5, 1e-4), "bf16": (1.6e-2, 1.6e-2)}


def bf16_to_f32(u16):
    return (u16.astype(np.uint32) << 16).view(np.float32)


def load_inputs(shape, d):
    """Q, K, V as stored (float32, or uint16 bf16 bits), BHSD, packed for
    GQA decode as described in the module docstring."""
    dt = np.float32 if shape["elt"] == "f32" else np.uint16
    b, hq, hkv, sq, skv, dim = (shape[k] for k in ("B", "Hq", "Hkv", "Sq", "Skv", "D"))
    q = np.fromfile(os.path.join(d, "q.bin"), dtype=dt).reshape(b, hq, sq, dim)
    k = np.fromfile(os.path.join(d, "k.bin"), dtype=dt).reshape(b, hkv, skv, dim)
    v = np.fromfile(os.path.join(d, "v.bin"), dtype=dt).reshape(b, hkv, skv, dim)
    if hq != hkv:
        assert sq == 1 and not shape["causal"], "GQA only for decode"
        q = q.reshape(b, hkv, hq // hkv, dim)
    return q, k, v


def compare(got, shape, d):
    """attn-run's elementwise rule against ref.f64; `got` in the packed
    BHSD shape (same element order as the reference)."""
    ref = np.fromfile(os.path.join(d, "ref.f64"), dtype=np.float64)
    got = np.asarray(got, dtype=np.float64).reshape(-1)
    atol, rtol = TOL[shape["elt"]]
    err = np.abs(got - ref)
    ok = bool(np.all(err <= atol + rtol * np.abs(ref)))
    return {"ok": ok, "max_abs_err": float(err.max()),
            "max_rel_err": float(err.max() / np.abs(ref).max())}


class OnnxRuntime:
    """com.microsoft MultiHeadAttention, float32, intra-op threads = N."""
    name = "ONNX Runtime"

    def __init__(self, threads):
        import onnxruntime as ort
        self.ort, self.threads = ort, threads

    def versions(self):
        return {"onnxruntime": self.ort.__version__}

    def prepare(self, shape, q, k, v):
        if shape["elt"] != "f32":
            return "no bf16 kernel (MultiHeadAttention CPU: float32 only)"
        from onnx import TensorProto, helper
        b, h, sq, dim = q.shape
        skv = k.shape[2]
        f = TensorProto.FLOAT
        # Query [B, S, H*D] (the op's only query layout); key/value BNSH.
        ins = [helper.make_tensor_value_info("q", f, [b, sq, h * dim]),
               helper.make_tensor_value_info("k", f, [b, h, skv, dim]),
               helper.make_tensor_value_info("v", f, [b, h, skv, dim])]
        out = helper.make_tensor_value_info("o", f, [b, sq, h * dim])
        node = helper.make_node("MultiHeadAttention", ["q", "k", "v"], ["o"],
                                domain="com.microsoft", num_heads=h,
                                scale=1.0 / math.sqrt(dim),
                                unidirectional=int(shape["causal"]))
        graph = helper.make_graph([node], "mha", ins, [out])
        model = helper.make_model(graph, opset_imports=[
            helper.make_opsetid("", 17), helper.make_opsetid("com.microsoft", 1)])
        so = self.ort.SessionOptions()
        so.intra_op_num_threads = self.threads
        so.inter_op_num_threads = 1
        so.execution_mode = self.ort.ExecutionMode.ORT_SEQUENTIAL
        self.sess = self.ort.InferenceSession(model.SerializeToString(), so,
                                              providers=["CPUExecutionProvider"])
        self.feed = {"q": np.ascontiguousarray(q.transpose(0, 2, 1, 3)).reshape(b, sq, h * dim),
                     "k": k, "v": v}
        self.shape = (b, sq, h, dim)
        return None

    def run(self):
        return self.sess.run(None, self.feed)[0]

    def output(self, o):
        b, sq, h, dim = self.shape
        return o.reshape(b, sq, h, dim).transpose(0, 2, 1, 3)


class OpenVINO:
    """opset13 ScaledDotProductAttention; INFERENCE_PRECISION_HINT f32 for
    f32 inputs, bf16 for bf16 inputs (its default on this CPU is bf16)."""
    name = "OpenVINO"

    def __init__(self, threads):
        import openvino as ov
        self.ov, self.threads, self.core = ov, threads, ov.Core()

    def versions(self):
        return {"openvino": self.ov.__version__}

    def prepare(self, shape, q, k, v):
        ov = self.ov
        import openvino.opset13 as ops
        et = ov.Type.f32 if shape["elt"] == "f32" else ov.Type.bf16
        params = [ops.parameter(list(x.shape), et, name=n) for n, x in zip("qkv", (q, k, v))]
        sdpa = ops.scaled_dot_product_attention(*params, causal=bool(shape["causal"]))
        model = ov.Model([sdpa], params, "sdpa")
        cfg = {"INFERENCE_PRECISION_HINT": shape["elt"],
               "INFERENCE_NUM_THREADS": str(self.threads),
               "PERFORMANCE_HINT": "LATENCY", "NUM_STREAMS": "1"}
        self.compiled = self.core.compile_model(model, "CPU", cfg)
        # What the plugin runs (its SDPA may become a Snippets subgraph).
        nodes = []
        for op in self.compiled.get_runtime_model().get_ordered_ops():
            ri = op.get_rt_info()
            kind = ri["layerType"].astype(str)
            if kind not in ("Input", "Output", "Const"):
                nodes.append(f"{kind} ({ri['primitiveType'].astype(str)})")
        self.note = (f"INFERENCE_PRECISION_HINT read back: "
                     f"{self.compiled.get_property('INFERENCE_PRECISION_HINT')}; runs "
                     + ", ".join(nodes))
        self.req = self.compiled.create_infer_request()
        for i, x in enumerate((q, k, v)):
            t = ov.Tensor(x, list(x.shape), et) if et == ov.Type.bf16 else ov.Tensor(x, shared_memory=True)
            self.req.set_input_tensor(i, t)
        self.bf16 = et == ov.Type.bf16
        return None

    def run(self):
        self.req.infer()
        return self.req.get_output_tensor(0)

    def output(self, t):
        if self.bf16:
            return bf16_to_f32(np.array(t.data, copy=False).view(np.uint16))
        return t.data


class PyTorch:
    """torch.nn.functional.scaled_dot_product_attention, CPU,
    torch.set_num_threads(N)."""
    name = "PyTorch"

    def __init__(self, threads):
        import torch
        torch.set_num_threads(threads)
        self.torch = torch

    def versions(self):
        cpu = self.torch.backends.cpu.get_cpu_capability()
        amx = getattr(self.torch._C._cpu, "_is_amx_tile_supported", lambda: "?")()
        return {"torch": f"{self.torch.__version__} (ATen CPU capability {cpu}, AMX tiles usable: {amx})"}

    def prepare(self, shape, q, k, v):
        torch = self.torch
        if shape["elt"] == "bf16":
            conv = lambda x: torch.from_numpy(x.view(np.int16)).view(torch.bfloat16)
        else:
            conv = torch.from_numpy
        self.args = [conv(x) for x in (q, k, v)]
        self.causal = bool(shape["causal"])
        return None

    def run(self):
        with self.torch.inference_mode():
            return self.torch.nn.functional.scaled_dot_product_attention(
                *self.args, is_causal=self.causal)

    def output(self, o):
        return o.float().numpy()


class IREE:
    """torch SDPA exported through iree-turbine (torch.export -> torch
    dialect -> iree_linalg_ext.attention), compiled for llvm-cpu with the
    host CPU, run on the local-task driver with N workers."""
    name = "IREE"

    def __init__(self, threads):
        import iree.compiler as ic
        import iree.runtime as rt
        import iree.turbine.aot as aot
        import torch
        torch.set_num_threads(1)
        rt.flags.parse_flags(f"--task_topology_max_group_count={threads}")
        self.ic, self.rt, self.aot, self.torch = ic, rt, aot, torch
        self.config = rt.Config("local-task")

    def versions(self):
        from importlib.metadata import version
        return {p: version(p) for p in ("iree-turbine", "iree-base-compiler", "iree-base-runtime")}

    def prepare(self, shape, q, k, v):
        torch, causal = self.torch, bool(shape["causal"])

        class Sdpa(torch.nn.Module):
            def forward(self, q, k, v):
                return torch.nn.functional.scaled_dot_product_attention(q, k, v, is_causal=causal)

        if shape["elt"] == "bf16":
            conv = lambda x: torch.from_numpy(x.view(np.int16)).view(torch.bfloat16)
        else:
            conv = torch.from_numpy
        targs = tuple(conv(x) for x in (q, k, v))
        exported = self.aot.export(Sdpa(), args=targs)
        mlir = str(exported.mlir_module)
        flags = ["--iree-hal-target-device=local", "--iree-hal-local-target-device-backends=llvm-cpu",
                 "--iree-llvmcpu-target-cpu=host"]
        # Record that the model reaches IREE's own attention op.
        pre = self.ic.compile_str(mlir, input_type="torch", extra_args=flags + ["--compile-to=preprocessing"])
        pre = pre.decode() if isinstance(pre, bytes) else pre
        note = None if "iree_linalg_ext.attention" in pre else "no iree_linalg_ext.attention in the IR"
        vmfb = self.ic.compile_str(mlir, input_type="torch", extra_args=flags)
        self.module = self.rt.load_vm_flatbuffer(vmfb, driver="local-task")
        self.device = self.rt.get_device("local-task")
        self.bf16 = shape["elt"] == "bf16"
        if self.bf16:
            import ml_dtypes
            q, k, v = (x.view(ml_dtypes.bfloat16) for x in (q, k, v))
        # Inputs live on the device before timing, as the other peers' do.
        self.args = [self.rt.asdevicearray(self.device, x) for x in (q, k, v)]
        return note

    def run(self):
        out = self.module.main(*self.args)
        if self.bf16:  # numpy has no bf16: map the result's bytes as uint16
            bv = out._buffer_view
            return bv.map().asarray(bv.shape, np.dtype(np.uint16))
        return out.to_host()

    def output(self, o):
        if self.bf16:
            return bf16_to_f32(np.asarray(o).view(np.uint16))
        return o


SYSTEMS = {"onnxruntime": OnnxRuntime, "openvino": OpenVINO, "pytorch": PyTorch,
           "iree": IREE}


def worker(key, threads, conn):
    """Process body: build the system, then serve the benchmark's requests."""
    os.environ.setdefault("OMP_NUM_THREADS", str(threads))
    try:
        sys_ = SYSTEMS[key](threads)
        conn.send({"ready": True})
    except Exception:
        conn.send({"ready": False, "error": traceback.format_exc(limit=3)})
        return
    while True:
        msg = conn.recv()
        try:
            if msg[0] == "quit":
                return
            if msg[0] == "versions":
                conn.send(sys_.versions())
            elif msg[0] == "prepare":
                _, shape, d = msg
                sys_.runnable = False
                q, k, v = load_inputs(shape, d)
                skip = sys_.prepare(shape, q, k, v)
                if skip and skip.startswith("no bf16"):
                    conn.send({"skip": skip})
                    continue
                res = compare(sys_.output(sys_.run()), shape, d)
                res["note"] = skip or getattr(sys_, "note", None)
                sys_.runnable = res["ok"]
                conn.send(res)
            elif msg[0] == "time":
                sys_.run()  # warm-up
                ts = []
                for _ in range(msg[1]):
                    t0 = time.perf_counter()
                    sys_.run()
                    ts.append(time.perf_counter() - t0)
                conn.send(ts)
        except Exception:
            conn.send({"error": traceback.format_exc(limit=4)})
