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
 * and JIT-compiles it for the host CPU. The function's arguments and results
 * are ranked tensors; dynamic sizes (`?`) take the sizes of the buffers
 * passed to attnKernelCall. */
MLIR_CAPI_EXPORTED AttnKernel attnKernelCompile(const char *ir,
                                                const char *entry,
                                                const char *pipeline,
                                                char **error);
MLIR_CAPI_EXPORTED void attnKernelDestroy(AttnKernel kernel);

MLIR_CAPI_EXPORTED int attnKernelNumInputs(AttnKernel kernel);
MLIR_CAPI_EXPORTED int attnKernelNumOutputs(AttnKernel kernel);

/* A dense row-major buffer and its shape (`rank` sizes at `shape`). */
typedef struct {
  void *data;
  int64_t rank;
  const int64_t *shape;
} AttnBuffer;

/* Runs the kernel once on one buffer per argument (`inputs`) and per result
 * (`outputs`, written). The counts, ranks and static sizes must be the
 * function's, and the dynamic sizes must fit each other (attention operands
 * agree, each output has its result's size): otherwise it returns non-zero
 * with a message before any buffer is read or written. Returns 0 on
 * success. */
MLIR_CAPI_EXPORTED int attnKernelCall(AttnKernel kernel,
                                      const AttnBuffer *inputs, int numInputs,
                                      const AttnBuffer *outputs,
                                      int numOutputs, char **error);

/* attnKernelCall for a kernel without dynamic sizes, each buffer taken to
 * have the shape of the function's signature (which this call cannot check:
 * prefer attnKernelCall). Returns 0 on success. */
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
