// RUN: attn-opt %s | attn-opt | FileCheck %s
// RUN: attn-opt %s --mlir-print-op-generic | attn-opt | FileCheck %s

// Every form of attn.attention survives print -> parse, in the custom and in
// the generic form.

// CHECK-LABEL: func.func @plain
// CHECK-SAME: (%[[Q:.*]]: tensor<2x4x32x16xf32>, %[[K:.*]]: tensor<2x4x48x16xf32>, %[[V:.*]]: tensor<2x4x48x8xf32>)
// CHECK: %[[O:.*]] = attn.attention %[[Q]], %[[K]], %[[V]] : tensor<2x4x32x16xf32>, tensor<2x4x48x16xf32>, tensor<2x4x48x8xf32> -> tensor<2x4x32x8xf32>
// CHECK-NEXT: return %[[O]]
func.func @plain(%q: tensor<2x4x32x16xf32>, %k: tensor<2x4x48x16xf32>,
                 %v: tensor<2x4x48x8xf32>) -> tensor<2x4x32x8xf32> {
  %o = attn.attention %q, %k, %v
      : tensor<2x4x32x16xf32>, tensor<2x4x48x16xf32>, tensor<2x4x48x8xf32>
      -> tensor<2x4x32x8xf32>
  return %o : tensor<2x4x32x8xf32>
}

// CHECK-LABEL: func.func @mask_rank2
// CHECK-SAME: %[[M:[^:]*]]: tensor<32x48xi1>
// CHECK: attn.attention %{{.*}}, %{{.*}}, %{{.*}} mask(%[[M]] : tensor<32x48xi1>) : tensor<2x4x32x16xf32>, tensor<2x4x48x16xf32>, tensor<2x4x48x16xf32> -> tensor<2x4x32x16xf32>
func.func @mask_rank2(%q: tensor<2x4x32x16xf32>, %k: tensor<2x4x48x16xf32>,
                      %v: tensor<2x4x48x16xf32>, %m: tensor<32x48xi1>)
    -> tensor<2x4x32x16xf32> {
  %o = attn.attention %q, %k, %v mask(%m : tensor<32x48xi1>)
      : tensor<2x4x32x16xf32>, tensor<2x4x48x16xf32>, tensor<2x4x48x16xf32>
      -> tensor<2x4x32x16xf32>
  return %o : tensor<2x4x32x16xf32>
}

// CHECK-LABEL: func.func @mask_rank4
// CHECK: attn.attention %{{.*}}, %{{.*}}, %{{.*}} mask(%{{.*}} : tensor<2x4x32x48xi1>) :
func.func @mask_rank4(%q: tensor<2x4x32x16xf32>, %k: tensor<2x4x48x16xf32>,
                      %v: tensor<2x4x48x16xf32>, %m: tensor<2x4x32x48xi1>)
    -> tensor<2x4x32x16xf32> {
  %o = attn.attention %q, %k, %v mask(%m : tensor<2x4x32x48xi1>)
      : tensor<2x4x32x16xf32>, tensor<2x4x48x16xf32>, tensor<2x4x48x16xf32>
      -> tensor<2x4x32x16xf32>
  return %o : tensor<2x4x32x16xf32>
}

// Broadcast: one mask row per batch (padding mask), shared by heads and rows.
// CHECK-LABEL: func.func @mask_broadcast
// CHECK: mask(%{{.*}} : tensor<2x1x1x48xi1>) :
// CHECK-LABEL: func.func @mask_broadcast_rank3
// CHECK: mask(%{{.*}} : tensor<4x1x48xi1>) :
func.func @mask_broadcast(%q: tensor<2x4x32x16xf32>, %k: tensor<2x4x48x16xf32>,
                          %v: tensor<2x4x48x16xf32>, %m: tensor<2x1x1x48xi1>)
    -> tensor<2x4x32x16xf32> {
  %o = attn.attention %q, %k, %v mask(%m : tensor<2x1x1x48xi1>)
      : tensor<2x4x32x16xf32>, tensor<2x4x48x16xf32>, tensor<2x4x48x16xf32>
      -> tensor<2x4x32x16xf32>
  return %o : tensor<2x4x32x16xf32>
}
func.func @mask_broadcast_rank3(%q: tensor<2x4x32x16xf32>,
                                %k: tensor<2x4x48x16xf32>,
                                %v: tensor<2x4x48x16xf32>,
                                %m: tensor<4x1x48xi1>)
    -> tensor<2x4x32x16xf32> {
  %o = attn.attention %q, %k, %v mask(%m : tensor<4x1x48xi1>)
      : tensor<2x4x32x16xf32>, tensor<2x4x48x16xf32>, tensor<2x4x48x16xf32>
      -> tensor<2x4x32x16xf32>
  return %o : tensor<2x4x32x16xf32>
}

