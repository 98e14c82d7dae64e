//===- AttnOpBase.td - base class of the attn ops ----------*- tablegen -*-===//
//
// What every attn op .td file shares (AttnOps.td, AttnGradOps.td).
//
//===----------------------------------------------------------------------===//
#ifndef ATTN_OP_BASE_TD
#define ATTN_OP_BASE_TD

include "attn/IR/AttnDialect.td"
include "attn/IR/AttnAttrs.td"
include "attn/IR/AttnOpInterfaces.td"
include "mlir/IR/OpBase.td"

// Every attn op rejects unprefixed attributes it does not define, so that a
// misspelled `sparsty = #attn.causal` is an error, not a dense attention.
def Attn_OnlyKnownAttributes : NativeOpTrait<"OnlyKnownAttributes"> {
  let cppNamespace = "::mlir::attn";
}

class Attn_Op<string mnemonic, list<Trait> traits = []>
    : Op<Attn_Dialect, mnemonic, !listconcat(traits, [Attn_OnlyKnownAttributes])>;

def Attn_FloatTensor : RankedTensorOf<[F32, F16, BF16]>;

#endif // ATTN_OP_BASE_TD
