// RUN: attn-opt %s --attn-fuse=split-kv=never --attn-cpu-lower-step --cse --mlir-print-local-scope | FileCheck %s
// RUN: attn-opt %s --attn-fuse=split-kv=never --attn-cpu-lower-step=vector-bits=256 | FileCheck %s --check-prefix=AVX2
// RUN: attn-opt %s --attn-fuse=split-kv=never --attn-cpu-lower-step=vector-bits=128 | FileCheck %s --check-prefix=SSE
// RUN: attn-opt %s --attn-fuse=split-kv=never --attn-cpu-lower-step=kernel=linalg | FileCheck %s --check-prefix=LINALG
// RUN: not attn-opt %s --attn-fuse=split-kv=never --attn-cpu-lower-step=vector-bits=100 2>&1 | FileCheck %s --check-prefix=BITS
// RUN: not attn-opt %s --attn-cpu-lower-step=kernel=bogus 2>&1 | FileCheck %s --check-prefix=ENUM

// The register micro-kernel of the CPU step (passes/CPU/StepKernel.cpp).

// Non-causal, 64 x 64 tiles, D = Dv = 64. Q^T (lanes over queries; the
// structure pre-scaled Q) is built once per query tile, before the key loops; each step
// is vector code only (after CSE merges the copies of Q^T that each key loop
// asked for): no linalg op, no K transpose, no horizontal
// reduction. Scores: blocks of 6 keys x 4 query vectors = 24 accumulators
// carried through the loop over D; K elements are broadcast.
// CHECK-LABEL: func.func @plain(
// CHECK: scf.forall
// CHECK: linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d1, d0)>, affine_map<(d0, d1) -> (d0, d1)>]{{.*}} outs(%{{.*}} : tensor<64x64xf32>)
// CHECK: scf.for {{.*}} -> (tensor<64xf32>, tensor<64xf32>, tensor<64x64xf32>)
// CHECK-NOT: linalg.
// CHECK-NOT: vector.reduction
// CHECK: scf.for {{.*}} -> ({{(vector<16xf32>, ){23}vector}}<16xf32>)
// CHECK: vector.transfer_read %{{.*}} {in_bounds = [true]} : tensor<64x64xf32>, vector<16xf32>
// CHECK: tensor.extract %{{.*}} : tensor<64x64xf32>
// CHECK-NEXT: vector.broadcast %{{.*}} : f32 to vector<16xf32>
// CHECK: arith.mulf %{{.*}}, %{{.*}} fastmath<contract> : vector<16xf32>
// CHECK-NEXT: arith.addf %{{.*}}, %{{.*}} fastmath<contract> : vector<16xf32>
// The max is element-wise across keys, per query lane.
// CHECK: arith.maxnumf %{{.*}}, %{{.*}} : vector<16xf32>
// P V: blocks of 6 query rows x 4 value vectors.
// CHECK: scf.for {{.*}} -> ({{(vector<16xf32>, ){23}vector}}<16xf32>)
// CHECK-NOT: linalg.
// CHECK-NOT: vector.reduction
// CHECK: attn.key_tiles = "full"
// 256-bit targets use the same 16-lane blocks (LLVM splits them into ymm
// pairs; faster than blocks sized for 16 ymm registers). 128-bit: 4 lanes,
// blocks of 6 keys x 2 query vectors (12 accumulators of 16 registers).
// AVX2-LABEL: func.func @plain(
// AVX2: scf.for {{.*}} -> ({{(vector<16xf32>, ){23}vector}}<16xf32>)
// AVX2: attn.key_tiles = "full"
// SSE-LABEL: func.func @plain(
// SSE: scf.for {{.*}} -> ({{(vector<4xf32>, ){11}vector}}<4xf32>)
// SSE-NOT: vector<16xf32>
// SSE: attn.key_tiles = "full"
// LINALG-LABEL: func.func @plain(
// LINALG-NOT: vector.
// LINALG: attn.key_tiles = "full"
// BITS: attn-cpu-lower-step: vector-bits must be 128, 256 or 512, got 100
// ENUM: kernel
func.func @plain(%q: tensor<1x2x128x64xf32>, %k: tensor<1x2x128x64xf32>,
                 %v: tensor<1x2x128x64xf32>) -> tensor<1x2x128x64xf32> {
  %o = attn.attention %q, %k, %v
      : tensor<1x2x128x64xf32>, tensor<1x2x128x64xf32>, tensor<1x2x128x64xf32>
      -> tensor<1x2x128x64xf32>
  return %o : tensor<1x2x128x64xf32>
}

// Causal: the diagonal (partial) tiles' score region is cloned with vector
// types: the query positions are a vector (q0 + iota), the key position a
// broadcast, and masked scores become -inf with a vector select.
// CHECK-LABEL: func.func @causal(
// CHECK: scf.for
// CHECK: vector.step : vector<16xindex>
// CHECK: arith.cmpi {{.*}} : vector<16xindex>
// CHECK: arith.select %{{.*}}, %{{.*}}, %{{.*}} : vector<16xi1>, vector<16xf32>
// CHECK: attn.key_tiles = "partial"
func.func @causal(%q: tensor<1x2x128x64xf32>, %k: tensor<1x2x128x64xf32>,
                  %v: tensor<1x2x128x64xf32>) -> tensor<1x2x128x64xf32> {
  %o = attn.attention %q, %k, %v {sparsity = #attn.causal}
      : tensor<1x2x128x64xf32>, tensor<1x2x128x64xf32>, tensor<1x2x128x64xf32>
      -> tensor<1x2x128x64xf32>
  return %o : tensor<1x2x128x64xf32>
}

// A mask operand is read per element inside the score region: such steps
// keep the linalg form (an element-wise generic reading the mask).
// CHECK-LABEL: func.func @mask(
// CHECK: scf.for
// CHECK: linalg.generic
// CHECK: tensor.extract %{{.*}} : tensor<1x1x128x128xi1>
func.func @mask(%q: tensor<1x2x128x64xf32>, %k: tensor<1x2x128x64xf32>,
                %v: tensor<1x2x128x64xf32>, %m: tensor<1x1x128x128xi1>)
    -> tensor<1x2x128x64xf32> {
  %o = attn.attention %q, %k, %v mask(%m : tensor<1x1x128x128xi1>)
      : tensor<1x2x128x64xf32>, tensor<1x2x128x64xf32>, tensor<1x2x128x64xf32>
      -> tensor<1x2x128x64xf32>
  return %o : tensor<1x2x128x64xf32>
}
