// RUN: attn-opt %s -split-input-file -verify-diagnostics

// One case per verifier rule of attn.online_attention.

func.func @rank(%q: tensor<1x16x64xf32>, %k: tensor<32x64xf32>, %v: tensor<32x8xf32>,
    %m: tensor<16xf32>, %l: tensor<16xf32>, %a: tensor<16x8xf32>, %q0: index, %k0: index) {
  // expected-error @+1 {{'attn.online_attention' op expects rank-2 query, key and value tiles}}
  %r:3 = attn.online_attention ins(%q, %k, %v : tensor<1x16x64xf32>, tensor<32x64xf32>, tensor<32x8xf32>)
      state(%m, %l, %a : tensor<16xf32>, tensor<16xf32>, tensor<16x8xf32>)
      at(%q0, %k0) {scale = 0.125 : f64} : tensor<16xf32>, tensor<16xf32>, tensor<16x8xf32>
  return
}

// -----

func.func @head_dim(%q: tensor<16x64xf32>, %k: tensor<32x32xf32>, %v: tensor<32x8xf32>,
    %m: tensor<16xf32>, %l: tensor<16xf32>, %a: tensor<16x8xf32>, %q0: index, %k0: index) {
  // expected-error @+1 {{'attn.online_attention' op query head dim 64 differs from the key's 32}}
  %r:3 = attn.online_attention ins(%q, %k, %v : tensor<16x64xf32>, tensor<32x32xf32>, tensor<32x8xf32>)
      state(%m, %l, %a : tensor<16xf32>, tensor<16xf32>, tensor<16x8xf32>)
      at(%q0, %k0) {scale = 0.125 : f64} : tensor<16xf32>, tensor<16xf32>, tensor<16x8xf32>
  return
}

// -----

func.func @transposed_head_dim(%q: tensor<16x64xf32>, %k: tensor<32x64xf32>, %v: tensor<32x8xf32>,
    %m: tensor<16xf32>, %l: tensor<16xf32>, %a: tensor<16x8xf32>, %q0: index, %k0: index) {
  // expected-error @+1 {{'attn.online_attention' op query head dim 64 differs from the key's 32}}
  %r:3 = attn.online_attention ins(%q, %k, %v : tensor<16x64xf32>, tensor<32x64xf32>, tensor<32x8xf32>)
      state(%m, %l, %a : tensor<16xf32>, tensor<16xf32>, tensor<16x8xf32>)
      at(%q0, %k0) {scale = 0.125 : f64, key_transposed} : tensor<16xf32>, tensor<16xf32>, tensor<16x8xf32>
  return
}

// -----

func.func @key_rows(%q: tensor<16x64xf32>, %k: tensor<32x64xf32>, %v: tensor<24x8xf32>,
    %m: tensor<16xf32>, %l: tensor<16xf32>, %a: tensor<16x8xf32>, %q0: index, %k0: index) {
  // expected-error @+1 {{'attn.online_attention' op key tile has 32 rows but the value tile 24}}
  %r:3 = attn.online_attention ins(%q, %k, %v : tensor<16x64xf32>, tensor<32x64xf32>, tensor<24x8xf32>)
      state(%m, %l, %a : tensor<16xf32>, tensor<16xf32>, tensor<16x8xf32>)
      at(%q0, %k0) {scale = 0.125 : f64} : tensor<16xf32>, tensor<16xf32>, tensor<16x8xf32>
  return
}

// -----

func.func @state_rows(%q: tensor<16x64xf32>, %k: tensor<32x64xf32>, %v: tensor<32x8xf32>,
    %m: tensor<8xf32>, %l: tensor<8xf32>, %a: tensor<16x8xf32>, %q0: index, %k0: index) {
  // expected-error @+1 {{'attn.online_attention' op state rows must match the query tile's 16}}
  %r:3 = attn.online_attention ins(%q, %k, %v : tensor<16x64xf32>, tensor<32x64xf32>, tensor<32x8xf32>)
      state(%m, %l, %a : tensor<8xf32>, tensor<8xf32>, tensor<16x8xf32>)
      at(%q0, %k0) {scale = 0.125 : f64} : tensor<8xf32>, tensor<8xf32>, tensor<16x8xf32>
  return
}

// -----

