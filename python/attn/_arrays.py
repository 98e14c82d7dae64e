"""Arrays from any framework: NumPy arrays as they are, anything else with
`__dlpack__` (PyTorch, JAX, CuPy on the host, ...) viewed in place as a
NumPy array over the producer's memory, without a copy.

bfloat16 has no NumPy dtype: with `ml_dtypes` installed it is
`ml_dtypes.bfloat16`, else the view holds the raw bits as uint16 and the
element type travels next to it ("bf16").
"""
import ctypes
import sys

import numpy as np

try:
    import ml_dtypes as _ml_dtypes
    BF16 = np.dtype(_ml_dtypes.bfloat16)
except ImportError:  # optional: NumPy users without it pass torch/JAX bf16
    _ml_dtypes = None
    BF16 = None

#: Element types the compiled kernels take, by NumPy dtype.
FLOAT_TYPES = {np.dtype(np.float32): "f32", np.dtype(np.float16): "f16"}
if BF16 is not None:
    FLOAT_TYPES[BF16] = "bf16"


class _DLDevice(ctypes.Structure):
    _fields_ = [("device_type", ctypes.c_int32), ("device_id", ctypes.c_int32)]


class _DLDataType(ctypes.Structure):
    _fields_ = [("code", ctypes.c_uint8), ("bits", ctypes.c_uint8),
                ("lanes", ctypes.c_uint16)]


class _DLTensor(ctypes.Structure):
    _fields_ = [("data", ctypes.c_void_p), ("device", _DLDevice),
                ("ndim", ctypes.c_int32), ("dtype", _DLDataType),
                ("shape", ctypes.POINTER(ctypes.c_int64)),
                ("strides", ctypes.POINTER(ctypes.c_int64)),
                ("byte_offset", ctypes.c_uint64)]


class _DLManagedTensor(ctypes.Structure):
    pass


_DELETER = ctypes.CFUNCTYPE(None, ctypes.POINTER(_DLManagedTensor))
_DLManagedTensor._fields_ = [("dl_tensor", _DLTensor),
                             ("manager_ctx", ctypes.c_void_p),
                             ("deleter", _DELETER)]

_api = ctypes.pythonapi
_api.PyCapsule_GetPointer.restype = ctypes.c_void_p
_api.PyCapsule_GetPointer.argtypes = [ctypes.py_object, ctypes.c_char_p]
_api.PyCapsule_IsValid.restype = ctypes.c_int
_api.PyCapsule_IsValid.argtypes = [ctypes.py_object, ctypes.c_char_p]
_api.PyCapsule_SetName.restype = ctypes.c_int
_api.PyCapsule_SetName.argtypes = [ctypes.py_object, ctypes.c_char_p]

# DLPack type codes: 0 int, 1 uint, 2 float, 4 bfloat, 6 bool.
_DL_TYPES = {(2, 32): ("f32", np.float32), (2, 16): ("f16", np.float16),
             (2, 64): ("f64", np.float64), (4, 16): ("bf16", np.uint16),
             (6, 8): ("i1", np.bool_), (1, 8): ("u8", np.uint8),
             (0, 8): ("i8", np.int8), (0, 32): ("i32", np.int32),
             (0, 64): ("i64", np.int64)}


class _Owner:
    """Keeps the producer alive and releases its DLPack tensor when the
    NumPy view (which holds this object as its buffer's base) goes away."""

    def __init__(self, source, managed):
        self.source, self.managed = source, managed

    def __del__(self):
        m = self.managed
        if m and m.contents.deleter:
            m.contents.deleter(m)


_CPU = 1  # kDLCPU


