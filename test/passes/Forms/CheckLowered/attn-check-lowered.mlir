// RUN: attn-opt %s --attn-check-lowered -split-input-file -verify-diagnostics

// Every attn op left for code generation is an error naming its lowering.

func.func @attention(%q: tensor<1x2x8x16xf32>) -> tensor<1x2x8x16xf32> {
  // expected-error @+1 {{'attn.attention' was not lowered; it is lowered by --attn-fuse or --attn-decompose}}
  %o = attn.attention %q, %q, %q
      : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>
      -> tensor<1x2x8x16xf32>
  return %o : tensor<1x2x8x16xf32>
}

// -----

func.func @linear(%q: tensor<1x2x8x16xf32>) -> tensor<1x2x8x16xf32> {
  // expected-error @+1 {{'attn.linear_attention' was not lowered; it is lowered by --attn-lower-linear}}
  %o = attn.linear_attention %q, %q, %q {feature_map = #attn.feature_map<elu1>}
      : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>
      -> tensor<1x2x8x16xf32>
  return %o : tensor<1x2x8x16xf32>
}

// -----

func.func @step(%q: tensor<8x16xf32>, %m: tensor<8xf32>, %a: tensor<8x16xf32>,
                %i: index) -> tensor<8xf32> {
  // expected-error @+1 {{'attn.online_attention' was not lowered; it is lowered by the target's step lowering (--attn-cpu-lower-step)}}
  %r:3 = attn.online_attention ins(%q, %q, %q : tensor<8x16xf32>,
      tensor<8x16xf32>, tensor<8x16xf32>)
      state(%m, %m, %a : tensor<8xf32>, tensor<8xf32>, tensor<8x16xf32>)
      at(%i, %i) {scale = 0.25 : f64} : tensor<8xf32>, tensor<8xf32>, tensor<8x16xf32>
  return %r#0 : tensor<8xf32>
}

// -----

// CHECK-NOT: error
func.func @lowered(%x: tensor<4xf32>) -> tensor<4xf32> {
  return %x : tensor<4xf32>
}
