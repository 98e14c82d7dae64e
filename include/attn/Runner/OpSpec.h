//===- OpSpec.h - the reference's view of an attn.attention op --*- C++ -*-===//
#ifndef ATTN_RUNNER_OPSPEC_H
#define ATTN_RUNNER_OPSPEC_H

#include "attn/IR/AttnOps.h"
#include "attn/Reference/Attention.h"
#include "mlir/Support/LLVM.h"

#include <string>

namespace mlir {
namespace attn {
namespace ref = ::attn::ref;

/// Copies the shape and layout of `op` (attn.attention or
/// attn.linear_attention, read through their shape interface) into the
/// reference spec `s`; failure with `why` when an operand's shape is dynamic.
template <typename SpecT>
LogicalResult copyStaticShape(AttentionShapeOpInterface op, SpecT &s,
                              std::string &why) {
  // Tensors only: query_rows operands are index scalars.
  for (Value v : op->getOperands())
    if (auto t = dyn_cast<RankedTensorType>(v.getType());
        t && !t.hasStaticShape()) {
      why = op->getName().getStringRef().str() +
            " with dynamic shapes cannot be evaluated";
      return failure();
    }
  s.batch = op.getBatch();
  s.headsQ = op.getHeadsQ();
  s.headsKV = op.getHeadsKV();
  s.seqQ = op.getSeqQ();
  s.seqKV = op.getSeqKV();
  s.headDim = op.getHeadDim();
  s.headDimV = op.getHeadDimV();
  s.layout = op.getLayoutOrDefault() == Layout::bshd ? ref::Layout::BSHD
                                                     : ref::Layout::BHSD;
  return success();
}

/// The reference spec of one attn.attention with static shapes.
FailureOr<::attn::ref::AttentionSpec> specFromOp(AttentionOp op, std::string &why);
/// The spec of the forward that one attn.attention_grad differentiates.
FailureOr<::attn::ref::AttentionSpec> specFromOp(AttentionGradOp op,
                                                 std::string &why);

/// A score_mod (`floatArgs` = 1) or mask_mod (0) region as the reference's
/// program; the tables it reads from above are copied from `lookup` (entry
/// arguments, earlier results) or their constants. Fails with `why` for an
/// op the reference does not evaluate.
FailureOr<::attn::ref::ModProgram>
modProgramOf(Region &region, int floatArgs,
             function_ref<const double *(Value)> lookup, std::string &why);

} // namespace attn
} // namespace mlir

#endif // ATTN_RUNNER_OPSPEC_H
