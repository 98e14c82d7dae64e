/*===-- attn-c/Runtime.h - compile and run attn functions from C ---*- C -*-===*\
|*                                                                            *|
|* A small C ABI over the JIT runner and the float64 reference evaluator, for  *|
|* hosts that hold attn IR as text (the Python package uses it via ctypes).    *|
|* Tensors are dense, row-major buffers in the element type of the function's  *|
|* signature (f32: float, f16/bf16: uint16_t, i1: one byte, i32, i64).         *|
|* Functions report errors by returning NULL / non-zero and, when `error` is   *|
|* not NULL, a message to free with attnFreeString.                            *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/
#ifndef ATTN_C_RUNTIME_H
#define ATTN_C_RUNTIME_H

#include "mlir-c/Support.h"

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct AttnKernelImpl *AttnKernel;

/* Parses `ir` (a module), lowers function `entry` with `pipeline` (a pass
 * pipeline string, or a short name: "fused" or "unfused" for
 * mlir::attn::buildLoweringPipeline with cpu=host; NULL or "" for "fused")
 * and JIT-compiles it for the host CPU. The
 * function's arguments and results must be statically shaped tensors. */
MLIR_CAPI_EXPORTED AttnKernel attnKernelCompile(const char *ir,
                                                const char *entry,
                                                const char *pipeline,
                                                char **error);
MLIR_CAPI_EXPORTED void attnKernelDestroy(AttnKernel kernel);

MLIR_CAPI_EXPORTED int attnKernelNumInputs(AttnKernel kernel);
MLIR_CAPI_EXPORTED int attnKernelNumOutputs(AttnKernel kernel);

/* Runs the kernel once: `inputs` and `outputs` hold one buffer per argument
 * and per result. Returns 0 on success. */
MLIR_CAPI_EXPORTED int attnKernelRun(AttnKernel kernel, void *const *inputs,
                                     void *const *outputs, char **error);

/* Evaluates function `entry` of `ir` with the float64 reference evaluator
 * (docs/semantics.md): `inputs` are the argument values as float64 (masks
 * 0/1, offsets as integers), `outputs` receive each result as float64.
 * Returns 0 on success. */
MLIR_CAPI_EXPORTED int attnReferenceEvaluate(const char *ir,
                                             const char *entry,
                                             const double *const *inputs,
                                             double *const *outputs,
                                             char **error);

MLIR_CAPI_EXPORTED void attnFreeString(char *s);

#ifdef __cplusplus
}
#endif

#endif /* ATTN_C_RUNTIME_H */
