// RUN: attn-opt %s --attn-fuse="bf16-dot=true split-kv=never" --attn-cpu-lower-step | FileCheck %s
// RUN: attn-opt %s --attn-fuse="split-kv=never" --attn-cpu-lower-step | FileCheck %s --check-prefix=OFF

// attn-fuse{bf16-dot=true}: bf16 Q K^T and P V are contractions over pairs
// of the reduction dim (the operand layout of vdpbf16ps). K and V are
// repacked once per key tile to [pairs, keys|Dv, 2]; Q and P only need a
// view; the scale is applied to the f32 scores; P is rounded to bf16.

// CHECK-DAG: #[[KPACK:.+]] = affine_map<(d0, d1, d2) -> (d1, d0, d2)>
// CHECK-DAG: #[[VPACK:.+]] = affine_map<(d0, d1, d2) -> (d0, d2, d1)>
// CHECK-DAG: #[[LHS:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d3)>
// CHECK-DAG: #[[RHS:.+]] = affine_map<(d0, d1, d2, d3) -> (d1, d2, d3)>
// CHECK-DAG: #[[OUT:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d2)>
// CHECK-LABEL: func.func @bf16(
// CHECK: scf.for
// K tile [64 keys, 64] viewed as [64, 32 pairs, 2], packed to [32, 64, 2].
// CHECK: tensor.expand_shape %{{.*}} {{\[\[}}0], [1, 2]] output_shape [64, 32, 2] : tensor<64x64xbf16> into tensor<64x32x2xbf16>
// CHECK: linalg.generic {indexing_maps = [#[[KPACK]], {{.*}}]{{.*}} outs(%{{.*}} : tensor<32x64x2xbf16>)
// S = Q K^T: (i, p, j, v), both pair dims reduced, bf16 operands, f32 out.
// CHECK: linalg.generic {indexing_maps = [#[[LHS]], #[[RHS]], #[[OUT]]], iterator_types = ["parallel", "reduction", "parallel", "reduction"]} ins(%{{.*}}, %{{.*}} : tensor<64x32x2xbf16>, tensor<32x64x2xbf16>) outs(%{{.*}} : tensor<64x64xf32>)
// CHECK: arith.extf %{{.*}} : bf16 to f32
// CHECK: arith.extf %{{.*}} : bf16 to f32
// Scale on the f32 scores (0.125 = 1/sqrt(64)).
// CHECK: arith.mulf %{{.*}}, %{{.*}} : f32
// P rounded to bf16, V rows interleaved in pairs.
// CHECK: arith.truncf %{{.*}} : f32 to bf16
// CHECK: tensor.expand_shape %{{.*}} {{\[\[}}0, 1], [2]] output_shape [32, 2, 64] : tensor<64x64xbf16> into tensor<32x2x64xbf16>
// CHECK: linalg.generic {indexing_maps = [#[[VPACK]], {{.*}}]{{.*}} outs(%{{.*}} : tensor<32x64x2xbf16>)
// CHECK: linalg.generic {indexing_maps = [#[[LHS]], #[[RHS]], #[[OUT]]], iterator_types = ["parallel", "reduction", "parallel", "reduction"]} ins(%{{.*}}, %{{.*}} : tensor<64x32x2xbf16>, tensor<32x64x2xbf16>) outs(%{{.*}} : tensor<64x64xf32>)

// Without the option (or for f16/f32, odd D, odd key tiles) the f32 form.
// OFF-LABEL: func.func @bf16(
// OFF-NOT: tensor<32x64x2xbf16>
// OFF-NOT: "reduction", "parallel", "reduction"
// OFF: return
func.func @bf16(%q: tensor<1x2x128x64xbf16>, %k: tensor<1x2x128x64xbf16>,
                %v: tensor<1x2x128x64xbf16>) -> tensor<1x2x128x64xbf16> {
  %o = attn.attention %q, %k, %v
      : tensor<1x2x128x64xbf16>, tensor<1x2x128x64xbf16>,
        tensor<1x2x128x64xbf16> -> tensor<1x2x128x64xbf16>
  return %o : tensor<1x2x128x64xbf16>
}

// CHECK-LABEL: func.func @odd_head_dim(
// CHECK-NOT: "reduction", "parallel", "reduction"
// CHECK: return
func.func @odd_head_dim(%q: tensor<1x1x16x17xbf16>, %k: tensor<1x1x16x17xbf16>,
                        %v: tensor<1x1x16x17xbf16>) -> tensor<1x1x16x17xbf16> {
  %o = attn.attention %q, %k, %v
      : tensor<1x1x16x17xbf16>, tensor<1x1x16x17xbf16>,
        tensor<1x1x16x17xbf16> -> tensor<1x1x16x17xbf16>
  return %o : tensor<1x1x16x17xbf16>
}

// CHECK-LABEL: func.func @f16_unchanged(
// CHECK-NOT: "reduction", "parallel", "reduction"
// CHECK: return
func.func @f16_unchanged(%q: tensor<1x1x16x16xf16>, %k: tensor<1x1x16x16xf16>,
                         %v: tensor<1x1x16x16xf16>) -> tensor<1x1x16x16xf16> {
  %o = attn.attention %q, %k, %v
      : tensor<1x1x16x16xf16>, tensor<1x1x16x16xf16>,
        tensor<1x1x16x16xf16> -> tensor<1x1x16x16xf16>
  return %o : tensor<1x1x16x16xf16>
}
