//===- Passes.cpp - C API of the attn passes (generated) ------------------===//
#include "attn-c/Passes.h"

#include "attn/Passes.h"

#include "mlir/CAPI/Pass.h"
#include "mlir/Pass/Pass.h"

using namespace mlir;
using namespace mlir::attn;

#include "attn-c/Passes.capi.cpp.inc"
