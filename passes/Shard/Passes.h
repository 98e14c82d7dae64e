//===- Passes.h - attn.attention in the shard dialect -----------*- C++ -*-===//
#ifndef ATTN_PASSES_SHARD_PASSES_H
#define ATTN_PASSES_SHARD_PASSES_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/DLTI/DLTI.h"
#include "mlir/Dialect/MPI/IR/MPI.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

#include <memory>

namespace mlir {
namespace attn {

#define GEN_PASS_DECL
#include "passes/Shard/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "passes/Shard/Passes.h.inc"

} // namespace attn
} // namespace mlir

#endif // ATTN_PASSES_SHARD_PASSES_H