def _from_capsule(obj):
    """A NumPy view of `obj`'s memory and its element type name."""
    if type(obj).__module__.startswith("torch") and getattr(
            obj, "requires_grad", False):
        obj = obj.detach()  # no autograd through attn yet (docs/python.md)
    dev = getattr(obj, "__dlpack_device__", None)
    if dev is not None and dev()[0] != _CPU:
        raise TypeError("attn runs on the CPU: move the array to host memory "
                        "first (got DLPack device %r)" % (dev(),))
    capsule = obj.__dlpack__()
    if not _api.PyCapsule_IsValid(capsule, b"dltensor"):
        raise TypeError("__dlpack__ of %s returned no DLPack tensor"
                        % type(obj).__name__)
    managed = ctypes.cast(_api.PyCapsule_GetPointer(capsule, b"dltensor"),
                          ctypes.POINTER(_DLManagedTensor))
    # The capsule is consumed: its destructor must not free the tensor again.
    _api.PyCapsule_SetName(capsule, b"used_dltensor")
    owner = _Owner(obj, managed)
    t = managed.contents.dl_tensor
    key = (t.dtype.code, t.dtype.bits)
    if key not in _DL_TYPES or t.dtype.lanes != 1:
        raise TypeError("unsupported DLPack element type (code %d, %d bits)"
                        % key)
    name, npt = _DL_TYPES[key]
    if name == "bf16" and BF16 is not None:
        npt = BF16
    itemsize = np.dtype(npt).itemsize
    shape = tuple(t.shape[i] for i in range(t.ndim))
    if t.strides:
        strides = tuple(t.strides[i] * itemsize for i in range(t.ndim))
    else:  # NULL strides: compact row-major
        strides = tuple(int(np.prod(shape[i + 1:], dtype=np.int64)) * itemsize
                        for i in range(len(shape)))
    extent = itemsize + sum((n - 1) * s for n, s in zip(shape, strides)
                            if n > 0)
    if any(n == 0 for n in shape):
        return np.empty(shape, npt), name
    if any(s < 0 for s in strides):
        raise TypeError("arrays with negative strides are not supported")
    base = (ctypes.c_char * extent).from_address(
        (t.data or 0) + t.byte_offset)
    base._attn_owner = owner  # released with the view
    return np.ndarray(shape, npt, buffer=base, strides=strides), name


def as_numpy(x):
    """(NumPy view of x, element type name); no copy."""
    if isinstance(x, np.ndarray):
        if x.dtype == np.uint16:
            raise TypeError("uint16 arrays are ambiguous: pass bfloat16 as "
                            "ml_dtypes.bfloat16 (pip install ml_dtypes) or a "
                            "torch/JAX bfloat16 tensor")
        elem = FLOAT_TYPES.get(x.dtype)
        return x, elem if elem is not None else x.dtype.name
    if hasattr(x, "__dlpack__"):
        return _from_capsule(x)
    a = np.asarray(x)  # lists, scalars, the NumPy array protocol
    return a, FLOAT_TYPES.get(a.dtype, a.dtype.name)


def empty_like_kind(like, shape, elem):
    """(output in the kind of `like`, NumPy view of it to write into)."""
    if type(like).__module__.startswith("torch"):
        torch = sys.modules["torch"]
        dt = {"f32": torch.float32, "f16": torch.float16,
              "bf16": torch.bfloat16}[elem]
        out = torch.empty(shape, dtype=dt)
        return out, _from_capsule(out)[0]
    npt = {"f32": np.float32, "f16": np.float16,
           "bf16": BF16 if BF16 is not None else np.uint16}[elem]
    out = np.empty(shape, npt)
    if isinstance(like, np.ndarray) or not hasattr(like, "__dlpack__"):
        return out, out
    # Other DLPack producers (JAX, ...): their own array over our buffer,
    # when their namespace can import one.
    ns = getattr(like, "__array_namespace__", None)
    if ns is not None and (elem != "bf16" or BF16 is not None):
        try:
            return ns().from_dlpack(out), out
        except (TypeError, ValueError, RuntimeError, BufferError):
            pass
    return out, out


def to_float64(a, elem):
    """The values of a NumPy view of element type `elem`, as float64."""
    if elem == "bf16" and a.dtype == np.uint16:
        return (a.astype(np.uint32) << 16).view(np.float32).astype(np.float64)
    return np.asarray(a, dtype=np.float64)
