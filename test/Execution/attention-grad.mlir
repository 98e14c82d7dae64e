// RUN: attn-run %s --check --reps=1 --warmup=0 --pipeline=unfused | FileCheck %s
// RUN: attn-run %s --check --reps=1 --warmup=0 --pipeline=fused --threads=2 --seed=5 | FileCheck %s

// attn.attention_grad against the float64 reference gradients
// (docs/semantics.md, "Gradients"). Every entry runs the forward first, so
// that O and lse are the forward's results for the seeded Q, K, V (as
// compiled code computes them; the reference evaluates the same two ops),
// then the backward with a seeded dO, and returns dQ, dK, dV. The fused
// pipeline fuses the forward; the backward goes through its unfused
// decomposition in both pipelines.

// GQA 4:2, odd sizes (Sq = 9, Skv = 13, D = 7, Dv = 5), no pattern.
// CHECK-LABEL: entry gqa_odd (
// CHECK: result #0 ({{.*}}): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 ({{.*}}): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #2 ({{.*}}): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @gqa_odd(%q: tensor<1x4x9x7xf32>, %k: tensor<1x2x13x7xf32>, %v: tensor<1x2x13x5xf32>,
    %do: tensor<1x4x9x5xf32>)
    -> (tensor<1x4x9x7xf32>, tensor<1x2x13x7xf32>, tensor<1x2x13x5xf32>) {
  %o, %lse = attn.attention %q, %k, %v
      : tensor<1x4x9x7xf32>, tensor<1x2x13x7xf32>, tensor<1x2x13x5xf32> -> tensor<1x4x9x5xf32>, tensor<1x4x9xf32>
  %dq, %dk, %dv = attn.attention_grad %q, %k, %v, %o, %lse, %do
      : tensor<1x4x9x7xf32>, tensor<1x2x13x7xf32>, tensor<1x2x13x5xf32>,
        tensor<1x4x9x5xf32>, tensor<1x4x9xf32>, tensor<1x4x9x5xf32>
      -> tensor<1x4x9x7xf32>, tensor<1x2x13x7xf32>, tensor<1x2x13x5xf32>
  return %dq, %dk, %dv : tensor<1x4x9x7xf32>, tensor<1x2x13x7xf32>, tensor<1x2x13x5xf32>
}

