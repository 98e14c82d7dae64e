//===- AttnOps.td - attn operations ------------------------*- tablegen -*-===//
#ifndef ATTN_OPS_TD
#define ATTN_OPS_TD

include "AttnDialect.td"
include "AttnAttrs.td"
include "mlir/IR/OpBase.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

class Attn_Op<string mnemonic, list<Trait> traits = []>
    : Op<Attn_Dialect, mnemonic, traits>;

def Attn_FloatTensor : RankedTensorOf<[F32, F16, BF16]>;

def Attn_AttentionOp : Attn_Op<"attention",
    [Pure, AttrSizedOperandSegments]> {
  let summary = "scaled dot-product (softmax) attention";
  let description = [{
    Softmax attention over ranked tensors, as defined in docs/semantics.md:

        O = softmax(mod(scale * Q K^T)) V

    with query `[B, Hq, Sq, D]`, key `[B, Hkv, Skv, D]`, value
    `[B, Hkv, Skv, Dv]` (or `[B, S, H, D]` with `layout = #attn.layout<bshd>`),
    `Hq % Hkv == 0` (grouped-query heads read K/V head `h / (Hq / Hkv)`).

    Optional operands: `mask` (i1, true = visible, broadcastable to
    `[B, Hq, Sq, Skv]`), `bias` (additive, same broadcast rule, f32 or the
    query's type), `alibi` slopes (`[Hq]` f32), `documents` offsets
    (`[N + 1]` i32/i64, required by and only with `#attn.documents`), a
    block table `blocks(row_ptr, cols)` (BSR over `block_size` blocks:
    `[B, Ht, nQB + 1]` and `[B, Ht, NNZ]` i32, Ht dividing Hq) with optional
    `full_blocks` flags (`[B, Ht, NNZ]` i1).
    Attributes: `scale` (default `1/sqrt(D)`), `sparsity` (a structured
    pattern such as `#attn.causal`), `softcap`, `layout`, `tiling`.
    A second result, when present, is the f32 log-sum-exp `[B, Hq, Sq]`.
    Fully masked rows produce 0 and lse = -inf.

    ```mlir
    %o = attn.attention %q, %k, %v {sparsity = #attn.causal}
        : tensor<1x8x128x64xf32>, tensor<1x2x128x64xf32>,
          tensor<1x2x128x64xf32> -> tensor<1x8x128x64xf32>
    ```
  }];

  let arguments = (ins
    Attn_FloatTensor:$query,
    Attn_FloatTensor:$key,
    Attn_FloatTensor:$value,
    Optional<RankedTensorOf<[I1]>>:$mask,
    Optional<Attn_FloatTensor>:$bias,
    Optional<RankedTensorOf<[F32]>>:$alibi_slopes,
    Optional<RankedTensorOf<[I32, I64]>>:$doc_offsets,
    Optional<RankedTensorOf<[I32]>>:$block_row_ptr,
    Optional<RankedTensorOf<[I32]>>:$block_cols,
    Optional<RankedTensorOf<[I1]>>:$block_full,
    OptionalAttr<F64Attr>:$scale,
    OptionalAttr<Attn_SparsityAttrInterface>:$sparsity,
    OptionalAttr<F64Attr>:$softcap,
    OptionalAttr<Attn_LayoutAttr>:$layout,
    OptionalAttr<Attn_TilingAttr>:$tiling,
    OptionalAttr<Attn_TilingAttr>:$block_size
  );
  let results = (outs
    Attn_FloatTensor:$output,
    Optional<RankedTensorOf<[F32]>>:$lse
  );

  let assemblyFormat = [{
    $query `,` $key `,` $value
    (`mask` `(` $mask^ `:` type($mask) `)`)?
    (`bias` `(` $bias^ `:` type($bias) `)`)?
    (`alibi` `(` $alibi_slopes^ `:` type($alibi_slopes) `)`)?
    (`documents` `(` $doc_offsets^ `:` type($doc_offsets) `)`)?
    (`blocks` `(` $block_row_ptr^ `,` $block_cols `:` type($block_row_ptr)
       `,` type($block_cols) `)`)?
    (`full_blocks` `(` $block_full^ `:` type($block_full) `)`)?
    attr-dict `:` type($query) `,` type($key) `,` type($value)
    `->` type(results)
  }];

  let hasVerifier = 1;

  let extraClassDeclaration = [{
    /// The storage layout (bhsd when the attribute is absent).
    ::mlir::attn::Layout getLayoutOrDefault();
    /// Logical sizes, in any layout; ShapedType::kDynamic when unknown.
    int64_t getBatch();
    int64_t getHeadsQ();
    int64_t getHeadsKV();
    int64_t getSeqQ();
    int64_t getSeqKV();
    int64_t getHeadDim();
    int64_t getHeadDimV();
    /// `scale` if given, else 1/sqrt(D); failure when D is dynamic.
    ::mlir::FailureOr<double> getEffectiveScale();
    /// Checks the sparsity pattern against the operands (part of verify).
    ::mlir::LogicalResult verifySparsity();
    /// Checks the block table operands (part of verify).
    ::mlir::LogicalResult verifyBlockTable();
  }];
}

#endif // ATTN_OPS_TD
