// Document-causal attention with a sink (packed sequences): query i sees
// key j when both lie in the same document and j <= i, and every query sees
// key 0. The document ids are a constant table the region reads; the
// compile-time analysis bounds it (tiles of different documents are empty).
// RUN-BY: attn-run --check %s
func.func @mod_document_sink(%q: tensor<1x4x256x32xf32>,
    %k: tensor<1x4x256x32xf32>, %v: tensor<1x4x256x32xf32>)
    -> tensor<1x4x256x32xf32> {
  %docs = arith.constant dense<[
      0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
      0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1,
      1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
      1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
      1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2,
      2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 3,
      3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
      3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
      3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 4, 4, 4, 4, 4, 4, 4,
      4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
      4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
      4, 4, 4]> : tensor<256xi32>
  %o = attn.attention %q, %k, %v mask_mod {
    ^bb0(%b: index, %h: index, %i: index, %j: index):
      %di = tensor.extract %docs[%i] : tensor<256xi32>
      %dj = tensor.extract %docs[%j] : tensor<256xi32>
      %same = arith.cmpi eq, %di, %dj : i32
      %causal = arith.cmpi sle, %j, %i : index
      %doc = arith.andi %same, %causal : i1
      %c0 = arith.constant 0 : index
      %sink = arith.cmpi eq, %j, %c0 : index
      %vis = arith.ori %doc, %sink : i1
      attn.yield %vis : i1
  } : tensor<1x4x256x32xf32>, tensor<1x4x256x32xf32>, tensor<1x4x256x32xf32>
      -> tensor<1x4x256x32xf32>
  return %o : tensor<1x4x256x32xf32>
}
