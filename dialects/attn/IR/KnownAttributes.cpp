//===- KnownAttributes.cpp - reject unknown attributes on attn ops --------===//
#include "attn/IR/KnownAttributes.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Operation.h"
#include "llvm/ADT/StringExtras.h"

using namespace mlir;

LogicalResult mlir::attn::verifyOnlyKnownAttributes(Operation *op,
                                                    ArrayRef<StringRef> known) {
  for (NamedAttribute attr : op->getDiscardableAttrs()) {
    StringRef name = attr.getName().strref();
    if (name.contains('.'))
      continue; // another dialect's attribute: not ours to judge
    auto diag = op->emitOpError() << "has unknown attribute '" << name << "'";
    // Suggest the nearest known name: the usual cause is a typo.
    StringRef best;
    unsigned bestDist = ~0u;
    for (StringRef k : known) {
      unsigned d = name.edit_distance(k, /*AllowReplacements=*/true,
                                      /*MaxEditDistance=*/3);
      if (d < bestDist && d <= 3) {
        bestDist = d;
        best = k;
      }
    }
    if (!best.empty())
      diag << " (did you mean '" << best << "'?)";
    else if (known.empty())
      diag << " (it has no attributes)";
    else
      diag << " (known: " << llvm::join(known, ", ") << ")";
    return diag;
  }
  return success();
}