// An f32 bias on f16 attention.
// CHECK-LABEL: func.func @bias_f32
// CHECK-SAME: %[[B:[^:]*]]: tensor<1x4x32x48xf32>
// CHECK: attn.attention %{{.*}}, %{{.*}}, %{{.*}} bias(%[[B]] : tensor<1x4x32x48xf32>) : tensor<2x4x32x16xf16>, tensor<2x4x48x16xf16>, tensor<2x4x48x16xf16> -> tensor<2x4x32x16xf16>
func.func @bias_f32(%q: tensor<2x4x32x16xf16>, %k: tensor<2x4x48x16xf16>,
                    %v: tensor<2x4x48x16xf16>, %b: tensor<1x4x32x48xf32>)
    -> tensor<2x4x32x16xf16> {
  %o = attn.attention %q, %k, %v bias(%b : tensor<1x4x32x48xf32>)
      : tensor<2x4x32x16xf16>, tensor<2x4x48x16xf16>, tensor<2x4x48x16xf16>
      -> tensor<2x4x32x16xf16>
  return %o : tensor<2x4x32x16xf16>
}

// A bias of the query's own type (bf16), rank 2.
// CHECK-LABEL: func.func @bias_same_type
// CHECK: bias(%{{.*}} : tensor<32x48xbf16>) : tensor<2x4x32x16xbf16>,
func.func @bias_same_type(%q: tensor<2x4x32x16xbf16>, %k: tensor<2x4x48x16xbf16>,
                          %v: tensor<2x4x48x16xbf16>, %b: tensor<32x48xbf16>)
    -> tensor<2x4x32x16xbf16> {
  %o = attn.attention %q, %k, %v bias(%b : tensor<32x48xbf16>)
      : tensor<2x4x32x16xbf16>, tensor<2x4x48x16xbf16>, tensor<2x4x48x16xbf16>
      -> tensor<2x4x32x16xbf16>
  return %o : tensor<2x4x32x16xbf16>
}

// CHECK-LABEL: func.func @alibi
// CHECK-SAME: %[[S:[^:]*]]: tensor<4xf32>
// CHECK: attn.attention %{{.*}}, %{{.*}}, %{{.*}} alibi(%[[S]] : tensor<4xf32>) : tensor<2x4x32x16xf32>,
func.func @alibi(%q: tensor<2x4x32x16xf32>, %k: tensor<2x4x48x16xf32>,
                 %v: tensor<2x4x48x16xf32>, %s: tensor<4xf32>)
    -> tensor<2x4x32x16xf32> {
  %o = attn.attention %q, %k, %v alibi(%s : tensor<4xf32>)
      : tensor<2x4x32x16xf32>, tensor<2x4x48x16xf32>, tensor<2x4x48x16xf32>
      -> tensor<2x4x32x16xf32>
  return %o : tensor<2x4x32x16xf32>
}

