"""ctypes binding of libAttnCAPI.so's runtime ABI (include/attn-c/Runtime.h)."""
import ctypes
import os

_LIB_NAME = "libAttnCAPI.so"


def _candidates():
    env = os.environ.get("ATTN_LIBRARY")
    if env:
        yield env
    here = os.path.dirname(os.path.abspath(__file__))
    # A wheel (pip install .): the library inside the package.
    yield os.path.join(here, _LIB_NAME)
    # Source tree: <repo>/python/attn -> <repo>/build/lib (scripts/setup.sh).
    build = os.environ.get("ATTN_BUILD", os.path.join(here, "..", "..", "build"))
    yield os.path.join(build, "lib", _LIB_NAME)
    # Installed tree: <prefix>/lib/python3/site-packages/attn -> <prefix>/lib.
    yield os.path.join(here, "..", "..", "..", _LIB_NAME)
    yield os.path.join(here, "..", "..", "..", "..", "lib", _LIB_NAME)


def _load():
    tried = []
    for path in _candidates():
        path = os.path.normpath(path)
        tried.append(path)
        if os.path.exists(path):
            # RTLD_GLOBAL: the JIT resolves the compiled code's calls
            # (OpenMP runtime, libm) among the process's global symbols.
            return ctypes.CDLL(path, mode=ctypes.RTLD_GLOBAL)
    raise ImportError(
        "attn: cannot find %s (tried %s); build it with scripts/setup.sh "
        "or set ATTN_LIBRARY" % (_LIB_NAME, ", ".join(tried)))


lib = _load()
_err = ctypes.POINTER(ctypes.c_char_p)
lib.attnKernelCompile.restype = ctypes.c_void_p
lib.attnKernelCompile.argtypes = [ctypes.c_char_p, ctypes.c_char_p,
                                  ctypes.c_char_p, ctypes.POINTER(ctypes.c_void_p)]
lib.attnKernelDestroy.argtypes = [ctypes.c_void_p]
lib.attnKernelNumInputs.argtypes = [ctypes.c_void_p]
lib.attnKernelNumOutputs.argtypes = [ctypes.c_void_p]


class _Buffer(ctypes.Structure):
    """AttnBuffer: data pointer and shape."""
    _fields_ = [("data", ctypes.c_void_p), ("rank", ctypes.c_int64),
                ("shape", ctypes.POINTER(ctypes.c_int64))]


lib.attnKernelCall.restype = ctypes.c_int
lib.attnKernelCall.argtypes = [ctypes.c_void_p, ctypes.POINTER(_Buffer),
                               ctypes.c_int, ctypes.POINTER(_Buffer),
                               ctypes.c_int, ctypes.POINTER(ctypes.c_void_p)]
lib.attnReferenceEvaluate.restype = ctypes.c_int
lib.attnReferenceEvaluate.argtypes = [ctypes.c_char_p, ctypes.c_char_p,
                                      ctypes.POINTER(ctypes.c_void_p),
                                      ctypes.POINTER(ctypes.c_void_p),
                                      ctypes.POINTER(ctypes.c_void_p)]
lib.attnFreeString.argtypes = [ctypes.c_void_p]


class AttnError(RuntimeError):
    """A compile, run or reference error reported by the library."""


def _take_error(err):
    msg = ctypes.cast(err, ctypes.c_char_p).value.decode() if err.value else ""
    if err.value:
        lib.attnFreeString(err)
    return AttnError(msg or "unknown error")


def _pointers(arrays):
    return (ctypes.c_void_p * max(len(arrays), 1))(
        *[a.ctypes.data for a in arrays])


def _buffers(arrays):
    """AttnBuffer[] over NumPy arrays (dense row-major: the caller made them
    contiguous). The arrays' own shape words are passed, not copied."""
    bufs = (_Buffer * max(len(arrays), 1))()
    for b, a in zip(bufs, arrays):
        b.data = a.__array_interface__["data"][0]
        b.rank = a.ndim
        b.shape = (ctypes.c_int64 * a.ndim)(*a.shape)
    return bufs


class Kernel:
    """A JIT-compiled function: call it with input arrays and output arrays
    (their shapes are checked against the function's and each other's)."""

    def __init__(self, ir, entry, pipeline):
        err = ctypes.c_void_p()
        h = lib.attnKernelCompile(ir.encode(), entry.encode(),
                                  pipeline.encode() if pipeline else None,
                                  ctypes.byref(err))
        if not h:
            raise _take_error(err)
        self._h = h

    def run(self, inputs, outputs):
        err = ctypes.c_void_p()
        if lib.attnKernelCall(self._h, _buffers(inputs), len(inputs),
                              _buffers(outputs), len(outputs),
                              ctypes.byref(err)):
            raise _take_error(err)

    def __del__(self):
        h = getattr(self, "_h", None)
        if h and lib is not None:
            lib.attnKernelDestroy(h)
            self._h = None


def reference(ir, entry, inputs, outputs):
    """Float64 reference evaluation: inputs and outputs are float64 arrays."""
    err = ctypes.c_void_p()
    if lib.attnReferenceEvaluate(ir.encode(), entry.encode(), _pointers(inputs),
                                 _pointers(outputs), ctypes.byref(err)):
        raise _take_error(err)
