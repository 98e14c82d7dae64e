// RUN: attn-opt %s --attn-fuse=split-kv=never | FileCheck %s
// RUN: attn-opt %s --attn-fuse="split-kv=never mapping=gpu-block key-layout=transposed bf16-dot=true pad-tiles=false prescale-query=false" \
// RUN:   | FileCheck %s --check-prefix=GPU
// RUN: attn-opt %s --attn-fuse=split-kv=never > %t.both
// RUN: taskset -c 0 attn-opt %s --attn-fuse=split-kv=never > %t.one
// RUN: diff %t.both %t.one

// The target-neutral fused structure: a parallel loop over (b, h, query
// tile), three key loops of attn.online_attention steps; only the partial
// loops' steps carry a score region, the full loop's do not. The target
// description's options change the loop mapping, the K layout, the padding,
// the P type and where the scale goes, not the structure. The output does
// not depend on the cores the tool runs on.

// CHECK-LABEL: func.func @dense
// CHECK: scf.forall (%{{.*}}, %{{.*}}, %{{.*}}) in (1, 2, %{{.*}}) shared_outs
// CHECK: tensor.pad
// CHECK: %[[QS:.*]] = linalg.generic {{.*}} ins(%{{.*}} : tensor<64x32xf32>)
// CHECK: arith.mulf
// CHECK: scf.for {{.*}} -> (tensor<64xf32>, tensor<64xf32>, tensor<64x32xf32>) {
// CHECK: attn.online_attention ins(%[[QS]], %{{.*}}, %{{.*}} : tensor<64x32xf32>, tensor<64x32xbf16>, tensor<64x32xbf16>) {{.*}} {scale = 1.000000e+00 : f64} score {
// CHECK: arith.cmpi slt
// CHECK: attn.yield
// CHECK: } {attn.key_tiles = "partial"}
// CHECK: scf.for
// CHECK-NOT: tensor.pad
// CHECK: attn.online_attention {{.*}} {scale = 1.000000e+00 : f64} : tensor<64xf32>, tensor<64xf32>, tensor<64x32xf32>
// CHECK-NEXT: scf.yield
// CHECK: } {attn.key_tiles = "full"}
// CHECK: scf.for
// CHECK: attn.online_attention {{.*}} score {
// CHECK: } {attn.key_tiles = "partial"}
// CHECK-NOT: mapping
// CHECK: return

// GPU-LABEL: func.func @dense
// GPU: scf.forall
// GPU: scf.for
// GPU-NOT: tensor.pad
// GPU: linalg.transpose ins(%{{.*}} : tensor<?x32xbf16>) outs(%{{.*}} : tensor<32x?xbf16>)
// GPU: attn.online_attention ins(%{{.*}}, %{{.*}}, %{{.*}} : tensor<64x32xbf16>, tensor<32x?xbf16>, tensor<?x32xbf16>) {{.*}} {key_transposed, p_type = bf16, scale = 0.17677669529663687 : f64}
// GPU-NOT: score {
// GPU: mapping = [#gpu.block<z>, #gpu.block<y>, #gpu.block<x>]
func.func @dense(%q: tensor<1x2x100x32xbf16>, %k: tensor<1x2x100x32xbf16>,
                 %v: tensor<1x2x100x32xbf16>) -> tensor<1x2x100x32xbf16> {
  %o = attn.attention %q, %k, %v
      : tensor<1x2x100x32xbf16>, tensor<1x2x100x32xbf16>, tensor<1x2x100x32xbf16>
      -> tensor<1x2x100x32xbf16>
  return %o : tensor<1x2x100x32xbf16>
}

// Causal with tiles that divide the sequence: partial steps test only the
// pattern (no bounds test), full steps nothing.
// CHECK-LABEL: func.func @causal
// CHECK: attn.online_attention {{.*}} score {
// CHECK-NEXT: ^bb0(%[[S:.*]]: f32, %[[I:.*]]: index, %[[J:.*]]: index):
// CHECK-NOT: arith.cmpi slt
// CHECK: %[[D:.*]] = arith.addi %[[I]], %{{.*}} : index
// CHECK-NEXT: %[[VIS:.*]] = arith.cmpi sle, %[[J]], %[[D]] : index
// CHECK: arith.select %[[VIS]], %[[S]]
// CHECK: } {attn.key_tiles = "partial"}
// CHECK: attn.online_attention {{.*}} : tensor<64xf32>, tensor<64xf32>, tensor<64x16xf32>
// CHECK: } {attn.key_tiles = "full"}
func.func @causal(%q: tensor<1x1x256x16xf32>, %k: tensor<1x1x256x16xf32>,
                  %v: tensor<1x1x256x16xf32>) -> tensor<1x1x256x16xf32> {
  %o = attn.attention %q, %k, %v {sparsity = #attn.causal}
      : tensor<1x1x256x16xf32>, tensor<1x1x256x16xf32>, tensor<1x1x256x16xf32>
      -> tensor<1x1x256x16xf32>
  return %o : tensor<1x1x256x16xf32>
}
