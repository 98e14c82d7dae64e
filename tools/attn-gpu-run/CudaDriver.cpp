//===- CudaDriver.cpp - dlopen of libcuda ---------------------------------===//
#include "CudaDriver.h"

#include <dlfcn.h>

using namespace attn::gpu;

bool CudaDriver::load(std::string &why) {
  void *lib = dlopen("libcuda.so.1", RTLD_NOW | RTLD_LOCAL);
  if (!lib) {
    const char *err = dlerror();
    why = std::string("no CUDA driver (") + (err ? err : "libcuda.so.1") + ")";
    return false;
  }
  // Versioned names first: the unversioned ones are the pre-CUDA-4 ABI.
  auto resolve = [&](auto &fn, std::initializer_list<const char *> names) {
    for (const char *n : names)
      if (void *p = dlsym(lib, n)) {
        fn = reinterpret_cast<std::remove_reference_t<decltype(fn)>>(p);
        return true;
      }
    why = std::string("the CUDA driver lacks ") + *names.begin();
    return false;
  };
  return resolve(cuInit, {"cuInit"}) &&
         resolve(cuDeviceGetCount, {"cuDeviceGetCount"}) &&
         resolve(cuDeviceGet, {"cuDeviceGet"}) &&
         resolve(cuDeviceGetName, {"cuDeviceGetName"}) &&
         resolve(cuDeviceGetAttribute, {"cuDeviceGetAttribute"}) &&
         resolve(cuDevicePrimaryCtxRetain, {"cuDevicePrimaryCtxRetain"}) &&
         resolve(cuCtxSetCurrent, {"cuCtxSetCurrent"}) &&
         resolve(cuCtxSynchronize, {"cuCtxSynchronize"}) &&
         resolve(cuModuleLoadDataEx, {"cuModuleLoadDataEx"}) &&
         resolve(cuModuleGetFunction, {"cuModuleGetFunction"}) &&
         resolve(cuFuncSetAttribute, {"cuFuncSetAttribute"}) &&
         resolve(cuMemAlloc, {"cuMemAlloc_v2"}) &&
         resolve(cuMemFree, {"cuMemFree_v2"}) &&
         resolve(cuMemcpyHtoD, {"cuMemcpyHtoD_v2"}) &&
         resolve(cuMemcpyDtoH, {"cuMemcpyDtoH_v2"}) &&
         resolve(cuMemsetD8, {"cuMemsetD8_v2"}) &&
         resolve(cuLaunchKernel, {"cuLaunchKernel"}) &&
         resolve(cuEventCreate, {"cuEventCreate"}) &&
         resolve(cuEventRecord, {"cuEventRecord"}) &&
         resolve(cuEventSynchronize, {"cuEventSynchronize"}) &&
         resolve(cuEventElapsedTime,
                 {"cuEventElapsedTime_v2", "cuEventElapsedTime"}) &&
         resolve(cuEventDestroy, {"cuEventDestroy_v2", "cuEventDestroy"}) &&
         resolve(cuGetErrorString, {"cuGetErrorString"});
}

std::string CudaDriver::errorText(CUresult r) const {
  const char *s = nullptr;
  if (cuGetErrorString && cuGetErrorString(r, &s) == 0 && s)
    return std::string(s) + " (" + std::to_string(r) + ")";
  return "CUDA error " + std::to_string(r);
}
