// RUN: attn-run %s --check --reps=1 --warmup=0 --threads=1 | FileCheck %s
// RUN: attn-run %s --check --reps=1 --warmup=0 --threads=2 --pipeline=fused | FileCheck %s

// attn.block_mask (docs/semantics.md, "Block masks"): the block table of a
// mask_mod computed at run time, fed to attn.attention with the same
// mask_mod, against the reference's evaluation of both ops. The table is
// computed once and used by two attention ops (two layers), as a caller
// reuses it; the mask reads a table argument, which compile-time analysis
// cannot bound. Sizes are ragged against the 8 x 8 blocks.

// CHECK-LABEL: entry two_layers (
// CHECK: result #0 (f32): {{.*}}, 0 mismatches
// CHECK: result #1 (f32): {{.*}}, 0 mismatches
// CHECK: result #2 (f32): {{.*}}, 0 mismatches
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @two_layers(%q: tensor<1x2x20x16xf32>, %k: tensor<1x2x20x16xf32>,
    %v: tensor<1x2x20x16xf32>, %score: tensor<20xf32>)
    -> (tensor<1x2x20x16xf32>, tensor<1x2x20xf32>, tensor<1x2x20x16xf32>) {
  // Visible: causal, and key j's score above -0.5 (or the diagonal).
  %rp, %cols, %full = attn.block_mask mask_mod {
    ^bb0(%b: index, %h: index, %i: index, %j: index):
      %sj = tensor.extract %score[%j] : tensor<20xf32>
      %t = arith.constant -0.5 : f32
      %keep = arith.cmpf ogt, %sj, %t : f32
      %diag = arith.cmpi eq, %i, %j : index
      %any = arith.ori %keep, %diag : i1
      %causal = arith.cmpi sle, %j, %i : index
      %vis = arith.andi %any, %causal : i1
      attn.yield %vis : i1
  } {block_size = #attn.tiling<query = 8, key = 8>, seq_q = 20, seq_kv = 20}
      : tensor<1x1x4xi32>, tensor<1x1x9xi32>, tensor<1x1x9xi1>
  %o1, %l1 = attn.attention %q, %k, %v
      blocks(%rp, %cols : tensor<1x1x4xi32>, tensor<1x1x9xi32>)
      full_blocks(%full : tensor<1x1x9xi1>) mask_mod {
    ^bb0(%b: index, %h: index, %i: index, %j: index):
      %sj = tensor.extract %score[%j] : tensor<20xf32>
      %t = arith.constant -0.5 : f32
      %keep = arith.cmpf ogt, %sj, %t : f32
      %diag = arith.cmpi eq, %i, %j : index
      %any = arith.ori %keep, %diag : i1
      %causal = arith.cmpi sle, %j, %i : index
      %vis = arith.andi %any, %causal : i1
      attn.yield %vis : i1
  } {block_size = #attn.tiling<query = 8, key = 8>}
      : tensor<1x2x20x16xf32>, tensor<1x2x20x16xf32>, tensor<1x2x20x16xf32>
      -> tensor<1x2x20x16xf32>, tensor<1x2x20xf32>
  %o2 = attn.attention %o1, %k, %v
      blocks(%rp, %cols : tensor<1x1x4xi32>, tensor<1x1x9xi32>)
      full_blocks(%full : tensor<1x1x9xi1>) mask_mod {
    ^bb0(%b: index, %h: index, %i: index, %j: index):
      %sj = tensor.extract %score[%j] : tensor<20xf32>
      %t = arith.constant -0.5 : f32
      %keep = arith.cmpf ogt, %sj, %t : f32
      %diag = arith.cmpi eq, %i, %j : index
      %any = arith.ori %keep, %diag : i1
      %causal = arith.cmpi sle, %j, %i : index
      %vis = arith.andi %any, %causal : i1
      attn.yield %vis : i1
  } {block_size = #attn.tiling<query = 8, key = 8>}
      : tensor<1x2x20x16xf32>, tensor<1x2x20x16xf32>, tensor<1x2x20x16xf32>
      -> tensor<1x2x20x16xf32>
  return %o1, %l1, %o2
      : tensor<1x2x20x16xf32>, tensor<1x2x20xf32>, tensor<1x2x20x16xf32>
}

// Per-head tables (Ht = Hq = 2) of a head-dependent window.
// CHECK-LABEL: entry per_head (
// CHECK: result #0 (f32): {{.*}}, 0 mismatches
// CHECK: result #1 (f32): {{.*}}, 0 mismatches
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @per_head(%q: tensor<1x2x20x16xf32>, %k: tensor<1x2x20x16xf32>,
    %v: tensor<1x2x20x16xf32>)
    -> (tensor<1x2x20x16xf32>, tensor<1x2x20xf32>) {
  %rp, %cols, %full = attn.block_mask mask_mod {
    ^bb0(%b: index, %h: index, %i: index, %j: index):
      %c6 = arith.constant 6 : index
      %w = arith.muli %h, %c6 : index
      %lo = arith.subi %i, %w : index
      %in = arith.cmpi sge, %j, %lo : index
      %causal = arith.cmpi sle, %j, %i : index
      %vis = arith.andi %in, %causal : i1
      attn.yield %vis : i1
  } {block_size = #attn.tiling<query = 8, key = 8>, seq_q = 20, seq_kv = 20}
      : tensor<1x2x4xi32>, tensor<1x2x9xi32>, tensor<1x2x9xi1>
  %o, %l = attn.attention %q, %k, %v
      blocks(%rp, %cols : tensor<1x2x4xi32>, tensor<1x2x9xi32>)
      full_blocks(%full : tensor<1x2x9xi1>) mask_mod {
    ^bb0(%b: index, %h: index, %i: index, %j: index):
      %c6 = arith.constant 6 : index
      %w = arith.muli %h, %c6 : index
      %lo = arith.subi %i, %w : index
      %in = arith.cmpi sge, %j, %lo : index
      %causal = arith.cmpi sle, %j, %i : index
      %vis = arith.andi %in, %causal : i1
      attn.yield %vis : i1
  } {block_size = #attn.tiling<query = 8, key = 8>}
      : tensor<1x2x20x16xf32>, tensor<1x2x20x16xf32>, tensor<1x2x20x16xf32>
      -> tensor<1x2x20x16xf32>, tensor<1x2x20xf32>
  return %o, %l : tensor<1x2x20x16xf32>, tensor<1x2x20xf32>
}
