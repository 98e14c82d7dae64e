// attn.block_select / attn.block_score at the edges of their attributes and
// with NaN (docs/semantics.md, "Block selection", issue 13), through both
// pipelines against the float64 reference:
// - local = 1000000 compiles as a loop of min(local, C) steps (it was
//   unrolled up to `local` at compile time: gigabytes, minutes) and keeps
//   every block from the diagonal back; top_k far beyond C takes all.
// RUN: attn-run %s --entry=huge_local --check --reps=1 --warmup=0 --pipeline=unfused | FileCheck %s
// RUN: attn-run %s --entry=huge_top_k --check --reps=1 --warmup=0 --pipeline=fused | FileCheck %s
// - A NaN score ranks below every number: top-k picks the numbers first
//   (element 1 of row 0, and the whole row 2 for the threshold form, whose
//   NaN row sum then chooses nothing).
// RUN: attn-run --pipeline=unfused %s --entry=nan_top_k --check --reps=1 --warmup=0 --set=0:1:nan --set=0:3:nan | FileCheck %s
// RUN: attn-run --pipeline=unfused %s --entry=nan_threshold --check --reps=1 --warmup=0 --set=0:18:nan | FileCheck %s
// - A NaN in Q makes that query block's score row NaN, not zeros.
// RUN: attn-run --pipeline=unfused %s --entry=nan_score --check --reps=1 --warmup=0 --set=0:5:nan \
// RUN:   | FileCheck %s --check-prefix=SCORE
// CHECK: check: PASSED
// SCORE: result #0 (f32): {{.*}}, 0 mismatches, 6 NaN
// SCORE: check: PASSED

func.func @huge_local(%s: tensor<1x2x4x6xf32>) -> (tensor<1x2x5xi32>, tensor<1x2x24xi32>) {
  %rp, %c = attn.block_select %s {top_k = 1, local = 1000000}
      : tensor<1x2x4x6xf32> -> tensor<1x2x5xi32>, tensor<1x2x24xi32>
  return %rp, %c : tensor<1x2x5xi32>, tensor<1x2x24xi32>
}

func.func @huge_top_k(%s: tensor<1x2x4x6xf32>) -> (tensor<1x2x5xi32>, tensor<1x2x24xi32>) {
  %rp, %c = attn.block_select %s {top_k = 9223372036854775807, keep_sink}
      : tensor<1x2x4x6xf32> -> tensor<1x2x5xi32>, tensor<1x2x24xi32>
  return %rp, %c : tensor<1x2x5xi32>, tensor<1x2x24xi32>
}

func.func @nan_top_k(%s: tensor<1x1x3x6xf32>) -> (tensor<1x1x4xi32>, tensor<1x1x18xi32>) {
  %rp, %c = attn.block_select %s {top_k = 5}
      : tensor<1x1x3x6xf32> -> tensor<1x1x4xi32>, tensor<1x1x18xi32>
  return %rp, %c : tensor<1x1x4xi32>, tensor<1x1x18xi32>
}

func.func @nan_threshold(%s: tensor<1x1x4x6xf32>) -> (tensor<1x1x5xi32>, tensor<1x1x24xi32>) {
  %rp, %c = attn.block_select %s {threshold = 0.5, keep_diagonal}
      : tensor<1x1x4x6xf32> -> tensor<1x1x5xi32>, tensor<1x1x24xi32>
  return %rp, %c : tensor<1x1x5xi32>, tensor<1x1x24xi32>
}

func.func @nan_score(%q: tensor<1x1x24x4xf32>, %k: tensor<1x1x48x4xf32>) -> tensor<1x1x3x6xf32> {
  %s = attn.block_score %q, %k {method = #attn.score_method<mean_pool>, block_size = #attn.tiling<query = 8, key = 8>}
      : tensor<1x1x24x4xf32>, tensor<1x1x48x4xf32> -> tensor<1x1x3x6xf32>
  return %s : tensor<1x1x3x6xf32>
}