func.func @acc_width(%q: tensor<16x64xf32>, %k: tensor<32x64xf32>, %v: tensor<32x8xf32>,
    %m: tensor<16xf32>, %l: tensor<16xf32>, %a: tensor<16x4xf32>, %q0: index, %k0: index) {
  // expected-error @+1 {{'attn.online_attention' op acc width 4 differs from the value head dim 8}}
  %r:3 = attn.online_attention ins(%q, %k, %v : tensor<16x64xf32>, tensor<32x64xf32>, tensor<32x8xf32>)
      state(%m, %l, %a : tensor<16xf32>, tensor<16xf32>, tensor<16x4xf32>)
      at(%q0, %k0) {scale = 0.125 : f64} : tensor<16xf32>, tensor<16xf32>, tensor<16x4xf32>
  return
}

// -----

func.func @scale_f32_overflow(%q: tensor<16x64xf32>, %k: tensor<32x64xf32>, %v: tensor<32x8xf32>,
    %m: tensor<16xf32>, %l: tensor<16xf32>, %a: tensor<16x8xf32>, %q0: index, %k0: index) {
  // expected-error @+1 {{'attn.online_attention' op scale must be finite in f32, got 1.000000e+300}}
  %r:3 = attn.online_attention ins(%q, %k, %v : tensor<16x64xf32>, tensor<32x64xf32>, tensor<32x8xf32>)
      state(%m, %l, %a : tensor<16xf32>, tensor<16xf32>, tensor<16x8xf32>)
      at(%q0, %k0) {scale = 1.0e300 : f64} : tensor<16xf32>, tensor<16xf32>, tensor<16x8xf32>
  return
}

// -----

func.func @p_type(%q: tensor<16x64xf32>, %k: tensor<32x64xf32>, %v: tensor<32x8xf32>,
    %m: tensor<16xf32>, %l: tensor<16xf32>, %a: tensor<16x8xf32>, %q0: index, %k0: index) {
  // expected-error @+1 {{'attn.online_attention' op p_type must be f32, f16 or bf16, got 'i8'}}
  %r:3 = attn.online_attention ins(%q, %k, %v : tensor<16x64xf32>, tensor<32x64xf32>, tensor<32x8xf32>)
      state(%m, %l, %a : tensor<16xf32>, tensor<16xf32>, tensor<16x8xf32>)
      at(%q0, %k0) {scale = 0.125 : f64, p_type = i8} : tensor<16xf32>, tensor<16xf32>, tensor<16x8xf32>
  return
}

// -----

func.func @region_args(%q: tensor<16x64xf32>, %k: tensor<32x64xf32>,
    %v: tensor<32x8xf32>, %m: tensor<16xf32>, %l: tensor<16xf32>,
    %a: tensor<16x8xf32>, %q0: index, %k0: index) {
  // expected-error @+1 {{'attn.online_attention' op score region must take (f32 score, index query position, index key position)}}
  %r:3 = attn.online_attention ins(%q, %k, %v : tensor<16x64xf32>,
      tensor<32x64xf32>, tensor<32x8xf32>)
      state(%m, %l, %a : tensor<16xf32>, tensor<16xf32>, tensor<16x8xf32>)
      at(%q0, %k0) {scale = 0.125 : f64} score {
  ^bb0(%s: f32, %i: index):
    attn.yield %s : f32
  } : tensor<16xf32>, tensor<16xf32>, tensor<16x8xf32>
  return
}

// -----

func.func @region_terminator(%q: tensor<16x64xf32>, %k: tensor<32x64xf32>,
    %v: tensor<32x8xf32>, %m: tensor<16xf32>, %l: tensor<16xf32>,
    %a: tensor<16x8xf32>, %q0: index, %k0: index) {
  %r:3 = attn.online_attention ins(%q, %k, %v : tensor<16x64xf32>,
      tensor<32x64xf32>, tensor<32x8xf32>)
      state(%m, %l, %a : tensor<16xf32>, tensor<16xf32>, tensor<16x8xf32>)
      at(%q0, %k0) {scale = 0.125 : f64} score {
  ^bb0(%s: f32, %i: index, %j: index):
    // expected-error @+1 {{block with no terminator}}
    %x = arith.addf %s, %s : f32
  } : tensor<16xf32>, tensor<16xf32>, tensor<16x8xf32>
  return
}

// -----

func.func @yield_outside(%x: f32) {
  // expected-error @+1 {{'attn.yield' op expects parent op to be one of 'attn.online_attention, attn.attention, attn.block_mask'}}
  attn.yield %x : f32
}
