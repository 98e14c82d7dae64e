// RUN: attn-opt %s --attn-decompose --split-input-file --verify-diagnostics
// RUN: not attn-opt %s --attn-decompose -o /dev/null 2>&1 | FileCheck %s --check-prefix=FAIL
// RUN: not attn-opt %s --attn-check-lowered -o /dev/null 2>&1 | FileCheck %s --check-prefix=LEFT

// attn.attention_grad that --attn-decompose cannot lower is reported and
// the pass fails (the same rules as attn.attention: static head counts, a
// static D or an explicit scale); --attn-check-lowered names the pass that
// lowers it.

// FAIL: error: 'attn.attention_grad' op cannot be decomposed: head counts must be static
// LEFT: error: 'attn.attention_grad' was not lowered; it is lowered by --attn-decompose

func.func @dynamic_heads(%q: tensor<1x?x8x16xf32>, %k: tensor<1x2x8x16xf32>,
    %v: tensor<1x2x8x16xf32>, %o: tensor<1x?x8x16xf32>,
    %lse: tensor<1x?x8xf32>) -> tensor<1x?x8x16xf32> {
  // expected-error @+1 {{'attn.attention_grad' op cannot be decomposed: head counts must be static to split query heads into groups}}
  %dq, %dk, %dv = attn.attention_grad %q, %k, %v, %o, %lse, %o
      : tensor<1x?x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>,
        tensor<1x?x8x16xf32>, tensor<1x?x8xf32>, tensor<1x?x8x16xf32>
      -> tensor<1x?x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>
  return %dq : tensor<1x?x8x16xf32>
}
