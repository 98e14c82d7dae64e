// RUN: not attn-opt %s --attn-linearize="feature-map=softmax" 2>&1 | FileCheck %s --check-prefix=MAP
// RUN: not attn-opt %s --pass-pipeline="builtin.module(attn-linearize{feature-map=softmax})" 2>&1 | FileCheck %s --check-prefix=MAP
// RUN: not attn-opt %s --attn-linearize="feature-map=favor num-features=0" 2>&1 | FileCheck %s --check-prefix=NUM
// RUN: attn-opt %s --attn-linearize="feature-map=favor" -verify-diagnostics

// MAP: for the --feature-map option: unknown value 'softmax'; allowed: elu1, relu, identity, cosine, favor
// NUM: error: attn-linearize: num-features must be in [1, 65536], got 0

func.func @dynamic_d(%q: tensor<1x1x8x?xf32>) -> tensor<1x1x8x?xf32> {
  // expected-remark @+1 {{not linearized: favor needs a static head dim D for its projection}}
  %o = attn.attention %q, %q, %q {scale = 0.5 : f64}
      : tensor<1x1x8x?xf32>, tensor<1x1x8x?xf32>, tensor<1x1x8x?xf32> -> tensor<1x1x8x?xf32>
  return %o : tensor<1x1x8x?xf32>
}

// A tile of query rows: linear attention has no query_rows.
func.func @query_rows(%q: tensor<1x1x8x16xf32>, %k: tensor<1x1x16x16xf32>)
    -> tensor<1x1x8x16xf32> {
  %s = arith.constant 8 : index
  %t = arith.constant 16 : index
  // expected-remark @+1 {{not linearized: it computes a sub-range of the query rows (query_rows)}}
  %o = attn.attention %q, %k, %k query_rows(%s, %t)
      : tensor<1x1x8x16xf32>, tensor<1x1x16x16xf32>, tensor<1x1x16x16xf32>
      -> tensor<1x1x8x16xf32>
  return %o : tensor<1x1x8x16xf32>
}

func.func @mod_region(%q: tensor<1x1x8x8xf32>) -> tensor<1x1x8x8xf32> {
  // expected-remark @+1 {{not linearized: it has a score_mod or mask_mod region}}
  %o = attn.attention %q, %q, %q mask_mod {
    ^bb0(%b: index, %h: index, %i: index, %j: index):
      %c = arith.cmpi sle, %j, %i : index
      attn.yield %c : i1
  } {sparsity = #attn.causal}
      : tensor<1x1x8x8xf32>, tensor<1x1x8x8xf32>, tensor<1x1x8x8xf32>
      -> tensor<1x1x8x8xf32>
  return %o : tensor<1x1x8x8xf32>
}
