// XFAIL: *
// The linear lowering does not have the FAVOR+ stabilizers of
// docs/semantics.md yet: they were written on branch issue13-reliability
// against the file before the LinearBuilder split and are not merged (they
// also made examples/linear_favor.mlir about 8x slower there). This test
// fails until they are ported (issue 13).
// FAVOR+ at large activations (docs/semantics.md, "FAVOR+ stabilizers"):
// exp(W^T x - |x|^2 / 2) underflows in f32 from |x|^2 / 2 of about 87, so
// without the stabilizers normal inputs of standard deviation 40 at D = 8
// gave exact zeros for most outputs. Checked against the float64 reference
// (which applies the same, exactly cancelling, factors) for draws of
// growing scale; --distribution=normal:S draws every float argument N(0, S^2)
// except the projection (FAVOR+ random features).
//
// RUN: attn-run %s --entry=favor --check --reps=1 --warmup=0 --distribution=normal:1 | FileCheck %s
// RUN: attn-run %s --entry=favor --check --reps=1 --warmup=0 --distribution=normal:10 | FileCheck %s
// RUN: attn-run %s --entry=favor --check --reps=1 --warmup=0 --distribution=normal:40 | FileCheck %s
// RUN: attn-run %s --entry=favor --check --reps=1 --warmup=0 --distribution=large-logits --seed=3 | FileCheck %s
// RUN: attn-run %s --entry=favor_gqa --check --reps=1 --warmup=0 --distribution=normal:40 | FileCheck %s
// Causal: the key stabilizer spans the later keys too, so the range is
// smaller (see the semantics).
// RUN: attn-run %s --entry=favor_causal --check --reps=1 --warmup=0 --distribution=normal:5 | FileCheck %s
// RUN: attn-run %s --entry=favor_causal --check --reps=1 --warmup=0 --distribution=large-logits | FileCheck %s
// Unnormalized favor keeps the features as written (no stabilizer).
// RUN: attn-run %s --entry=favor_raw --check --reps=1 --warmup=0 --distribution=normal:1 | FileCheck %s
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
