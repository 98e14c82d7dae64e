//===- Passes.cpp - C API of the attn passes (generated) ------------------===//
#include "attn-c/Passes.h"

#include "attn/Passes.h"

#include "mlir/CAPI/Pass.h"
#include "mlir/Pass/Pass.h"

using namespace mlir;
using namespace mlir::attn;

namespace mlir::attn {
// The C API groups the target-neutral stages under one prefix
// (lib/CAPI/TransformsPasses.td).
static void registerAttnTransformsPasses() {
  registerAttnRaisePasses();
  registerAttnFormsPasses();
}
} // namespace mlir::attn

#include "attn-c/TransformsPasses.capi.cpp.inc"
#include "attn-c/CPUPasses.capi.cpp.inc"