// All three optional operands together keep their order and types.
// CHECK-LABEL: func.func @mask_bias_alibi
// CHECK-SAME: (%{{[^:]*}}: tensor<2x4x32x16xf32>, %{{[^:]*}}: tensor<2x4x48x16xf32>, %{{[^:]*}}: tensor<2x4x48x16xf32>, %[[M:[^:]*]]: tensor<32x48xi1>, %[[B:[^:]*]]: tensor<2x1x32x48xf32>, %[[S:[^:]*]]: tensor<4xf32>)
// CHECK: mask(%[[M]] : tensor<32x48xi1>) bias(%[[B]] : tensor<2x1x32x48xf32>) alibi(%[[S]] : tensor<4xf32>) {sparsity = #attn.causal} :
func.func @mask_bias_alibi(%q: tensor<2x4x32x16xf32>, %k: tensor<2x4x48x16xf32>,
                           %v: tensor<2x4x48x16xf32>, %m: tensor<32x48xi1>,
                           %b: tensor<2x1x32x48xf32>, %s: tensor<4xf32>)
    -> tensor<2x4x32x16xf32> {
  %o = attn.attention %q, %k, %v mask(%m : tensor<32x48xi1>)
      bias(%b : tensor<2x1x32x48xf32>) alibi(%s : tensor<4xf32>)
      {sparsity = #attn.causal}
      : tensor<2x4x32x16xf32>, tensor<2x4x48x16xf32>, tensor<2x4x48x16xf32>
      -> tensor<2x4x32x16xf32>
  return %o : tensor<2x4x32x16xf32>
}

// CHECK-LABEL: func.func @scale
// CHECK: attn.attention {{.*}} {scale = 5.000000e-01 : f64} :
func.func @scale(%q: tensor<1x2x8x4xf32>, %k: tensor<1x2x8x4xf32>,
                 %v: tensor<1x2x8x4xf32>) -> tensor<1x2x8x4xf32> {
  %o = attn.attention %q, %k, %v {scale = 0.5 : f64}
      : tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>
      -> tensor<1x2x8x4xf32>
  return %o : tensor<1x2x8x4xf32>
}

// CHECK-LABEL: func.func @softcap
// CHECK: attn.attention {{.*}} {softcap = 3.000000e+01 : f64} :
func.func @softcap(%q: tensor<1x2x8x4xf32>, %k: tensor<1x2x8x4xf32>,
                   %v: tensor<1x2x8x4xf32>) -> tensor<1x2x8x4xf32> {
  %o = attn.attention %q, %k, %v {softcap = 30.0 : f64}
      : tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>
      -> tensor<1x2x8x4xf32>
  return %o : tensor<1x2x8x4xf32>
}

// CHECK-LABEL: func.func @causal
// CHECK: attn.attention {{.*}} {sparsity = #attn.causal} :
func.func @causal(%q: tensor<1x2x8x4xf32>, %k: tensor<1x2x8x4xf32>,
                  %v: tensor<1x2x8x4xf32>) -> tensor<1x2x8x4xf32> {
  %o = attn.attention %q, %k, %v {sparsity = #attn.causal}
      : tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>
      -> tensor<1x2x8x4xf32>
  return %o : tensor<1x2x8x4xf32>
}

// CHECK-LABEL: func.func @sliding_window
// CHECK: attn.attention {{.*}} {sparsity = #attn.sliding_window<left = 3, right = 1>} :
func.func @sliding_window(%q: tensor<1x2x8x4xf32>, %k: tensor<1x2x8x4xf32>,
                          %v: tensor<1x2x8x4xf32>) -> tensor<1x2x8x4xf32> {
  %o = attn.attention %q, %k, %v
      {sparsity = #attn.sliding_window<left = 3, right = 1>}
      : tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>
      -> tensor<1x2x8x4xf32>
  return %o : tensor<1x2x8x4xf32>
}

// CHECK-LABEL: func.func @tiling
// CHECK: attn.attention {{.*}} {tiling = #attn.tiling<query = 64, key = 32>} :
func.func @tiling(%q: tensor<1x2x8x4xf32>, %k: tensor<1x2x8x4xf32>,
                  %v: tensor<1x2x8x4xf32>) -> tensor<1x2x8x4xf32> {
  %o = attn.attention %q, %k, %v {tiling = #attn.tiling<query = 64, key = 32>}
      : tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>
      -> tensor<1x2x8x4xf32>
  return %o : tensor<1x2x8x4xf32>
}

// bshd: [B, S, H, D] with Sq = 32, Skv = 48, Hq = 4, Hkv = 2.
// CHECK-LABEL: func.func @layout_bshd
// CHECK: attn.attention {{.*}} {layout = #attn.layout<bshd>} : tensor<2x32x4x16xf32>, tensor<2x48x2x16xf32>, tensor<2x48x2x8xf32> -> tensor<2x32x4x8xf32>
func.func @layout_bshd(%q: tensor<2x32x4x16xf32>, %k: tensor<2x48x2x16xf32>,
                       %v: tensor<2x48x2x8xf32>) -> tensor<2x32x4x8xf32> {
  %o = attn.attention %q, %k, %v {layout = #attn.layout<bshd>}
      : tensor<2x32x4x16xf32>, tensor<2x48x2x16xf32>, tensor<2x48x2x8xf32>
      -> tensor<2x32x4x8xf32>
  return %o : tensor<2x32x4x8xf32>
}

// The default layout spelled out.
// CHECK-LABEL: func.func @layout_bhsd
// CHECK: attn.attention {{.*}} {layout = #attn.layout<bhsd>} :
func.func @layout_bhsd(%q: tensor<1x2x8x4xf32>, %k: tensor<1x2x8x4xf32>,
                       %v: tensor<1x2x8x4xf32>) -> tensor<1x2x8x4xf32> {
  %o = attn.attention %q, %k, %v {layout = #attn.layout<bhsd>}
      : tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>
      -> tensor<1x2x8x4xf32>
  return %o : tensor<1x2x8x4xf32>
}

// CHECK-LABEL: func.func @lse
// CHECK: %[[O:[^,]*]], %[[L:[^ ]*]] = attn.attention {{.*}} : tensor<2x4x32x16xf16>, tensor<2x4x48x16xf16>, tensor<2x4x48x16xf16> -> tensor<2x4x32x16xf16>, tensor<2x4x32xf32>
// CHECK-NEXT: return %[[O]], %[[L]] : tensor<2x4x32x16xf16>, tensor<2x4x32xf32>
func.func @lse(%q: tensor<2x4x32x16xf16>, %k: tensor<2x4x48x16xf16>,
               %v: tensor<2x4x48x16xf16>)
    -> (tensor<2x4x32x16xf16>, tensor<2x4x32xf32>) {
  %o, %l = attn.attention %q, %k, %v
      : tensor<2x4x32x16xf16>, tensor<2x4x48x16xf16>, tensor<2x4x48x16xf16>
      -> tensor<2x4x32x16xf16>, tensor<2x4x32xf32>
  return %o, %l : tensor<2x4x32x16xf16>, tensor<2x4x32xf32>
}

// LSE is in logical order [B, Hq, Sq] in the bshd layout too.
// CHECK-LABEL: func.func @lse_bshd
// CHECK: attn.attention {{.*}} {layout = #attn.layout<bshd>} : tensor<2x32x4x16xf32>, tensor<2x48x4x16xf32>, tensor<2x48x4x16xf32> -> tensor<2x32x4x16xf32>, tensor<2x4x32xf32>
func.func @lse_bshd(%q: tensor<2x32x4x16xf32>, %k: tensor<2x48x4x16xf32>,
                    %v: tensor<2x48x4x16xf32>)
    -> (tensor<2x32x4x16xf32>, tensor<2x4x32xf32>) {
  %o, %l = attn.attention %q, %k, %v {layout = #attn.layout<bshd>}
      : tensor<2x32x4x16xf32>, tensor<2x48x4x16xf32>, tensor<2x48x4x16xf32>
      -> tensor<2x32x4x16xf32>, tensor<2x4x32xf32>
  return %o, %l : tensor<2x32x4x16xf32>, tensor<2x4x32xf32>
}

// Grouped-query attention: Hq = 8, Hkv = 2.
// CHECK-LABEL: func.func @gqa
// CHECK: attn.attention {{.*}} : tensor<1x8x64x32xf32>, tensor<1x2x64x32xf32>, tensor<1x2x64x32xf32> -> tensor<1x8x64x32xf32>
func.func @gqa(%q: tensor<1x8x64x32xf32>, %k: tensor<1x2x64x32xf32>,
               %v: tensor<1x2x64x32xf32>) -> tensor<1x8x64x32xf32> {
  %o = attn.attention %q, %k, %v
      : tensor<1x8x64x32xf32>, tensor<1x2x64x32xf32>, tensor<1x2x64x32xf32>
      -> tensor<1x8x64x32xf32>
  return %o : tensor<1x8x64x32xf32>
}

// Multi-query attention: Hkv = 1.
// CHECK-LABEL: func.func @mqa
// CHECK: attn.attention {{.*}} : tensor<1x8x64x32xf32>, tensor<1x1x64x32xf32>, tensor<1x1x64x32xf32> -> tensor<1x8x64x32xf32>
func.func @mqa(%q: tensor<1x8x64x32xf32>, %k: tensor<1x1x64x32xf32>,
               %v: tensor<1x1x64x32xf32>) -> tensor<1x8x64x32xf32> {
  %o = attn.attention %q, %k, %v
      : tensor<1x8x64x32xf32>, tensor<1x1x64x32xf32>, tensor<1x1x64x32xf32>
      -> tensor<1x8x64x32xf32>
  return %o : tensor<1x8x64x32xf32>
}

// CHECK-LABEL: func.func @f16
// CHECK: attn.attention {{.*}} : tensor<1x2x8x4xf16>, tensor<1x2x8x4xf16>, tensor<1x2x8x4xf16> -> tensor<1x2x8x4xf16>
func.func @f16(%q: tensor<1x2x8x4xf16>, %k: tensor<1x2x8x4xf16>,
               %v: tensor<1x2x8x4xf16>) -> tensor<1x2x8x4xf16> {
  %o = attn.attention %q, %k, %v
      : tensor<1x2x8x4xf16>, tensor<1x2x8x4xf16>, tensor<1x2x8x4xf16>
      -> tensor<1x2x8x4xf16>
  return %o : tensor<1x2x8x4xf16>
}

// CHECK-LABEL: func.func @bf16
// CHECK: attn.attention {{.*}} : tensor<1x2x8x4xbf16>, tensor<1x2x8x4xbf16>, tensor<1x2x8x4xbf16> -> tensor<1x2x8x4xbf16>
func.func @bf16(%q: tensor<1x2x8x4xbf16>, %k: tensor<1x2x8x4xbf16>,
                %v: tensor<1x2x8x4xbf16>) -> tensor<1x2x8x4xbf16> {
  %o = attn.attention %q, %k, %v
      : tensor<1x2x8x4xbf16>, tensor<1x2x8x4xbf16>, tensor<1x2x8x4xbf16>
      -> tensor<1x2x8x4xbf16>
  return %o : tensor<1x2x8x4xbf16>
}

// Dynamic batch and sequence lengths, with a dynamic mask and LSE.
// CHECK-LABEL: func.func @dynamic
// CHECK: attn.attention %{{.*}}, %{{.*}}, %{{.*}} mask(%{{.*}} : tensor<?x?xi1>) : tensor<?x8x?x64xf32>, tensor<?x8x?x64xf32>, tensor<?x8x?x64xf32> -> tensor<?x8x?x64xf32>, tensor<?x8x?xf32>
func.func @dynamic(%q: tensor<?x8x?x64xf32>, %k: tensor<?x8x?x64xf32>,
                   %v: tensor<?x8x?x64xf32>, %m: tensor<?x?xi1>)
    -> (tensor<?x8x?x64xf32>, tensor<?x8x?xf32>) {
  %o, %l = attn.attention %q, %k, %v mask(%m : tensor<?x?xi1>)
      : tensor<?x8x?x64xf32>, tensor<?x8x?x64xf32>, tensor<?x8x?x64xf32>
      -> tensor<?x8x?x64xf32>, tensor<?x8x?xf32>
  return %o, %l : tensor<?x8x?x64xf32>, tensor<?x8x?xf32>
}

// Fully dynamic shapes, with an explicit scale.
// CHECK-LABEL: func.func @all_dynamic
// CHECK: attn.attention {{.*}} {scale = 1.250000e-01 : f64} : tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32> -> tensor<?x?x?x?xf32>
func.func @all_dynamic(%q: tensor<?x?x?x?xf32>, %k: tensor<?x?x?x?xf32>,
                       %v: tensor<?x?x?x?xf32>) -> tensor<?x?x?x?xf32> {
  %o = attn.attention %q, %k, %v {scale = 0.125 : f64}
      : tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>
      -> tensor<?x?x?x?xf32>
  return %o : tensor<?x?x?x?xf32>
}

// Every attribute at once.
// CHECK-LABEL: func.func @all_attrs
// CHECK: attn.attention %{{.*}}, %{{.*}}, %{{.*}} {
// CHECK-DAG: layout = #attn.layout<bshd>
// CHECK-DAG: scale = 2.500000e-01 : f64
// CHECK-DAG: softcap = 5.000000e+01 : f64
// CHECK-DAG: sparsity = #attn.sliding_window<left = 16, right = 0>
// CHECK-DAG: tiling = #attn.tiling<query = 16, key = 8>
// CHECK: } : tensor<1x32x2x16xf32>, tensor<1x32x1x16xf32>, tensor<1x32x1x16xf32> -> tensor<1x32x2x16xf32>
func.func @all_attrs(%q: tensor<1x32x2x16xf32>, %k: tensor<1x32x1x16xf32>,
                     %v: tensor<1x32x1x16xf32>) -> tensor<1x32x2x16xf32> {
  %o = attn.attention %q, %k, %v
      {layout = #attn.layout<bshd>, scale = 0.25 : f64, softcap = 50.0 : f64,
       sparsity = #attn.sliding_window<left = 16, right = 0>,
       tiling = #attn.tiling<query = 16, key = 8>}
      : tensor<1x32x2x16xf32>, tensor<1x32x1x16xf32>, tensor<1x32x1x16xf32>
      -> tensor<1x32x2x16xf32>
  return %o : tensor<1x32x2x16xf32>
}
