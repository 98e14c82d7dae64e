// FAVOR+ at large activations (docs/semantics.md, "FAVOR+ stabilizers"):
// exp(W^T x - |x|^2 / 2) underflows in f32 from |x|^2 / 2 of about 87, so
// without the stabilizers normal inputs of standard deviation 10 at D = 8
// already give exact zeros for most outputs. Checked against the float64
// reference for draws of growing scale; --distribution=normal:S draws every
// float argument N(0, S^2) except the projection (FAVOR+ random features).
// Each run at a standard deviation of 6 or more fails without the
// stabilizers (16 to 1600 mismatched elements when they were turned off);
// those at 1 and large-logits check the ordinary range.
//
// RUN: attn-run --pipeline=unfused %s --entry=favor --check --reps=1 --warmup=0 --distribution=normal:1 | FileCheck %s
// RUN: attn-run --pipeline=unfused %s --entry=favor --check --reps=1 --warmup=0 --distribution=normal:10 | FileCheck %s
// RUN: attn-run --pipeline=unfused %s --entry=favor --check --reps=1 --warmup=0 --distribution=normal:40 | FileCheck %s
// RUN: attn-run --pipeline=unfused %s --entry=favor --check --reps=1 --warmup=0 --distribution=normal:1000 | FileCheck %s
// RUN: attn-run --pipeline=unfused %s --entry=favor --check --reps=1 --warmup=0 --distribution=large-logits --seed=3 | FileCheck %s
// RUN: attn-run --pipeline=unfused %s --entry=favor_gqa --check --reps=1 --warmup=0 --distribution=normal:40 | FileCheck %s
// RUN: attn-run --pipeline=unfused %s --entry=favor_bshd --check --reps=1 --warmup=0 --distribution=normal:40 | FileCheck %s
// Causal: a row's shift also covers the later keys of its chunk, so the
// range is smaller (see the semantics).
// RUN: attn-run --pipeline=unfused %s --entry=favor_causal --check --reps=1 --warmup=0 --distribution=normal:6 | FileCheck %s
// RUN: attn-run --pipeline=unfused %s --entry=favor_causal --check --reps=1 --warmup=0 --distribution=normal:6 --seed=2 | FileCheck %s
// RUN: attn-run --pipeline=unfused %s --entry=favor_causal --check --reps=1 --warmup=0 --distribution=large-logits | FileCheck %s
// RUN: attn-run --pipeline=unfused %s --entry=favor_causal_prefix --check --reps=1 --warmup=0 --distribution=normal:6 | FileCheck %s
// Unnormalized favor keeps the features as written (no stabilizer).
// RUN: attn-run --pipeline=unfused %s --entry=favor_raw --check --reps=1 --warmup=0 --distribution=normal:1 | FileCheck %s
//
// CHECK: result #0 (f32): {{.*}}, 0 mismatches
// CHECK-NOT: NaN
// CHECK: check: PASSED

func.func @favor(%q: tensor<1x2x80x8xf32>, %k: tensor<1x2x80x8xf32>,
    %v: tensor<1x2x80x8xf32>, %w: tensor<8x16xf32>) -> tensor<1x2x80x8xf32> {
  %o = attn.linear_attention %q, %k, %v projection(%w : tensor<8x16xf32>)
      {feature_map = #attn.feature_map<favor>}
      : tensor<1x2x80x8xf32>, tensor<1x2x80x8xf32>, tensor<1x2x80x8xf32>
      -> tensor<1x2x80x8xf32>
  return %o : tensor<1x2x80x8xf32>
}

func.func @favor_gqa(%q: tensor<1x4x40x8xf32>, %k: tensor<1x2x70x8xf32>,
    %v: tensor<1x2x70x8xf32>, %w: tensor<8x32xf32>) -> tensor<1x4x40x8xf32> {
  %o = attn.linear_attention %q, %k, %v projection(%w : tensor<8x32xf32>)
      {feature_map = #attn.feature_map<favor>, chunk_size = 16}
      : tensor<1x4x40x8xf32>, tensor<1x2x70x8xf32>, tensor<1x2x70x8xf32>
      -> tensor<1x4x40x8xf32>
  return %o : tensor<1x4x40x8xf32>
}

func.func @favor_causal(%q: tensor<1x2x80x8xf32>, %k: tensor<1x2x80x8xf32>,
    %v: tensor<1x2x80x8xf32>, %w: tensor<8x16xf32>) -> tensor<1x2x80x8xf32> {
  %o = attn.linear_attention %q, %k, %v projection(%w : tensor<8x16xf32>)
      {feature_map = #attn.feature_map<favor>, causal, chunk_size = 32}
      : tensor<1x2x80x8xf32>, tensor<1x2x80x8xf32>, tensor<1x2x80x8xf32>
      -> tensor<1x2x80x8xf32>
  return %o : tensor<1x2x80x8xf32>
}

func.func @favor_raw(%q: tensor<1x2x80x8xf32>, %k: tensor<1x2x80x8xf32>,
    %v: tensor<1x2x80x8xf32>, %w: tensor<8x16xf32>) -> tensor<1x2x80x8xf32> {
  %o = attn.linear_attention %q, %k, %v projection(%w : tensor<8x16xf32>)
      {feature_map = #attn.feature_map<favor>, normalize = false}
      : tensor<1x2x80x8xf32>, tensor<1x2x80x8xf32>, tensor<1x2x80x8xf32>
      -> tensor<1x2x80x8xf32>
  return %o : tensor<1x2x80x8xf32>
}

// bshd layout, a partial last key chunk (70 = 64 + 6 keys) and GQA.
func.func @favor_bshd(%q: tensor<1x50x4x8xf32>, %k: tensor<1x70x2x8xf32>,
    %v: tensor<1x70x2x8xf32>, %w: tensor<8x16xf32>) -> tensor<1x50x4x8xf32> {
  %o = attn.linear_attention %q, %k, %v projection(%w : tensor<8x16xf32>)
      {feature_map = #attn.feature_map<favor>, layout = #attn.layout<bshd>}
      : tensor<1x50x4x8xf32>, tensor<1x70x2x8xf32>, tensor<1x70x2x8xf32>
      -> tensor<1x50x4x8xf32>
  return %o : tensor<1x50x4x8xf32>
}

// Causal with Skv > Sq (60 keys before the first query's diagonal: the
// prefix loop carries the shift into the chunks), partial chunks and decay.
func.func @favor_causal_prefix(%q: tensor<1x2x40x8xf32>,
    %k: tensor<1x2x100x8xf32>, %v: tensor<1x2x100x8xf32>,
    %w: tensor<8x16xf32>) -> tensor<1x2x40x8xf32> {
  %o = attn.linear_attention %q, %k, %v projection(%w : tensor<8x16xf32>)
      {feature_map = #attn.feature_map<favor>, causal, chunk_size = 16,
       decay = [0.9, 1.0]}
      : tensor<1x2x40x8xf32>, tensor<1x2x100x8xf32>, tensor<1x2x100x8xf32>
      -> tensor<1x2x40x8xf32>
  return %o : tensor<1x2x40x8xf32>
}
