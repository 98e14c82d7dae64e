// RUN: attn-opt %s --attn-lower-block-ops | FileCheck %s

// attn.block_mask becomes loops over (batch, table, query block, key block)
// that count the region's visible positions over the block's heads, rows
// and keys (the region cloned into the innermost loop) and insert the listed
// blocks in order.

// CHECK-LABEL: func.func @lower
// CHECK-NOT: attn.block_mask
// CHECK: scf.for
// CHECK: scf.for
// CHECK: scf.for
// CHECK: scf.for
// CHECK: scf.for
// CHECK: scf.for
// CHECK: scf.for
// CHECK: tensor.extract %{{.*}} : tensor<20xi1>
// CHECK: arith.cmpi sle
// CHECK: arith.index_castui
// CHECK: scf.if
// CHECK: tensor.insert
// CHECK-NOT: attn.
// CHECK: return
func.func @lower(%keep: tensor<20xi1>)
    -> (tensor<1x1x4xi32>, tensor<1x1x9xi32>, tensor<1x1x9xi1>) {
  %rp, %cols, %full = attn.block_mask mask_mod {
    ^bb0(%b: index, %h: index, %i: index, %j: index):
      %k = tensor.extract %keep[%j] : tensor<20xi1>
      %c = arith.cmpi sle, %j, %i : index
      %v = arith.andi %k, %c : i1
      attn.yield %v : i1
  } {block_size = #attn.tiling<query = 8, key = 8>, seq_q = 20, seq_kv = 20}
      : tensor<1x1x4xi32>, tensor<1x1x9xi32>, tensor<1x1x9xi1>
  return %rp, %cols, %full : tensor<1x1x4xi32>, tensor<1x1x9xi32>, tensor<1x1x9xi1>
}
