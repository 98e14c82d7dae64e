// RUN: attn-opt %s -split-input-file -verify-diagnostics

// The verifier's rules of query_rows(%start, %total): constant rows within
// [0, total), and no block table.

func.func @negative_start(%q: tensor<1x2x8x16xf32>) -> tensor<1x2x8x16xf32> {
  %s = arith.constant -1 : index
  %t = arith.constant 16 : index
  // expected-error @+1 {{'attn.attention' op query_rows start must be >= 0, got -1}}
  %o = attn.attention %q, %q, %q query_rows(%s, %t)
      : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>
      -> tensor<1x2x8x16xf32>
  return %o : tensor<1x2x8x16xf32>
}

// -----

func.func @past_total(%q: tensor<1x2x8x16xf32>) -> tensor<1x2x8x16xf32> {
  %s = arith.constant 12 : index
  %t = arith.constant 16 : index
  // expected-error @+1 {{'attn.attention' op query_rows [12, 20) exceed the total of 16 rows}}
  %o = attn.attention %q, %q, %q query_rows(%s, %t)
      : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>
      -> tensor<1x2x8x16xf32>
  return %o : tensor<1x2x8x16xf32>
}

// -----

func.func @total_below_rows(%q: tensor<1x2x8x16xf32>, %s: index) -> tensor<1x2x8x16xf32> {
  %t = arith.constant 4 : index
  // expected-error @+1 {{'attn.attention' op query_rows total 4 is less than the op's Sq = 8}}
  %o = attn.attention %q, %q, %q query_rows(%s, %t)
      : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>
      -> tensor<1x2x8x16xf32>
  return %o : tensor<1x2x8x16xf32>
}

// -----

func.func @with_block_table(%q: tensor<1x2x16x8xf32>, %rp: tensor<1x2x3xi32>,
                            %cols: tensor<1x2x4xi32>) -> tensor<1x2x16x8xf32> {
  %s = arith.constant 0 : index
  %t = arith.constant 32 : index
  // expected-error @+1 {{'attn.attention' op query_rows cannot be combined with a block table (blocks(...))}}
  %o = attn.attention %q, %q, %q blocks(%rp, %cols : tensor<1x2x3xi32>, tensor<1x2x4xi32>)
      query_rows(%s, %t) {block_size = #attn.tiling<query = 8, key = 8>}
      : tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32>
      -> tensor<1x2x16x8xf32>
  return %o : tensor<1x2x16x8xf32>
}

// -----

// Only the start in the generic form.
func.func @start_only(%q: tensor<1x2x8x16xf32>, %s: index) -> tensor<1x2x8x16xf32> {
  // expected-error @+1 {{'attn.attention' op query_rows needs both the start and the total}}
  %o = "attn.attention"(%q, %q, %q, %s) <{operandSegmentSizes = array<i32: 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0>}> ({}, {})
      : (tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, index)
      -> tensor<1x2x8x16xf32>
  return %o : tensor<1x2x8x16xf32>
}
