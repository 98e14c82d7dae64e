// RUN: attn-opt %s -verify-diagnostics -split-input-file

// The score_mod / mask_mod regions' verifier: block arguments, yields and
// the ops a body may hold.

func.func @score_mod_args(%q: tensor<1x1x8x8xf32>) -> tensor<1x1x8x8xf32> {
  // expected-error @+1 {{score_mod must take (f32 score, index b, h, i, j)}}
  %o = attn.attention %q, %q, %q score_mod {
    ^bb0(%s: f32, %i: index, %j: index):
      attn.yield %s : f32
  } : tensor<1x1x8x8xf32>, tensor<1x1x8x8xf32>, tensor<1x1x8x8xf32>
      -> tensor<1x1x8x8xf32>
  return %o : tensor<1x1x8x8xf32>
}

// -----

func.func @mask_mod_args(%q: tensor<1x1x8x8xf32>) -> tensor<1x1x8x8xf32> {
  // expected-error @+1 {{mask_mod must take (index b, h, i, j)}}
  %o = attn.attention %q, %q, %q mask_mod {
    ^bb0(%b: index, %h: index, %i: index, %j: i32):
      %t = arith.constant true
      attn.yield %t : i1
  } : tensor<1x1x8x8xf32>, tensor<1x1x8x8xf32>, tensor<1x1x8x8xf32>
      -> tensor<1x1x8x8xf32>
  return %o : tensor<1x1x8x8xf32>
}

// -----

func.func @score_mod_yield(%q: tensor<1x1x8x8xf32>) -> tensor<1x1x8x8xf32> {
  %o = attn.attention %q, %q, %q score_mod {
    ^bb0(%s: f32, %b: index, %h: index, %i: index, %j: index):
      %c = arith.cmpi sle, %j, %i : index
      // expected-error @+1 {{in score_mod must yield 'f32', got 'i1'}}
      attn.yield %c : i1
  } : tensor<1x1x8x8xf32>, tensor<1x1x8x8xf32>, tensor<1x1x8x8xf32>
      -> tensor<1x1x8x8xf32>
  return %o : tensor<1x1x8x8xf32>
}

// -----

func.func @mask_mod_yield(%q: tensor<1x1x8x8xf32>) -> tensor<1x1x8x8xf32> {
  %o = attn.attention %q, %q, %q mask_mod {
    ^bb0(%b: index, %h: index, %i: index, %j: index):
      %z = arith.constant 0.0 : f32
      // expected-error @+1 {{in mask_mod must yield 'i1', got 'f32'}}
      attn.yield %z : f32
  } : tensor<1x1x8x8xf32>, tensor<1x1x8x8xf32>, tensor<1x1x8x8xf32>
      -> tensor<1x1x8x8xf32>
  return %o : tensor<1x1x8x8xf32>
}

// -----

func.func @disallowed_op(%q: tensor<1x1x8x8xf32>) -> tensor<1x1x8x8xf32> {
  %o = attn.attention %q, %q, %q score_mod {
    ^bb0(%s: f32, %b: index, %h: index, %i: index, %j: index):
      // expected-error @+1 {{'tensor.empty' op is not allowed in score_mod (arith and math ops and tensor.extract only)}}
      %e = tensor.empty() : tensor<4xf32>
      attn.yield %s : f32
  } : tensor<1x1x8x8xf32>, tensor<1x1x8x8xf32>, tensor<1x1x8x8xf32>
      -> tensor<1x1x8x8xf32>
  return %o : tensor<1x1x8x8xf32>
}

// -----

func.func @nested_region(%q: tensor<1x1x8x8xf32>, %c: i1) -> tensor<1x1x8x8xf32> {
  %o = attn.attention %q, %q, %q mask_mod {
    ^bb0(%b: index, %h: index, %i: index, %j: index):
      // expected-error @+1 {{'scf.if' op is not allowed in mask_mod}}
      %r = scf.if %c -> i1 {
        scf.yield %c : i1
      } else {
        scf.yield %c : i1
      }
      attn.yield %r : i1
  } : tensor<1x1x8x8xf32>, tensor<1x1x8x8xf32>, tensor<1x1x8x8xf32>
      -> tensor<1x1x8x8xf32>
  return %o : tensor<1x1x8x8xf32>
}

// -----

// attn.yield belongs to the ops with score / mask regions only.
func.func @stray_yield(%x: f32) {
  // expected-error @+1 {{'attn.yield' op expects parent op to be one of 'attn.online_attention, attn.attention, attn.block_mask'}}
  attn.yield %x : f32
}
