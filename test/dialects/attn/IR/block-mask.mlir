// RUN: attn-opt %s -split-input-file -verify-diagnostics | FileCheck %s
// RUN: attn-opt %s -split-input-file -verify-diagnostics --mlir-print-op-generic | attn-opt | FileCheck %s

// attn.block_mask: round trip and verifier.

// CHECK-LABEL: func.func @round_trip
// CHECK: attn.block_mask mask_mod {
// CHECK: ^bb0(%{{.*}}: index, %{{.*}}: index, %{{.*}}: index, %{{.*}}: index):
// CHECK: attn.yield %{{.*}} : i1
// CHECK: } {block_size = #attn.tiling<query = 8, key = 8>, heads_per_table = 2 : i64, seq_kv = 20 : i64, seq_q = 12 : i64} : tensor<1x1x3xi32>, tensor<1x1x6xi32>, tensor<1x1x6xi1>
func.func @round_trip() -> (tensor<1x1x3xi32>, tensor<1x1x6xi32>, tensor<1x1x6xi1>) {
  %rp, %cols, %full = attn.block_mask mask_mod {
    ^bb0(%b: index, %h: index, %i: index, %j: index):
      %c = arith.cmpi sle, %j, %i : index
      attn.yield %c : i1
  } {block_size = #attn.tiling<query = 8, key = 8>, seq_q = 12, seq_kv = 20,
     heads_per_table = 2}
      : tensor<1x1x3xi32>, tensor<1x1x6xi32>, tensor<1x1x6xi1>
  return %rp, %cols, %full : tensor<1x1x3xi32>, tensor<1x1x6xi32>, tensor<1x1x6xi1>
}

// -----

func.func @wrong_sizes() {
  // expected-error @+1 {{expects row pointers [B, Ht, 3] and columns [B, Ht, 6] for these blocks}}
  %rp, %cols, %full = attn.block_mask mask_mod {
    ^bb0(%b: index, %h: index, %i: index, %j: index):
      %c = arith.cmpi sle, %j, %i : index
      attn.yield %c : i1
  } {block_size = #attn.tiling<query = 8, key = 8>, seq_q = 12, seq_kv = 20}
      : tensor<1x1x4xi32>, tensor<1x1x6xi32>, tensor<1x1x6xi1>
  return
}

// -----

func.func @region_args() {
  // expected-error @+1 {{mask_mod must take (index b, h, i, j)}}
  %rp, %cols, %full = attn.block_mask mask_mod {
    ^bb0(%i: index, %j: index):
      %c = arith.cmpi sle, %j, %i : index
      attn.yield %c : i1
  } {block_size = #attn.tiling<query = 8, key = 8>, seq_q = 12, seq_kv = 20}
      : tensor<1x1x3xi32>, tensor<1x1x6xi32>, tensor<1x1x6xi1>
  return
}
