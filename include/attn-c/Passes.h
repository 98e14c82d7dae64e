/*===-- attn-c/Passes.h - C API of the attn passes -----------------*- C -*-===*\
|*                                                                            *|
|* Generated from the pass definitions, in the convention of upstream MLIR    *|
|* (mlir-c/Transforms.h): mlirRegisterAttnPasses() registers every attn pass; *|
|* for each pass X, mlirCreateAttnX() creates it and mlirRegisterAttnX()      *|
|* registers it (e.g. mlirCreateAttnAttnFuse). The named pipelines           *|
|* (attn-cpu-pipeline) are registered by mlirAttnRegisterPasses (Attn.h).     *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/
#ifndef ATTN_C_PASSES_H
#define ATTN_C_PASSES_H

#include "mlir-c/Pass.h"

#include "attn-c/Passes.capi.h.inc"

#endif /* ATTN_C_PASSES_H */
