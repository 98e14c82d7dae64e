// RUN: attn-opt %s --attn-raise=remarks=true -verify-diagnostics | FileCheck %s
//
// What is not attention, or not attention the op can express, is left
// alone; remarks=true says why, on the Q K^T contraction.

#id4 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#row = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
#rowk = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, 0)>
#plane = affine_map<(d0, d1, d2, d3) -> (0, 0, d2, d3)>
#scalar = affine_map<(d0, d1, d2, d3) -> ()>
#qk_q = affine_map<(b, h, i, j, d) -> (b, h, i, d)>
#qk_k = affine_map<(b, h, i, j, d) -> (b, h, j, d)>
#qk_s = affine_map<(b, h, i, j, d) -> (b, h, i, j)>
#pv_p = affine_map<(b, h, i, d, j) -> (b, h, i, j)>
#pv_v = affine_map<(b, h, i, d, j) -> (b, h, j, d)>
#pv_o = affine_map<(b, h, i, d, j) -> (b, h, i, d)>
#mm_a = affine_map<(m, n, k) -> (m, k)>
#mm_bt = affine_map<(m, n, k) -> (n, k)>
#mm_c = affine_map<(m, n, k) -> (m, n)>

// CHECK-LABEL: func.func @softmax_wrong_dim
// CHECK-NOT: attn.attention
func.func @softmax_wrong_dim(%q: tensor<1x2x8x4xf32>, %k: tensor<1x2x8x4xf32>, %v: tensor<1x2x8x4xf32>) -> tensor<1x2x8x4xf32> {
  %v1 = tensor.empty() : tensor<1x2x8x8xf32>
  %v2 = arith.constant 0.0 : f32
  %v3 = linalg.fill ins(%v2 : f32) outs(%v1 : tensor<1x2x8x8xf32>) -> tensor<1x2x8x8xf32>
  // expected-remark @+1 {{attn-raise: not raised: no max reduction over the last dim}}
  %v4 = linalg.generic {indexing_maps = [#qk_q, #qk_k, #qk_s], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%q, %k : tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>) outs(%v3 : tensor<1x2x8x8xf32>) {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  } -> tensor<1x2x8x8xf32>
  %v5 = tensor.empty() : tensor<1x2x8xf32>
  %v6 = arith.constant 0xFF800000 : f32
  %v7 = linalg.fill ins(%v6 : f32) outs(%v5 : tensor<1x2x8xf32>) -> tensor<1x2x8xf32>
  %v8 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d3, d2)>, #row], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%v4 : tensor<1x2x8x8xf32>) outs(%v7 : tensor<1x2x8xf32>) {
  ^bb0(%a: f32, %c: f32):
    %r = arith.maximumf %a, %c : f32
    linalg.yield %r : f32
  } -> tensor<1x2x8xf32>
  %v9 = tensor.empty() : tensor<1x2x8x8xf32>
  %v10 = linalg.generic {indexing_maps = [#id4, affine_map<(d0, d1, d2, d3) -> (d0, d1, d3)>, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v4, %v8 : tensor<1x2x8x8xf32>, tensor<1x2x8xf32>) outs(%v9 : tensor<1x2x8x8xf32>) {
  ^bb0(%x0: f32, %x1: f32, %o: f32):
    %r = arith.subf %x0, %x1 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x8x8xf32>
  %v11 = tensor.empty() : tensor<1x2x8x8xf32>
  %v12 = linalg.generic {indexing_maps = [#id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v10 : tensor<1x2x8x8xf32>) outs(%v11 : tensor<1x2x8x8xf32>) {
  ^bb0(%x0: f32, %o: f32):
    %r = math.exp %x0 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x8x8xf32>
  %v13 = tensor.empty() : tensor<1x2x8x4xf32>
  %v14 = arith.constant 0.0 : f32
  %v15 = linalg.fill ins(%v14 : f32) outs(%v13 : tensor<1x2x8x4xf32>) -> tensor<1x2x8x4xf32>
  %v16 = linalg.generic {indexing_maps = [#pv_p, #pv_v, #pv_o], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%v12, %v : tensor<1x2x8x8xf32>, tensor<1x2x8x4xf32>) outs(%v15 : tensor<1x2x8x4xf32>) {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  } -> tensor<1x2x8x4xf32>
  return %v16 : tensor<1x2x8x4xf32>
}

// CHECK-LABEL: func.func @scores_other_user
// CHECK-NOT: attn.attention
func.func @scores_other_user(%q: tensor<1x2x8x4xf32>, %k: tensor<1x2x8x4xf32>, %v: tensor<1x2x8x4xf32>) -> (tensor<1x2x8x4xf32>, tensor<1x2x8x8xf32>) {
  %v1 = tensor.empty() : tensor<1x2x8x8xf32>
  %v2 = arith.constant 0.0 : f32
  %v3 = linalg.fill ins(%v2 : f32) outs(%v1 : tensor<1x2x8x8xf32>) -> tensor<1x2x8x8xf32>
  // expected-remark @+1 {{attn-raise: not raised: the scores have users other than the softmax}}
  %v4 = linalg.generic {indexing_maps = [#qk_q, #qk_k, #qk_s], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%q, %k : tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>) outs(%v3 : tensor<1x2x8x8xf32>) {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  } -> tensor<1x2x8x8xf32>
  %v5 = tensor.empty() : tensor<1x2x8x8xf32>
  %v6 = linalg.generic {indexing_maps = [#id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v4 : tensor<1x2x8x8xf32>) outs(%v5 : tensor<1x2x8x8xf32>) {
  ^bb0(%x0: f32, %o: f32):
    %c = arith.constant 0.5 : f32
    %r = arith.mulf %x0, %c : f32
    linalg.yield %r : f32
  } -> tensor<1x2x8x8xf32>
  %v7 = tensor.empty() : tensor<1x2x8xf32>
  %v8 = arith.constant 0xFF800000 : f32
  %v9 = linalg.fill ins(%v8 : f32) outs(%v7 : tensor<1x2x8xf32>) -> tensor<1x2x8xf32>
  %v10 = linalg.generic {indexing_maps = [#id4, #row], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%v6 : tensor<1x2x8x8xf32>) outs(%v9 : tensor<1x2x8xf32>) {
  ^bb0(%a: f32, %c: f32):
    %r = arith.maximumf %a, %c : f32
    linalg.yield %r : f32
  } -> tensor<1x2x8xf32>
  %v11 = tensor.empty() : tensor<1x2x8x8xf32>
  %v12 = linalg.generic {indexing_maps = [#id4, #row, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v6, %v10 : tensor<1x2x8x8xf32>, tensor<1x2x8xf32>) outs(%v11 : tensor<1x2x8x8xf32>) {
  ^bb0(%x0: f32, %x1: f32, %o: f32):
    %r = arith.subf %x0, %x1 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x8x8xf32>
  %v13 = tensor.empty() : tensor<1x2x8x8xf32>
  %v14 = linalg.generic {indexing_maps = [#id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v12 : tensor<1x2x8x8xf32>) outs(%v13 : tensor<1x2x8x8xf32>) {
  ^bb0(%x0: f32, %o: f32):
    %r = math.exp %x0 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x8x8xf32>
  %v15 = arith.constant 0.0 : f32
  %v16 = linalg.fill ins(%v15 : f32) outs(%v7 : tensor<1x2x8xf32>) -> tensor<1x2x8xf32>
  %v17 = linalg.generic {indexing_maps = [#id4, #row], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%v14 : tensor<1x2x8x8xf32>) outs(%v16 : tensor<1x2x8xf32>) {
  ^bb0(%a: f32, %c: f32):
    %r = arith.addf %a, %c : f32
    linalg.yield %r : f32
  } -> tensor<1x2x8xf32>
  %v18 = tensor.empty() : tensor<1x2x8x8xf32>
  %v19 = linalg.generic {indexing_maps = [#id4, #row, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v14, %v17 : tensor<1x2x8x8xf32>, tensor<1x2x8xf32>) outs(%v18 : tensor<1x2x8x8xf32>) {
  ^bb0(%x0: f32, %x1: f32, %o: f32):
    %r = arith.divf %x0, %x1 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x8x8xf32>
  %v20 = tensor.empty() : tensor<1x2x8x4xf32>
  %v21 = arith.constant 0.0 : f32
  %v22 = linalg.fill ins(%v21 : f32) outs(%v20 : tensor<1x2x8x4xf32>) -> tensor<1x2x8x4xf32>
  %v23 = linalg.generic {indexing_maps = [#pv_p, #pv_v, #pv_o], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%v19, %v : tensor<1x2x8x8xf32>, tensor<1x2x8x4xf32>) outs(%v22 : tensor<1x2x8x4xf32>) {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  } -> tensor<1x2x8x4xf32>
  return %v23, %v6 : tensor<1x2x8x4xf32>, tensor<1x2x8x8xf32>
}

// CHECK-LABEL: func.func @probs_other_user
// CHECK-NOT: attn.attention
func.func @probs_other_user(%q: tensor<1x2x8x4xf32>, %k: tensor<1x2x8x4xf32>, %v: tensor<1x2x8x4xf32>) -> (tensor<1x2x8x4xf32>, tensor<1x2x8x8xf32>) {
  %v1 = tensor.empty() : tensor<1x2x8x8xf32>
  %v2 = arith.constant 0.0 : f32
  %v3 = linalg.fill ins(%v2 : f32) outs(%v1 : tensor<1x2x8x8xf32>) -> tensor<1x2x8x8xf32>
  // expected-remark @+1 {{attn-raise: not raised: the probabilities have other users}}
  %v4 = linalg.generic {indexing_maps = [#qk_q, #qk_k, #qk_s], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%q, %k : tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>) outs(%v3 : tensor<1x2x8x8xf32>) {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  } -> tensor<1x2x8x8xf32>
  %v5 = tensor.empty() : tensor<1x2x8xf32>
  %v6 = arith.constant 0xFF800000 : f32
  %v7 = linalg.fill ins(%v6 : f32) outs(%v5 : tensor<1x2x8xf32>) -> tensor<1x2x8xf32>
  %v8 = linalg.generic {indexing_maps = [#id4, #row], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%v4 : tensor<1x2x8x8xf32>) outs(%v7 : tensor<1x2x8xf32>) {
  ^bb0(%a: f32, %c: f32):
    %r = arith.maximumf %a, %c : f32
    linalg.yield %r : f32
  } -> tensor<1x2x8xf32>
  %v9 = tensor.empty() : tensor<1x2x8x8xf32>
  %v10 = linalg.generic {indexing_maps = [#id4, #row, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v4, %v8 : tensor<1x2x8x8xf32>, tensor<1x2x8xf32>) outs(%v9 : tensor<1x2x8x8xf32>) {
  ^bb0(%x0: f32, %x1: f32, %o: f32):
    %r = arith.subf %x0, %x1 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x8x8xf32>
  %v11 = tensor.empty() : tensor<1x2x8x8xf32>
  %v12 = linalg.generic {indexing_maps = [#id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v10 : tensor<1x2x8x8xf32>) outs(%v11 : tensor<1x2x8x8xf32>) {
  ^bb0(%x0: f32, %o: f32):
    %r = math.exp %x0 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x8x8xf32>
  %v13 = arith.constant 0.0 : f32
  %v14 = linalg.fill ins(%v13 : f32) outs(%v5 : tensor<1x2x8xf32>) -> tensor<1x2x8xf32>
  %v15 = linalg.generic {indexing_maps = [#id4, #row], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%v12 : tensor<1x2x8x8xf32>) outs(%v14 : tensor<1x2x8xf32>) {
  ^bb0(%a: f32, %c: f32):
    %r = arith.addf %a, %c : f32
    linalg.yield %r : f32
  } -> tensor<1x2x8xf32>
  %v16 = tensor.empty() : tensor<1x2x8x8xf32>
  %v17 = linalg.generic {indexing_maps = [#id4, #row, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v12, %v15 : tensor<1x2x8x8xf32>, tensor<1x2x8xf32>) outs(%v16 : tensor<1x2x8x8xf32>) {
  ^bb0(%x0: f32, %x1: f32, %o: f32):
    %r = arith.divf %x0, %x1 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x8x8xf32>
  %v18 = tensor.empty() : tensor<1x2x8x4xf32>
  %v19 = arith.constant 0.0 : f32
  %v20 = linalg.fill ins(%v19 : f32) outs(%v18 : tensor<1x2x8x4xf32>) -> tensor<1x2x8x4xf32>
  %v21 = linalg.generic {indexing_maps = [#pv_p, #pv_v, #pv_o], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%v17, %v : tensor<1x2x8x8xf32>, tensor<1x2x8x4xf32>) outs(%v20 : tensor<1x2x8x4xf32>) {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  } -> tensor<1x2x8x4xf32>
  return %v21, %v17 : tensor<1x2x8x4xf32>, tensor<1x2x8x8xf32>
}

// CHECK-LABEL: func.func @dropout
// CHECK-NOT: attn.attention
func.func @dropout(%q: tensor<1x2x8x4xf32>, %k: tensor<1x2x8x4xf32>, %v: tensor<1x2x8x4xf32>, %keep: tensor<1x2x8x8xf32>) -> tensor<1x2x8x4xf32> {
  %v1 = tensor.empty() : tensor<1x2x8x8xf32>
  %v2 = arith.constant 0.0 : f32
  %v3 = linalg.fill ins(%v2 : f32) outs(%v1 : tensor<1x2x8x8xf32>) -> tensor<1x2x8x8xf32>
  // expected-remark @+1 {{attn-raise: not raised: the probabilities go through linalg.generic before P V}}
  %v4 = linalg.generic {indexing_maps = [#qk_q, #qk_k, #qk_s], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%q, %k : tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>) outs(%v3 : tensor<1x2x8x8xf32>) {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  } -> tensor<1x2x8x8xf32>
  %v5 = tensor.empty() : tensor<1x2x8xf32>
  %v6 = arith.constant 0xFF800000 : f32
  %v7 = linalg.fill ins(%v6 : f32) outs(%v5 : tensor<1x2x8xf32>) -> tensor<1x2x8xf32>
  %v8 = linalg.generic {indexing_maps = [#id4, #row], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%v4 : tensor<1x2x8x8xf32>) outs(%v7 : tensor<1x2x8xf32>) {
  ^bb0(%a: f32, %c: f32):
    %r = arith.maximumf %a, %c : f32
    linalg.yield %r : f32
  } -> tensor<1x2x8xf32>
  %v9 = tensor.empty() : tensor<1x2x8x8xf32>
  %v10 = linalg.generic {indexing_maps = [#id4, #row, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v4, %v8 : tensor<1x2x8x8xf32>, tensor<1x2x8xf32>) outs(%v9 : tensor<1x2x8x8xf32>) {
  ^bb0(%x0: f32, %x1: f32, %o: f32):
    %r = arith.subf %x0, %x1 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x8x8xf32>
  %v11 = tensor.empty() : tensor<1x2x8x8xf32>
  %v12 = linalg.generic {indexing_maps = [#id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v10 : tensor<1x2x8x8xf32>) outs(%v11 : tensor<1x2x8x8xf32>) {
  ^bb0(%x0: f32, %o: f32):
    %r = math.exp %x0 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x8x8xf32>
  %v13 = arith.constant 0.0 : f32
  %v14 = linalg.fill ins(%v13 : f32) outs(%v5 : tensor<1x2x8xf32>) -> tensor<1x2x8xf32>
  %v15 = linalg.generic {indexing_maps = [#id4, #row], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%v12 : tensor<1x2x8x8xf32>) outs(%v14 : tensor<1x2x8xf32>) {
  ^bb0(%a: f32, %c: f32):
    %r = arith.addf %a, %c : f32
    linalg.yield %r : f32
  } -> tensor<1x2x8xf32>
  %v16 = tensor.empty() : tensor<1x2x8x8xf32>
  %v17 = linalg.generic {indexing_maps = [#id4, #row, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v12, %v15 : tensor<1x2x8x8xf32>, tensor<1x2x8xf32>) outs(%v16 : tensor<1x2x8x8xf32>) {
  ^bb0(%x0: f32, %x1: f32, %o: f32):
    %r = arith.divf %x0, %x1 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x8x8xf32>
  %v18 = tensor.empty() : tensor<1x2x8x8xf32>
  %v19 = linalg.generic {indexing_maps = [#id4, #id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v17, %keep : tensor<1x2x8x8xf32>, tensor<1x2x8x8xf32>) outs(%v18 : tensor<1x2x8x8xf32>) {
  ^bb0(%x0: f32, %x1: f32, %o: f32):
    %r = arith.mulf %x0, %x1 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x8x8xf32>
  %v20 = tensor.empty() : tensor<1x2x8x4xf32>
  %v21 = arith.constant 0.0 : f32
  %v22 = linalg.fill ins(%v21 : f32) outs(%v20 : tensor<1x2x8x4xf32>) -> tensor<1x2x8x4xf32>
  %v23 = linalg.generic {indexing_maps = [#pv_p, #pv_v, #pv_o], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%v19, %v : tensor<1x2x8x8xf32>, tensor<1x2x8x4xf32>) outs(%v22 : tensor<1x2x8x4xf32>) {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  } -> tensor<1x2x8x4xf32>
  return %v23 : tensor<1x2x8x4xf32>
}

// CHECK-LABEL: func.func @scale_not_uniform
// CHECK-NOT: attn.attention
func.func @scale_not_uniform(%q: tensor<1x2x8x4xf32>, %k: tensor<1x2x8x4xf32>, %v: tensor<1x2x8x4xf32>) -> tensor<1x2x8x4xf32> {
  %v1 = tensor.empty() : tensor<1x2x8x8xf32>
  %v2 = arith.constant 0.0 : f32
  %v3 = linalg.fill ins(%v2 : f32) outs(%v1 : tensor<1x2x8x8xf32>) -> tensor<1x2x8x8xf32>
  // expected-remark @+1 {{attn-raise: not raised: the scores are multiplied by a non-constant or non-uniform factor}}
  %v4 = linalg.generic {indexing_maps = [#qk_q, #qk_k, #qk_s], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%q, %k : tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>) outs(%v3 : tensor<1x2x8x8xf32>) {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  } -> tensor<1x2x8x8xf32>
  %v5 = arith.constant dense<[0.5, 0.25, 0.5, 0.25, 0.5, 0.25, 0.5, 0.25]> : tensor<8xf32>
  %v6 = tensor.empty() : tensor<1x2x8x8xf32>
  %v7 = linalg.generic {indexing_maps = [#id4, affine_map<(d0, d1, d2, d3) -> (d3)>, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v4, %v5 : tensor<1x2x8x8xf32>, tensor<8xf32>) outs(%v6 : tensor<1x2x8x8xf32>) {
  ^bb0(%x0: f32, %x1: f32, %o: f32):
    %r = arith.mulf %x0, %x1 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x8x8xf32>
  %v8 = tensor.empty() : tensor<1x2x8xf32>
  %v9 = arith.constant 0xFF800000 : f32
  %v10 = linalg.fill ins(%v9 : f32) outs(%v8 : tensor<1x2x8xf32>) -> tensor<1x2x8xf32>
  %v11 = linalg.generic {indexing_maps = [#id4, #row], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%v7 : tensor<1x2x8x8xf32>) outs(%v10 : tensor<1x2x8xf32>) {
  ^bb0(%a: f32, %c: f32):
    %r = arith.maximumf %a, %c : f32
    linalg.yield %r : f32
  } -> tensor<1x2x8xf32>
  %v12 = tensor.empty() : tensor<1x2x8x8xf32>
  %v13 = linalg.generic {indexing_maps = [#id4, #row, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v7, %v11 : tensor<1x2x8x8xf32>, tensor<1x2x8xf32>) outs(%v12 : tensor<1x2x8x8xf32>) {
  ^bb0(%x0: f32, %x1: f32, %o: f32):
    %r = arith.subf %x0, %x1 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x8x8xf32>
  %v14 = tensor.empty() : tensor<1x2x8x8xf32>
  %v15 = linalg.generic {indexing_maps = [#id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v13 : tensor<1x2x8x8xf32>) outs(%v14 : tensor<1x2x8x8xf32>) {
  ^bb0(%x0: f32, %o: f32):
    %r = math.exp %x0 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x8x8xf32>
  %v16 = arith.constant 0.0 : f32
  %v17 = linalg.fill ins(%v16 : f32) outs(%v8 : tensor<1x2x8xf32>) -> tensor<1x2x8xf32>
  %v18 = linalg.generic {indexing_maps = [#id4, #row], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%v15 : tensor<1x2x8x8xf32>) outs(%v17 : tensor<1x2x8xf32>) {
  ^bb0(%a: f32, %c: f32):
    %r = arith.addf %a, %c : f32
    linalg.yield %r : f32
  } -> tensor<1x2x8xf32>
  %v19 = tensor.empty() : tensor<1x2x8x8xf32>
  %v20 = linalg.generic {indexing_maps = [#id4, #row, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v15, %v18 : tensor<1x2x8x8xf32>, tensor<1x2x8xf32>) outs(%v19 : tensor<1x2x8x8xf32>) {
  ^bb0(%x0: f32, %x1: f32, %o: f32):
    %r = arith.divf %x0, %x1 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x8x8xf32>
  %v21 = tensor.empty() : tensor<1x2x8x4xf32>
  %v22 = arith.constant 0.0 : f32
  %v23 = linalg.fill ins(%v22 : f32) outs(%v21 : tensor<1x2x8x4xf32>) -> tensor<1x2x8x4xf32>
  %v24 = linalg.generic {indexing_maps = [#pv_p, #pv_v, #pv_o], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%v20, %v : tensor<1x2x8x8xf32>, tensor<1x2x8x4xf32>) outs(%v23 : tensor<1x2x8x4xf32>) {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  } -> tensor<1x2x8x4xf32>
  return %v24 : tensor<1x2x8x4xf32>
}

// CHECK-LABEL: func.func @select_fill_zero
// CHECK-NOT: attn.attention
func.func @select_fill_zero(%q: tensor<1x2x8x4xf32>, %k: tensor<1x2x8x4xf32>, %v: tensor<1x2x8x4xf32>, %mask: tensor<1x1x8x8xi1>) -> tensor<1x2x8x4xf32> {
  %v1 = tensor.empty() : tensor<1x2x8x8xf32>
  %v2 = arith.constant 0.0 : f32
  %v3 = linalg.fill ins(%v2 : f32) outs(%v1 : tensor<1x2x8x8xf32>) -> tensor<1x2x8x8xf32>
  // expected-remark @+1 {{attn-raise: not raised: a select replaces scores by a value other than -inf}}
  %v4 = linalg.generic {indexing_maps = [#qk_q, #qk_k, #qk_s], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%q, %k : tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>) outs(%v3 : tensor<1x2x8x8xf32>) {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  } -> tensor<1x2x8x8xf32>
  %v5 = tensor.empty() : tensor<1x2x8x8xf32>
  %v6 = linalg.generic {indexing_maps = [#plane, #id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%mask, %v4 : tensor<1x1x8x8xi1>, tensor<1x2x8x8xf32>) outs(%v5 : tensor<1x2x8x8xf32>) {
  ^bb0(%x0: i1, %x1: f32, %o: f32):
    %n = arith.constant 0.0 : f32
    %r = arith.select %x0, %x1, %n : f32
    linalg.yield %r : f32
  } -> tensor<1x2x8x8xf32>
  %v7 = tensor.empty() : tensor<1x2x8xf32>
  %v8 = arith.constant 0xFF800000 : f32
  %v9 = linalg.fill ins(%v8 : f32) outs(%v7 : tensor<1x2x8xf32>) -> tensor<1x2x8xf32>
  %v10 = linalg.generic {indexing_maps = [#id4, #row], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%v6 : tensor<1x2x8x8xf32>) outs(%v9 : tensor<1x2x8xf32>) {
  ^bb0(%a: f32, %c: f32):
    %r = arith.maximumf %a, %c : f32
    linalg.yield %r : f32
  } -> tensor<1x2x8xf32>
  %v11 = tensor.empty() : tensor<1x2x8x8xf32>
  %v12 = linalg.generic {indexing_maps = [#id4, #row, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v6, %v10 : tensor<1x2x8x8xf32>, tensor<1x2x8xf32>) outs(%v11 : tensor<1x2x8x8xf32>) {
  ^bb0(%x0: f32, %x1: f32, %o: f32):
    %r = arith.subf %x0, %x1 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x8x8xf32>
  %v13 = tensor.empty() : tensor<1x2x8x8xf32>
  %v14 = linalg.generic {indexing_maps = [#id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v12 : tensor<1x2x8x8xf32>) outs(%v13 : tensor<1x2x8x8xf32>) {
  ^bb0(%x0: f32, %o: f32):
    %r = math.exp %x0 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x8x8xf32>
  %v15 = arith.constant 0.0 : f32
  %v16 = linalg.fill ins(%v15 : f32) outs(%v7 : tensor<1x2x8xf32>) -> tensor<1x2x8xf32>
  %v17 = linalg.generic {indexing_maps = [#id4, #row], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%v14 : tensor<1x2x8x8xf32>) outs(%v16 : tensor<1x2x8xf32>) {
  ^bb0(%a: f32, %c: f32):
    %r = arith.addf %a, %c : f32
    linalg.yield %r : f32
  } -> tensor<1x2x8xf32>
  %v18 = tensor.empty() : tensor<1x2x8x8xf32>
  %v19 = linalg.generic {indexing_maps = [#id4, #row, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v14, %v17 : tensor<1x2x8x8xf32>, tensor<1x2x8xf32>) outs(%v18 : tensor<1x2x8x8xf32>) {
  ^bb0(%x0: f32, %x1: f32, %o: f32):
    %r = arith.divf %x0, %x1 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x8x8xf32>
  %v20 = tensor.empty() : tensor<1x2x8x4xf32>
  %v21 = arith.constant 0.0 : f32
  %v22 = linalg.fill ins(%v21 : f32) outs(%v20 : tensor<1x2x8x4xf32>) -> tensor<1x2x8x4xf32>
  %v23 = linalg.generic {indexing_maps = [#pv_p, #pv_v, #pv_o], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%v19, %v : tensor<1x2x8x8xf32>, tensor<1x2x8x4xf32>) outs(%v22 : tensor<1x2x8x4xf32>) {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  } -> tensor<1x2x8x4xf32>
  return %v23 : tensor<1x2x8x4xf32>
}

// CHECK-LABEL: func.func @scores_times_tensor
// CHECK-NOT: attn.attention
func.func @scores_times_tensor(%q: tensor<1x2x8x4xf32>, %k: tensor<1x2x8x4xf32>, %v: tensor<1x2x8x4xf32>, %w: tensor<1x2x8x8xf32>) -> tensor<1x2x8x4xf32> {
  %v1 = tensor.empty() : tensor<1x2x8x8xf32>
  %v2 = arith.constant 0.0 : f32
  %v3 = linalg.fill ins(%v2 : f32) outs(%v1 : tensor<1x2x8x8xf32>) -> tensor<1x2x8x8xf32>
  // expected-remark @+1 {{attn-raise: not raised: the scores are multiplied by a non-constant or non-uniform factor}}
  %v4 = linalg.generic {indexing_maps = [#qk_q, #qk_k, #qk_s], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%q, %k : tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>) outs(%v3 : tensor<1x2x8x8xf32>) {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  } -> tensor<1x2x8x8xf32>
  %v5 = tensor.empty() : tensor<1x2x8x8xf32>
  %v6 = linalg.generic {indexing_maps = [#id4, #id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v4, %w : tensor<1x2x8x8xf32>, tensor<1x2x8x8xf32>) outs(%v5 : tensor<1x2x8x8xf32>) {
  ^bb0(%x0: f32, %x1: f32, %o: f32):
    %r = arith.mulf %x0, %x1 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x8x8xf32>
  %v7 = tensor.empty() : tensor<1x2x8xf32>
  %v8 = arith.constant 0xFF800000 : f32
  %v9 = linalg.fill ins(%v8 : f32) outs(%v7 : tensor<1x2x8xf32>) -> tensor<1x2x8xf32>
  %v10 = linalg.generic {indexing_maps = [#id4, #row], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%v6 : tensor<1x2x8x8xf32>) outs(%v9 : tensor<1x2x8xf32>) {
  ^bb0(%a: f32, %c: f32):
    %r = arith.maximumf %a, %c : f32
    linalg.yield %r : f32
  } -> tensor<1x2x8xf32>
  %v11 = tensor.empty() : tensor<1x2x8x8xf32>
  %v12 = linalg.generic {indexing_maps = [#id4, #row, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v6, %v10 : tensor<1x2x8x8xf32>, tensor<1x2x8xf32>) outs(%v11 : tensor<1x2x8x8xf32>) {
  ^bb0(%x0: f32, %x1: f32, %o: f32):
    %r = arith.subf %x0, %x1 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x8x8xf32>
  %v13 = tensor.empty() : tensor<1x2x8x8xf32>
  %v14 = linalg.generic {indexing_maps = [#id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v12 : tensor<1x2x8x8xf32>) outs(%v13 : tensor<1x2x8x8xf32>) {
  ^bb0(%x0: f32, %o: f32):
    %r = math.exp %x0 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x8x8xf32>
  %v15 = arith.constant 0.0 : f32
  %v16 = linalg.fill ins(%v15 : f32) outs(%v7 : tensor<1x2x8xf32>) -> tensor<1x2x8xf32>
  %v17 = linalg.generic {indexing_maps = [#id4, #row], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%v14 : tensor<1x2x8x8xf32>) outs(%v16 : tensor<1x2x8xf32>) {
  ^bb0(%a: f32, %c: f32):
    %r = arith.addf %a, %c : f32
    linalg.yield %r : f32
  } -> tensor<1x2x8xf32>
  %v18 = tensor.empty() : tensor<1x2x8x8xf32>
  %v19 = linalg.generic {indexing_maps = [#id4, #row, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v14, %v17 : tensor<1x2x8x8xf32>, tensor<1x2x8xf32>) outs(%v18 : tensor<1x2x8x8xf32>) {
  ^bb0(%x0: f32, %x1: f32, %o: f32):
    %r = arith.divf %x0, %x1 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x8x8xf32>
  %v20 = tensor.empty() : tensor<1x2x8x4xf32>
  %v21 = arith.constant 0.0 : f32
  %v22 = linalg.fill ins(%v21 : f32) outs(%v20 : tensor<1x2x8x4xf32>) -> tensor<1x2x8x4xf32>
  %v23 = linalg.generic {indexing_maps = [#pv_p, #pv_v, #pv_o], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%v19, %v : tensor<1x2x8x8xf32>, tensor<1x2x8x4xf32>) outs(%v22 : tensor<1x2x8x4xf32>) {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  } -> tensor<1x2x8x4xf32>
  return %v23 : tensor<1x2x8x4xf32>
}

// CHECK-LABEL: func.func @tanh_scores
// CHECK-NOT: attn.attention
func.func @tanh_scores(%q: tensor<1x2x8x4xf32>, %k: tensor<1x2x8x4xf32>, %v: tensor<1x2x8x4xf32>) -> tensor<1x2x8x4xf32> {
  %v1 = tensor.empty() : tensor<1x2x8x8xf32>
  %v2 = arith.constant 0.0 : f32
  %v3 = linalg.fill ins(%v2 : f32) outs(%v1 : tensor<1x2x8x8xf32>) -> tensor<1x2x8x8xf32>
  // expected-remark @+1 {{attn-raise: not raised: the scores are used by linalg.generic}}
  %v4 = linalg.generic {indexing_maps = [#qk_q, #qk_k, #qk_s], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%q, %k : tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>) outs(%v3 : tensor<1x2x8x8xf32>) {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  } -> tensor<1x2x8x8xf32>
  %v5 = tensor.empty() : tensor<1x2x8x8xf32>
  %v6 = linalg.generic {indexing_maps = [#id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v4 : tensor<1x2x8x8xf32>) outs(%v5 : tensor<1x2x8x8xf32>) {
  ^bb0(%x0: f32, %o: f32):
    %r = math.tanh %x0 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x8x8xf32>
  %v7 = tensor.empty() : tensor<1x2x8xf32>
  %v8 = arith.constant 0xFF800000 : f32
  %v9 = linalg.fill ins(%v8 : f32) outs(%v7 : tensor<1x2x8xf32>) -> tensor<1x2x8xf32>
  %v10 = linalg.generic {indexing_maps = [#id4, #row], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%v6 : tensor<1x2x8x8xf32>) outs(%v9 : tensor<1x2x8xf32>) {
  ^bb0(%a: f32, %c: f32):
    %r = arith.maximumf %a, %c : f32
    linalg.yield %r : f32
  } -> tensor<1x2x8xf32>
  %v11 = tensor.empty() : tensor<1x2x8x8xf32>
  %v12 = linalg.generic {indexing_maps = [#id4, #row, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v6, %v10 : tensor<1x2x8x8xf32>, tensor<1x2x8xf32>) outs(%v11 : tensor<1x2x8x8xf32>) {
  ^bb0(%x0: f32, %x1: f32, %o: f32):
    %r = arith.subf %x0, %x1 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x8x8xf32>
  %v13 = tensor.empty() : tensor<1x2x8x8xf32>
  %v14 = linalg.generic {indexing_maps = [#id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v12 : tensor<1x2x8x8xf32>) outs(%v13 : tensor<1x2x8x8xf32>) {
  ^bb0(%x0: f32, %o: f32):
    %r = math.exp %x0 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x8x8xf32>
  %v15 = arith.constant 0.0 : f32
  %v16 = linalg.fill ins(%v15 : f32) outs(%v7 : tensor<1x2x8xf32>) -> tensor<1x2x8xf32>
  %v17 = linalg.generic {indexing_maps = [#id4, #row], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%v14 : tensor<1x2x8x8xf32>) outs(%v16 : tensor<1x2x8xf32>) {
  ^bb0(%a: f32, %c: f32):
    %r = arith.addf %a, %c : f32
    linalg.yield %r : f32
  } -> tensor<1x2x8xf32>
  %v18 = tensor.empty() : tensor<1x2x8x8xf32>
  %v19 = linalg.generic {indexing_maps = [#id4, #row, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v14, %v17 : tensor<1x2x8x8xf32>, tensor<1x2x8xf32>) outs(%v18 : tensor<1x2x8x8xf32>) {
  ^bb0(%x0: f32, %x1: f32, %o: f32):
    %r = arith.divf %x0, %x1 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x8x8xf32>
  %v20 = tensor.empty() : tensor<1x2x8x4xf32>
  %v21 = arith.constant 0.0 : f32
  %v22 = linalg.fill ins(%v21 : f32) outs(%v20 : tensor<1x2x8x4xf32>) -> tensor<1x2x8x4xf32>
  %v23 = linalg.generic {indexing_maps = [#pv_p, #pv_v, #pv_o], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%v19, %v : tensor<1x2x8x8xf32>, tensor<1x2x8x4xf32>) outs(%v22 : tensor<1x2x8x4xf32>) {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  } -> tensor<1x2x8x4xf32>
  return %v23 : tensor<1x2x8x4xf32>
}

// CHECK-LABEL: func.func @normalized_by_max
// CHECK-NOT: attn.attention
func.func @normalized_by_max(%q: tensor<1x2x8x4xf32>, %k: tensor<1x2x8x4xf32>, %v: tensor<1x2x8x4xf32>) -> tensor<1x2x8x4xf32> {
  %v1 = tensor.empty() : tensor<1x2x8x8xf32>
  %v2 = arith.constant 0.0 : f32
  %v3 = linalg.fill ins(%v2 : f32) outs(%v1 : tensor<1x2x8x8xf32>) -> tensor<1x2x8x8xf32>
  // expected-remark @+1 {{attn-raise: not raised: the max is not subtracted from the scores row by row}}
  %v4 = linalg.generic {indexing_maps = [#qk_q, #qk_k, #qk_s], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%q, %k : tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>) outs(%v3 : tensor<1x2x8x8xf32>) {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  } -> tensor<1x2x8x8xf32>
  %v5 = tensor.empty() : tensor<1x2x8xf32>
  %v6 = arith.constant 0xFF800000 : f32
  %v7 = linalg.fill ins(%v6 : f32) outs(%v5 : tensor<1x2x8xf32>) -> tensor<1x2x8xf32>
  %v8 = linalg.generic {indexing_maps = [#id4, #row], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%v4 : tensor<1x2x8x8xf32>) outs(%v7 : tensor<1x2x8xf32>) {
  ^bb0(%a: f32, %c: f32):
    %r = arith.maximumf %a, %c : f32
    linalg.yield %r : f32
  } -> tensor<1x2x8xf32>
  %v9 = tensor.empty() : tensor<1x2x8x8xf32>
  %v10 = linalg.generic {indexing_maps = [#id4, #row, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v4, %v8 : tensor<1x2x8x8xf32>, tensor<1x2x8xf32>) outs(%v9 : tensor<1x2x8x8xf32>) {
  ^bb0(%x0: f32, %x1: f32, %o: f32):
    %r = arith.subf %x0, %x1 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x8x8xf32>
  %v11 = tensor.empty() : tensor<1x2x8x8xf32>
  %v12 = linalg.generic {indexing_maps = [#id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v10 : tensor<1x2x8x8xf32>) outs(%v11 : tensor<1x2x8x8xf32>) {
  ^bb0(%x0: f32, %o: f32):
    %r = math.exp %x0 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x8x8xf32>
  %v13 = tensor.empty() : tensor<1x2x8x8xf32>
  %v14 = linalg.generic {indexing_maps = [#id4, #row, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v12, %v8 : tensor<1x2x8x8xf32>, tensor<1x2x8xf32>) outs(%v13 : tensor<1x2x8x8xf32>) {
  ^bb0(%x0: f32, %x1: f32, %o: f32):
    %r = arith.divf %x0, %x1 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x8x8xf32>
  %v15 = tensor.empty() : tensor<1x2x8x4xf32>
  %v16 = arith.constant 0.0 : f32
  %v17 = linalg.fill ins(%v16 : f32) outs(%v15 : tensor<1x2x8x4xf32>) -> tensor<1x2x8x4xf32>
  %v18 = linalg.generic {indexing_maps = [#pv_p, #pv_v, #pv_o], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%v14, %v : tensor<1x2x8x8xf32>, tensor<1x2x8x4xf32>) outs(%v17 : tensor<1x2x8x4xf32>) {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  } -> tensor<1x2x8x4xf32>
  return %v18 : tensor<1x2x8x4xf32>
}

// P V written as V^T P^T: the probabilities are not the left operand.
// CHECK-LABEL: func.func @probs_right_operand
// CHECK-NOT: attn.attention
func.func @probs_right_operand(%q: tensor<1x2x8x4xf32>, %k: tensor<1x2x8x4xf32>, %v: tensor<1x2x8x4xf32>) -> tensor<1x2x4x8xf32> {
  %v1 = tensor.empty() : tensor<1x2x8x8xf32>
  %v2 = arith.constant 0.0 : f32
  %v3 = linalg.fill ins(%v2 : f32) outs(%v1 : tensor<1x2x8x8xf32>) -> tensor<1x2x8x8xf32>
  // expected-remark @+1 {{attn-raise: not raised: the probabilities go through linalg.generic before P V}}
  %v4 = linalg.generic {indexing_maps = [#qk_q, #qk_k, #qk_s], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%q, %k : tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>) outs(%v3 : tensor<1x2x8x8xf32>) {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  } -> tensor<1x2x8x8xf32>
  %v5 = tensor.empty() : tensor<1x2x8xf32>
  %v6 = arith.constant 0xFF800000 : f32
  %v7 = linalg.fill ins(%v6 : f32) outs(%v5 : tensor<1x2x8xf32>) -> tensor<1x2x8xf32>
  %v8 = linalg.generic {indexing_maps = [#id4, #row], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%v4 : tensor<1x2x8x8xf32>) outs(%v7 : tensor<1x2x8xf32>) {
  ^bb0(%a: f32, %c: f32):
    %r = arith.maximumf %a, %c : f32
    linalg.yield %r : f32
  } -> tensor<1x2x8xf32>
  %v9 = tensor.empty() : tensor<1x2x8x8xf32>
  %v10 = linalg.generic {indexing_maps = [#id4, #row, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v4, %v8 : tensor<1x2x8x8xf32>, tensor<1x2x8xf32>) outs(%v9 : tensor<1x2x8x8xf32>) {
  ^bb0(%x0: f32, %x1: f32, %o: f32):
    %r = arith.subf %x0, %x1 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x8x8xf32>
  %v11 = tensor.empty() : tensor<1x2x8x8xf32>
  %v12 = linalg.generic {indexing_maps = [#id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v10 : tensor<1x2x8x8xf32>) outs(%v11 : tensor<1x2x8x8xf32>) {
  ^bb0(%x0: f32, %o: f32):
    %r = math.exp %x0 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x8x8xf32>
  %v13 = arith.constant 0.0 : f32
  %v14 = linalg.fill ins(%v13 : f32) outs(%v5 : tensor<1x2x8xf32>) -> tensor<1x2x8xf32>
  %v15 = linalg.generic {indexing_maps = [#id4, #row], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%v12 : tensor<1x2x8x8xf32>) outs(%v14 : tensor<1x2x8xf32>) {
  ^bb0(%a: f32, %c: f32):
    %r = arith.addf %a, %c : f32
    linalg.yield %r : f32
  } -> tensor<1x2x8xf32>
  %v16 = tensor.empty() : tensor<1x2x8x8xf32>
  %v17 = linalg.generic {indexing_maps = [#id4, #row, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v12, %v15 : tensor<1x2x8x8xf32>, tensor<1x2x8xf32>) outs(%v16 : tensor<1x2x8x8xf32>) {
  ^bb0(%x0: f32, %x1: f32, %o: f32):
    %r = arith.divf %x0, %x1 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x8x8xf32>
  %v18 = tensor.empty() : tensor<1x2x4x8xf32>
  %v19 = arith.constant 0.0 : f32
  %v20 = linalg.fill ins(%v19 : f32) outs(%v18 : tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32>
  %v21 = linalg.generic {indexing_maps = [affine_map<(b, h, d, i, j) -> (b, h, j, d)>, affine_map<(b, h, d, i, j) -> (b, h, i, j)>, affine_map<(b, h, d, i, j) -> (b, h, d, i)>], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%v, %v17 : tensor<1x2x8x4xf32>, tensor<1x2x8x8xf32>) outs(%v20 : tensor<1x2x4x8xf32>) {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  } -> tensor<1x2x4x8xf32>
  return %v21 : tensor<1x2x4x8xf32>
}

// CHECK-LABEL: func.func @select_runtime_fill
// CHECK-NOT: attn.attention
func.func @select_runtime_fill(%q: tensor<1x2x8x4xf32>, %k: tensor<1x2x8x4xf32>, %v: tensor<1x2x8x4xf32>, %mask: tensor<1x1x8x8xi1>, %fill: tensor<1x1x8x8xf32>) -> tensor<1x2x8x4xf32> {
  %v1 = tensor.empty() : tensor<1x2x8x8xf32>
  %v2 = arith.constant 0.0 : f32
  %v3 = linalg.fill ins(%v2 : f32) outs(%v1 : tensor<1x2x8x8xf32>) -> tensor<1x2x8x8xf32>
  // expected-remark @+1 {{attn-raise: not raised: a select replaces scores by a value other than -inf}}
  %v4 = linalg.generic {indexing_maps = [#qk_q, #qk_k, #qk_s], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%q, %k : tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>) outs(%v3 : tensor<1x2x8x8xf32>) {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  } -> tensor<1x2x8x8xf32>
  %v5 = tensor.empty() : tensor<1x2x8x8xf32>
  %v6 = linalg.generic {indexing_maps = [#plane, #id4, #plane, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%mask, %v4, %fill : tensor<1x1x8x8xi1>, tensor<1x2x8x8xf32>, tensor<1x1x8x8xf32>) outs(%v5 : tensor<1x2x8x8xf32>) {
  ^bb0(%x0: i1, %x1: f32, %x2: f32, %o: f32):
    %r = arith.select %x0, %x1, %x2 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x8x8xf32>
  %v7 = tensor.empty() : tensor<1x2x8xf32>
  %v8 = arith.constant 0xFF800000 : f32
  %v9 = linalg.fill ins(%v8 : f32) outs(%v7 : tensor<1x2x8xf32>) -> tensor<1x2x8xf32>
  %v10 = linalg.generic {indexing_maps = [#id4, #row], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%v6 : tensor<1x2x8x8xf32>) outs(%v9 : tensor<1x2x8xf32>) {
  ^bb0(%a: f32, %c: f32):
    %r = arith.maximumf %a, %c : f32
    linalg.yield %r : f32
  } -> tensor<1x2x8xf32>
  %v11 = tensor.empty() : tensor<1x2x8x8xf32>
  %v12 = linalg.generic {indexing_maps = [#id4, #row, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v6, %v10 : tensor<1x2x8x8xf32>, tensor<1x2x8xf32>) outs(%v11 : tensor<1x2x8x8xf32>) {
  ^bb0(%x0: f32, %x1: f32, %o: f32):
    %r = arith.subf %x0, %x1 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x8x8xf32>
  %v13 = tensor.empty() : tensor<1x2x8x8xf32>
  %v14 = linalg.generic {indexing_maps = [#id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v12 : tensor<1x2x8x8xf32>) outs(%v13 : tensor<1x2x8x8xf32>) {
  ^bb0(%x0: f32, %o: f32):
    %r = math.exp %x0 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x8x8xf32>
  %v15 = arith.constant 0.0 : f32
  %v16 = linalg.fill ins(%v15 : f32) outs(%v7 : tensor<1x2x8xf32>) -> tensor<1x2x8xf32>
  %v17 = linalg.generic {indexing_maps = [#id4, #row], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%v14 : tensor<1x2x8x8xf32>) outs(%v16 : tensor<1x2x8xf32>) {
  ^bb0(%a: f32, %c: f32):
    %r = arith.addf %a, %c : f32
    linalg.yield %r : f32
  } -> tensor<1x2x8xf32>
  %v18 = tensor.empty() : tensor<1x2x8x8xf32>
  %v19 = linalg.generic {indexing_maps = [#id4, #row, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v14, %v17 : tensor<1x2x8x8xf32>, tensor<1x2x8xf32>) outs(%v18 : tensor<1x2x8x8xf32>) {
  ^bb0(%x0: f32, %x1: f32, %o: f32):
    %r = arith.divf %x0, %x1 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x8x8xf32>
  %v20 = tensor.empty() : tensor<1x2x8x4xf32>
  %v21 = arith.constant 0.0 : f32
  %v22 = linalg.fill ins(%v21 : f32) outs(%v20 : tensor<1x2x8x4xf32>) -> tensor<1x2x8x4xf32>
  %v23 = linalg.generic {indexing_maps = [#pv_p, #pv_v, #pv_o], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%v19, %v : tensor<1x2x8x8xf32>, tensor<1x2x8x4xf32>) outs(%v22 : tensor<1x2x8x4xf32>) {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  } -> tensor<1x2x8x4xf32>
  return %v23 : tensor<1x2x8x4xf32>
}

// CHECK-LABEL: func.func @two_runtime_masks
// CHECK-NOT: attn.attention
func.func @two_runtime_masks(%q: tensor<1x2x8x4xf32>, %k: tensor<1x2x8x4xf32>, %v: tensor<1x2x8x4xf32>, %m1: tensor<1x1x8x8xi1>, %m2: tensor<1x1x8x8xi1>) -> tensor<1x2x8x4xf32> {
  %v1 = tensor.empty() : tensor<1x2x8x8xf32>
  %v2 = arith.constant 0.0 : f32
  %v3 = linalg.fill ins(%v2 : f32) outs(%v1 : tensor<1x2x8x8xf32>) -> tensor<1x2x8x8xf32>
  // expected-remark @+1 {{attn-raise: not raised: more than one run-time mask}}
  %v4 = linalg.generic {indexing_maps = [#qk_q, #qk_k, #qk_s], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%q, %k : tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>) outs(%v3 : tensor<1x2x8x8xf32>) {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  } -> tensor<1x2x8x8xf32>
  %v5 = tensor.empty() : tensor<1x2x8x8xf32>
  %v6 = linalg.generic {indexing_maps = [#plane, #id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%m1, %v4 : tensor<1x1x8x8xi1>, tensor<1x2x8x8xf32>) outs(%v5 : tensor<1x2x8x8xf32>) {
  ^bb0(%x0: i1, %x1: f32, %o: f32):
    %n = arith.constant 0xFF800000 : f32
    %r = arith.select %x0, %x1, %n : f32
    linalg.yield %r : f32
  } -> tensor<1x2x8x8xf32>
  %v7 = tensor.empty() : tensor<1x2x8x8xf32>
  %v8 = linalg.generic {indexing_maps = [#plane, #id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%m2, %v6 : tensor<1x1x8x8xi1>, tensor<1x2x8x8xf32>) outs(%v7 : tensor<1x2x8x8xf32>) {
  ^bb0(%x0: i1, %x1: f32, %o: f32):
    %n = arith.constant 0xFF800000 : f32
    %r = arith.select %x0, %x1, %n : f32
    linalg.yield %r : f32
  } -> tensor<1x2x8x8xf32>
  %v9 = tensor.empty() : tensor<1x2x8xf32>
  %v10 = arith.constant 0xFF800000 : f32
  %v11 = linalg.fill ins(%v10 : f32) outs(%v9 : tensor<1x2x8xf32>) -> tensor<1x2x8xf32>
  %v12 = linalg.generic {indexing_maps = [#id4, #row], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%v8 : tensor<1x2x8x8xf32>) outs(%v11 : tensor<1x2x8xf32>) {
  ^bb0(%a: f32, %c: f32):
    %r = arith.maximumf %a, %c : f32
    linalg.yield %r : f32
  } -> tensor<1x2x8xf32>
  %v13 = tensor.empty() : tensor<1x2x8x8xf32>
  %v14 = linalg.generic {indexing_maps = [#id4, #row, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v8, %v12 : tensor<1x2x8x8xf32>, tensor<1x2x8xf32>) outs(%v13 : tensor<1x2x8x8xf32>) {
  ^bb0(%x0: f32, %x1: f32, %o: f32):
    %r = arith.subf %x0, %x1 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x8x8xf32>
  %v15 = tensor.empty() : tensor<1x2x8x8xf32>
  %v16 = linalg.generic {indexing_maps = [#id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v14 : tensor<1x2x8x8xf32>) outs(%v15 : tensor<1x2x8x8xf32>) {
  ^bb0(%x0: f32, %o: f32):
    %r = math.exp %x0 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x8x8xf32>
  %v17 = arith.constant 0.0 : f32
  %v18 = linalg.fill ins(%v17 : f32) outs(%v9 : tensor<1x2x8xf32>) -> tensor<1x2x8xf32>
  %v19 = linalg.generic {indexing_maps = [#id4, #row], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%v16 : tensor<1x2x8x8xf32>) outs(%v18 : tensor<1x2x8xf32>) {
  ^bb0(%a: f32, %c: f32):
    %r = arith.addf %a, %c : f32
    linalg.yield %r : f32
  } -> tensor<1x2x8xf32>
  %v20 = tensor.empty() : tensor<1x2x8x8xf32>
  %v21 = linalg.generic {indexing_maps = [#id4, #row, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v16, %v19 : tensor<1x2x8x8xf32>, tensor<1x2x8xf32>) outs(%v20 : tensor<1x2x8x8xf32>) {
  ^bb0(%x0: f32, %x1: f32, %o: f32):
    %r = arith.divf %x0, %x1 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x8x8xf32>
  %v22 = tensor.empty() : tensor<1x2x8x4xf32>
  %v23 = arith.constant 0.0 : f32
  %v24 = linalg.fill ins(%v23 : f32) outs(%v22 : tensor<1x2x8x4xf32>) -> tensor<1x2x8x4xf32>
  %v25 = linalg.generic {indexing_maps = [#pv_p, #pv_v, #pv_o], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%v21, %v : tensor<1x2x8x8xf32>, tensor<1x2x8x4xf32>) outs(%v24 : tensor<1x2x8x4xf32>) {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  } -> tensor<1x2x8x4xf32>
  return %v25 : tensor<1x2x8x4xf32>
}
