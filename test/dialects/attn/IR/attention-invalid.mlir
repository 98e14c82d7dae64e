// RUN: attn-opt %s -split-input-file -verify-diagnostics

// One case per verifier rule of attn.attention and of the attn attributes,
// then malformed syntax. Shapes: B = 1, Hq = 8, Hkv = 2, Sq = 16, Skv = 32,
// D = 64, Dv = 32 unless a case says otherwise.

//===----------------------------------------------------------------------===//
// Ranks
//===----------------------------------------------------------------------===//

func.func @query_rank(%q: tensor<8x16x64xf32>, %k: tensor<1x2x32x64xf32>,
                      %v: tensor<1x2x32x32xf32>) -> tensor<1x8x16x32xf32> {
  // expected-error @+1 {{'attn.attention' op query must have rank 4 ([B, Hq, Sq, D]), got rank 3}}
  %o = attn.attention %q, %k, %v
      : tensor<8x16x64xf32>, tensor<1x2x32x64xf32>, tensor<1x2x32x32xf32>
      -> tensor<1x8x16x32xf32>
  return %o : tensor<1x8x16x32xf32>
}

// -----

func.func @key_rank(%q: tensor<1x8x16x64xf32>, %k: tensor<1x1x2x32x64xf32>,
                    %v: tensor<1x2x32x32xf32>) -> tensor<1x8x16x32xf32> {
  // expected-error @+1 {{'attn.attention' op key must have rank 4 ([B, Hkv, Skv, D]), got rank 5}}
  %o = attn.attention %q, %k, %v
      : tensor<1x8x16x64xf32>, tensor<1x1x2x32x64xf32>, tensor<1x2x32x32xf32>
      -> tensor<1x8x16x32xf32>
  return %o : tensor<1x8x16x32xf32>
}

// -----

func.func @value_rank(%q: tensor<1x8x16x64xf32>, %k: tensor<1x2x32x64xf32>,
                      %v: tensor<2x32x32xf32>) -> tensor<1x8x16x32xf32> {
  // expected-error @+1 {{'attn.attention' op value must have rank 4 ([B, Hkv, Skv, Dv]), got rank 3}}
  %o = attn.attention %q, %k, %v
      : tensor<1x8x16x64xf32>, tensor<1x2x32x64xf32>, tensor<2x32x32xf32>
      -> tensor<1x8x16x32xf32>
  return %o : tensor<1x8x16x32xf32>
}

// -----

