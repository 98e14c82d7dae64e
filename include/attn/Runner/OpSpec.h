//===- OpSpec.h - the reference's view of an attn.attention op --*- C++ -*-===//
#ifndef ATTN_RUNNER_OPSPEC_H
#define ATTN_RUNNER_OPSPEC_H

#include "attn/Reference/Attention.h"
#include "mlir/Support/LLVM.h"

#include <string>

namespace mlir {
namespace attn {
class AttentionOp;
namespace ref = ::attn::ref;

/// The reference spec of one attn.attention with static shapes.
FailureOr<::attn::ref::AttentionSpec> specFromOp(AttentionOp op, std::string &why);

} // namespace attn
} // namespace mlir

#endif // ATTN_RUNNER_OPSPEC_H
