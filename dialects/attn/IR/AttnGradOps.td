//===- AttnGradOps.td - attn backward operations -----------*- tablegen -*-===//
#ifndef ATTN_GRAD_OPS_TD
#define ATTN_GRAD_OPS_TD

include "attn/IR/AttnOpBase.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

def Attn_AttentionGradOp : Attn_Op<"attention_grad",
    [NoMemoryEffect, DeclareOpInterfaceMethods<ConditionallySpeculatable>,
     AttrSizedOperandSegments, Attn_AttentionShapeOpInterface]> {
  let summary = "gradients of scaled dot-product attention";
  let description = [{
    The backward pass of attn.attention (docs/semantics.md, "Gradients"):
    given the forward's operands Q, K, V, its output O and log-sum-exp
    `lse` (`[B, Hq, Sq]` f32), and dO, the gradient of a loss with respect
    to O, returns dQ, dK and dV with the types of Q, K and V:

        P   = exp(S - lse)           (S: the modified scores, 0 where -inf)
        dV  = P^T dO                 dP = dO V^T
        D_i = sum_e dO[i, e] O[i, e]
        dS  = P * (dP - D)
        dQ  = scale * (dS * c') K    dK = scale * (dS * c')^T Q

    where c' is the softcap's derivative (1 without softcap). Bias, ALiBi,
    mask and sparsity enter only through S. Grouped-query heads: dK and dV
    of a K/V head sum over the query heads that read it. Fully masked rows
    (lse = -inf) contribute nothing; their dQ is 0.

    The operand clauses (mask, bias, alibi, documents, blocks, full_blocks)
    and attributes (scale, sparsity, softcap, layout, tiling, block_size)
    are those of attn.attention, with the same meaning and checks; `o` and
    `do` have the shape of the forward's output.

    ```mlir
    %dq, %dk, %dv = attn.attention_grad %q, %k, %v, %o, %lse, %do
        {sparsity = #attn.causal}
        : tensor<1x8x128x64xf32>, tensor<1x2x128x64xf32>,
          tensor<1x2x128x64xf32>, tensor<1x8x128x64xf32>,
          tensor<1x8x128xf32>, tensor<1x8x128x64xf32>
        -> tensor<1x8x128x64xf32>, tensor<1x2x128x64xf32>,
           tensor<1x2x128x64xf32>
    ```
  }];

  let arguments = (ins
    Attn_FloatTensor:$query,
    Attn_FloatTensor:$key,
    Attn_FloatTensor:$value,
    Attn_FloatTensor:$output,
    RankedTensorOf<[F32]>:$lse,
    Attn_FloatTensor:$grad_output,
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
    Attn_FloatTensor:$grad_query,
    Attn_FloatTensor:$grad_key,
    Attn_FloatTensor:$grad_value
  );

  let assemblyFormat = [{
    $query `,` $key `,` $value `,` $output `,` $lse `,` $grad_output
    (`mask` `(` $mask^ `:` type($mask) `)`)?
    (`bias` `(` $bias^ `:` type($bias) `)`)?
    (`alibi` `(` $alibi_slopes^ `:` type($alibi_slopes) `)`)?
    (`documents` `(` $doc_offsets^ `:` type($doc_offsets) `)`)?
    (`blocks` `(` $block_row_ptr^ `,` $block_cols `:` type($block_row_ptr)
       `,` type($block_cols) `)`)?
    (`full_blocks` `(` $block_full^ `:` type($block_full) `)`)?
    attr-dict `:` type($query) `,` type($key) `,` type($value) `,`
    type($output) `,` type($lse) `,` type($grad_output)
    `->` type(results)
  }];

  let hasVerifier = 1;
  // Layout, sizes and axes by role: AttentionShapeOpInterface.
}

#endif // ATTN_GRAD_OPS_TD
