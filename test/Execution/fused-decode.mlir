// RUN: attn-run %s --check --reps=1 --warmup=0 --pipeline=fused --threads=2 | FileCheck %s
// RUN: attn-run %s --check --reps=1 --warmup=0 --threads=2 --seed=3 \
// RUN:   --pipeline='attn-fuse{split-kv=always kv-splits=3},attn-cpu-pipeline{cpu=host}' | FileCheck %s

// One-row query tiles (decode, or tiling query = 1) with score modifiers
// that read the row index: the CPU vectorizer must not mis-vectorize them.

// CHECK-LABEL: entry decode_alibi (
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @decode_alibi(%q: tensor<1x4x1x64xf32>, %k: tensor<1x4x300x64xf32>,
                        %v: tensor<1x4x300x64xf32>, %al: tensor<4xf32>)
    -> tensor<1x4x1x64xf32> {
  %o = attn.attention %q, %k, %v alibi(%al : tensor<4xf32>)
      : tensor<1x4x1x64xf32>, tensor<1x4x300x64xf32>, tensor<1x4x300x64xf32>
      -> tensor<1x4x1x64xf32>
  return %o : tensor<1x4x1x64xf32>
}

// CHECK-LABEL: entry q1_tiles_alibi_causal (
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @q1_tiles_alibi_causal(%q: tensor<1x1x5x16xf32>, %k: tensor<1x1x9x16xf32>,
                                 %v: tensor<1x1x9x16xf32>, %al: tensor<1xf32>)
    -> (tensor<1x1x5x16xf32>, tensor<1x1x5xf32>) {
  %o, %l = attn.attention %q, %k, %v alibi(%al : tensor<1xf32>)
      {sparsity = #attn.causal, tiling = #attn.tiling<query = 1, key = 4>}
      : tensor<1x1x5x16xf32>, tensor<1x1x9x16xf32>, tensor<1x1x9x16xf32>
      -> tensor<1x1x5x16xf32>, tensor<1x1x5xf32>
  return %o, %l : tensor<1x1x5x16xf32>, tensor<1x1x5xf32>
}

// CHECK-LABEL: entry decode_mask_bias_window (
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @decode_mask_bias_window(%q: tensor<2x2x1x32xf32>, %k: tensor<2x2x200x32xf32>,
                                   %v: tensor<2x2x200x32xf32>, %m: tensor<2x1x1x200xi1>,
                                   %b: tensor<200xf32>) -> tensor<2x2x1x32xf32> {
  %o = attn.attention %q, %k, %v mask(%m : tensor<2x1x1x200xi1>) bias(%b : tensor<200xf32>)
      {sparsity = #attn.sliding_window<left = 70, right = 0>, softcap = 20.0 : f64}
      : tensor<2x2x1x32xf32>, tensor<2x2x200x32xf32>, tensor<2x2x200x32xf32>
      -> tensor<2x2x1x32xf32>
  return %o : tensor<2x2x1x32xf32>
}
