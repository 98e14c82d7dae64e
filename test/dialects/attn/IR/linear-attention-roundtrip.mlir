// RUN: attn-opt %s | attn-opt | FileCheck %s
// RUN: attn-opt %s --mlir-print-op-generic | attn-opt | FileCheck %s

// Every form of attn.linear_attention survives print -> parse, in the
// custom and in the generic form.

// CHECK-LABEL: func.func @elu1
// CHECK: attn.linear_attention %{{.*}}, %{{.*}}, %{{.*}} {feature_map = #attn.feature_map<elu1>} : tensor<2x4x32x16xf32>, tensor<2x2x48x16xf32>, tensor<2x2x48x8xf32> -> tensor<2x4x32x8xf32>
func.func @elu1(%q: tensor<2x4x32x16xf32>, %k: tensor<2x2x48x16xf32>,
                %v: tensor<2x2x48x8xf32>) -> tensor<2x4x32x8xf32> {
  %o = attn.linear_attention %q, %k, %v {feature_map = #attn.feature_map<elu1>}
      : tensor<2x4x32x16xf32>, tensor<2x2x48x16xf32>, tensor<2x2x48x8xf32>
      -> tensor<2x4x32x8xf32>
  return %o : tensor<2x4x32x8xf32>
}

// CHECK-LABEL: func.func @all_attrs
// CHECK: attn.linear_attention %{{.*}}, %{{.*}}, %{{.*}} {causal, chunk_size = 32 : i64, decay = [5.000000e-01, 1.000000e+00], feature_map = #attn.feature_map<relu>, layout = #attn.layout<bshd>, normalize = false, scale = 2.500000e-01 : f64} : tensor<1x64x2x8xf16>, tensor<1x64x2x8xf16>, tensor<1x64x2x8xf16> -> tensor<1x64x2x8xf16>
func.func @all_attrs(%q: tensor<1x64x2x8xf16>) -> tensor<1x64x2x8xf16> {
  %o = attn.linear_attention %q, %q, %q
      {feature_map = #attn.feature_map<relu>, causal, normalize = false,
       decay = [0.5, 1.0], chunk_size = 32, scale = 0.25 : f64,
       layout = #attn.layout<bshd>}
      : tensor<1x64x2x8xf16>, tensor<1x64x2x8xf16>, tensor<1x64x2x8xf16>
      -> tensor<1x64x2x8xf16>
  return %o : tensor<1x64x2x8xf16>
}

// CHECK-LABEL: func.func @favor
// CHECK-SAME: %[[P:[^:]*]]: tensor<16x64xf32>
// CHECK: attn.linear_attention %{{.*}}, %{{.*}}, %{{.*}} projection(%[[P]] : tensor<16x64xf32>) {feature_map = #attn.feature_map<favor>} : tensor<1x2x?x16xbf16>, tensor<1x2x?x16xbf16>, tensor<1x2x?x16xbf16> -> tensor<1x2x?x16xbf16>
func.func @favor(%q: tensor<1x2x?x16xbf16>, %p: tensor<16x64xf32>)
    -> tensor<1x2x?x16xbf16> {
  %o = attn.linear_attention %q, %q, %q projection(%p : tensor<16x64xf32>)
      {feature_map = #attn.feature_map<favor>}
      : tensor<1x2x?x16xbf16>, tensor<1x2x?x16xbf16>, tensor<1x2x?x16xbf16>
      -> tensor<1x2x?x16xbf16>
  return %o : tensor<1x2x?x16xbf16>
}

// CHECK-LABEL: func.func @identity_cosine
// CHECK: {feature_map = #attn.feature_map<identity>}
// CHECK: {causal, feature_map = #attn.feature_map<cosine>, normalize = false}
func.func @identity_cosine(%q: tensor<1x1x8x4xf32>) -> tensor<1x1x8x4xf32> {
  %a = attn.linear_attention %q, %q, %q {feature_map = #attn.feature_map<identity>}
      : tensor<1x1x8x4xf32>, tensor<1x1x8x4xf32>, tensor<1x1x8x4xf32>
      -> tensor<1x1x8x4xf32>
  %b = attn.linear_attention %a, %q, %q
      {feature_map = #attn.feature_map<cosine>, causal, normalize = false}
      : tensor<1x1x8x4xf32>, tensor<1x1x8x4xf32>, tensor<1x1x8x4xf32>
      -> tensor<1x1x8x4xf32>
  return %b : tensor<1x1x8x4xf32>
}
