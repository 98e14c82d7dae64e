// The online-softmax update of the GPU step (passes/Tiling/OnlineSoftmax.h
// in log2 units): per row, after the quad max, the shift (m' or 0 while
// m' = -inf) and alpha = ex2(m - m'), selected to 1 while m' = -inf (the
// documented rule: a row that has seen no visible key keeps l and acc);
// per score, one subtraction of the shift and one ex2, no guard.
// RUN: attn-opt %s --attn-nvgpu-fuse --canonicalize --attn-nvgpu-kernels \
// RUN:   | FileCheck %s --implicit-check-not=attn.online_attention

// CHECK: gpu.func @plain
// The step's constants: ln 2 (back to the op's units), then the update's.
// CHECK: arith.constant 0.693147182 : f32
// CHECK-NEXT: %[[NINF:.*]] = arith.constant 0xFF800000 : f32
// CHECK-NEXT: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// The row max over the quad, then m' = max(m log2(e), rowmax).
// CHECK: gpu.shuffle  xor
// CHECK: gpu.shuffle  xor
// CHECK: %[[MX:.*]] = arith.maxnumf
// CHECK-NEXT: %[[MIN:.*]] = arith.mulf
// CHECK-NEXT: %[[MN:.*]] = arith.maxnumf %[[MIN]], %[[MX]] : f32
// CHECK-NEXT: %[[DEAD:.*]] = arith.cmpf oeq, %[[MN]], %[[NINF]] : f32
// CHECK-NEXT: %[[SHIFT:.*]] = arith.select %[[DEAD]], %[[ZERO]], %[[MN]] : f32
// CHECK-NEXT: %[[AD:.*]] = arith.subf %[[MIN]], %[[MN]] fastmath<contract> : f32
// CHECK-NEXT: %[[AE:.*]] = llvm.call_intrinsic "llvm.nvvm.ex2.approx.ftz.f"(%[[AD]])
// CHECK-NEXT: %[[DEAD2:.*]] = arith.cmpf oeq, %[[MN]], %[[NINF]] : f32
// CHECK-NEXT: %[[ALPHA:.*]] = arith.select %[[DEAD2]], %[[ONE]], %[[AE]] : f32
// Each of the row's 16 scores: x - shift, ex2, the sum, the rounding.
// CHECK-COUNT-16: arith.subf %{{.*}}, %[[SHIFT]] fastmath<contract> : f32
// CHECK-NOT: arith.cmpf
// CHECK: gpu.shuffle  xor
// l' = alpha l + rowsum, and the accumulator's row scaled by alpha.
// CHECK: %[[KEPT:.*]] = arith.mulf %[[ALPHA]], %{{.*}} fastmath<contract> : f32
// CHECK-NEXT: arith.addf %[[KEPT]], %{{.*}} fastmath<contract> : f32
// CHECK-NEXT: vector.broadcast %[[ALPHA]] : f32 to vector<2xf32>
func.func @plain(%q: tensor<1x4x64x64xf16>, %k: tensor<1x4x64x64xf16>,
                 %v: tensor<1x4x64x64xf16>) -> tensor<1x4x64x64xf16> {
  %o = attn.attention %q, %k, %v
      : tensor<1x4x64x64xf16>, tensor<1x4x64x64xf16>, tensor<1x4x64x64xf16>
      -> tensor<1x4x64x64xf16>
  return %o : tensor<1x4x64x64xf16>
}
