//===- CudaDriver.h - the CUDA driver API, loaded at run time ---*- C++ -*-===//
//
// attn-gpu-run must build and link on machines without CUDA, so it declares
// the few driver entry points it uses (stable C ABI, cuda.h names) and
// resolves them from libcuda.so.1 with dlopen.
//
//===----------------------------------------------------------------------===//
#ifndef ATTN_GPU_RUN_CUDADRIVER_H
#define ATTN_GPU_RUN_CUDADRIVER_H

#include <cstddef>
#include <string>

namespace attn {
namespace gpu {

using CUresult = int;
using CUdevice = int;
using CUcontext = struct CUctx_st *;
using CUmodule = struct CUmod_st *;
using CUfunction = struct CUfunc_st *;
using CUstream = struct CUstream_st *;
using CUevent = struct CUevent_st *;
using CUdeviceptr = unsigned long long;

constexpr int kAttrComputeCapabilityMajor = 75; // CU_DEVICE_ATTRIBUTE_...
constexpr int kAttrComputeCapabilityMinor = 76;
constexpr int kAttrMaxSharedPerBlockOptin = 97;
constexpr int kFuncAttrMaxDynamicShared = 8; // CU_FUNC_ATTRIBUTE_...
constexpr int kJitInfoLogBuffer = 3;         // CU_JIT_INFO_LOG_BUFFER
constexpr int kJitInfoLogBufferSize = 4;
constexpr int kJitErrorLogBuffer = 5;
constexpr int kJitErrorLogBufferSize = 6;

struct CudaDriver {
  CUresult (*cuInit)(unsigned);
  CUresult (*cuDeviceGetCount)(int *);
  CUresult (*cuDeviceGet)(CUdevice *, int);
  CUresult (*cuDeviceGetName)(char *, int, CUdevice);
  CUresult (*cuDeviceGetAttribute)(int *, int, CUdevice);
  CUresult (*cuDevicePrimaryCtxRetain)(CUcontext *, CUdevice);
  CUresult (*cuCtxSetCurrent)(CUcontext);
  CUresult (*cuCtxSynchronize)();
  CUresult (*cuModuleLoadDataEx)(CUmodule *, const void *, unsigned, int *,
                                 void **);
  CUresult (*cuModuleGetFunction)(CUfunction *, CUmodule, const char *);
  CUresult (*cuFuncSetAttribute)(CUfunction, int, int);
  CUresult (*cuMemAlloc)(CUdeviceptr *, size_t);
  CUresult (*cuMemFree)(CUdeviceptr);
  CUresult (*cuMemcpyHtoD)(CUdeviceptr, const void *, size_t);
  CUresult (*cuMemcpyDtoH)(void *, CUdeviceptr, size_t);
  CUresult (*cuMemsetD8)(CUdeviceptr, unsigned char, size_t);
  CUresult (*cuLaunchKernel)(CUfunction, unsigned, unsigned, unsigned,
                             unsigned, unsigned, unsigned, unsigned, CUstream,
                             void **, void **);
  CUresult (*cuEventCreate)(CUevent *, unsigned);
  CUresult (*cuEventRecord)(CUevent, CUstream);
  CUresult (*cuEventSynchronize)(CUevent);
  CUresult (*cuEventElapsedTime)(float *, CUevent, CUevent);
  CUresult (*cuEventDestroy)(CUevent);
  CUresult (*cuGetErrorString)(CUresult, const char **);

  /// Loads libcuda and resolves every entry point; false (with `why`) when
  /// the driver is missing or incomplete.
  bool load(std::string &why);
  /// "CUDA_ERROR_... (code)" text for a result.
  std::string errorText(CUresult r) const;
};

} // namespace gpu
} // namespace attn

#endif // ATTN_GPU_RUN_CUDADRIVER_H
