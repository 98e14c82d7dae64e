// RUN: attn-opt %s -split-input-file -verify-diagnostics

// attn.attention_grad runs attn.attention's operand checks (one case each
// of the shared Q/K/V and clause rules: the same code, opshapes::verifyQKV
// and verifyClauses) and its own: O, dO, lse shapes, element types, the
// result types. B = 1, Hq = 4, Hkv = 2, Sq = 8, Skv = 12, D = 16, Dv = 8.

func.func @query_rank(%q: tensor<4x8x16xf32>, %k: tensor<1x2x12x16xf32>,
    %v: tensor<1x2x12x8xf32>, %o: tensor<1x4x8x8xf32>,
    %lse: tensor<1x4x8xf32>) {
  // expected-error @+1 {{'attn.attention_grad' op query must have rank 4 ([B, Hq, Sq, D]), got rank 3}}
  %dq, %dk, %dv = attn.attention_grad %q, %k, %v, %o, %lse, %o
      : tensor<4x8x16xf32>, tensor<1x2x12x16xf32>, tensor<1x2x12x8xf32>,
        tensor<1x4x8x8xf32>, tensor<1x4x8xf32>, tensor<1x4x8x8xf32>
      -> tensor<4x8x16xf32>, tensor<1x2x12x16xf32>, tensor<1x2x12x8xf32>
  return
}

// -----

func.func @heads(%q: tensor<1x3x8x16xf32>, %k: tensor<1x2x12x16xf32>,
    %v: tensor<1x2x12x8xf32>, %o: tensor<1x3x8x8xf32>,
    %lse: tensor<1x3x8xf32>) {
  // expected-error @+1 {{'attn.attention_grad' op query heads (Hq = 3) must be a multiple of key/value heads (Hkv = 2)}}
  %dq, %dk, %dv = attn.attention_grad %q, %k, %v, %o, %lse, %o
      : tensor<1x3x8x16xf32>, tensor<1x2x12x16xf32>, tensor<1x2x12x8xf32>,
        tensor<1x3x8x8xf32>, tensor<1x3x8xf32>, tensor<1x3x8x8xf32>
      -> tensor<1x3x8x16xf32>, tensor<1x2x12x16xf32>, tensor<1x2x12x8xf32>
  return
}

// -----

func.func @mask_broadcast(%q: tensor<1x4x8x16xf32>, %k: tensor<1x2x12x16xf32>,
    %v: tensor<1x2x12x8xf32>, %o: tensor<1x4x8x8xf32>,
    %lse: tensor<1x4x8xf32>, %m: tensor<8x13xi1>) {
  // expected-error @+1 {{'attn.attention_grad' op mask of shape [8, 13] does not broadcast to [B, Hq, Sq, Skv] = [1, 4, 8, 12]}}
  %dq, %dk, %dv = attn.attention_grad %q, %k, %v, %o, %lse, %o
      mask(%m : tensor<8x13xi1>)
      : tensor<1x4x8x16xf32>, tensor<1x2x12x16xf32>, tensor<1x2x12x8xf32>,
        tensor<1x4x8x8xf32>, tensor<1x4x8xf32>, tensor<1x4x8x8xf32>
      -> tensor<1x4x8x16xf32>, tensor<1x2x12x16xf32>, tensor<1x2x12x8xf32>
  return
}

// -----

