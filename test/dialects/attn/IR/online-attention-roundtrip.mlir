// RUN: attn-opt %s | attn-opt | FileCheck %s
// RUN: attn-opt %s --mlir-print-op-generic | attn-opt | FileCheck %s

// attn.online_attention, the per-tile step, survives print -> parse in the
// custom and the generic form: without a score region, with one (the
// absolute positions reach it), with a transposed key tile and a P type,
// and with dynamic tile sizes.

// CHECK-LABEL: func.func @plain
// CHECK: attn.online_attention ins(%{{.*}}, %{{.*}}, %{{.*}} : tensor<16x64xf32>, tensor<32x64xf16>, tensor<32x8xf16>) state(%{{.*}}, %{{.*}}, %{{.*}} : tensor<16xf32>, tensor<16xf32>, tensor<16x8xf32>) at(%{{.*}}, %{{.*}}) {scale = 1.250000e-01 : f64} : tensor<16xf32>, tensor<16xf32>, tensor<16x8xf32>
// CHECK-NOT: score
func.func @plain(%q: tensor<16x64xf32>, %k: tensor<32x64xf16>,
                 %v: tensor<32x8xf16>, %m: tensor<16xf32>, %l: tensor<16xf32>,
                 %a: tensor<16x8xf32>, %q0: index, %k0: index)
    -> (tensor<16xf32>, tensor<16xf32>, tensor<16x8xf32>) {
  %r:3 = attn.online_attention ins(%q, %k, %v : tensor<16x64xf32>,
      tensor<32x64xf16>, tensor<32x8xf16>)
      state(%m, %l, %a : tensor<16xf32>, tensor<16xf32>, tensor<16x8xf32>)
      at(%q0, %k0) {scale = 0.125 : f64}
      : tensor<16xf32>, tensor<16xf32>, tensor<16x8xf32>
  return %r#0, %r#1, %r#2 : tensor<16xf32>, tensor<16xf32>, tensor<16x8xf32>
}

// CHECK-LABEL: func.func @causal_region
// CHECK: attn.online_attention
// CHECK-SAME: at(%[[Q0:.*]], %[[K0:.*]]) {key_transposed, p_type = bf16, scale = 1.000000e+00 : f64} score {
// CHECK-NEXT: ^bb0(%[[S:.*]]: f32, %[[I:.*]]: index, %[[J:.*]]: index):
// CHECK-NEXT: %[[VIS:.*]] = arith.cmpi sle, %[[J]], %[[I]] : index
// CHECK: %[[R:.*]] = arith.select %[[VIS]], %[[S]], %{{.*}} : f32
// CHECK-NEXT: attn.yield %[[R]] : f32
// CHECK-NEXT: } : tensor<16xf32>, tensor<16xf32>, tensor<16x8xf32>
func.func @causal_region(%q: tensor<16x64xbf16>, %kt: tensor<64x32xbf16>,
                         %v: tensor<32x8xbf16>, %m: tensor<16xf32>,
                         %l: tensor<16xf32>, %a: tensor<16x8xf32>,
                         %q0: index, %k0: index)
    -> (tensor<16xf32>, tensor<16xf32>, tensor<16x8xf32>) {
  %r:3 = attn.online_attention ins(%q, %kt, %v : tensor<16x64xbf16>,
      tensor<64x32xbf16>, tensor<32x8xbf16>)
      state(%m, %l, %a : tensor<16xf32>, tensor<16xf32>, tensor<16x8xf32>)
      at(%q0, %k0) {scale = 1.0 : f64, key_transposed, p_type = bf16} score {
  ^bb0(%s: f32, %i: index, %j: index):
    %vis = arith.cmpi sle, %j, %i : index
    %ninf = arith.constant 0xFF800000 : f32
    %x = arith.select %vis, %s, %ninf : f32
    attn.yield %x : f32
  } : tensor<16xf32>, tensor<16xf32>, tensor<16x8xf32>
  return %r#0, %r#1, %r#2 : tensor<16xf32>, tensor<16xf32>, tensor<16x8xf32>
}

// CHECK-LABEL: func.func @dynamic
// CHECK: attn.online_attention ins({{.*}} : tensor<?x64xf32>, tensor<?x64xf32>, tensor<?x8xf32>) state({{.*}} : tensor<?xf32>, tensor<?xf32>, tensor<?x8xf32>)
func.func @dynamic(%q: tensor<?x64xf32>, %k: tensor<?x64xf32>,
                   %v: tensor<?x8xf32>, %m: tensor<?xf32>, %l: tensor<?xf32>,
                   %a: tensor<?x8xf32>, %q0: index, %k0: index)
    -> (tensor<?xf32>, tensor<?xf32>, tensor<?x8xf32>) {
  %r:3 = attn.online_attention ins(%q, %k, %v : tensor<?x64xf32>,
      tensor<?x64xf32>, tensor<?x8xf32>)
      state(%m, %l, %a : tensor<?xf32>, tensor<?xf32>, tensor<?x8xf32>)
      at(%q0, %k0) {scale = 0.125 : f64}
      : tensor<?xf32>, tensor<?xf32>, tensor<?x8xf32>
  return %r#0, %r#1, %r#2 : tensor<?xf32>, tensor<?xf32>, tensor<?x8xf32>
}
