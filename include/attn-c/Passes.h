/*===-- attn-c/Passes.h - C API of the attn passes -----------------*- C -*-===*\
|*                                                                            *|
|* Generated from the pass definitions, in the convention of upstream MLIR    *|
|* (mlir-c/Transforms.h): mlirRegisterAttnTransformsPasses() registers the    *|
|* target-neutral passes, mlirRegisterAttnCPUPasses() the CPU ones; for each  *|
|* pass X, mlirCreateAttnTransformsX() / mlirCreateAttnCPUX() creates it      *|
|* (e.g. mlirCreateAttnTransformsAttnFuse). The named pipelines (attn-lower-to-llvm, *|
|* attn-cpu-pipeline) are registered by mlirAttnRegisterPasses (Attn.h).      *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/
#ifndef ATTN_C_PASSES_H
#define ATTN_C_PASSES_H

#include "mlir-c/Pass.h"

#include "attn-c/TransformsPasses.capi.h.inc"
#include "attn-c/CPUPasses.capi.h.inc"

#endif /* ATTN_C_PASSES_H */
