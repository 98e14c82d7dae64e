// Tables and offsets the verifier cannot see (a cast to a dynamic shape
// hides the constants): the compiled code checks them at run time.

func.func @unsorted(%q: tensor<1x2x16x8xf32>, %k: tensor<1x2x16x8xf32>,
                    %v: tensor<1x2x16x8xf32>) -> tensor<1x2x16x8xf32> {
  %rp0 = arith.constant dense<[[[0, 2, 4]]]> : tensor<1x1x3xi32>
  %cols0 = arith.constant dense<[[[1, 0, 0, 1]]]> : tensor<1x1x4xi32>
  %rp = tensor.cast %rp0 : tensor<1x1x3xi32> to tensor<1x1x?xi32>
  %cols = tensor.cast %cols0 : tensor<1x1x4xi32> to tensor<1x1x?xi32>
  %o = attn.attention %q, %k, %v
      blocks(%rp, %cols : tensor<1x1x?xi32>, tensor<1x1x?xi32>)
      {block_size = #attn.tiling<query = 8, key = 8>}
      : tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32>
      -> tensor<1x2x16x8xf32>
  return %o : tensor<1x2x16x8xf32>
}

func.func @duplicate(%q: tensor<1x2x16x8xf32>, %k: tensor<1x2x16x8xf32>,
                     %v: tensor<1x2x16x8xf32>) -> tensor<1x2x16x8xf32> {
  %rp0 = arith.constant dense<[[[0, 1, 3]]]> : tensor<1x1x3xi32>
  %cols0 = arith.constant dense<[[[0, 1, 1, 0]]]> : tensor<1x1x4xi32>
  %rp = tensor.cast %rp0 : tensor<1x1x3xi32> to tensor<1x1x?xi32>
  %cols = tensor.cast %cols0 : tensor<1x1x4xi32> to tensor<1x1x?xi32>
  %o = attn.attention %q, %k, %v
      blocks(%rp, %cols : tensor<1x1x?xi32>, tensor<1x1x?xi32>)
      {block_size = #attn.tiling<query = 8, key = 8>}
      : tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32>
      -> tensor<1x2x16x8xf32>
  return %o : tensor<1x2x16x8xf32>
}

func.func @column_out_of_range(%q: tensor<1x2x16x8xf32>, %k: tensor<1x2x16x8xf32>,
                               %v: tensor<1x2x16x8xf32>) -> tensor<1x2x16x8xf32> {
  %rp0 = arith.constant dense<[[[0, 1, 2]]]> : tensor<1x1x3xi32>
  %cols0 = arith.constant dense<[[[0, 1000000]]]> : tensor<1x1x2xi32>
  %rp = tensor.cast %rp0 : tensor<1x1x3xi32> to tensor<1x1x?xi32>
  %cols = tensor.cast %cols0 : tensor<1x1x2xi32> to tensor<1x1x?xi32>
  %o = attn.attention %q, %k, %v
      blocks(%rp, %cols : tensor<1x1x?xi32>, tensor<1x1x?xi32>)
      {block_size = #attn.tiling<query = 8, key = 8>}
      : tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32>
      -> tensor<1x2x16x8xf32>
  return %o : tensor<1x2x16x8xf32>
}

func.func @row_pointer_past_nnz(%q: tensor<1x2x16x8xf32>, %k: tensor<1x2x16x8xf32>,
                                %v: tensor<1x2x16x8xf32>) -> tensor<1x2x16x8xf32> {
  %rp0 = arith.constant dense<[[[0, 1, 99]]]> : tensor<1x1x3xi32>
  %cols0 = arith.constant dense<[[[0, 1]]]> : tensor<1x1x2xi32>
  %rp = tensor.cast %rp0 : tensor<1x1x3xi32> to tensor<1x1x?xi32>
  %cols = tensor.cast %cols0 : tensor<1x1x2xi32> to tensor<1x1x?xi32>
  %o = attn.attention %q, %k, %v
      blocks(%rp, %cols : tensor<1x1x?xi32>, tensor<1x1x?xi32>)
      {block_size = #attn.tiling<query = 8, key = 8>}
      : tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32>
      -> tensor<1x2x16x8xf32>
  return %o : tensor<1x2x16x8xf32>
}

func.func @offsets_unsorted(%q: tensor<1x2x16x8xf32>, %k: tensor<1x2x16x8xf32>,
                            %v: tensor<1x2x16x8xf32>) -> tensor<1x2x16x8xf32> {
  %o0 = arith.constant dense<[0, 9, 4, 16]> : tensor<4xi32>
  %offs = tensor.cast %o0 : tensor<4xi32> to tensor<?xi32>
  %o = attn.attention %q, %k, %v documents(%offs : tensor<?xi32>)
      {sparsity = #attn.documents}
      : tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32>
      -> tensor<1x2x16x8xf32>
  return %o : tensor<1x2x16x8xf32>
}

func.func @offsets_past_skv(%q: tensor<1x2x16x8xf32>, %k: tensor<1x2x16x8xf32>,
                            %v: tensor<1x2x16x8xf32>) -> tensor<1x2x16x8xf32> {
  %o0 = arith.constant dense<[0, 9, 17]> : tensor<3xi64>
  %offs = tensor.cast %o0 : tensor<3xi64> to tensor<?xi64>
  %o = attn.attention %q, %k, %v documents(%offs : tensor<?xi64>)
      {sparsity = #attn.intersect<[#attn.documents, #attn.causal]>}
      : tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32>
      -> tensor<1x2x16x8xf32>
  return %o : tensor<1x2x16x8xf32>
}