// MQA 4:1 in bshd, causal, B = 2.
// CHECK-LABEL: entry mqa_causal_bshd (
// CHECK: result #0 ({{.*}}): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 ({{.*}}): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #2 ({{.*}}): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @mqa_causal_bshd(%q: tensor<2x11x4x8xf32>, %k: tensor<2x11x1x8xf32>, %v: tensor<2x11x1x8xf32>,
    %do: tensor<2x11x4x8xf32>)
    -> (tensor<2x11x4x8xf32>, tensor<2x11x1x8xf32>, tensor<2x11x1x8xf32>) {
  %o, %lse = attn.attention %q, %k, %v {sparsity = #attn.causal, layout = #attn.layout<bshd>}
      : tensor<2x11x4x8xf32>, tensor<2x11x1x8xf32>, tensor<2x11x1x8xf32> -> tensor<2x11x4x8xf32>, tensor<2x4x11xf32>
  %dq, %dk, %dv = attn.attention_grad %q, %k, %v, %o, %lse, %do {sparsity = #attn.causal, layout = #attn.layout<bshd>}
      : tensor<2x11x4x8xf32>, tensor<2x11x1x8xf32>, tensor<2x11x1x8xf32>,
        tensor<2x11x4x8xf32>, tensor<2x4x11xf32>, tensor<2x11x4x8xf32>
      -> tensor<2x11x4x8xf32>, tensor<2x11x1x8xf32>, tensor<2x11x1x8xf32>
  return %dq, %dk, %dv : tensor<2x11x4x8xf32>, tensor<2x11x1x8xf32>, tensor<2x11x1x8xf32>
}

// Causal with Sq = 12 > Skv = 8 (bottom-right aligned): rows 0-3 see no
// key; their dQ is 0 and they add nothing to dK, dV.
// CHECK-LABEL: entry fully_masked_rows (
// CHECK: result #0 ({{.*}}): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 ({{.*}}): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #2 ({{.*}}): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @fully_masked_rows(%q: tensor<1x2x12x8xf32>, %k: tensor<1x2x8x8xf32>, %v: tensor<1x2x8x8xf32>,
    %do: tensor<1x2x12x8xf32>)
    -> (tensor<1x2x12x8xf32>, tensor<1x2x8x8xf32>, tensor<1x2x8x8xf32>) {
  %o, %lse = attn.attention %q, %k, %v {sparsity = #attn.causal}
      : tensor<1x2x12x8xf32>, tensor<1x2x8x8xf32>, tensor<1x2x8x8xf32> -> tensor<1x2x12x8xf32>, tensor<1x2x12xf32>
  %dq, %dk, %dv = attn.attention_grad %q, %k, %v, %o, %lse, %do {sparsity = #attn.causal}
      : tensor<1x2x12x8xf32>, tensor<1x2x8x8xf32>, tensor<1x2x8x8xf32>,
        tensor<1x2x12x8xf32>, tensor<1x2x12xf32>, tensor<1x2x12x8xf32>
      -> tensor<1x2x12x8xf32>, tensor<1x2x8x8xf32>, tensor<1x2x8x8xf32>
  return %dq, %dk, %dv : tensor<1x2x12x8xf32>, tensor<1x2x8x8xf32>, tensor<1x2x8x8xf32>
}

// Softcap (its chain rule), ALiBi and a per-head bias, scale given.
// CHECK-LABEL: entry softcap_alibi_bias (
// CHECK: result #0 ({{.*}}): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 ({{.*}}): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #2 ({{.*}}): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @softcap_alibi_bias(%q: tensor<1x2x10x8xf32>, %k: tensor<1x2x14x8xf32>, %v: tensor<1x2x14x8xf32>,
    %do: tensor<1x2x10x8xf32>, %bias: tensor<1x2x10x14xf32>, %slopes: tensor<2xf32>)
    -> (tensor<1x2x10x8xf32>, tensor<1x2x14x8xf32>, tensor<1x2x14x8xf32>) {
  %o, %lse = attn.attention %q, %k, %v
      bias(%bias : tensor<1x2x10x14xf32>) alibi(%slopes : tensor<2xf32>) {softcap = 2.0 : f64, scale = 0.5 : f64}
      : tensor<1x2x10x8xf32>, tensor<1x2x14x8xf32>, tensor<1x2x14x8xf32> -> tensor<1x2x10x8xf32>, tensor<1x2x10xf32>
  %dq, %dk, %dv = attn.attention_grad %q, %k, %v, %o, %lse, %do
      bias(%bias : tensor<1x2x10x14xf32>) alibi(%slopes : tensor<2xf32>) {softcap = 2.0 : f64, scale = 0.5 : f64}
      : tensor<1x2x10x8xf32>, tensor<1x2x14x8xf32>, tensor<1x2x14x8xf32>,
        tensor<1x2x10x8xf32>, tensor<1x2x10xf32>, tensor<1x2x10x8xf32>
      -> tensor<1x2x10x8xf32>, tensor<1x2x14x8xf32>, tensor<1x2x14x8xf32>
  return %dq, %dk, %dv : tensor<1x2x10x8xf32>, tensor<1x2x14x8xf32>, tensor<1x2x14x8xf32>
}

// A random boolean mask broadcast over heads (rows may be fully masked).
// CHECK-LABEL: entry mask (
// CHECK: result #0 ({{.*}}): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 ({{.*}}): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #2 ({{.*}}): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @mask(%q: tensor<2x2x9x8xf32>, %k: tensor<2x1x11x8xf32>, %v: tensor<2x1x11x8xf32>,
    %do: tensor<2x2x9x8xf32>, %m: tensor<2x1x9x11xi1>)
    -> (tensor<2x2x9x8xf32>, tensor<2x1x11x8xf32>, tensor<2x1x11x8xf32>) {
  %o, %lse = attn.attention %q, %k, %v
      mask(%m : tensor<2x1x9x11xi1>)
      : tensor<2x2x9x8xf32>, tensor<2x1x11x8xf32>, tensor<2x1x11x8xf32> -> tensor<2x2x9x8xf32>, tensor<2x2x9xf32>
  %dq, %dk, %dv = attn.attention_grad %q, %k, %v, %o, %lse, %do
      mask(%m : tensor<2x1x9x11xi1>)
      : tensor<2x2x9x8xf32>, tensor<2x1x11x8xf32>, tensor<2x1x11x8xf32>,
        tensor<2x2x9x8xf32>, tensor<2x2x9xf32>, tensor<2x2x9x8xf32>
      -> tensor<2x2x9x8xf32>, tensor<2x1x11x8xf32>, tensor<2x1x11x8xf32>
  return %dq, %dk, %dv : tensor<2x2x9x8xf32>, tensor<2x1x11x8xf32>, tensor<2x1x11x8xf32>
}

// Sliding window.
// CHECK-LABEL: entry sliding_window (
// CHECK: result #0 ({{.*}}): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 ({{.*}}): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #2 ({{.*}}): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @sliding_window(%q: tensor<1x2x16x8xf32>, %k: tensor<1x2x16x8xf32>, %v: tensor<1x2x16x8xf32>,
    %do: tensor<1x2x16x8xf32>)
    -> (tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32>) {
  %o, %lse = attn.attention %q, %k, %v {sparsity = #attn.sliding_window<left = 3, right = 1>}
      : tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32> -> tensor<1x2x16x8xf32>, tensor<1x2x16xf32>
  %dq, %dk, %dv = attn.attention_grad %q, %k, %v, %o, %lse, %do {sparsity = #attn.sliding_window<left = 3, right = 1>}
      : tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32>,
        tensor<1x2x16x8xf32>, tensor<1x2x16xf32>, tensor<1x2x16x8xf32>
      -> tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32>
  return %dq, %dk, %dv : tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32>
}

// Dilated window.
// CHECK-LABEL: entry dilated_window (
// CHECK: result #0 ({{.*}}): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 ({{.*}}): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #2 ({{.*}}): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @dilated_window(%q: tensor<1x2x16x8xf32>, %k: tensor<1x2x16x8xf32>, %v: tensor<1x2x16x8xf32>,
    %do: tensor<1x2x16x8xf32>)
    -> (tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32>) {
  %o, %lse = attn.attention %q, %k, %v {sparsity = #attn.dilated_window<left = 3, right = 1, dilation = 2>}
      : tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32> -> tensor<1x2x16x8xf32>, tensor<1x2x16xf32>
  %dq, %dk, %dv = attn.attention_grad %q, %k, %v, %o, %lse, %do {sparsity = #attn.dilated_window<left = 3, right = 1, dilation = 2>}
      : tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32>,
        tensor<1x2x16x8xf32>, tensor<1x2x16xf32>, tensor<1x2x16x8xf32>
      -> tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32>
  return %dq, %dk, %dv : tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32>
}

// Global tokens united with causal.
// CHECK-LABEL: entry global_union_causal (
// CHECK: result #0 ({{.*}}): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 ({{.*}}): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #2 ({{.*}}): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @global_union_causal(%q: tensor<1x2x13x8xf32>, %k: tensor<1x2x13x8xf32>, %v: tensor<1x2x13x8xf32>,
    %do: tensor<1x2x13x8xf32>)
    -> (tensor<1x2x13x8xf32>, tensor<1x2x13x8xf32>, tensor<1x2x13x8xf32>) {
  %o, %lse = attn.attention %q, %k, %v {sparsity = #attn.union<[#attn.global<keys = 2, queries = 1>, #attn.causal]>}
      : tensor<1x2x13x8xf32>, tensor<1x2x13x8xf32>, tensor<1x2x13x8xf32> -> tensor<1x2x13x8xf32>, tensor<1x2x13xf32>
  %dq, %dk, %dv = attn.attention_grad %q, %k, %v, %o, %lse, %do {sparsity = #attn.union<[#attn.global<keys = 2, queries = 1>, #attn.causal]>}
      : tensor<1x2x13x8xf32>, tensor<1x2x13x8xf32>, tensor<1x2x13x8xf32>,
        tensor<1x2x13x8xf32>, tensor<1x2x13xf32>, tensor<1x2x13x8xf32>
      -> tensor<1x2x13x8xf32>, tensor<1x2x13x8xf32>, tensor<1x2x13x8xf32>
  return %dq, %dk, %dv : tensor<1x2x13x8xf32>, tensor<1x2x13x8xf32>, tensor<1x2x13x8xf32>
}

// 2-d neighborhood over a 4x4 grid.
// CHECK-LABEL: entry neighborhood (
// CHECK: result #0 ({{.*}}): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 ({{.*}}): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #2 ({{.*}}): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @neighborhood(%q: tensor<1x1x16x8xf32>, %k: tensor<1x1x16x8xf32>, %v: tensor<1x1x16x8xf32>,
    %do: tensor<1x1x16x8xf32>)
    -> (tensor<1x1x16x8xf32>, tensor<1x1x16x8xf32>, tensor<1x1x16x8xf32>) {
  %o, %lse = attn.attention %q, %k, %v {sparsity = #attn.neighborhood<grid = 4x4, kernel = 3x3>}
      : tensor<1x1x16x8xf32>, tensor<1x1x16x8xf32>, tensor<1x1x16x8xf32> -> tensor<1x1x16x8xf32>, tensor<1x1x16xf32>
  %dq, %dk, %dv = attn.attention_grad %q, %k, %v, %o, %lse, %do {sparsity = #attn.neighborhood<grid = 4x4, kernel = 3x3>}
      : tensor<1x1x16x8xf32>, tensor<1x1x16x8xf32>, tensor<1x1x16x8xf32>,
        tensor<1x1x16x8xf32>, tensor<1x1x16xf32>, tensor<1x1x16x8xf32>
      -> tensor<1x1x16x8xf32>, tensor<1x1x16x8xf32>, tensor<1x1x16x8xf32>
  return %dq, %dk, %dv : tensor<1x1x16x8xf32>, tensor<1x1x16x8xf32>, tensor<1x1x16x8xf32>
}

// A static block layout.
// CHECK-LABEL: entry block_layout (
// CHECK: result #0 ({{.*}}): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 ({{.*}}): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #2 ({{.*}}): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @block_layout(%q: tensor<1x2x12x8xf32>, %k: tensor<1x2x12x8xf32>, %v: tensor<1x2x12x8xf32>,
    %do: tensor<1x2x12x8xf32>)
    -> (tensor<1x2x12x8xf32>, tensor<1x2x12x8xf32>, tensor<1x2x12x8xf32>) {
  %o, %lse = attn.attention %q, %k, %v {sparsity = #attn.block_layout<block = 4x4, [[1, 0, 0], [1, 1, 0], [0, 1, 1]]>}
      : tensor<1x2x12x8xf32>, tensor<1x2x12x8xf32>, tensor<1x2x12x8xf32> -> tensor<1x2x12x8xf32>, tensor<1x2x12xf32>
  %dq, %dk, %dv = attn.attention_grad %q, %k, %v, %o, %lse, %do {sparsity = #attn.block_layout<block = 4x4, [[1, 0, 0], [1, 1, 0], [0, 1, 1]]>}
      : tensor<1x2x12x8xf32>, tensor<1x2x12x8xf32>, tensor<1x2x12x8xf32>,
        tensor<1x2x12x8xf32>, tensor<1x2x12xf32>, tensor<1x2x12x8xf32>
      -> tensor<1x2x12x8xf32>, tensor<1x2x12x8xf32>, tensor<1x2x12x8xf32>
  return %dq, %dk, %dv : tensor<1x2x12x8xf32>, tensor<1x2x12x8xf32>, tensor<1x2x12x8xf32>
}

// Documents (generated offsets) intersected with causal.
// CHECK-LABEL: entry documents (
// CHECK: result #0 ({{.*}}): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 ({{.*}}): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #2 ({{.*}}): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @documents(%q: tensor<1x2x15x8xf32>, %k: tensor<1x1x15x8xf32>, %v: tensor<1x1x15x8xf32>,
    %do: tensor<1x2x15x8xf32>, %offs: tensor<4xi32>)
    -> (tensor<1x2x15x8xf32>, tensor<1x1x15x8xf32>, tensor<1x1x15x8xf32>) {
  %o, %lse = attn.attention %q, %k, %v
      documents(%offs : tensor<4xi32>) {sparsity = #attn.intersect<[#attn.documents, #attn.causal]>}
      : tensor<1x2x15x8xf32>, tensor<1x1x15x8xf32>, tensor<1x1x15x8xf32> -> tensor<1x2x15x8xf32>, tensor<1x2x15xf32>
  %dq, %dk, %dv = attn.attention_grad %q, %k, %v, %o, %lse, %do
      documents(%offs : tensor<4xi32>) {sparsity = #attn.intersect<[#attn.documents, #attn.causal]>}
      : tensor<1x2x15x8xf32>, tensor<1x1x15x8xf32>, tensor<1x1x15x8xf32>,
        tensor<1x2x15x8xf32>, tensor<1x2x15xf32>, tensor<1x2x15x8xf32>
      -> tensor<1x2x15x8xf32>, tensor<1x1x15x8xf32>, tensor<1x1x15x8xf32>
  return %dq, %dk, %dv : tensor<1x2x15x8xf32>, tensor<1x1x15x8xf32>, tensor<1x1x15x8xf32>
}

// A generated block table per KV head with full flags, causal inside
// listed blocks.
// CHECK-LABEL: entry block_table (
// CHECK: result #0 ({{.*}}): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 ({{.*}}): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #2 ({{.*}}): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @block_table(%q: tensor<1x4x10x8xf32>, %k: tensor<1x2x14x8xf32>, %v: tensor<1x2x14x8xf32>,
    %do: tensor<1x4x10x8xf32>, %rp: tensor<1x2x5xi32>, %cols: tensor<1x2x12xi32>, %full: tensor<1x2x12xi1>)
    -> (tensor<1x4x10x8xf32>, tensor<1x2x14x8xf32>, tensor<1x2x14x8xf32>) {
  %o, %lse = attn.attention %q, %k, %v
      blocks(%rp, %cols : tensor<1x2x5xi32>, tensor<1x2x12xi32>)
      full_blocks(%full : tensor<1x2x12xi1>) {sparsity = #attn.causal, block_size = #attn.tiling<query = 3, key = 4>}
      : tensor<1x4x10x8xf32>, tensor<1x2x14x8xf32>, tensor<1x2x14x8xf32> -> tensor<1x4x10x8xf32>, tensor<1x4x10xf32>
  %dq, %dk, %dv = attn.attention_grad %q, %k, %v, %o, %lse, %do
      blocks(%rp, %cols : tensor<1x2x5xi32>, tensor<1x2x12xi32>)
      full_blocks(%full : tensor<1x2x12xi1>) {sparsity = #attn.causal, block_size = #attn.tiling<query = 3, key = 4>}
      : tensor<1x4x10x8xf32>, tensor<1x2x14x8xf32>, tensor<1x2x14x8xf32>,
        tensor<1x4x10x8xf32>, tensor<1x4x10xf32>, tensor<1x4x10x8xf32>
      -> tensor<1x4x10x8xf32>, tensor<1x2x14x8xf32>, tensor<1x2x14x8xf32>
  return %dq, %dk, %dv : tensor<1x4x10x8xf32>, tensor<1x2x14x8xf32>, tensor<1x2x14x8xf32>
}

// bf16 operands (f32 accumulation), GQA, causal.
// CHECK-LABEL: entry bf16 (
// CHECK: result #0 ({{.*}}): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 ({{.*}}): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #2 ({{.*}}): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @bf16(%q: tensor<1x4x9x8xbf16>, %k: tensor<1x2x9x8xbf16>, %v: tensor<1x2x9x8xbf16>,
    %do: tensor<1x4x9x8xbf16>)
    -> (tensor<1x4x9x8xbf16>, tensor<1x2x9x8xbf16>, tensor<1x2x9x8xbf16>) {
  %o, %lse = attn.attention %q, %k, %v {sparsity = #attn.causal}
      : tensor<1x4x9x8xbf16>, tensor<1x2x9x8xbf16>, tensor<1x2x9x8xbf16> -> tensor<1x4x9x8xbf16>, tensor<1x4x9xf32>
  %dq, %dk, %dv = attn.attention_grad %q, %k, %v, %o, %lse, %do {sparsity = #attn.causal}
      : tensor<1x4x9x8xbf16>, tensor<1x2x9x8xbf16>, tensor<1x2x9x8xbf16>,
        tensor<1x4x9x8xbf16>, tensor<1x4x9xf32>, tensor<1x4x9x8xbf16>
      -> tensor<1x4x9x8xbf16>, tensor<1x2x9x8xbf16>, tensor<1x2x9x8xbf16>
  return %dq, %dk, %dv : tensor<1x4x9x8xbf16>, tensor<1x2x9x8xbf16>, tensor<1x2x9x8xbf16>
}
