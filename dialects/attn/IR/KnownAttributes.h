//===- KnownAttributes.h - reject unknown attributes on attn ops -*- C++ -*-===//
//
// MLIR keeps any attribute it does not know in an op's discardable
// dictionary. For attn ops an unprefixed one is almost always a typo
// (`sparsty = #attn.causal` would silently give dense attention), so the
// verifier rejects it. Dialect-prefixed attributes (`foo.bar`) stay allowed.
//
//===----------------------------------------------------------------------===//
#ifndef ATTN_KNOWNATTRIBUTES_H
#define ATTN_KNOWNATTRIBUTES_H

#include "mlir/IR/OpDefinition.h"

namespace mlir {
namespace attn {

/// Fails (with an error naming the closest known attribute) when `op` has a
/// discardable attribute without a dialect prefix.
LogicalResult verifyOnlyKnownAttributes(Operation *op,
                                        ArrayRef<StringRef> known);

template <typename ConcreteType>
class OnlyKnownAttributes
    : public OpTrait::TraitBase<ConcreteType, OnlyKnownAttributes> {
public:
  static LogicalResult verifyTrait(Operation *op) {
    return verifyOnlyKnownAttributes(op, ConcreteType::getAttributeNames());
  }
};

} // namespace attn
} // namespace mlir

#endif // ATTN_KNOWNATTRIBUTES_H
