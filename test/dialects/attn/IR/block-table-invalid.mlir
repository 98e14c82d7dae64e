// RUN: attn-opt %s -split-input-file -verify-diagnostics

// Verifier rules of the block table operands; constant tables are checked
// entry by entry (out of range, unsorted, duplicate). Sq = Skv = 16,
// block_size 8 x 8: 2 query blocks, 2 key blocks.

func.func @no_block_size(%q: tensor<1x2x16x8xf32>, %rp: tensor<1x1x3xi32>,
                         %c: tensor<1x1x4xi32>) -> tensor<1x2x16x8xf32> {
  // expected-error @+1 {{'attn.attention' op blocks(...) needs a block_size attribute}}
  %o = attn.attention %q, %q, %q blocks(%rp, %c : tensor<1x1x3xi32>, tensor<1x1x4xi32>)
      : tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32>
      -> tensor<1x2x16x8xf32>
  return %o : tensor<1x2x16x8xf32>
}

// -----

func.func @block_size_alone(%q: tensor<1x2x16x8xf32>) -> tensor<1x2x16x8xf32> {
  // expected-error @+1 {{'attn.attention' op block_size is only meaningful with blocks(...)}}
  %o = attn.attention %q, %q, %q {block_size = #attn.tiling<query = 8, key = 8>}
      : tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32>
      -> tensor<1x2x16x8xf32>
  return %o : tensor<1x2x16x8xf32>
}

// -----

func.func @rows(%q: tensor<1x2x16x8xf32>, %rp: tensor<1x1x4xi32>,
                %c: tensor<1x1x4xi32>) -> tensor<1x2x16x8xf32> {
  // expected-error @+1 {{'attn.attention' op block row pointers need ceil(Sq / 8) + 1 = 3 entries per row, got tensor<1x1x4xi32>}}
  %o = attn.attention %q, %q, %q blocks(%rp, %c : tensor<1x1x4xi32>, tensor<1x1x4xi32>)
      {block_size = #attn.tiling<query = 8, key = 8>}
      : tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32>
      -> tensor<1x2x16x8xf32>
  return %o : tensor<1x2x16x8xf32>
}

// -----

func.func @heads(%q: tensor<1x4x16x8xf32>, %rp: tensor<1x3x3xi32>,
                 %c: tensor<1x3x4xi32>) -> tensor<1x4x16x8xf32> {
  // expected-error @+1 {{'attn.attention' op block table heads (Ht = 3) must divide the query heads (Hq = 4)}}
  %o = attn.attention %q, %q, %q blocks(%rp, %c : tensor<1x3x3xi32>, tensor<1x3x4xi32>)
      {block_size = #attn.tiling<query = 8, key = 8>}
      : tensor<1x4x16x8xf32>, tensor<1x4x16x8xf32>, tensor<1x4x16x8xf32>
      -> tensor<1x4x16x8xf32>
  return %o : tensor<1x4x16x8xf32>
}

// -----

func.func @full_shape(%q: tensor<1x2x16x8xf32>, %rp: tensor<1x1x3xi32>,
                      %c: tensor<1x1x4xi32>, %f: tensor<1x1x3xi1>) -> tensor<1x2x16x8xf32> {
  // expected-error @+1 {{'attn.attention' op full_blocks must have the shape of the block columns 'tensor<1x1x4xi32>', got 'tensor<1x1x3xi1>'}}
  %o = attn.attention %q, %q, %q blocks(%rp, %c : tensor<1x1x3xi32>, tensor<1x1x4xi32>)
      full_blocks(%f : tensor<1x1x3xi1>) {block_size = #attn.tiling<query = 8, key = 8>}
      : tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32>
      -> tensor<1x2x16x8xf32>
  return %o : tensor<1x2x16x8xf32>
}

// -----

func.func @const_unsorted(%q: tensor<1x2x16x8xf32>) -> tensor<1x2x16x8xf32> {
  %rp = arith.constant dense<[[[0, 2, 3]]]> : tensor<1x1x3xi32>
  %c = arith.constant dense<[[[1, 0, 1, 0]]]> : tensor<1x1x4xi32>
  // expected-error @+1 {{'attn.attention' op block table row 0 of (b, head) #0 is not strictly increasing (unsorted or duplicate key block 0)}}
  %o = attn.attention %q, %q, %q blocks(%rp, %c : tensor<1x1x3xi32>, tensor<1x1x4xi32>)
      {block_size = #attn.tiling<query = 8, key = 8>}
      : tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32>
      -> tensor<1x2x16x8xf32>
  return %o : tensor<1x2x16x8xf32>
}

// -----

func.func @const_duplicate(%q: tensor<1x2x16x8xf32>) -> tensor<1x2x16x8xf32> {
  %rp = arith.constant dense<[[[0, 1, 3]]]> : tensor<1x1x3xi32>
  %c = arith.constant dense<[[[0, 1, 1, 0]]]> : tensor<1x1x4xi32>
  // expected-error @+1 {{'attn.attention' op block table row 1 of (b, head) #0 is not strictly increasing (unsorted or duplicate key block 1)}}
  %o = attn.attention %q, %q, %q blocks(%rp, %c : tensor<1x1x3xi32>, tensor<1x1x4xi32>)
      {block_size = #attn.tiling<query = 8, key = 8>}
      : tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32>
      -> tensor<1x2x16x8xf32>
  return %o : tensor<1x2x16x8xf32>
}

// -----

func.func @const_column(%q: tensor<1x2x16x8xf32>) -> tensor<1x2x16x8xf32> {
  %rp = arith.constant dense<[[[0, 1, 2]]]> : tensor<1x1x3xi32>
  %c = arith.constant dense<[[[0, 2]]]> : tensor<1x1x2xi32>
  // expected-error @+1 {{'attn.attention' op block table column 2 (row 1 of (b, head) #0) is outside [0, 2)}}
  %o = attn.attention %q, %q, %q blocks(%rp, %c : tensor<1x1x3xi32>, tensor<1x1x2xi32>)
      {block_size = #attn.tiling<query = 8, key = 8>}
      : tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32>
      -> tensor<1x2x16x8xf32>
  return %o : tensor<1x2x16x8xf32>
}

// -----

func.func @const_row_pointers(%q: tensor<1x2x16x8xf32>) -> tensor<1x2x16x8xf32> {
  %rp = arith.constant dense<[[[0, 2, 1]]]> : tensor<1x1x3xi32>
  %c = arith.constant dense<[[[0, 1]]]> : tensor<1x1x2xi32>
  // expected-error @+1 {{'attn.attention' op block table row 1 of (b, head) #0 has row pointers [2, 1) outside 0 <= lo <= hi <= NNZ = 2}}
  %o = attn.attention %q, %q, %q blocks(%rp, %c : tensor<1x1x3xi32>, tensor<1x1x2xi32>)
      {block_size = #attn.tiling<query = 8, key = 8>}
      : tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32>
      -> tensor<1x2x16x8xf32>
  return %o : tensor<1x2x16x8xf32>
}