func.func @query_rank_bshd(%q: tensor<1x16x8x64x1xf32>, %k: tensor<1x32x2x64xf32>,
                           %v: tensor<1x32x2x32xf32>) -> tensor<1x16x8x32xf32> {
  // expected-error @+1 {{'attn.attention' op query must have rank 4 ([B, Sq, Hq, D]), got rank 5}}
  %o = attn.attention %q, %k, %v {layout = #attn.layout<bshd>}
      : tensor<1x16x8x64x1xf32>, tensor<1x32x2x64xf32>, tensor<1x32x2x32xf32>
      -> tensor<1x16x8x32xf32>
  return %o : tensor<1x16x8x32xf32>
}

// -----

func.func @value_rank_bshd(%q: tensor<1x16x8x64xf32>, %k: tensor<1x32x2x64xf32>,
                           %v: tensor<1x32x64xf32>) -> tensor<1x16x8x32xf32> {
  // expected-error @+1 {{'attn.attention' op value must have rank 4 ([B, Skv, Hkv, Dv]), got rank 3}}
  %o = attn.attention %q, %k, %v {layout = #attn.layout<bshd>}
      : tensor<1x16x8x64xf32>, tensor<1x32x2x64xf32>, tensor<1x32x64xf32>
      -> tensor<1x16x8x32xf32>
  return %o : tensor<1x16x8x32xf32>
}

//===----------------------------------------------------------------------===//
// Empty dimensions
//===----------------------------------------------------------------------===//

// -----

func.func @empty_query(%q: tensor<1x8x0x64xf32>, %k: tensor<1x2x32x64xf32>,
                       %v: tensor<1x2x32x32xf32>) -> tensor<1x8x0x32xf32> {
  // expected-error @+1 {{'attn.attention' op query of shape [1, 8, 0, 64] has an empty dimension}}
  %o = attn.attention %q, %k, %v
      : tensor<1x8x0x64xf32>, tensor<1x2x32x64xf32>, tensor<1x2x32x32xf32>
      -> tensor<1x8x0x32xf32>
  return %o : tensor<1x8x0x32xf32>
}

// -----

// Skv = 0 would leave every row without a key.
func.func @empty_key(%q: tensor<1x8x16x64xf32>, %k: tensor<1x2x0x64xf32>,
                     %v: tensor<1x2x0x32xf32>) -> tensor<1x8x16x32xf32> {
  // expected-error @+1 {{'attn.attention' op key of shape [1, 2, 0, 64] has an empty dimension}}
  %o = attn.attention %q, %k, %v
      : tensor<1x8x16x64xf32>, tensor<1x2x0x64xf32>, tensor<1x2x0x32xf32>
      -> tensor<1x8x16x32xf32>
  return %o : tensor<1x8x16x32xf32>
}

// -----

// Hkv = 0 must be rejected before it is used as a divisor.
func.func @empty_heads(%q: tensor<1x8x16x64xf32>, %k: tensor<1x0x32x64xf32>,
                       %v: tensor<1x0x32x32xf32>) -> tensor<1x8x16x32xf32> {
  // expected-error @+1 {{'attn.attention' op key of shape [1, 0, 32, 64] has an empty dimension}}
  %o = attn.attention %q, %k, %v
      : tensor<1x8x16x64xf32>, tensor<1x0x32x64xf32>, tensor<1x0x32x32xf32>
      -> tensor<1x8x16x32xf32>
  return %o : tensor<1x8x16x32xf32>
}

// -----

func.func @empty_value(%q: tensor<1x8x16x64xf32>, %k: tensor<1x2x32x64xf32>,
                       %v: tensor<1x2x32x0xf32>) -> tensor<1x8x16x0xf32> {
  // expected-error @+1 {{'attn.attention' op value of shape [1, 2, 32, 0] has an empty dimension}}
  %o = attn.attention %q, %k, %v
      : tensor<1x8x16x64xf32>, tensor<1x2x32x64xf32>, tensor<1x2x32x0xf32>
      -> tensor<1x8x16x0xf32>
  return %o : tensor<1x8x16x0xf32>
}

//===----------------------------------------------------------------------===//
// Shapes of key and value
//===----------------------------------------------------------------------===//

// -----

func.func @batch_mismatch(%q: tensor<1x8x16x64xf32>, %k: tensor<2x2x32x64xf32>,
                          %v: tensor<2x2x32x32xf32>) -> tensor<1x8x16x32xf32> {
  // expected-error @+1 {{'attn.attention' op key has shape [2, 2, 32, 64] but expected [B, Hkv, Skv, D] = [1, 2, 32, 64]}}
  %o = attn.attention %q, %k, %v
      : tensor<1x8x16x64xf32>, tensor<2x2x32x64xf32>, tensor<2x2x32x32xf32>
      -> tensor<1x8x16x32xf32>
  return %o : tensor<1x8x16x32xf32>
}

// -----

func.func @value_batch_mismatch(%q: tensor<1x8x16x64xf32>, %k: tensor<1x2x32x64xf32>,
                                %v: tensor<3x2x32x32xf32>) -> tensor<1x8x16x32xf32> {
  // expected-error @+1 {{'attn.attention' op value has shape [3, 2, 32, 32] but expected [B, Hkv, Skv, Dv] = [1, 2, 32, 32]}}
  %o = attn.attention %q, %k, %v
      : tensor<1x8x16x64xf32>, tensor<1x2x32x64xf32>, tensor<3x2x32x32xf32>
      -> tensor<1x8x16x32xf32>
  return %o : tensor<1x8x16x32xf32>
}

// -----

func.func @head_dim_mismatch(%q: tensor<1x8x16x64xf32>, %k: tensor<1x2x32x32xf32>,
                             %v: tensor<1x2x32x32xf32>) -> tensor<1x8x16x32xf32> {
  // expected-error @+1 {{'attn.attention' op key has shape [1, 2, 32, 32] but expected [B, Hkv, Skv, D] = [1, 2, 32, 64]}}
  %o = attn.attention %q, %k, %v
      : tensor<1x8x16x64xf32>, tensor<1x2x32x32xf32>, tensor<1x2x32x32xf32>
      -> tensor<1x8x16x32xf32>
  return %o : tensor<1x8x16x32xf32>
}

// -----

func.func @seq_kv_mismatch(%q: tensor<1x8x16x64xf32>, %k: tensor<1x2x32x64xf32>,
                           %v: tensor<1x2x24x32xf32>) -> tensor<1x8x16x32xf32> {
  // expected-error @+1 {{'attn.attention' op value has shape [1, 2, 24, 32] but expected [B, Hkv, Skv, Dv] = [1, 2, 32, 32]}}
  %o = attn.attention %q, %k, %v
      : tensor<1x8x16x64xf32>, tensor<1x2x32x64xf32>, tensor<1x2x24x32xf32>
      -> tensor<1x8x16x32xf32>
  return %o : tensor<1x8x16x32xf32>
}

// -----

func.func @heads_kv_mismatch(%q: tensor<1x8x16x64xf32>, %k: tensor<1x2x32x64xf32>,
                             %v: tensor<1x4x32x32xf32>) -> tensor<1x8x16x32xf32> {
  // expected-error @+1 {{'attn.attention' op value has shape [1, 4, 32, 32] but expected [B, Hkv, Skv, Dv] = [1, 2, 32, 32]}}
  %o = attn.attention %q, %k, %v
      : tensor<1x8x16x64xf32>, tensor<1x2x32x64xf32>, tensor<1x4x32x32xf32>
      -> tensor<1x8x16x32xf32>
  return %o : tensor<1x8x16x32xf32>
}

// -----

func.func @heads_not_multiple(%q: tensor<1x6x16x64xf32>, %k: tensor<1x4x32x64xf32>,
                              %v: tensor<1x4x32x32xf32>) -> tensor<1x6x16x32xf32> {
  // expected-error @+1 {{'attn.attention' op query heads (Hq = 6) must be a multiple of key/value heads (Hkv = 4)}}
  %o = attn.attention %q, %k, %v
      : tensor<1x6x16x64xf32>, tensor<1x4x32x64xf32>, tensor<1x4x32x32xf32>
      -> tensor<1x6x16x32xf32>
  return %o : tensor<1x6x16x32xf32>
}

// -----

// More key/value heads than query heads.
func.func @heads_kv_more(%q: tensor<1x2x16x64xf32>, %k: tensor<1x8x32x64xf32>,
                         %v: tensor<1x8x32x32xf32>) -> tensor<1x2x16x32xf32> {
  // expected-error @+1 {{'attn.attention' op query heads (Hq = 2) must be a multiple of key/value heads (Hkv = 8)}}
  %o = attn.attention %q, %k, %v
      : tensor<1x2x16x64xf32>, tensor<1x8x32x64xf32>, tensor<1x8x32x32xf32>
      -> tensor<1x2x16x32xf32>
  return %o : tensor<1x2x16x32xf32>
}

//===----------------------------------------------------------------------===//
// Element types
//===----------------------------------------------------------------------===//

// -----

func.func @key_type(%q: tensor<1x8x16x64xf32>, %k: tensor<1x2x32x64xf16>,
                    %v: tensor<1x2x32x32xf32>) -> tensor<1x8x16x32xf32> {
  // expected-error @+1 {{'attn.attention' op key element type 'f16' does not match query element type 'f32'}}
  %o = attn.attention %q, %k, %v
      : tensor<1x8x16x64xf32>, tensor<1x2x32x64xf16>, tensor<1x2x32x32xf32>
      -> tensor<1x8x16x32xf32>
  return %o : tensor<1x8x16x32xf32>
}

// -----

func.func @value_type(%q: tensor<1x8x16x64xf16>, %k: tensor<1x2x32x64xf16>,
                      %v: tensor<1x2x32x32xbf16>) -> tensor<1x8x16x32xf16> {
  // expected-error @+1 {{'attn.attention' op value element type 'bf16' does not match query element type 'f16'}}
  %o = attn.attention %q, %k, %v
      : tensor<1x8x16x64xf16>, tensor<1x2x32x64xf16>, tensor<1x2x32x32xbf16>
      -> tensor<1x8x16x32xf16>
  return %o : tensor<1x8x16x32xf16>
}

// -----

// The output is rounded to the query's type, never widened.
func.func @output_type(%q: tensor<1x8x16x64xf16>, %k: tensor<1x2x32x64xf16>,
                       %v: tensor<1x2x32x32xf16>) -> tensor<1x8x16x32xf32> {
  // expected-error @+1 {{'attn.attention' op output element type 'f32' does not match query element type 'f16'}}
  %o = attn.attention %q, %k, %v
      : tensor<1x8x16x64xf16>, tensor<1x2x32x64xf16>, tensor<1x2x32x32xf16>
      -> tensor<1x8x16x32xf32>
  return %o : tensor<1x8x16x32xf32>
}

// -----

func.func @bias_type(%q: tensor<1x8x16x64xf32>, %k: tensor<1x2x32x64xf32>,
                     %v: tensor<1x2x32x32xf32>, %b: tensor<16x32xf16>)
    -> tensor<1x8x16x32xf32> {
  // expected-error @+1 {{'attn.attention' op bias element type 'f16' must be f32 or the query element type 'f32'}}
  %o = attn.attention %q, %k, %v bias(%b : tensor<16x32xf16>)
      : tensor<1x8x16x64xf32>, tensor<1x2x32x64xf32>, tensor<1x2x32x32xf32>
      -> tensor<1x8x16x32xf32>
  return %o : tensor<1x8x16x32xf32>
}

// -----

func.func @bias_type_bf16(%q: tensor<1x8x16x64xf16>, %k: tensor<1x2x32x64xf16>,
                          %v: tensor<1x2x32x32xf16>, %b: tensor<16x32xbf16>)
    -> tensor<1x8x16x32xf16> {
  // expected-error @+1 {{'attn.attention' op bias element type 'bf16' must be f32 or the query element type 'f16'}}
  %o = attn.attention %q, %k, %v bias(%b : tensor<16x32xbf16>)
      : tensor<1x8x16x64xf16>, tensor<1x2x32x64xf16>, tensor<1x2x32x32xf16>
      -> tensor<1x8x16x32xf16>
  return %o : tensor<1x8x16x32xf16>
}

// -----

// Only f32, f16 and bf16 inputs.
func.func @query_f64(%q: tensor<1x8x16x64xf64>, %k: tensor<1x2x32x64xf64>,
                     %v: tensor<1x2x32x32xf64>) -> tensor<1x8x16x32xf64> {
  // expected-error @+1 {{'attn.attention' op operand #0 must be ranked tensor of 32-bit float or 16-bit float or bfloat16 type values, but got 'tensor<1x8x16x64xf64>'}}
  %o = attn.attention %q, %k, %v
      : tensor<1x8x16x64xf64>, tensor<1x2x32x64xf64>, tensor<1x2x32x32xf64>
      -> tensor<1x8x16x32xf64>
  return %o : tensor<1x8x16x32xf64>
}

// -----

func.func @mask_type(%q: tensor<1x8x16x64xf32>, %k: tensor<1x2x32x64xf32>,
                     %v: tensor<1x2x32x32xf32>, %m: tensor<16x32xi8>)
    -> tensor<1x8x16x32xf32> {
  // expected-error @+1 {{'attn.attention' op operand #3 must be ranked tensor of 1-bit signless integer values, but got 'tensor<16x32xi8>'}}
  %o = attn.attention %q, %k, %v mask(%m : tensor<16x32xi8>)
      : tensor<1x8x16x64xf32>, tensor<1x2x32x64xf32>, tensor<1x2x32x32xf32>
      -> tensor<1x8x16x32xf32>
  return %o : tensor<1x8x16x32xf32>
}

// -----

func.func @alibi_type(%q: tensor<1x8x16x64xf16>, %k: tensor<1x2x32x64xf16>,
                      %v: tensor<1x2x32x32xf16>, %s: tensor<8xf16>)
    -> tensor<1x8x16x32xf16> {
  // expected-error @+1 {{'attn.attention' op operand #3 must be ranked tensor of 32-bit float values, but got 'tensor<8xf16>'}}
  %o = attn.attention %q, %k, %v alibi(%s : tensor<8xf16>)
      : tensor<1x8x16x64xf16>, tensor<1x2x32x64xf16>, tensor<1x2x32x32xf16>
      -> tensor<1x8x16x32xf16>
  return %o : tensor<1x8x16x32xf16>
}

// -----

func.func @lse_type(%q: tensor<1x8x16x64xf16>, %k: tensor<1x2x32x64xf16>,
                    %v: tensor<1x2x32x32xf16>)
    -> (tensor<1x8x16x32xf16>, tensor<1x8x16xf16>) {
  // expected-error @+1 {{'attn.attention' op result #1 must be ranked tensor of 32-bit float values, but got 'tensor<1x8x16xf16>'}}
  %o, %l = attn.attention %q, %k, %v
      : tensor<1x8x16x64xf16>, tensor<1x2x32x64xf16>, tensor<1x2x32x32xf16>
      -> tensor<1x8x16x32xf16>, tensor<1x8x16xf16>
  return %o, %l : tensor<1x8x16x32xf16>, tensor<1x8x16xf16>
}

//===----------------------------------------------------------------------===//
// Mask, bias and ALiBi shapes
//===----------------------------------------------------------------------===//

// -----

// The mask's last dim must be Skv (32), not Sq.
func.func @mask_wrong_dim(%q: tensor<1x8x16x64xf32>, %k: tensor<1x2x32x64xf32>,
                          %v: tensor<1x2x32x32xf32>, %m: tensor<16x16xi1>)
    -> tensor<1x8x16x32xf32> {
  // expected-error @+1 {{'attn.attention' op mask of shape [16, 16] does not broadcast to [B, Hq, Sq, Skv] = [1, 8, 16, 32] (each dim must be 1 or the full size)}}
  %o = attn.attention %q, %k, %v mask(%m : tensor<16x16xi1>)
      : tensor<1x8x16x64xf32>, tensor<1x2x32x64xf32>, tensor<1x2x32x32xf32>
      -> tensor<1x8x16x32xf32>
  return %o : tensor<1x8x16x32xf32>
}

// -----

// A per-KV-head mask (Hkv = 2) is not a per-query-head mask (Hq = 8).
func.func @mask_kv_heads(%q: tensor<1x8x16x64xf32>, %k: tensor<1x2x32x64xf32>,
                         %v: tensor<1x2x32x32xf32>, %m: tensor<1x2x16x32xi1>)
    -> tensor<1x8x16x32xf32> {
  // expected-error @+1 {{'attn.attention' op mask of shape [1, 2, 16, 32] does not broadcast to [B, Hq, Sq, Skv] = [1, 8, 16, 32] (each dim must be 1 or the full size)}}
  %o = attn.attention %q, %k, %v mask(%m : tensor<1x2x16x32xi1>)
      : tensor<1x8x16x64xf32>, tensor<1x2x32x64xf32>, tensor<1x2x32x32xf32>
      -> tensor<1x8x16x32xf32>
  return %o : tensor<1x8x16x32xf32>
}

// -----

func.func @mask_rank5(%q: tensor<1x8x16x64xf32>, %k: tensor<1x2x32x64xf32>,
                      %v: tensor<1x2x32x32xf32>, %m: tensor<1x1x8x16x32xi1>)
    -> tensor<1x8x16x32xf32> {
  // expected-error @+1 {{'attn.attention' op mask of shape [1, 1, 8, 16, 32] does not broadcast to [B, Hq, Sq, Skv] = [1, 8, 16, 32] (each dim must be 1 or the full size)}}
  %o = attn.attention %q, %k, %v mask(%m : tensor<1x1x8x16x32xi1>)
      : tensor<1x8x16x64xf32>, tensor<1x2x32x64xf32>, tensor<1x2x32x32xf32>
      -> tensor<1x8x16x32xf32>
  return %o : tensor<1x8x16x32xf32>
}

// -----

// Right-aligned: a rank-1 mask is over Skv, and 16 is Sq.
func.func @mask_rank1(%q: tensor<1x8x16x64xf32>, %k: tensor<1x2x32x64xf32>,
                      %v: tensor<1x2x32x32xf32>, %m: tensor<16xi1>)
    -> tensor<1x8x16x32xf32> {
  // expected-error @+1 {{'attn.attention' op mask of shape [16] does not broadcast to [B, Hq, Sq, Skv] = [1, 8, 16, 32] (each dim must be 1 or the full size)}}
  %o = attn.attention %q, %k, %v mask(%m : tensor<16xi1>)
      : tensor<1x8x16x64xf32>, tensor<1x2x32x64xf32>, tensor<1x2x32x32xf32>
      -> tensor<1x8x16x32xf32>
  return %o : tensor<1x8x16x32xf32>
}

// -----

func.func @bias_no_broadcast(%q: tensor<2x8x16x64xf32>, %k: tensor<2x2x32x64xf32>,
                             %v: tensor<2x2x32x32xf32>, %b: tensor<3x1x16x32xf32>)
    -> tensor<2x8x16x32xf32> {
  // expected-error @+1 {{'attn.attention' op bias of shape [3, 1, 16, 32] does not broadcast to [B, Hq, Sq, Skv] = [2, 8, 16, 32] (each dim must be 1 or the full size)}}
  %o = attn.attention %q, %k, %v bias(%b : tensor<3x1x16x32xf32>)
      : tensor<2x8x16x64xf32>, tensor<2x2x32x64xf32>, tensor<2x2x32x32xf32>
      -> tensor<2x8x16x32xf32>
  return %o : tensor<2x8x16x32xf32>
}

// -----

func.func @bias_rank5(%q: tensor<1x8x16x64xf32>, %k: tensor<1x2x32x64xf32>,
                      %v: tensor<1x2x32x32xf32>, %b: tensor<1x1x1x16x32xf32>)
    -> tensor<1x8x16x32xf32> {
  // expected-error @+1 {{'attn.attention' op bias of shape [1, 1, 1, 16, 32] does not broadcast to [B, Hq, Sq, Skv] = [1, 8, 16, 32] (each dim must be 1 or the full size)}}
  %o = attn.attention %q, %k, %v bias(%b : tensor<1x1x1x16x32xf32>)
      : tensor<1x8x16x64xf32>, tensor<1x2x32x64xf32>, tensor<1x2x32x32xf32>
      -> tensor<1x8x16x32xf32>
  return %o : tensor<1x8x16x32xf32>
}

// -----

// Slopes are per query head (Hq = 8), not per key/value head.
func.func @alibi_shape(%q: tensor<1x8x16x64xf32>, %k: tensor<1x2x32x64xf32>,
                       %v: tensor<1x2x32x32xf32>, %s: tensor<2xf32>)
    -> tensor<1x8x16x32xf32> {
  // expected-error @+1 {{'attn.attention' op alibi slopes has shape [2] but expected [Hq] = [8]}}
  %o = attn.attention %q, %k, %v alibi(%s : tensor<2xf32>)
      : tensor<1x8x16x64xf32>, tensor<1x2x32x64xf32>, tensor<1x2x32x32xf32>
      -> tensor<1x8x16x32xf32>
  return %o : tensor<1x8x16x32xf32>
}

// -----

func.func @alibi_rank(%q: tensor<1x8x16x64xf32>, %k: tensor<1x2x32x64xf32>,
                      %v: tensor<1x2x32x32xf32>, %s: tensor<1x8xf32>)
    -> tensor<1x8x16x32xf32> {
  // expected-error @+1 {{'attn.attention' op alibi slopes has shape [1, 8] but expected [Hq] = [8]}}
  %o = attn.attention %q, %k, %v alibi(%s : tensor<1x8xf32>)
      : tensor<1x8x16x64xf32>, tensor<1x2x32x64xf32>, tensor<1x2x32x32xf32>
      -> tensor<1x8x16x32xf32>
  return %o : tensor<1x8x16x32xf32>
}

//===----------------------------------------------------------------------===//
// Results
//===----------------------------------------------------------------------===//

// -----

// The output's last dim is Dv (32), not D (64).
func.func @output_dv(%q: tensor<1x8x16x64xf32>, %k: tensor<1x2x32x64xf32>,
                     %v: tensor<1x2x32x32xf32>) -> tensor<1x8x16x64xf32> {
  // expected-error @+1 {{'attn.attention' op output has shape [1, 8, 16, 64] but expected [B, Hq, Sq, Dv] = [1, 8, 16, 32]}}
  %o = attn.attention %q, %k, %v
      : tensor<1x8x16x64xf32>, tensor<1x2x32x64xf32>, tensor<1x2x32x32xf32>
      -> tensor<1x8x16x64xf32>
  return %o : tensor<1x8x16x64xf32>
}

// -----

// The output has Sq rows (16), not Skv.
func.func @output_seq(%q: tensor<1x8x16x64xf32>, %k: tensor<1x2x32x64xf32>,
                      %v: tensor<1x2x32x32xf32>) -> tensor<1x8x32x32xf32> {
  // expected-error @+1 {{'attn.attention' op output has shape [1, 8, 32, 32] but expected [B, Hq, Sq, Dv] = [1, 8, 16, 32]}}
  %o = attn.attention %q, %k, %v
      : tensor<1x8x16x64xf32>, tensor<1x2x32x64xf32>, tensor<1x2x32x32xf32>
      -> tensor<1x8x32x32xf32>
  return %o : tensor<1x8x32x32xf32>
}

// -----

func.func @output_rank(%q: tensor<1x8x16x64xf32>, %k: tensor<1x2x32x64xf32>,
                       %v: tensor<1x2x32x32xf32>) -> tensor<8x16x32xf32> {
  // expected-error @+1 {{'attn.attention' op output has shape [8, 16, 32] but expected [B, Hq, Sq, Dv] = [1, 8, 16, 32]}}
  %o = attn.attention %q, %k, %v
      : tensor<1x8x16x64xf32>, tensor<1x2x32x64xf32>, tensor<1x2x32x32xf32>
      -> tensor<8x16x32xf32>
  return %o : tensor<8x16x32xf32>
}

// -----

func.func @lse_shape(%q: tensor<1x8x16x64xf32>, %k: tensor<1x2x32x64xf32>,
                     %v: tensor<1x2x32x32xf32>)
    -> (tensor<1x8x16x32xf32>, tensor<1x8x32xf32>) {
  // expected-error @+1 {{'attn.attention' op lse has shape [1, 8, 32] but expected [B, Hq, Sq] = [1, 8, 16]}}
  %o, %l = attn.attention %q, %k, %v
      : tensor<1x8x16x64xf32>, tensor<1x2x32x64xf32>, tensor<1x2x32x32xf32>
      -> tensor<1x8x16x32xf32>, tensor<1x8x32xf32>
  return %o, %l : tensor<1x8x16x32xf32>, tensor<1x8x32xf32>
}

// -----

func.func @lse_rank(%q: tensor<1x8x16x64xf32>, %k: tensor<1x2x32x64xf32>,
                    %v: tensor<1x2x32x32xf32>)
    -> (tensor<1x8x16x32xf32>, tensor<1x8x16x1xf32>) {
  // expected-error @+1 {{'attn.attention' op lse has shape [1, 8, 16, 1] but expected [B, Hq, Sq] = [1, 8, 16]}}
  %o, %l = attn.attention %q, %k, %v
      : tensor<1x8x16x64xf32>, tensor<1x2x32x64xf32>, tensor<1x2x32x32xf32>
      -> tensor<1x8x16x32xf32>, tensor<1x8x16x1xf32>
  return %o, %l : tensor<1x8x16x32xf32>, tensor<1x8x16x1xf32>
}

//===----------------------------------------------------------------------===//
// bshd layout: the same shape rules in [B, S, H, D] storage order
//===----------------------------------------------------------------------===//

// -----

// Batch mismatch under bshd: the message names the bshd storage order.
func.func @bshd_key_batch(%q: tensor<1x16x8x64xf32>, %k: tensor<2x32x2x64xf32>,
                          %v: tensor<2x32x2x32xf32>) -> tensor<1x16x8x32xf32> {
  // expected-error @+1 {{'attn.attention' op key has shape [2, 32, 2, 64] but expected [B, Skv, Hkv, D] = [1, 32, 2, 64]}}
  %o = attn.attention %q, %k, %v {layout = #attn.layout<bshd>}
      : tensor<1x16x8x64xf32>, tensor<2x32x2x64xf32>, tensor<2x32x2x32xf32>
      -> tensor<1x16x8x32xf32>
  return %o : tensor<1x16x8x32xf32>
}

// -----

func.func @bshd_seq_kv_mismatch(%q: tensor<1x16x8x64xf32>, %k: tensor<1x32x2x64xf32>,
                                %v: tensor<1x24x2x32xf32>) -> tensor<1x16x8x32xf32> {
  // expected-error @+1 {{'attn.attention' op value has shape [1, 24, 2, 32] but expected [B, Skv, Hkv, Dv] = [1, 32, 2, 32]}}
  %o = attn.attention %q, %k, %v {layout = #attn.layout<bshd>}
      : tensor<1x16x8x64xf32>, tensor<1x32x2x64xf32>, tensor<1x24x2x32xf32>
      -> tensor<1x16x8x32xf32>
  return %o : tensor<1x16x8x32xf32>
}

// -----

// Under bshd dim 2 holds the heads: Hq = 6, Hkv = 4.
func.func @bshd_heads_not_multiple(%q: tensor<1x16x6x64xf32>, %k: tensor<1x16x4x64xf32>,
                                   %v: tensor<1x16x4x64xf32>) -> tensor<1x16x6x64xf32> {
  // expected-error @+1 {{'attn.attention' op query heads (Hq = 6) must be a multiple of key/value heads (Hkv = 4)}}
  %o = attn.attention %q, %k, %v {layout = #attn.layout<bshd>}
      : tensor<1x16x6x64xf32>, tensor<1x16x4x64xf32>, tensor<1x16x4x64xf32>
      -> tensor<1x16x6x64xf32>
  return %o : tensor<1x16x6x64xf32>
}

// -----

// The same shapes are valid bhsd GQA (Hq = 16, Hkv = 16), but under bshd
// the heads are Hq = 8 and Hkv = 3.
func.func @bshd_heads_swapped(%q: tensor<1x16x8x64xf32>, %k: tensor<1x16x3x64xf32>,
                              %v: tensor<1x16x3x64xf32>) -> tensor<1x16x8x64xf32> {
  // expected-error @+1 {{'attn.attention' op query heads (Hq = 8) must be a multiple of key/value heads (Hkv = 3)}}
  %o = attn.attention %q, %k, %v {layout = #attn.layout<bshd>}
      : tensor<1x16x8x64xf32>, tensor<1x16x3x64xf32>, tensor<1x16x3x64xf32>
      -> tensor<1x16x8x64xf32>
  return %o : tensor<1x16x8x64xf32>
}

// -----

// A bhsd-shaped output under the bshd layout.
func.func @bshd_output(%q: tensor<1x16x8x64xf32>, %k: tensor<1x32x2x64xf32>,
                       %v: tensor<1x32x2x32xf32>) -> tensor<1x8x16x32xf32> {
  // expected-error @+1 {{'attn.attention' op output has shape [1, 8, 16, 32] but expected [B, Sq, Hq, Dv] = [1, 16, 8, 32]}}
  %o = attn.attention %q, %k, %v {layout = #attn.layout<bshd>}
      : tensor<1x16x8x64xf32>, tensor<1x32x2x64xf32>, tensor<1x32x2x32xf32>
      -> tensor<1x8x16x32xf32>
  return %o : tensor<1x8x16x32xf32>
}

// -----

// The mask is in logical [B, Hq, Sq, Skv] order in every layout.
func.func @bshd_mask_storage_order(%q: tensor<1x16x8x64xf32>, %k: tensor<1x32x2x64xf32>,
                                   %v: tensor<1x32x2x32xf32>, %m: tensor<1x16x8x32xi1>)
    -> tensor<1x16x8x32xf32> {
  // expected-error @+1 {{'attn.attention' op mask of shape [1, 16, 8, 32] does not broadcast to [B, Hq, Sq, Skv] = [1, 8, 16, 32] (each dim must be 1 or the full size)}}
  %o = attn.attention %q, %k, %v mask(%m : tensor<1x16x8x32xi1>)
      {layout = #attn.layout<bshd>}
      : tensor<1x16x8x64xf32>, tensor<1x32x2x64xf32>, tensor<1x32x2x32xf32>
      -> tensor<1x16x8x32xf32>
  return %o : tensor<1x16x8x32xf32>
}

// -----

// The LSE is in logical [B, Hq, Sq] order in every layout.
func.func @bshd_lse_storage_order(%q: tensor<1x16x8x64xf32>, %k: tensor<1x32x2x64xf32>,
                                  %v: tensor<1x32x2x32xf32>)
    -> (tensor<1x16x8x32xf32>, tensor<1x16x8xf32>) {
  // expected-error @+1 {{'attn.attention' op lse has shape [1, 16, 8] but expected [B, Hq, Sq] = [1, 8, 16]}}
  %o, %l = attn.attention %q, %k, %v {layout = #attn.layout<bshd>}
      : tensor<1x16x8x64xf32>, tensor<1x32x2x64xf32>, tensor<1x32x2x32xf32>
      -> tensor<1x16x8x32xf32>, tensor<1x16x8xf32>
  return %o, %l : tensor<1x16x8x32xf32>, tensor<1x16x8xf32>
}

// -----

// Alibi slopes are [Hq] in every layout (Hq = 8 is dim 2 here).
func.func @bshd_alibi(%q: tensor<1x16x8x64xf32>, %k: tensor<1x32x2x64xf32>,
                      %v: tensor<1x32x2x32xf32>, %s: tensor<16xf32>)
    -> tensor<1x16x8x32xf32> {
  // expected-error @+1 {{'attn.attention' op alibi slopes has shape [16] but expected [Hq] = [8]}}
  %o = attn.attention %q, %k, %v alibi(%s : tensor<16xf32>)
      {layout = #attn.layout<bshd>}
      : tensor<1x16x8x64xf32>, tensor<1x32x2x64xf32>, tensor<1x32x2x32xf32>
      -> tensor<1x16x8x32xf32>
  return %o : tensor<1x16x8x32xf32>
}

//===----------------------------------------------------------------------===//
// Scale and softcap
//===----------------------------------------------------------------------===//

// -----

func.func @scale_nan(%q: tensor<1x2x8x4xf32>, %k: tensor<1x2x8x4xf32>,
                     %v: tensor<1x2x8x4xf32>) -> tensor<1x2x8x4xf32> {
  // expected-error @+1 {{'attn.attention' op scale must be finite in f32, got nan}}
  %o = attn.attention %q, %k, %v {scale = 0x7FF8000000000000 : f64}
      : tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>
      -> tensor<1x2x8x4xf32>
  return %o : tensor<1x2x8x4xf32>
}

// -----

func.func @scale_inf(%q: tensor<1x2x8x4xf32>, %k: tensor<1x2x8x4xf32>,
                     %v: tensor<1x2x8x4xf32>) -> tensor<1x2x8x4xf32> {
  // expected-error @+1 {{'attn.attention' op scale must be finite in f32, got INF}}
  %o = attn.attention %q, %k, %v {scale = 0x7FF0000000000000 : f64}
      : tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>
      -> tensor<1x2x8x4xf32>
  return %o : tensor<1x2x8x4xf32>
}

// -----

func.func @scale_neg_inf(%q: tensor<1x2x8x4xf32>, %k: tensor<1x2x8x4xf32>,
                         %v: tensor<1x2x8x4xf32>) -> tensor<1x2x8x4xf32> {
  // expected-error @+1 {{'attn.attention' op scale must be finite in f32, got -INF}}
  %o = attn.attention %q, %k, %v {scale = 0xFFF0000000000000 : f64}
      : tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>
      -> tensor<1x2x8x4xf32>
  return %o : tensor<1x2x8x4xf32>
}

// -----

// The scale is an f64 attribute.
func.func @scale_f32(%q: tensor<1x2x8x4xf32>, %k: tensor<1x2x8x4xf32>,
                     %v: tensor<1x2x8x4xf32>) -> tensor<1x2x8x4xf32> {
  // expected-error @+1 {{'attn.attention' op attribute 'scale' failed to satisfy constraint: 64-bit float attribute}}
  %o = attn.attention %q, %k, %v {scale = 0.5 : f32}
      : tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>
      -> tensor<1x2x8x4xf32>
  return %o : tensor<1x2x8x4xf32>
}

// -----

func.func @softcap_zero(%q: tensor<1x2x8x4xf32>, %k: tensor<1x2x8x4xf32>,
                        %v: tensor<1x2x8x4xf32>) -> tensor<1x2x8x4xf32> {
  // expected-error @+1 {{'attn.attention' op softcap must be positive and finite in f32, got 0.000000e+00}}
  %o = attn.attention %q, %k, %v {softcap = 0.0 : f64}
      : tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>
      -> tensor<1x2x8x4xf32>
  return %o : tensor<1x2x8x4xf32>
}

// -----

func.func @softcap_negative(%q: tensor<1x2x8x4xf32>, %k: tensor<1x2x8x4xf32>,
                            %v: tensor<1x2x8x4xf32>) -> tensor<1x2x8x4xf32> {
  // expected-error @+1 {{'attn.attention' op softcap must be positive and finite in f32, got -3.000000e+01}}
  %o = attn.attention %q, %k, %v {softcap = -30.0 : f64}
      : tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>
      -> tensor<1x2x8x4xf32>
  return %o : tensor<1x2x8x4xf32>
}

// -----

func.func @softcap_nan(%q: tensor<1x2x8x4xf32>, %k: tensor<1x2x8x4xf32>,
                       %v: tensor<1x2x8x4xf32>) -> tensor<1x2x8x4xf32> {
  // expected-error @+1 {{'attn.attention' op softcap must be positive and finite in f32, got nan}}
  %o = attn.attention %q, %k, %v {softcap = 0x7FF8000000000000 : f64}
      : tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>
      -> tensor<1x2x8x4xf32>
  return %o : tensor<1x2x8x4xf32>
}

// -----

func.func @softcap_inf(%q: tensor<1x2x8x4xf32>, %k: tensor<1x2x8x4xf32>,
                       %v: tensor<1x2x8x4xf32>) -> tensor<1x2x8x4xf32> {
  // expected-error @+1 {{'attn.attention' op softcap must be positive and finite in f32, got INF}}
  %o = attn.attention %q, %k, %v {softcap = 0x7FF0000000000000 : f64}
      : tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>
      -> tensor<1x2x8x4xf32>
  return %o : tensor<1x2x8x4xf32>
}

//===----------------------------------------------------------------------===//
// Attribute verifiers
//===----------------------------------------------------------------------===//

// -----

func.func @tiling_query_zero(%q: tensor<1x2x8x4xf32>, %k: tensor<1x2x8x4xf32>,
                             %v: tensor<1x2x8x4xf32>) -> tensor<1x2x8x4xf32> {
  %o = attn.attention %q, %k, %v
      // expected-error @+1 {{tiling sizes must be positive, got query = 0, key = 32}}
      {tiling = #attn.tiling<query = 0, key = 32>}
      : tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>
      -> tensor<1x2x8x4xf32>
  return %o : tensor<1x2x8x4xf32>
}

// -----

func.func @tiling_key_negative(%q: tensor<1x2x8x4xf32>, %k: tensor<1x2x8x4xf32>,
                               %v: tensor<1x2x8x4xf32>) -> tensor<1x2x8x4xf32> {
  %o = attn.attention %q, %k, %v
      // expected-error @+1 {{tiling sizes must be positive, got query = 64, key = -1}}
      {tiling = #attn.tiling<query = 64, key = -1>}
      : tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>
      -> tensor<1x2x8x4xf32>
  return %o : tensor<1x2x8x4xf32>
}

// -----

// The attribute verifier runs wherever the attribute appears.
// expected-error @+1 {{tiling sizes must be positive, got query = -8, key = 8}}
func.func @tiling_discardable() attributes {tile = #attn.tiling<query = -8, key = 8>} {
  return
}

// -----

func.func @window_left_negative(%q: tensor<1x2x8x4xf32>, %k: tensor<1x2x8x4xf32>,
                                %v: tensor<1x2x8x4xf32>) -> tensor<1x2x8x4xf32> {
  %o = attn.attention %q, %k, %v
      // expected-error @+1 {{sliding_window sizes must be non-negative, got left = -1, right = 0}}
      {sparsity = #attn.sliding_window<left = -1, right = 0>}
      : tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>
      -> tensor<1x2x8x4xf32>
  return %o : tensor<1x2x8x4xf32>
}

// -----

func.func @window_right_negative(%q: tensor<1x2x8x4xf32>, %k: tensor<1x2x8x4xf32>,
                                 %v: tensor<1x2x8x4xf32>) -> tensor<1x2x8x4xf32> {
  %o = attn.attention %q, %k, %v
      // expected-error @+1 {{sliding_window sizes must be non-negative, got left = 4, right = -2}}
      {sparsity = #attn.sliding_window<left = 4, right = -2>}
      : tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>
      -> tensor<1x2x8x4xf32>
  return %o : tensor<1x2x8x4xf32>
}

// -----

// Only sparsity patterns go in the sparsity slot.
func.func @sparsity_not_pattern(%q: tensor<1x2x8x4xf32>, %k: tensor<1x2x8x4xf32>,
                                %v: tensor<1x2x8x4xf32>) -> tensor<1x2x8x4xf32> {
  // expected-error @+1 {{'attn.attention' op attribute 'sparsity' failed to satisfy constraint: SparsityAttrInterface instance}}
  %o = attn.attention %q, %k, %v {sparsity = #attn.tiling<query = 16, key = 16>}
      : tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>
      -> tensor<1x2x8x4xf32>
  return %o : tensor<1x2x8x4xf32>
}

//===----------------------------------------------------------------------===//
// Malformed syntax
//===----------------------------------------------------------------------===//

// -----

func.func @unknown_mnemonic(%q: tensor<1x2x8x4xf32>, %k: tensor<1x2x8x4xf32>,
                            %v: tensor<1x2x8x4xf32>) -> tensor<1x2x8x4xf32> {
  %o = attn.attention %q, %k, %v
      // expected-error @+1 {{unknown attribute `block_sparse` in dialect `attn`}}
      {sparsity = #attn.block_sparse<8>}
      : tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>
      -> tensor<1x2x8x4xf32>
  return %o : tensor<1x2x8x4xf32>
}

// -----

func.func @unknown_layout(%q: tensor<1x2x8x4xf32>, %k: tensor<1x2x8x4xf32>,
                          %v: tensor<1x2x8x4xf32>) -> tensor<1x2x8x4xf32> {
  %o = attn.attention %q, %k, %v
      // expected-error @+2 {{expected ::mlir::attn::Layout to be one of: bhsd, bshd}}
      // expected-error @+1 {{failed to parse Attn_LayoutAttr parameter 'value' which is to be a `::mlir::attn::Layout`}}
      {layout = #attn.layout<sbhd>}
      : tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>
      -> tensor<1x2x8x4xf32>
  return %o : tensor<1x2x8x4xf32>
}

// -----

func.func @window_missing_right(%q: tensor<1x2x8x4xf32>, %k: tensor<1x2x8x4xf32>,
                                %v: tensor<1x2x8x4xf32>) -> tensor<1x2x8x4xf32> {
  %o = attn.attention %q, %k, %v
      // expected-error @+1 {{expected ','}}
      {sparsity = #attn.sliding_window<left = 4>}
      : tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>
      -> tensor<1x2x8x4xf32>
  return %o : tensor<1x2x8x4xf32>
}

// -----

func.func @missing_operand(%q: tensor<1x2x8x4xf32>, %k: tensor<1x2x8x4xf32>)
    -> tensor<1x2x8x4xf32> {
  // expected-error @+1 {{expected ','}}
  %o = attn.attention %q, %k : tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>
      -> tensor<1x2x8x4xf32>
  return %o : tensor<1x2x8x4xf32>
}

// -----

func.func @missing_value_type(%q: tensor<1x2x8x4xf32>, %k: tensor<1x2x8x4xf32>,
                              %v: tensor<1x2x8x4xf32>) -> tensor<1x2x8x4xf32> {
  // expected-error @+1 {{expected ','}}
  %o = attn.attention %q, %k, %v : tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32> -> tensor<1x2x8x4xf32>
  return %o : tensor<1x2x8x4xf32>
}

// -----

func.func @mask_missing_type(%q: tensor<1x2x8x4xf32>, %k: tensor<1x2x8x4xf32>,
                             %v: tensor<1x2x8x4xf32>, %m: tensor<8x8xi1>)
    -> tensor<1x2x8x4xf32> {
  // expected-error @+1 {{expected ':'}}
  %o = attn.attention %q, %k, %v mask(%m) : tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32> -> tensor<1x2x8x4xf32>
  return %o : tensor<1x2x8x4xf32>
}

// -----

// Optional operands come in a fixed order: mask, bias, alibi.
func.func @operand_order(%q: tensor<1x2x8x4xf32>, %k: tensor<1x2x8x4xf32>,
                         %v: tensor<1x2x8x4xf32>, %m: tensor<8x8xi1>,
                         %b: tensor<8x8xf32>) -> tensor<1x2x8x4xf32> {
  // expected-error @+1 {{expected ':'}}
  %o = attn.attention %q, %k, %v bias(%b : tensor<8x8xf32>) mask(%m : tensor<8x8xi1>) : tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32> -> tensor<1x2x8x4xf32>
  return %o : tensor<1x2x8x4xf32>
}

// -----

func.func @too_many_results(%q: tensor<1x2x8x4xf32>, %k: tensor<1x2x8x4xf32>,
                            %v: tensor<1x2x8x4xf32>) -> tensor<1x2x8x4xf32> {
  // expected-error @+1 {{'attn.attention' op result group starting at #1 requires 0 or 1 element, but found 2}}
  %o:3 = attn.attention %q, %k, %v : tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32> -> tensor<1x2x8x4xf32>, tensor<1x2x8xf32>, tensor<1x2x8xf32>
  return %o#0 : tensor<1x2x8x4xf32>
}

// -----

// expected-error @+1 {{sliding_window sizes must be at most 281474976710656, got left = 0, right = 9223372036854775807}}
func.func private @too_wide() attributes {w = #attn.sliding_window<left = 0, right = 9223372036854775807>}

// -----

func.func @scale_beyond_f32(%q: tensor<1x2x8x4xf32>, %k: tensor<1x2x8x4xf32>,
                            %v: tensor<1x2x8x4xf32>) -> tensor<1x2x8x4xf32> {
  // expected-error @+1 {{'attn.attention' op scale must be finite in f32, got 1.000000e+300}}
  %o = attn.attention %q, %k, %v {scale = 1.0e300 : f64}
      : tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>
      -> tensor<1x2x8x4xf32>
  return %o : tensor<1x2x8x4xf32>
}

// -----

func.func @softcap_beyond_f32(%q: tensor<1x2x8x4xf32>, %k: tensor<1x2x8x4xf32>,
                              %v: tensor<1x2x8x4xf32>) -> tensor<1x2x8x4xf32> {
  // expected-error @+1 {{'attn.attention' op softcap must be positive and finite in f32, got 1.000000e+39}}
  %o = attn.attention %q, %k, %v {softcap = 1.0e39 : f64}
      : tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>
      -> tensor<1x2x8x4xf32>
  return %o : tensor<1x2x8x4xf32>
}