func.func @documents_missing(%q: tensor<1x4x8x16xf32>, %k: tensor<1x2x12x16xf32>,
    %v: tensor<1x2x12x8xf32>, %o: tensor<1x4x8x8xf32>,
    %lse: tensor<1x4x8xf32>) {
  // expected-error @+1 {{'attn.attention_grad' op #attn.documents needs the documents(...) offsets operand}}
  %dq, %dk, %dv = attn.attention_grad %q, %k, %v, %o, %lse, %o
      {sparsity = #attn.documents}
      : tensor<1x4x8x16xf32>, tensor<1x2x12x16xf32>, tensor<1x2x12x8xf32>,
        tensor<1x4x8x8xf32>, tensor<1x4x8xf32>, tensor<1x4x8x8xf32>
      -> tensor<1x4x8x16xf32>, tensor<1x2x12x16xf32>, tensor<1x2x12x8xf32>
  return
}

// -----

func.func @block_size_missing(%q: tensor<1x4x8x16xf32>, %k: tensor<1x2x12x16xf32>,
    %v: tensor<1x2x12x8xf32>, %o: tensor<1x4x8x8xf32>,
    %lse: tensor<1x4x8xf32>, %rp: tensor<1x1x3xi32>, %c: tensor<1x1x4xi32>) {
  // expected-error @+1 {{'attn.attention_grad' op blocks(...) needs a block_size attribute}}
  %dq, %dk, %dv = attn.attention_grad %q, %k, %v, %o, %lse, %o
      blocks(%rp, %c : tensor<1x1x3xi32>, tensor<1x1x4xi32>)
      : tensor<1x4x8x16xf32>, tensor<1x2x12x16xf32>, tensor<1x2x12x8xf32>,
        tensor<1x4x8x8xf32>, tensor<1x4x8xf32>, tensor<1x4x8x8xf32>
      -> tensor<1x4x8x16xf32>, tensor<1x2x12x16xf32>, tensor<1x2x12x8xf32>
  return
}

// -----

func.func @softcap(%q: tensor<1x4x8x16xf32>, %k: tensor<1x2x12x16xf32>,
    %v: tensor<1x2x12x8xf32>, %o: tensor<1x4x8x8xf32>,
    %lse: tensor<1x4x8xf32>) {
  // expected-error @+1 {{'attn.attention_grad' op softcap must be positive and finite in f32, got -1}}
  %dq, %dk, %dv = attn.attention_grad %q, %k, %v, %o, %lse, %o
      {softcap = -1.0 : f64}
      : tensor<1x4x8x16xf32>, tensor<1x2x12x16xf32>, tensor<1x2x12x8xf32>,
        tensor<1x4x8x8xf32>, tensor<1x4x8xf32>, tensor<1x4x8x8xf32>
      -> tensor<1x4x8x16xf32>, tensor<1x2x12x16xf32>, tensor<1x2x12x8xf32>
  return
}

// -----

func.func @output_shape(%q: tensor<1x4x8x16xf32>, %k: tensor<1x2x12x16xf32>,
    %v: tensor<1x2x12x8xf32>, %o: tensor<1x4x8x16xf32>,
    %lse: tensor<1x4x8xf32>, %do: tensor<1x4x8x8xf32>) {
  // expected-error @+1 {{'attn.attention_grad' op output has shape [1, 4, 8, 16] but expected [B, Hq, Sq, Dv] = [1, 4, 8, 8]}}
  %dq, %dk, %dv = attn.attention_grad %q, %k, %v, %o, %lse, %do
      : tensor<1x4x8x16xf32>, tensor<1x2x12x16xf32>, tensor<1x2x12x8xf32>,
        tensor<1x4x8x16xf32>, tensor<1x4x8xf32>, tensor<1x4x8x8xf32>
      -> tensor<1x4x8x16xf32>, tensor<1x2x12x16xf32>, tensor<1x2x12x8xf32>
  return
}

// -----

func.func @grad_output_type(%q: tensor<1x4x8x16xf32>, %k: tensor<1x2x12x16xf32>,
    %v: tensor<1x2x12x8xf32>, %o: tensor<1x4x8x8xf32>,
    %lse: tensor<1x4x8xf32>, %do: tensor<1x4x8x8xbf16>) {
  // expected-error @+1 {{'attn.attention_grad' op output gradient element type 'bf16' does not match query element type 'f32'}}
  %dq, %dk, %dv = attn.attention_grad %q, %k, %v, %o, %lse, %do
      : tensor<1x4x8x16xf32>, tensor<1x2x12x16xf32>, tensor<1x2x12x8xf32>,
        tensor<1x4x8x8xf32>, tensor<1x4x8xf32>, tensor<1x4x8x8xbf16>
      -> tensor<1x4x8x16xf32>, tensor<1x2x12x16xf32>, tensor<1x2x12x8xf32>
  return
}

// -----

func.func @lse_shape(%q: tensor<1x4x8x16xf32>, %k: tensor<1x2x12x16xf32>,
    %v: tensor<1x2x12x8xf32>, %o: tensor<1x4x8x8xf32>,
    %lse: tensor<1x2x8xf32>) {
  // expected-error @+1 {{'attn.attention_grad' op lse has shape [1, 2, 8] but expected [B, Hq, Sq] = [1, 4, 8]}}
  %dq, %dk, %dv = attn.attention_grad %q, %k, %v, %o, %lse, %o
      : tensor<1x4x8x16xf32>, tensor<1x2x12x16xf32>, tensor<1x2x12x8xf32>,
        tensor<1x4x8x8xf32>, tensor<1x2x8xf32>, tensor<1x4x8x8xf32>
      -> tensor<1x4x8x16xf32>, tensor<1x2x12x16xf32>, tensor<1x2x12x8xf32>
  return
}

// -----

func.func @lse_type(%q: tensor<1x4x8x16xf32>, %k: tensor<1x2x12x16xf32>,
    %v: tensor<1x2x12x8xf32>, %o: tensor<1x4x8x8xf32>,
    %lse: tensor<1x4x8xbf16>) {
  // expected-error @+1 {{'attn.attention_grad' op operand #4 must be ranked tensor of 32-bit float values}}
  %dq, %dk, %dv = attn.attention_grad %q, %k, %v, %o, %lse, %o
      : tensor<1x4x8x16xf32>, tensor<1x2x12x16xf32>, tensor<1x2x12x8xf32>,
        tensor<1x4x8x8xf32>, tensor<1x4x8xbf16>, tensor<1x4x8x8xf32>
      -> tensor<1x4x8x16xf32>, tensor<1x2x12x16xf32>, tensor<1x2x12x8xf32>
  return
}

// -----

func.func @grad_key_type(%q: tensor<1x4x8x16xf32>, %k: tensor<1x2x12x16xf32>,
    %v: tensor<1x2x12x8xf32>, %o: tensor<1x4x8x8xf32>,
    %lse: tensor<1x4x8xf32>) {
  // expected-error @+1 {{'attn.attention_grad' op gradient of the key must have the key's type 'tensor<1x2x12x16xf32>', got 'tensor<1x4x12x16xf32>'}}
  %dq, %dk, %dv = attn.attention_grad %q, %k, %v, %o, %lse, %o
      : tensor<1x4x8x16xf32>, tensor<1x2x12x16xf32>, tensor<1x2x12x8xf32>,
        tensor<1x4x8x8xf32>, tensor<1x4x8xf32>, tensor<1x4x8x8xf32>
      -> tensor<1x4x8x16xf32>, tensor<1x4x12x16xf32>, tensor<1x2x12x8xf32>
  return
}

// -----

func.func @unknown_attribute(%q: tensor<1x4x8x16xf32>, %k: tensor<1x2x12x16xf32>,
    %v: tensor<1x2x12x8xf32>, %o: tensor<1x4x8x8xf32>,
    %lse: tensor<1x4x8xf32>) {
  // expected-error @+1 {{'attn.attention_grad' op has unknown attribute 'sparsty' (did you mean 'sparsity'?)}}
  %dq, %dk, %dv = attn.attention_grad %q, %k, %v, %o, %lse, %o
      {sparsty = #attn.causal}
      : tensor<1x4x8x16xf32>, tensor<1x2x12x16xf32>, tensor<1x2x12x8xf32>,
        tensor<1x4x8x8xf32>, tensor<1x4x8xf32>, tensor<1x4x8x8xf32>
      -> tensor<1x4x8x16xf32>, tensor<1x2x12x16xf32>, tensor<1x2x12x8xf32>
  return
}
