// Issue 13: scaled scores beyond the f32 range (scale near the f32
// maximum) gave wrong lse entries; the reference now rounds to f32 range.
func.func @f(%q: tensor<1x2x4x8xf32>, %k: tensor<1x2x6x8xf32>,
             %v: tensor<1x2x6x8xf32>) -> (tensor<1x2x4x8xf32>, tensor<1x2x4xf32>) {
  %o, %lse = attn.attention %q, %k, %v {scale = 3.0e38 : f64}
      : tensor<1x2x4x8xf32>, tensor<1x2x6x8xf32>, tensor<1x2x6x8xf32>
      -> tensor<1x2x4x8xf32>, tensor<1x2x4xf32>
  return %o, %lse : tensor<1x2x4x8xf32>, tensor<1x2x4xf32>
}
