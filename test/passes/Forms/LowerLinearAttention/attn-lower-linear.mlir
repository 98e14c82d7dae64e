// RUN: attn-opt %s --attn-lower-linear -split-input-file | FileCheck %s

// Non-causal: one parallel loop over (batch, kv head) accumulating the
// [D', Dv] state and the [D'] normalizer over key chunks of 64 rows (whole
// chunks as static views; the partial last chunk padded and masked), then
// parallel loops over (batch, query head, query chunk) -- whole chunks,
// then the partial one -- multiplying phi(Q) by both. No S x S value exists.
// CHECK-LABEL: func.func @noncausal
// CHECK-NOT: 100x100
// CHECK: scf.forall (%{{.*}}, %{{.*}}) in (2, 2) shared_outs({{.*}}) -> (tensor<2x2x16x8xf32>, tensor<2x2x16xf32>)
// CHECK: scf.for {{.*}} iter_args({{.*}} = {{.*}}, {{.*}} = {{.*}}) -> (tensor<16x8xf32>, tensor<16xf32>)
// CHECK-NOT: tensor.pad
// CHECK: linalg.generic {{.*}} ins({{.*}} : tensor<16x64xf32>, tensor<64x8xf32>) outs({{.*}} : tensor<16x8xf32>)
// CHECK: {attn.chunk_rows = "whole", attn.linear_chunks = "keys"}
// CHECK: scf.for
// CHECK: tensor.pad
// CHECK: {attn.chunk_rows = "partial", attn.linear_chunks = "keys"}
// CHECK: scf.forall (%{{.*}}, %{{.*}}, %{{.*}}) in (2, 4, %{{.*}}) shared_outs({{.*}}) -> (tensor<2x4x100x8xf32>)
// CHECK: linalg.generic {{.*}} ins({{.*}} : tensor<64x16xf32>, tensor<16x8xf32>) outs({{.*}} : tensor<64x8xf32>)
// CHECK: arith.divf
// CHECK: {attn.chunk_rows = "whole"}
// CHECK: scf.forall
// CHECK: tensor.pad
// CHECK: {attn.chunk_rows = "partial"}
// CHECK-NOT: 100x100
// CHECK: return
func.func @noncausal(%q: tensor<2x4x100x16xf32>, %k: tensor<2x2x100x16xf32>,
    %v: tensor<2x2x100x8xf32>) -> tensor<2x4x100x8xf32> {
  %o = attn.linear_attention %q, %k, %v {feature_map = #attn.feature_map<elu1>}
      : tensor<2x4x100x16xf32>, tensor<2x2x100x16xf32>, tensor<2x2x100x8xf32>
      -> tensor<2x4x100x8xf32>
  return %o : tensor<2x4x100x8xf32>
}

// -----

// Causal with decay and Skv > Sq: one parallel loop over (batch, query
// head); a prefix loop feeds the 20 keys before the first diagonal into the
// state; the chunk loop carries (S, z, this head's output) and holds the
// masked [C, C] quadratic (C = 32 from chunk_size) plus the state product.
// CHECK-LABEL: func.func @causal_decay
// CHECK-NOT: 100x120
// CHECK: arith.constant dense<[-0.105360515, -0.693147182]> : tensor<2xf32>
// CHECK: scf.forall (%{{.*}}, %{{.*}}) in (1, 2) shared_outs({{.*}}) -> (tensor<1x2x100x8xf32>)
// CHECK: linalg.generic {{.*}} outs({{.*}} : tensor<32x32xf32>)
// CHECK: math.exp
// CHECK: scf.for {{.*}} -> (tensor<16x8xf32>, tensor<16xf32>)
// CHECK: {attn.chunk_rows = "whole", attn.linear_chunks = "prefix"}
// CHECK: {attn.chunk_rows = "partial", attn.linear_chunks = "prefix"}
// CHECK: tensor.extract_slice {{.*}} to tensor<100x8xf32>
// CHECK: scf.for {{.*}} -> (tensor<16x8xf32>, tensor<16xf32>, tensor<100x8xf32>)
// CHECK: linalg.generic {{.*}} ins({{.*}} : tensor<32x16xf32>, tensor<16x32xf32>) outs({{.*}} : tensor<32x32xf32>)
// CHECK: linalg.generic {{.*}} ins({{.*}} : tensor<32x16xf32>, tensor<16x8xf32>) outs({{.*}} : tensor<32x8xf32>)
// CHECK: linalg.generic {{.*}} ins({{.*}} : tensor<32x32xf32>, tensor<32x8xf32>) outs({{.*}} : tensor<32x8xf32>)
// CHECK: tensor.insert_slice {{.*}} into tensor<100x8xf32>
// CHECK: linalg.generic {{.*}} ins({{.*}} : tensor<16x32xf32>, tensor<32x8xf32>) outs({{.*}} : tensor<16x8xf32>)
// CHECK: {attn.chunk_rows = "whole", attn.linear_chunks = "causal"}
// CHECK: tensor.pad
// CHECK: {attn.chunk_rows = "partial", attn.linear_chunks = "causal"}
// CHECK: tensor.parallel_insert_slice {{.*}} into {{.*}}[{{.*}}, {{.*}}, 0, 0] [1, 1, 100, 8] [1, 1, 1, 1] : tensor<100x8xf32> into tensor<1x2x100x8xf32>
func.func @causal_decay(%q: tensor<1x2x100x16xf32>, %k: tensor<1x2x120x16xf32>,
    %v: tensor<1x2x120x8xf32>) -> tensor<1x2x100x8xf32> {
  %o = attn.linear_attention %q, %k, %v
      {feature_map = #attn.feature_map<relu>, causal, chunk_size = 32,
       decay = [0.9, 0.5]}
      : tensor<1x2x100x16xf32>, tensor<1x2x120x16xf32>, tensor<1x2x120x8xf32>
      -> tensor<1x2x100x8xf32>
  return %o : tensor<1x2x100x8xf32>
}

// -----

// FAVOR+, normalized (stabilized, docs/semantics.md "FAVOR+ stabilizers"):
// sqrt(scale) W and its transpose are built once outside the loops; the key
// loop carries the state, the normalizer and the per-feature shift T (the
// running max of the keys' exponents), computes the keys' exponents
// transposed ([M, C] = W'^T K^T), raises T by their row maximum, rescales S
// and z in place by exp(T_old - T_new) (1 while T is -inf), and yields the
// raised T. Queries add T to their projections and subtract their row
// maximum before exp.
// CHECK-LABEL: func.func @favor
// CHECK: linalg.generic {{.*}} ins(%{{.*}} : tensor<4x32xf32>) outs(%{{.*}} : tensor<4x32xf32>)
// CHECK: %[[WT:.*]] = linalg.generic {{.*}} ins(%{{.*}} : tensor<4x32xf32>) outs(%{{.*}} : tensor<32x4xf32>)
// CHECK: scf.forall
// CHECK: %[[NI:.*]] = arith.constant 0xFF800000 : f32
// CHECK: %[[NEGINF:.*]] = linalg.fill ins(%[[NI]] : f32) outs(%{{.*}} : tensor<32xf32>)
// CHECK: scf.for {{.*}} iter_args(%[[S:.*]] = %{{.*}}, %[[Z:.*]] = %{{.*}}, %[[T:.*]] = %[[NEGINF]]) -> (tensor<32x4xf32>, tensor<32xf32>, tensor<32xf32>)
// CHECK: %[[UT:.*]] = linalg.generic {{.*}} ins(%[[WT]], %{{.*}} : tensor<32x4xf32>, tensor<4x8xf32>) outs(%{{.*}} : tensor<32x8xf32>)
// CHECK: %[[CMAX:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "reduction"]} ins(%[[UT]], %{{.*}} : tensor<32x8xf32>, tensor<8xf32>) outs(%{{.*}} : tensor<32xf32>)
// CHECK: arith.maxnumf
// CHECK: %[[ALPHA:.*]] = linalg.generic {{.*}} ins(%[[T]], %[[CMAX]] : tensor<32xf32>, tensor<32xf32>)
// CHECK: %[[NEXT:.*]] = arith.maxnumf
// CHECK: math.exp
// CHECK: arith.cmpf oeq, %[[NEXT]]
// CHECK: linalg.generic {{.*}} ins(%[[ALPHA]] : tensor<32xf32>) outs(%[[S]] : tensor<32x4xf32>)
// CHECK: linalg.generic {{.*}} ins(%[[ALPHA]] : tensor<32xf32>) outs(%[[Z]] : tensor<32xf32>)
// CHECK: %[[T2:.*]] = linalg.generic {{.*}} ins(%[[CMAX]] : tensor<32xf32>) outs(%[[T]] : tensor<32xf32>)
// CHECK: linalg.generic {{.*}} ins(%[[UT]], %{{.*}}, %[[T2]] : tensor<32x8xf32>, tensor<8xf32>, tensor<32xf32>) outs(%{{.*}} : tensor<32x8xf32>)
// CHECK: math.exp
// CHECK: scf.yield %{{.*}}, %{{.*}}, %[[T2]] : tensor<32x4xf32>, tensor<32xf32>, tensor<32xf32>
// CHECK: scf.forall
// CHECK: %[[U:.*]] = linalg.generic {{.*}} ins(%{{.*}}, %{{.*}} : tensor<8x4xf32>, tensor<4x32xf32>) outs(%{{.*}} : tensor<8x32xf32>)
// CHECK: %[[M:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "reduction"]} ins(%[[U]], %[[SHIFT:.*]] : tensor<8x32xf32>, tensor<32xf32>) outs(%{{.*}} : tensor<8xf32>)
// CHECK: arith.maxnumf
// CHECK: linalg.generic {{.*}} ins(%[[U]], %[[SHIFT]], %[[M]] : tensor<8x32xf32>, tensor<32xf32>, tensor<8xf32>)
// CHECK: math.exp
func.func @favor(%q: tensor<1x1x8x4xf32>, %p: tensor<4x32xf32>)
    -> tensor<1x1x8x4xf32> {
  %o = attn.linear_attention %q, %q, %q projection(%p : tensor<4x32xf32>)
      {feature_map = #attn.feature_map<favor>}
      : tensor<1x1x8x4xf32>, tensor<1x1x8x4xf32>, tensor<1x1x8x4xf32>
      -> tensor<1x1x8x4xf32>
  return %o : tensor<1x1x8x4xf32>
}

// -----

// Causal favor: the prefix and chunk loops carry T with the state; each
// chunk raises it over its keys before its queries read it.
// CHECK-LABEL: func.func @favor_causal
// CHECK: scf.for {{.*}} -> (tensor<32x4xf32>, tensor<32xf32>, tensor<32xf32>)
// CHECK: scf.for {{.*}} -> (tensor<32x4xf32>, tensor<32xf32>, tensor<8x4xf32>, tensor<32xf32>)
func.func @favor_causal(%q: tensor<1x1x8x4xf32>, %k: tensor<1x1x12x4xf32>,
    %p: tensor<4x32xf32>) -> tensor<1x1x8x4xf32> {
  %o = attn.linear_attention %q, %k, %k projection(%p : tensor<4x32xf32>)
      {feature_map = #attn.feature_map<favor>, causal}
      : tensor<1x1x8x4xf32>, tensor<1x1x12x4xf32>, tensor<1x1x12x4xf32>
      -> tensor<1x1x8x4xf32>
  return %o : tensor<1x1x8x4xf32>
}

// -----

// Unnormalized favor keeps phi = exp(x' W - |x'|^2 / 2) / sqrt(M) as
// written (no factor would cancel): no shift is carried.
// CHECK-LABEL: func.func @favor_raw
// CHECK: scf.for {{.*}} -> (tensor<32x4xf32>, tensor<32xf32>)
// CHECK: linalg.generic {{.*}} ins({{.*}} : tensor<8x4xf32>, tensor<4x32xf32>) outs({{.*}} : tensor<8x32xf32>)
// CHECK: math.exp
// CHECK-NOT: arith.maxnumf
// CHECK-LABEL: return
func.func @favor_raw(%q: tensor<1x1x8x4xf32>, %p: tensor<4x32xf32>)
    -> tensor<1x1x8x4xf32> {
  %o = attn.linear_attention %q, %q, %q projection(%p : tensor<4x32xf32>)
      {feature_map = #attn.feature_map<favor>, normalize = false}
      : tensor<1x1x8x4xf32>, tensor<1x1x8x4xf32>, tensor<1x1x8x4xf32>
      -> tensor<1x1x8x4xf32>
  return %o : tensor<1x1x8x4xf32>
}
