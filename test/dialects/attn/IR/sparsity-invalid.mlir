// RUN: attn-opt %s -split-input-file -verify-diagnostics

// One case per verifier rule of the block-sparse patterns, and their
// requirements on attn.attention.

// expected-error @+1 {{dilated_window needs left >= 0, right >= 0 and dilation >= 1, got left = 4, right = 0, dilation = 0}}
func.func private @f() attributes {p = #attn.dilated_window<left = 4, right = 0, dilation = 0>}

// -----

// expected-error @+1 {{dilated_window needs left >= 0, right >= 0 and dilation >= 1, got left = -1, right = 0, dilation = 2}}
func.func private @f() attributes {p = #attn.dilated_window<left = -1, right = 0, dilation = 2>}

// -----

// expected-error @+1 {{dilated_window reach (size * dilation) must be at most 281474976710656}}
func.func private @f() attributes {p = #attn.dilated_window<left = 281474976710656, right = 0, dilation = 2>}

// -----

// expected-error @+1 {{global needs keys > 0 or queries > 0 (it would hide every key)}}
func.func private @f() attributes {p = #attn.global<keys = 0>}

// -----

// expected-error @+1 {{global token counts must be in [0, 281474976710656], got keys = -3, queries = 0}}
func.func private @f() attributes {p = #attn.global<keys = -3>}

// -----

// expected-error @+1 {{neighborhood kernel sizes must be odd and positive, got 4x3}}
func.func private @f() attributes {p = #attn.neighborhood<grid = 8x8, kernel = 4x3>}

// -----

// expected-error @+1 {{neighborhood kernel * dilation must fit the grid, got kernel 5x3, dilation 2x1 on a 8x8 grid}}
func.func private @f() attributes {p = #attn.neighborhood<grid = 8x8, kernel = 5x3, dilation = 2x1>}

// -----

// expected-error @+1 {{neighborhood dilation must be positive, got 0x1}}
func.func private @f() attributes {p = #attn.neighborhood<grid = 8x8, kernel = 3x3, dilation = 0 x 1>}

// -----

// expected-error @+1 {{neighborhood grid must be at least 1x1 and at most 2147483648 cells, got 0x8}}
func.func private @f() attributes {p = #attn.neighborhood<grid = 0 x 8, kernel = 1x1>}

// -----

// expected-error @+1 {{expected 'A x B'}}
func.func private @f() attributes {p = #attn.neighborhood<grid = 8 by 8, kernel = 3x3>}

// -----

// A leading 0 makes the lexer read a hexadecimal integer: write `0 x 8`.
// expected-error @+1 {{expected 'A x B'}}
func.func private @f() attributes {p = #attn.block_layout<block = 0x8, [[1]]>}

// -----

// expected-error @+1 {{block_layout entries must be 0 or 1, got 2}}
func.func private @f() attributes {p = #attn.block_layout<block = 8x8, [[1, 2]]>}

// -----

// expected-error @+1 {{block_layout rows must all have the same length}}
func.func private @f() attributes {p = #attn.block_layout<block = 8x8, [[1, 0], [1]]>}

// -----

// expected-error @+1 {{block_layout block sizes must be in [1, 2147483648], got 0x8}}
func.func private @f() attributes {p = #attn.block_layout<block = 0 x 8, [[1]]>}

// -----

// expected-error @+1 {{block_layout needs at least one row and column, got 1x0}}
func.func private @f() attributes {p = #attn.block_layout<block = 8x8, [[]]>}

// -----

// expected-error @+2 {{expected attribute value}}
// expected-error @+1 {{failed to parse Attn_UnionAttr parameter 'patterns'}}
func.func private @f() attributes {p = #attn.union<[]>}

// -----

// expected-error @+2 {{invalid kind of attribute specified}}
// expected-error @+1 {{failed to parse Attn_IntersectAttr parameter 'patterns'}}
func.func private @f() attributes {p = #attn.intersect<[#attn.causal, #attn.tiling<query = 1, key = 1>]>}

// -----

func.func @docs_without_offsets(%q: tensor<1x2x16x8xf32>, %k: tensor<1x2x16x8xf32>,
                                %v: tensor<1x2x16x8xf32>) -> tensor<1x2x16x8xf32> {
  // expected-error @+1 {{'attn.attention' op #attn.documents needs the documents(...) offsets operand}}
  %o = attn.attention %q, %k, %v
      {sparsity = #attn.intersect<[#attn.causal, #attn.documents]>}
      : tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32>
      -> tensor<1x2x16x8xf32>
  return %o : tensor<1x2x16x8xf32>
}

// -----

func.func @offsets_without_docs(%q: tensor<1x2x16x8xf32>, %k: tensor<1x2x16x8xf32>,
                                %v: tensor<1x2x16x8xf32>, %d: tensor<3xi32>)
    -> tensor<1x2x16x8xf32> {
  // expected-error @+1 {{'attn.attention' op documents(...) offsets given but the sparsity pattern has no #attn.documents}}
  %o = attn.attention %q, %k, %v documents(%d : tensor<3xi32>)
      {sparsity = #attn.causal}
      : tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32>
      -> tensor<1x2x16x8xf32>
  return %o : tensor<1x2x16x8xf32>
}

// -----

func.func @one_offset(%q: tensor<1x2x16x8xf32>, %k: tensor<1x2x16x8xf32>,
                      %v: tensor<1x2x16x8xf32>, %d: tensor<1xi32>)
    -> tensor<1x2x16x8xf32> {
  // expected-error @+1 {{'attn.attention' op document offsets must be a 1-d tensor of at least 2 entries (N + 1 for N documents), got 'tensor<1xi32>'}}
  %o = attn.attention %q, %k, %v documents(%d : tensor<1xi32>)
      {sparsity = #attn.documents}
      : tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32>
      -> tensor<1x2x16x8xf32>
  return %o : tensor<1x2x16x8xf32>
}

// -----

func.func @offsets_f32(%q: tensor<1x2x16x8xf32>, %k: tensor<1x2x16x8xf32>,
                       %v: tensor<1x2x16x8xf32>, %d: tensor<3xf32>)
    -> tensor<1x2x16x8xf32> {
  // expected-error @+1 {{operand #3 must be ranked tensor of 32-bit signless integer or 64-bit signless integer values, but got 'tensor<3xf32>'}}
  %o = attn.attention %q, %k, %v documents(%d : tensor<3xf32>)
      {sparsity = #attn.documents}
      : tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32>
      -> tensor<1x2x16x8xf32>
  return %o : tensor<1x2x16x8xf32>
}

// -----

func.func @grid_mismatch(%q: tensor<1x2x16x8xf32>, %k: tensor<1x2x16x8xf32>,
                         %v: tensor<1x2x16x8xf32>) -> tensor<1x2x16x8xf32> {
  // expected-error @+1 {{'attn.attention' op neighborhood grid 3x5 has 15 cells but Skv = 16}}
  %o = attn.attention %q, %k, %v
      {sparsity = #attn.union<[#attn.causal, #attn.neighborhood<grid = 3x5, kernel = 3x3>]>}
      : tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32>
      -> tensor<1x2x16x8xf32>
  return %o : tensor<1x2x16x8xf32>
}
