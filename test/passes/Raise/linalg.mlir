// RUN: attn-opt %s --attn-raise | FileCheck %s
// RUN: attn-run %s --baseline=plain --pipeline=raised --reps=1 --warmup=0 | FileCheck %s --check-prefix=EQUIV
//
// Attention spelled out in linalg.generic ops (4-d contractions, a decomposed
// softmax, masks and scales in every supported form): each function raises
// to one attn.attention, and the raised + fused code computes what the
// original computes (the EQUIV prefix counts every entry).
// EQUIV-COUNT-22: equivalence: PASSED

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

// CHECK-LABEL: func.func @basic_generic
// CHECK: attn.attention %{{.*}}, %{{.*}}, %{{.*}} {scale = 5.000000e-01 : f64}
// CHECK-NOT: linalg.generic {{.*}}reduction
func.func @basic_generic(%q: tensor<1x2x8x4xf32>, %k: tensor<1x2x8x4xf32>, %v: tensor<1x2x8x4xf32>) -> tensor<1x2x8x4xf32> {
  %v1 = tensor.empty() : tensor<1x2x8x8xf32>
  %v2 = arith.constant 0.0 : f32
  %v3 = linalg.fill ins(%v2 : f32) outs(%v1 : tensor<1x2x8x8xf32>) -> tensor<1x2x8x8xf32>
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
  return %v23 : tensor<1x2x8x4xf32>
}

// CHECK-LABEL: func.func @scale_div
// CHECKattn.attention {{.*}}scale = 5.000000e-01
// CHECK-NOT: linalg.generic {{.*}}reduction
func.func @scale_div(%q: tensor<1x2x8x4xf32>, %k: tensor<1x2x8x4xf32>, %v: tensor<1x2x8x4xf32>) -> tensor<1x2x8x4xf32> {
  %v1 = tensor.empty() : tensor<1x2x8x8xf32>
  %v2 = arith.constant 0.0 : f32
  %v3 = linalg.fill ins(%v2 : f32) outs(%v1 : tensor<1x2x8x8xf32>) -> tensor<1x2x8x8xf32>
  %v4 = linalg.generic {indexing_maps = [#qk_q, #qk_k, #qk_s], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%q, %k : tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>) outs(%v3 : tensor<1x2x8x8xf32>) {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  } -> tensor<1x2x8x8xf32>
  %v5 = tensor.empty() : tensor<1x2x8x8xf32>
  %v6 = linalg.generic {indexing_maps = [#id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v4 : tensor<1x2x8x8xf32>) outs(%v5 : tensor<1x2x8x8xf32>) {
  ^bb0(%x0: f32, %o: f32):
    %c = arith.constant 2.0 : f32
    %r = arith.divf %x0, %c : f32
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

// CHECK-LABEL: func.func @no_scale
// CHECKattn.attention {{.*}}scale = 1.000000e+00
// CHECK-NOT: linalg.generic {{.*}}reduction
func.func @no_scale(%q: tensor<1x2x8x4xf32>, %k: tensor<1x2x8x4xf32>, %v: tensor<1x2x8x4xf32>) -> tensor<1x2x8x4xf32> {
  %v1 = tensor.empty() : tensor<1x2x8x8xf32>
  %v2 = arith.constant 0.0 : f32
  %v3 = linalg.fill ins(%v2 : f32) outs(%v1 : tensor<1x2x8x8xf32>) -> tensor<1x2x8x8xf32>
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
  return %v21 : tensor<1x2x8x4xf32>
}

// CHECK-LABEL: func.func @scale_on_q
// CHECKattn.attention %arg0{{.*}}scale = 2.500000e-01
// CHECK-NOT: linalg.generic {{.*}}reduction
func.func @scale_on_q(%q: tensor<1x2x8x4xf32>, %k: tensor<1x2x8x4xf32>, %v: tensor<1x2x8x4xf32>) -> tensor<1x2x8x4xf32> {
  %v1 = tensor.empty() : tensor<1x2x8x4xf32>
  %v2 = linalg.generic {indexing_maps = [#id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%q : tensor<1x2x8x4xf32>) outs(%v1 : tensor<1x2x8x4xf32>) {
  ^bb0(%x0: f32, %o: f32):
    %c = arith.constant 0.25 : f32
    %r = arith.mulf %x0, %c : f32
    linalg.yield %r : f32
  } -> tensor<1x2x8x4xf32>
  %v3 = tensor.empty() : tensor<1x2x8x8xf32>
  %v4 = arith.constant 0.0 : f32
  %v5 = linalg.fill ins(%v4 : f32) outs(%v3 : tensor<1x2x8x8xf32>) -> tensor<1x2x8x8xf32>
  %v6 = linalg.generic {indexing_maps = [#qk_q, #qk_k, #qk_s], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%v2, %k : tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>) outs(%v5 : tensor<1x2x8x8xf32>) {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
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

// CHECK-LABEL: func.func @scale_on_k_div
// CHECKattn.attention %arg0, %arg1{{.*}}scale = 2.500000e-01
// CHECK-NOT: linalg.generic {{.*}}reduction
func.func @scale_on_k_div(%q: tensor<1x2x8x4xf32>, %k: tensor<1x2x8x4xf32>, %v: tensor<1x2x8x4xf32>) -> tensor<1x2x8x4xf32> {
  %v1 = tensor.empty() : tensor<1x2x8x4xf32>
  %v2 = linalg.generic {indexing_maps = [#id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%k : tensor<1x2x8x4xf32>) outs(%v1 : tensor<1x2x8x4xf32>) {
  ^bb0(%x0: f32, %o: f32):
    %c = arith.constant 4.0 : f32
    %r = arith.divf %x0, %c : f32
    linalg.yield %r : f32
  } -> tensor<1x2x8x4xf32>
  %v3 = tensor.empty() : tensor<1x2x8x8xf32>
  %v4 = arith.constant 0.0 : f32
  %v5 = linalg.fill ins(%v4 : f32) outs(%v3 : tensor<1x2x8x8xf32>) -> tensor<1x2x8x8xf32>
  %v6 = linalg.generic {indexing_maps = [#qk_q, #qk_k, #qk_s], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%q, %v2 : tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>) outs(%v5 : tensor<1x2x8x8xf32>) {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
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

// CHECK-LABEL: func.func @scale_split_q_k
// CHECKattn.attention %arg0, %arg1{{.*}}scale = 2.500000e-01
// CHECK-NOT: linalg.generic {{.*}}reduction
func.func @scale_split_q_k(%q: tensor<1x2x8x4xf32>, %k: tensor<1x2x8x4xf32>, %v: tensor<1x2x8x4xf32>) -> tensor<1x2x8x4xf32> {
  %v1 = tensor.empty() : tensor<1x2x8x4xf32>
  %v2 = linalg.generic {indexing_maps = [#id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%q : tensor<1x2x8x4xf32>) outs(%v1 : tensor<1x2x8x4xf32>) {
  ^bb0(%x0: f32, %o: f32):
    %c = arith.constant 0.5 : f32
    %r = arith.mulf %x0, %c : f32
    linalg.yield %r : f32
  } -> tensor<1x2x8x4xf32>
  %v3 = tensor.empty() : tensor<1x2x8x4xf32>
  %v4 = linalg.generic {indexing_maps = [#id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%k : tensor<1x2x8x4xf32>) outs(%v3 : tensor<1x2x8x4xf32>) {
  ^bb0(%x0: f32, %o: f32):
    %c = arith.constant 0.5 : f32
    %r = arith.mulf %x0, %c : f32
    linalg.yield %r : f32
  } -> tensor<1x2x8x4xf32>
  %v5 = tensor.empty() : tensor<1x2x8x8xf32>
  %v6 = arith.constant 0.0 : f32
  %v7 = linalg.fill ins(%v6 : f32) outs(%v5 : tensor<1x2x8x8xf32>) -> tensor<1x2x8x8xf32>
  %v8 = linalg.generic {indexing_maps = [#qk_q, #qk_k, #qk_s], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%v2, %v4 : tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>) outs(%v7 : tensor<1x2x8x8xf32>) {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
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

// CHECK-LABEL: func.func @softmax_reciprocal
// CHECKattn.attention
// CHECK-NOT: linalg.generic {{.*}}reduction
func.func @softmax_reciprocal(%q: tensor<1x2x8x4xf32>, %k: tensor<1x2x8x4xf32>, %v: tensor<1x2x8x4xf32>) -> tensor<1x2x8x4xf32> {
  %v1 = tensor.empty() : tensor<1x2x8x8xf32>
  %v2 = arith.constant 0.0 : f32
  %v3 = linalg.fill ins(%v2 : f32) outs(%v1 : tensor<1x2x8x8xf32>) -> tensor<1x2x8x8xf32>
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
  %v19 = tensor.empty() : tensor<1x2x8xf32>
  %v18 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>, affine_map<(d0, d1, d2) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel"]} ins(%v17 : tensor<1x2x8xf32>) outs(%v19 : tensor<1x2x8xf32>) {
  ^bb0(%a: f32, %c: f32):
    %one = arith.constant 1.0 : f32
    %r = arith.divf %one, %a : f32
    linalg.yield %r : f32
  } -> tensor<1x2x8xf32>
  %v20 = tensor.empty() : tensor<1x2x8x8xf32>
  %v21 = linalg.generic {indexing_maps = [#id4, #row, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v14, %v18 : tensor<1x2x8x8xf32>, tensor<1x2x8xf32>) outs(%v20 : tensor<1x2x8x8xf32>) {
  ^bb0(%x0: f32, %x1: f32, %o: f32):
    %r = arith.mulf %x0, %x1 : f32
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

// CHECK-LABEL: func.func @bias_plane
// CHECKattn.attention {{.*}}bias(%{{.*}} : tensor<1x1x8x8xf32>)
// CHECK-NOT: linalg.generic {{.*}}reduction
func.func @bias_plane(%q: tensor<1x2x8x4xf32>, %k: tensor<1x2x8x4xf32>, %v: tensor<1x2x8x4xf32>, %bias: tensor<1x1x8x8xf32>) -> tensor<1x2x8x4xf32> {
  %v1 = tensor.empty() : tensor<1x2x8x8xf32>
  %v2 = arith.constant 0.0 : f32
  %v3 = linalg.fill ins(%v2 : f32) outs(%v1 : tensor<1x2x8x8xf32>) -> tensor<1x2x8x8xf32>
  %v4 = linalg.generic {indexing_maps = [#qk_q, #qk_k, #qk_s], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%q, %k : tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>) outs(%v3 : tensor<1x2x8x8xf32>) {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  } -> tensor<1x2x8x8xf32>
  %v5 = tensor.empty() : tensor<1x2x8x8xf32>
  %v6 = linalg.generic {indexing_maps = [#id4, #plane, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v4, %bias : tensor<1x2x8x8xf32>, tensor<1x1x8x8xf32>) outs(%v5 : tensor<1x2x8x8xf32>) {
  ^bb0(%x0: f32, %x1: f32, %o: f32):
    %r = arith.addf %x0, %x1 : f32
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

// CHECK-LABEL: func.func @bias_full_then_scale
// CHECKarith.mulf
// CHECKattn.attention {{.*}}bias(%{{.*}} : tensor<1x2x8x8xf32>) {scale = 5.000000e-01
// CHECK-NOT: linalg.generic {{.*}}reduction
func.func @bias_full_then_scale(%q: tensor<1x2x8x4xf32>, %k: tensor<1x2x8x4xf32>, %v: tensor<1x2x8x4xf32>, %bias: tensor<1x2x8x8xf32>) -> tensor<1x2x8x4xf32> {
  %v1 = tensor.empty() : tensor<1x2x8x8xf32>
  %v2 = arith.constant 0.0 : f32
  %v3 = linalg.fill ins(%v2 : f32) outs(%v1 : tensor<1x2x8x8xf32>) -> tensor<1x2x8x8xf32>
  %v4 = linalg.generic {indexing_maps = [#qk_q, #qk_k, #qk_s], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%q, %k : tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>) outs(%v3 : tensor<1x2x8x8xf32>) {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  } -> tensor<1x2x8x8xf32>
  %v5 = tensor.empty() : tensor<1x2x8x8xf32>
  %v6 = linalg.generic {indexing_maps = [#id4, #id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v4, %bias : tensor<1x2x8x8xf32>, tensor<1x2x8x8xf32>) outs(%v5 : tensor<1x2x8x8xf32>) {
  ^bb0(%x0: f32, %x1: f32, %o: f32):
    %r = arith.addf %x0, %x1 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x8x8xf32>
  %v7 = tensor.empty() : tensor<1x2x8x8xf32>
  %v8 = linalg.generic {indexing_maps = [#id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v6 : tensor<1x2x8x8xf32>) outs(%v7 : tensor<1x2x8x8xf32>) {
  ^bb0(%x0: f32, %o: f32):
    %c = arith.constant 0.5 : f32
    %r = arith.mulf %x0, %c : f32
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

// CHECK-LABEL: func.func @mask_select_ninf
// CHECKattn.attention {{.*}}mask(%{{.*}} : tensor<1x1x8x8xi1>)
// CHECK-NOT: linalg.generic {{.*}}reduction
func.func @mask_select_ninf(%q: tensor<1x2x8x4xf32>, %k: tensor<1x2x8x4xf32>, %v: tensor<1x2x8x4xf32>, %mask: tensor<1x1x8x8xi1>) -> tensor<1x2x8x4xf32> {
  %v1 = tensor.empty() : tensor<1x2x8x8xf32>
  %v2 = arith.constant 0.0 : f32
  %v3 = linalg.fill ins(%v2 : f32) outs(%v1 : tensor<1x2x8x8xf32>) -> tensor<1x2x8x8xf32>
  %v4 = linalg.generic {indexing_maps = [#qk_q, #qk_k, #qk_s], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%q, %k : tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>) outs(%v3 : tensor<1x2x8x8xf32>) {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  } -> tensor<1x2x8x8xf32>
  %v5 = tensor.empty() : tensor<1x2x8x8xf32>
  %v6 = linalg.generic {indexing_maps = [#plane, #id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%mask, %v4 : tensor<1x1x8x8xi1>, tensor<1x2x8x8xf32>) outs(%v5 : tensor<1x2x8x8xf32>) {
  ^bb0(%x0: i1, %x1: f32, %o: f32):
    %n = arith.constant 0xFF800000 : f32
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

// CHECK-LABEL: func.func @masked_fill_lowest
// CHECKarith.xori
// CHECKattn.attention {{.*}}mask(%{{.*}} : tensor<1x1x8x8xi1>)
// CHECK-NOT: linalg.generic {{.*}}reduction
func.func @masked_fill_lowest(%q: tensor<1x2x8x4xf32>, %k: tensor<1x2x8x4xf32>, %v: tensor<1x2x8x4xf32>, %mask: tensor<1x1x8x8xi1>) -> tensor<1x2x8x4xf32> {
  %v1 = tensor.empty() : tensor<1x2x8x8xf32>
  %v2 = arith.constant 0.0 : f32
  %v3 = linalg.fill ins(%v2 : f32) outs(%v1 : tensor<1x2x8x8xf32>) -> tensor<1x2x8x8xf32>
  %v4 = linalg.generic {indexing_maps = [#qk_q, #qk_k, #qk_s], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%q, %k : tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>) outs(%v3 : tensor<1x2x8x8xf32>) {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  } -> tensor<1x2x8x8xf32>
  %v5 = tensor.empty() : tensor<1x2x8x8xf32>
  %v6 = linalg.generic {indexing_maps = [#plane, #id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%mask, %v4 : tensor<1x1x8x8xi1>, tensor<1x2x8x8xf32>) outs(%v5 : tensor<1x2x8x8xf32>) {
  ^bb0(%x0: i1, %x1: f32, %o: f32):
    %n = arith.constant -3.40282347E+38 : f32
    %r = arith.select %x0, %n, %x1 : f32
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

// CHECK-LABEL: func.func @causal_iota
// CHECKattn.attention {{.*}}sparsity = #attn.causal
// CHECK-NOT: mask(
// CHECK-NOT: linalg.generic {{.*}}reduction
func.func @causal_iota(%q: tensor<1x2x8x4xf32>, %k: tensor<1x2x8x4xf32>, %v: tensor<1x2x8x4xf32>) -> tensor<1x2x8x4xf32> {
  %v1 = tensor.empty() : tensor<1x2x8x8xf32>
  %v2 = arith.constant 0.0 : f32
  %v3 = linalg.fill ins(%v2 : f32) outs(%v1 : tensor<1x2x8x8xf32>) -> tensor<1x2x8x8xf32>
  %v4 = linalg.generic {indexing_maps = [#qk_q, #qk_k, #qk_s], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%q, %k : tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>) outs(%v3 : tensor<1x2x8x8xf32>) {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  } -> tensor<1x2x8x8xf32>
  %v5 = tensor.empty() : tensor<1x1x8x8xi1>
  %v6 = linalg.generic {indexing_maps = [#id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} outs(%v5 : tensor<1x1x8x8xi1>) {
  ^bb0(%o: i1):
    %i = linalg.index 2 : index
    %j = linalg.index 3 : index
    %off = arith.constant 0 : index
    %io = arith.addi %i, %off : index
    %r = arith.cmpi ule, %j, %io : index
    linalg.yield %r : i1
  } -> tensor<1x1x8x8xi1>
  %v7 = tensor.empty() : tensor<1x2x8x8xf32>
  %v8 = linalg.generic {indexing_maps = [#plane, #id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v6, %v4 : tensor<1x1x8x8xi1>, tensor<1x2x8x8xf32>) outs(%v7 : tensor<1x2x8x8xf32>) {
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

// CHECK-LABEL: func.func @causal_additive_constant
// CHECKattn.attention {{.*}}sparsity = #attn.causal
// CHECK-NOT: bias(
// CHECK-NOT: linalg.generic {{.*}}reduction
func.func @causal_additive_constant(%q: tensor<1x2x8x4xf32>, %k: tensor<1x2x8x4xf32>, %v: tensor<1x2x8x4xf32>) -> tensor<1x2x8x4xf32> {
  %v1 = tensor.empty() : tensor<1x2x8x8xf32>
  %v2 = arith.constant 0.0 : f32
  %v3 = linalg.fill ins(%v2 : f32) outs(%v1 : tensor<1x2x8x8xf32>) -> tensor<1x2x8x8xf32>
  %v4 = linalg.generic {indexing_maps = [#qk_q, #qk_k, #qk_s], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%q, %k : tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>) outs(%v3 : tensor<1x2x8x8xf32>) {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  } -> tensor<1x2x8x8xf32>
  %v5 = arith.constant dense<[[0.0, 0xFF800000, 0xFF800000, 0xFF800000, 0xFF800000, 0xFF800000, 0xFF800000, 0xFF800000], [0.0, 0.0, 0xFF800000, 0xFF800000, 0xFF800000, 0xFF800000, 0xFF800000, 0xFF800000], [0.0, 0.0, 0.0, 0xFF800000, 0xFF800000, 0xFF800000, 0xFF800000, 0xFF800000], [0.0, 0.0, 0.0, 0.0, 0xFF800000, 0xFF800000, 0xFF800000, 0xFF800000], [0.0, 0.0, 0.0, 0.0, 0.0, 0xFF800000, 0xFF800000, 0xFF800000], [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0xFF800000, 0xFF800000], [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0xFF800000], [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]]> : tensor<8x8xf32>
  %v6 = tensor.empty() : tensor<1x2x8x8xf32>
  %v7 = linalg.generic {indexing_maps = [#id4, affine_map<(d0, d1, d2, d3) -> (d2, d3)>, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v4, %v5 : tensor<1x2x8x8xf32>, tensor<8x8xf32>) outs(%v6 : tensor<1x2x8x8xf32>) {
  ^bb0(%x0: f32, %x1: f32, %o: f32):
    %r = arith.addf %x0, %x1 : f32
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

// CHECK-LABEL: func.func @causal_kv_cache
// CHECKattn.attention {{.*}}sparsity = #attn.causal
// CHECK-NOT: linalg.generic {{.*}}reduction
func.func @causal_kv_cache(%q: tensor<1x2x4x4xf32>, %k: tensor<1x2x8x4xf32>, %v: tensor<1x2x8x4xf32>) -> tensor<1x2x4x4xf32> {
  %v1 = tensor.empty() : tensor<1x2x4x8xf32>
  %v2 = arith.constant 0.0 : f32
  %v3 = linalg.fill ins(%v2 : f32) outs(%v1 : tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32>
  %v4 = linalg.generic {indexing_maps = [#qk_q, #qk_k, #qk_s], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%q, %k : tensor<1x2x4x4xf32>, tensor<1x2x8x4xf32>) outs(%v3 : tensor<1x2x4x8xf32>) {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  } -> tensor<1x2x4x8xf32>
  %v5 = tensor.empty() : tensor<1x1x4x8xi1>
  %v6 = linalg.generic {indexing_maps = [#id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} outs(%v5 : tensor<1x1x4x8xi1>) {
  ^bb0(%o: i1):
    %i = linalg.index 2 : index
    %j = linalg.index 3 : index
    %off = arith.constant 4 : index
    %io = arith.addi %i, %off : index
    %r = arith.cmpi sle, %j, %io : index
    linalg.yield %r : i1
  } -> tensor<1x1x4x8xi1>
  %v7 = tensor.empty() : tensor<1x2x4x8xf32>
  %v8 = linalg.generic {indexing_maps = [#plane, #id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v6, %v4 : tensor<1x1x4x8xi1>, tensor<1x2x4x8xf32>) outs(%v7 : tensor<1x2x4x8xf32>) {
  ^bb0(%x0: i1, %x1: f32, %o: f32):
    %n = arith.constant 0xFF800000 : f32
    %r = arith.select %x0, %x1, %n : f32
    linalg.yield %r : f32
  } -> tensor<1x2x4x8xf32>
  %v9 = tensor.empty() : tensor<1x2x4xf32>
  %v10 = arith.constant 0xFF800000 : f32
  %v11 = linalg.fill ins(%v10 : f32) outs(%v9 : tensor<1x2x4xf32>) -> tensor<1x2x4xf32>
  %v12 = linalg.generic {indexing_maps = [#id4, #row], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%v8 : tensor<1x2x4x8xf32>) outs(%v11 : tensor<1x2x4xf32>) {
  ^bb0(%a: f32, %c: f32):
    %r = arith.maximumf %a, %c : f32
    linalg.yield %r : f32
  } -> tensor<1x2x4xf32>
  %v13 = tensor.empty() : tensor<1x2x4x8xf32>
  %v14 = linalg.generic {indexing_maps = [#id4, #row, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v8, %v12 : tensor<1x2x4x8xf32>, tensor<1x2x4xf32>) outs(%v13 : tensor<1x2x4x8xf32>) {
  ^bb0(%x0: f32, %x1: f32, %o: f32):
    %r = arith.subf %x0, %x1 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x4x8xf32>
  %v15 = tensor.empty() : tensor<1x2x4x8xf32>
  %v16 = linalg.generic {indexing_maps = [#id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v14 : tensor<1x2x4x8xf32>) outs(%v15 : tensor<1x2x4x8xf32>) {
  ^bb0(%x0: f32, %o: f32):
    %r = math.exp %x0 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x4x8xf32>
  %v17 = arith.constant 0.0 : f32
  %v18 = linalg.fill ins(%v17 : f32) outs(%v9 : tensor<1x2x4xf32>) -> tensor<1x2x4xf32>
  %v19 = linalg.generic {indexing_maps = [#id4, #row], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%v16 : tensor<1x2x4x8xf32>) outs(%v18 : tensor<1x2x4xf32>) {
  ^bb0(%a: f32, %c: f32):
    %r = arith.addf %a, %c : f32
    linalg.yield %r : f32
  } -> tensor<1x2x4xf32>
  %v20 = tensor.empty() : tensor<1x2x4x8xf32>
  %v21 = linalg.generic {indexing_maps = [#id4, #row, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v16, %v19 : tensor<1x2x4x8xf32>, tensor<1x2x4xf32>) outs(%v20 : tensor<1x2x4x8xf32>) {
  ^bb0(%x0: f32, %x1: f32, %o: f32):
    %r = arith.divf %x0, %x1 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x4x8xf32>
  %v22 = tensor.empty() : tensor<1x2x4x4xf32>
  %v23 = arith.constant 0.0 : f32
  %v24 = linalg.fill ins(%v23 : f32) outs(%v22 : tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32>
  %v25 = linalg.generic {indexing_maps = [#pv_p, #pv_v, #pv_o], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%v21, %v : tensor<1x2x4x8xf32>, tensor<1x2x8x4xf32>) outs(%v24 : tensor<1x2x4x4xf32>) {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  } -> tensor<1x2x4x4xf32>
  return %v25 : tensor<1x2x4x4xf32>
}

// CHECK-LABEL: func.func @top_left_mask
// CHECKarith.constant dense<{{.*}}> : tensor<1x1x4x8xi1>
// CHECKattn.attention {{.*}}mask(%{{.*}} : tensor<1x1x4x8xi1>)
// CHECK-NOT: sparsity
// CHECK-NOT: linalg.generic {{.*}}reduction
func.func @top_left_mask(%q: tensor<1x2x4x4xf32>, %k: tensor<1x2x8x4xf32>, %v: tensor<1x2x8x4xf32>) -> tensor<1x2x4x4xf32> {
  %v1 = tensor.empty() : tensor<1x2x4x8xf32>
  %v2 = arith.constant 0.0 : f32
  %v3 = linalg.fill ins(%v2 : f32) outs(%v1 : tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32>
  %v4 = linalg.generic {indexing_maps = [#qk_q, #qk_k, #qk_s], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%q, %k : tensor<1x2x4x4xf32>, tensor<1x2x8x4xf32>) outs(%v3 : tensor<1x2x4x8xf32>) {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  } -> tensor<1x2x4x8xf32>
  %v5 = tensor.empty() : tensor<1x1x4x8xi1>
  %v6 = linalg.generic {indexing_maps = [#id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} outs(%v5 : tensor<1x1x4x8xi1>) {
  ^bb0(%o: i1):
    %i = linalg.index 2 : index
    %j = linalg.index 3 : index
    %off = arith.constant 0 : index
    %io = arith.addi %i, %off : index
    %r = arith.cmpi sle, %j, %i : index
    linalg.yield %r : i1
  } -> tensor<1x1x4x8xi1>
  %v7 = tensor.empty() : tensor<1x2x4x8xf32>
  %v8 = linalg.generic {indexing_maps = [#plane, #id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v6, %v4 : tensor<1x1x4x8xi1>, tensor<1x2x4x8xf32>) outs(%v7 : tensor<1x2x4x8xf32>) {
  ^bb0(%x0: i1, %x1: f32, %o: f32):
    %n = arith.constant 0xFF800000 : f32
    %r = arith.select %x0, %x1, %n : f32
    linalg.yield %r : f32
  } -> tensor<1x2x4x8xf32>
  %v9 = tensor.empty() : tensor<1x2x4xf32>
  %v10 = arith.constant 0xFF800000 : f32
  %v11 = linalg.fill ins(%v10 : f32) outs(%v9 : tensor<1x2x4xf32>) -> tensor<1x2x4xf32>
  %v12 = linalg.generic {indexing_maps = [#id4, #row], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%v8 : tensor<1x2x4x8xf32>) outs(%v11 : tensor<1x2x4xf32>) {
  ^bb0(%a: f32, %c: f32):
    %r = arith.maximumf %a, %c : f32
    linalg.yield %r : f32
  } -> tensor<1x2x4xf32>
  %v13 = tensor.empty() : tensor<1x2x4x8xf32>
  %v14 = linalg.generic {indexing_maps = [#id4, #row, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v8, %v12 : tensor<1x2x4x8xf32>, tensor<1x2x4xf32>) outs(%v13 : tensor<1x2x4x8xf32>) {
  ^bb0(%x0: f32, %x1: f32, %o: f32):
    %r = arith.subf %x0, %x1 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x4x8xf32>
  %v15 = tensor.empty() : tensor<1x2x4x8xf32>
  %v16 = linalg.generic {indexing_maps = [#id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v14 : tensor<1x2x4x8xf32>) outs(%v15 : tensor<1x2x4x8xf32>) {
  ^bb0(%x0: f32, %o: f32):
    %r = math.exp %x0 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x4x8xf32>
  %v17 = arith.constant 0.0 : f32
  %v18 = linalg.fill ins(%v17 : f32) outs(%v9 : tensor<1x2x4xf32>) -> tensor<1x2x4xf32>
  %v19 = linalg.generic {indexing_maps = [#id4, #row], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%v16 : tensor<1x2x4x8xf32>) outs(%v18 : tensor<1x2x4xf32>) {
  ^bb0(%a: f32, %c: f32):
    %r = arith.addf %a, %c : f32
    linalg.yield %r : f32
  } -> tensor<1x2x4xf32>
  %v20 = tensor.empty() : tensor<1x2x4x8xf32>
  %v21 = linalg.generic {indexing_maps = [#id4, #row, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v16, %v19 : tensor<1x2x4x8xf32>, tensor<1x2x4xf32>) outs(%v20 : tensor<1x2x4x8xf32>) {
  ^bb0(%x0: f32, %x1: f32, %o: f32):
    %r = arith.divf %x0, %x1 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x4x8xf32>
  %v22 = tensor.empty() : tensor<1x2x4x4xf32>
  %v23 = arith.constant 0.0 : f32
  %v24 = linalg.fill ins(%v23 : f32) outs(%v22 : tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32>
  %v25 = linalg.generic {indexing_maps = [#pv_p, #pv_v, #pv_o], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%v21, %v : tensor<1x2x4x8xf32>, tensor<1x2x8x4xf32>) outs(%v24 : tensor<1x2x4x4xf32>) {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  } -> tensor<1x2x4x4xf32>
  return %v25 : tensor<1x2x4x4xf32>
}

// CHECK-LABEL: func.func @band_sliding_window
// CHECKattn.attention {{.*}}sparsity = #attn.sliding_window<left = 2, right = 2>
// CHECK-NOT: linalg.generic {{.*}}reduction
func.func @band_sliding_window(%q: tensor<1x2x8x4xf32>, %k: tensor<1x2x8x4xf32>, %v: tensor<1x2x8x4xf32>) -> tensor<1x2x8x4xf32> {
  %v1 = tensor.empty() : tensor<1x2x8x8xf32>
  %v2 = arith.constant 0.0 : f32
  %v3 = linalg.fill ins(%v2 : f32) outs(%v1 : tensor<1x2x8x8xf32>) -> tensor<1x2x8x8xf32>
  %v4 = linalg.generic {indexing_maps = [#qk_q, #qk_k, #qk_s], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%q, %k : tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>) outs(%v3 : tensor<1x2x8x8xf32>) {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  } -> tensor<1x2x8x8xf32>
  %v5 = tensor.empty() : tensor<1x1x8x8xi1>
  %v6 = linalg.generic {indexing_maps = [#id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} outs(%v5 : tensor<1x1x8x8xi1>) {
  ^bb0(%o: i1):
    %i = linalg.index 2 : index
    %j = linalg.index 3 : index
    %off = arith.constant 0 : index
    %io = arith.addi %i, %off : index
    %d1 = arith.subi %i, %j : index
    %d2 = arith.subi %j, %i : index
    %two = arith.constant 2 : index
    %a = arith.cmpi sle, %d1, %two : index
    %b = arith.cmpi sle, %d2, %two : index
    %r = arith.andi %a, %b : i1
    linalg.yield %r : i1
  } -> tensor<1x1x8x8xi1>
  %v7 = tensor.empty() : tensor<1x2x8x8xf32>
  %v8 = linalg.generic {indexing_maps = [#plane, #id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v6, %v4 : tensor<1x1x8x8xi1>, tensor<1x2x8x8xf32>) outs(%v7 : tensor<1x2x8x8xf32>) {
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

// CHECK-LABEL: func.func @causal_local_window
// CHECKattn.attention {{.*}}sparsity = #attn.sliding_window<left = 3, right = 0>
// CHECK-NOT: linalg.generic {{.*}}reduction
func.func @causal_local_window(%q: tensor<1x2x8x4xf32>, %k: tensor<1x2x8x4xf32>, %v: tensor<1x2x8x4xf32>) -> tensor<1x2x8x4xf32> {
  %v1 = tensor.empty() : tensor<1x2x8x8xf32>
  %v2 = arith.constant 0.0 : f32
  %v3 = linalg.fill ins(%v2 : f32) outs(%v1 : tensor<1x2x8x8xf32>) -> tensor<1x2x8x8xf32>
  %v4 = linalg.generic {indexing_maps = [#qk_q, #qk_k, #qk_s], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%q, %k : tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>) outs(%v3 : tensor<1x2x8x8xf32>) {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  } -> tensor<1x2x8x8xf32>
  %v5 = tensor.empty() : tensor<1x1x8x8xi1>
  %v6 = linalg.generic {indexing_maps = [#id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} outs(%v5 : tensor<1x1x8x8xi1>) {
  ^bb0(%o: i1):
    %i = linalg.index 2 : index
    %j = linalg.index 3 : index
    %off = arith.constant 0 : index
    %io = arith.addi %i, %off : index
    %three = arith.constant 3 : index
    %j3 = arith.addi %j, %three : index
    %a = arith.cmpi ule, %i, %j3 : index
    %b = arith.cmpi ule, %j, %i : index
    %r = arith.andi %a, %b : i1
    linalg.yield %r : i1
  } -> tensor<1x1x8x8xi1>
  %v7 = tensor.empty() : tensor<1x2x8x8xf32>
  %v8 = linalg.generic {indexing_maps = [#plane, #id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v6, %v4 : tensor<1x1x8x8xi1>, tensor<1x2x8x8xf32>) outs(%v7 : tensor<1x2x8x8xf32>) {
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

// CHECK-LABEL: func.func @block_diagonal_layout
// CHECKattn.attention {{.*}}sparsity = #attn.block_layout<block = 4 x 4, {{\[}}[1, 0], [0, 1]]>
// CHECK-NOT: linalg.generic {{.*}}reduction
func.func @block_diagonal_layout(%q: tensor<1x2x8x4xf32>, %k: tensor<1x2x8x4xf32>, %v: tensor<1x2x8x4xf32>) -> tensor<1x2x8x4xf32> {
  %v1 = tensor.empty() : tensor<1x2x8x8xf32>
  %v2 = arith.constant 0.0 : f32
  %v3 = linalg.fill ins(%v2 : f32) outs(%v1 : tensor<1x2x8x8xf32>) -> tensor<1x2x8x8xf32>
  %v4 = linalg.generic {indexing_maps = [#qk_q, #qk_k, #qk_s], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%q, %k : tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>) outs(%v3 : tensor<1x2x8x8xf32>) {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  } -> tensor<1x2x8x8xf32>
  %v5 = arith.constant dense<[[[[true, true, true, true, false, false, false, false], [true, true, true, true, false, false, false, false], [true, true, true, true, false, false, false, false], [true, true, true, true, false, false, false, false], [false, false, false, false, true, true, true, true], [false, false, false, false, true, true, true, true], [false, false, false, false, true, true, true, true], [false, false, false, false, true, true, true, true]]]]> : tensor<1x1x8x8xi1>
  %v6 = tensor.empty() : tensor<1x2x8x8xf32>
  %v7 = linalg.generic {indexing_maps = [#plane, #id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v5, %v4 : tensor<1x1x8x8xi1>, tensor<1x2x8x8xf32>) outs(%v6 : tensor<1x2x8x8xf32>) {
  ^bb0(%x0: i1, %x1: f32, %o: f32):
    %n = arith.constant 0xFF800000 : f32
    %r = arith.select %x0, %x1, %n : f32
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

// CHECK-LABEL: func.func @constant_mask_operand
// CHECKattn.attention {{.*}}mask(%{{.*}} : tensor<1x1x8x8xi1>)
// CHECK-NOT: sparsity
// CHECK-NOT: linalg.generic {{.*}}reduction
func.func @constant_mask_operand(%q: tensor<1x2x8x4xf32>, %k: tensor<1x2x8x4xf32>, %v: tensor<1x2x8x4xf32>) -> tensor<1x2x8x4xf32> {
  %v1 = tensor.empty() : tensor<1x2x8x8xf32>
  %v2 = arith.constant 0.0 : f32
  %v3 = linalg.fill ins(%v2 : f32) outs(%v1 : tensor<1x2x8x8xf32>) -> tensor<1x2x8x8xf32>
  %v4 = linalg.generic {indexing_maps = [#qk_q, #qk_k, #qk_s], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%q, %k : tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>) outs(%v3 : tensor<1x2x8x8xf32>) {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  } -> tensor<1x2x8x8xf32>
  %v5 = arith.constant dense<[[[[true, true, true, true, false, false, true, true], [false, true, true, true, false, true, false, true], [false, true, true, false, false, true, false, false], [true, false, true, true, true, true, false, true], [false, false, false, false, true, true, false, true], [false, false, true, true, true, true, false, true], [false, true, true, true, true, true, true, true], [false, false, false, false, false, false, true, true]]]]> : tensor<1x1x8x8xi1>
  %v6 = tensor.empty() : tensor<1x2x8x8xf32>
  %v7 = linalg.generic {indexing_maps = [#plane, #id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v5, %v4 : tensor<1x1x8x8xi1>, tensor<1x2x8x8xf32>) outs(%v6 : tensor<1x2x8x8xf32>) {
  ^bb0(%x0: i1, %x1: f32, %o: f32):
    %n = arith.constant 0xFF800000 : f32
    %r = arith.select %x0, %x1, %n : f32
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

// CHECK-LABEL: func.func @bias_and_causal
// CHECKattn.attention {{.*}}bias(%{{.*}} : tensor<1x1x8x8xf32>) {{.*}}sparsity = #attn.causal
// CHECK-NOT: linalg.generic {{.*}}reduction
func.func @bias_and_causal(%q: tensor<1x2x8x4xf32>, %k: tensor<1x2x8x4xf32>, %v: tensor<1x2x8x4xf32>, %bias: tensor<1x1x8x8xf32>) -> tensor<1x2x8x4xf32> {
  %v1 = tensor.empty() : tensor<1x2x8x8xf32>
  %v2 = arith.constant 0.0 : f32
  %v3 = linalg.fill ins(%v2 : f32) outs(%v1 : tensor<1x2x8x8xf32>) -> tensor<1x2x8x8xf32>
  %v4 = linalg.generic {indexing_maps = [#qk_q, #qk_k, #qk_s], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%q, %k : tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>) outs(%v3 : tensor<1x2x8x8xf32>) {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  } -> tensor<1x2x8x8xf32>
  %v5 = tensor.empty() : tensor<1x2x8x8xf32>
  %v6 = linalg.generic {indexing_maps = [#id4, #plane, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v4, %bias : tensor<1x2x8x8xf32>, tensor<1x1x8x8xf32>) outs(%v5 : tensor<1x2x8x8xf32>) {
  ^bb0(%x0: f32, %x1: f32, %o: f32):
    %r = arith.addf %x0, %x1 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x8x8xf32>
  %v7 = tensor.empty() : tensor<1x1x8x8xi1>
  %v8 = linalg.generic {indexing_maps = [#id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} outs(%v7 : tensor<1x1x8x8xi1>) {
  ^bb0(%o: i1):
    %i = linalg.index 2 : index
    %j = linalg.index 3 : index
    %off = arith.constant 0 : index
    %io = arith.addi %i, %off : index
    %r = arith.cmpi ule, %j, %io : index
    linalg.yield %r : i1
  } -> tensor<1x1x8x8xi1>
  %v9 = tensor.empty() : tensor<1x2x8x8xf32>
  %v10 = linalg.generic {indexing_maps = [#plane, #id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v8, %v6 : tensor<1x1x8x8xi1>, tensor<1x2x8x8xf32>) outs(%v9 : tensor<1x2x8x8xf32>) {
  ^bb0(%x0: i1, %x1: f32, %o: f32):
    %n = arith.constant 0xFF800000 : f32
    %r = arith.select %x0, %x1, %n : f32
    linalg.yield %r : f32
  } -> tensor<1x2x8x8xf32>
  %v11 = tensor.empty() : tensor<1x2x8xf32>
  %v12 = arith.constant 0xFF800000 : f32
  %v13 = linalg.fill ins(%v12 : f32) outs(%v11 : tensor<1x2x8xf32>) -> tensor<1x2x8xf32>
  %v14 = linalg.generic {indexing_maps = [#id4, #row], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%v10 : tensor<1x2x8x8xf32>) outs(%v13 : tensor<1x2x8xf32>) {
  ^bb0(%a: f32, %c: f32):
    %r = arith.maximumf %a, %c : f32
    linalg.yield %r : f32
  } -> tensor<1x2x8xf32>
  %v15 = tensor.empty() : tensor<1x2x8x8xf32>
  %v16 = linalg.generic {indexing_maps = [#id4, #row, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v10, %v14 : tensor<1x2x8x8xf32>, tensor<1x2x8xf32>) outs(%v15 : tensor<1x2x8x8xf32>) {
  ^bb0(%x0: f32, %x1: f32, %o: f32):
    %r = arith.subf %x0, %x1 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x8x8xf32>
  %v17 = tensor.empty() : tensor<1x2x8x8xf32>
  %v18 = linalg.generic {indexing_maps = [#id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v16 : tensor<1x2x8x8xf32>) outs(%v17 : tensor<1x2x8x8xf32>) {
  ^bb0(%x0: f32, %o: f32):
    %r = math.exp %x0 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x8x8xf32>
  %v19 = arith.constant 0.0 : f32
  %v20 = linalg.fill ins(%v19 : f32) outs(%v11 : tensor<1x2x8xf32>) -> tensor<1x2x8xf32>
  %v21 = linalg.generic {indexing_maps = [#id4, #row], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%v18 : tensor<1x2x8x8xf32>) outs(%v20 : tensor<1x2x8xf32>) {
  ^bb0(%a: f32, %c: f32):
    %r = arith.addf %a, %c : f32
    linalg.yield %r : f32
  } -> tensor<1x2x8xf32>
  %v22 = tensor.empty() : tensor<1x2x8x8xf32>
  %v23 = linalg.generic {indexing_maps = [#id4, #row, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v18, %v21 : tensor<1x2x8x8xf32>, tensor<1x2x8xf32>) outs(%v22 : tensor<1x2x8x8xf32>) {
  ^bb0(%x0: f32, %x1: f32, %o: f32):
    %r = arith.divf %x0, %x1 : f32
    linalg.yield %r : f32
  } -> tensor<1x2x8x8xf32>
  %v24 = tensor.empty() : tensor<1x2x8x4xf32>
  %v25 = arith.constant 0.0 : f32
  %v26 = linalg.fill ins(%v25 : f32) outs(%v24 : tensor<1x2x8x4xf32>) -> tensor<1x2x8x4xf32>
  %v27 = linalg.generic {indexing_maps = [#pv_p, #pv_v, #pv_o], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%v23, %v : tensor<1x2x8x8xf32>, tensor<1x2x8x4xf32>) outs(%v26 : tensor<1x2x8x4xf32>) {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  } -> tensor<1x2x8x4xf32>
  return %v27 : tensor<1x2x8x4xf32>
}

// CHECK-LABEL: func.func @f16_upcast_softmax
// CHECKattn.attention {{.*}} : tensor<1x2x8x4xf16>, tensor<1x2x8x4xf16>, tensor<1x2x8x4xf16> -> tensor<1x2x8x4xf16>
// CHECK-NOT: linalg.generic {{.*}}reduction
func.func @f16_upcast_softmax(%q: tensor<1x2x8x4xf16>, %k: tensor<1x2x8x4xf16>, %v: tensor<1x2x8x4xf16>) -> tensor<1x2x8x4xf16> {
  %v1 = tensor.empty() : tensor<1x2x8x8xf16>
  %v2 = arith.constant 0.0 : f16
  %v3 = linalg.fill ins(%v2 : f16) outs(%v1 : tensor<1x2x8x8xf16>) -> tensor<1x2x8x8xf16>
  %v4 = linalg.generic {indexing_maps = [#qk_q, #qk_k, #qk_s], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%q, %k : tensor<1x2x8x4xf16>, tensor<1x2x8x4xf16>) outs(%v3 : tensor<1x2x8x8xf16>) {
  ^bb0(%a: f16, %b: f16, %c: f16):
    %m = arith.mulf %a, %b : f16
    %s = arith.addf %c, %m : f16
    linalg.yield %s : f16
  } -> tensor<1x2x8x8xf16>
  %v5 = tensor.empty() : tensor<1x2x8x8xf16>
  %v6 = linalg.generic {indexing_maps = [#id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v4 : tensor<1x2x8x8xf16>) outs(%v5 : tensor<1x2x8x8xf16>) {
  ^bb0(%x0: f16, %o: f16):
    %c = arith.constant 0.5 : f16
    %r = arith.mulf %x0, %c : f16
    linalg.yield %r : f16
  } -> tensor<1x2x8x8xf16>
  %v7 = tensor.empty() : tensor<1x2x8x8xf32>
  %v8 = linalg.generic {indexing_maps = [#id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v6 : tensor<1x2x8x8xf16>) outs(%v7 : tensor<1x2x8x8xf32>) {
  ^bb0(%x0: f16, %o: f32):
    %r = arith.extf %x0 : f16 to f32
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
  %v22 = tensor.empty() : tensor<1x2x8x8xf16>
  %v23 = linalg.generic {indexing_maps = [#id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v21 : tensor<1x2x8x8xf32>) outs(%v22 : tensor<1x2x8x8xf16>) {
  ^bb0(%x0: f32, %o: f16):
    %r = arith.truncf %x0 : f32 to f16
    linalg.yield %r : f16
  } -> tensor<1x2x8x8xf16>
  %v24 = tensor.empty() : tensor<1x2x8x4xf16>
  %v25 = arith.constant 0.0 : f16
  %v26 = linalg.fill ins(%v25 : f16) outs(%v24 : tensor<1x2x8x4xf16>) -> tensor<1x2x8x4xf16>
  %v27 = linalg.generic {indexing_maps = [#pv_p, #pv_v, #pv_o], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%v23, %v : tensor<1x2x8x8xf16>, tensor<1x2x8x4xf16>) outs(%v26 : tensor<1x2x8x4xf16>) {
  ^bb0(%a: f16, %b: f16, %c: f16):
    %m = arith.mulf %a, %b : f16
    %s = arith.addf %c, %m : f16
    linalg.yield %s : f16
  } -> tensor<1x2x8x4xf16>
  return %v27 : tensor<1x2x8x4xf16>
}

// CHECK-LABEL: func.func @bf16_f32_scores
// CHECKattn.attention {{.*}} -> tensor<1x2x8x4xbf16>
// CHECK-NOT: linalg.generic {{.*}}reduction
func.func @bf16_f32_scores(%q: tensor<1x2x8x4xbf16>, %k: tensor<1x2x8x4xbf16>, %v: tensor<1x2x8x4xbf16>) -> tensor<1x2x8x4xbf16> {
  %v1 = tensor.empty() : tensor<1x2x8x8xf32>
  %v2 = arith.constant 0.0 : f32
  %v3 = linalg.fill ins(%v2 : f32) outs(%v1 : tensor<1x2x8x8xf32>) -> tensor<1x2x8x8xf32>
  %v4 = linalg.generic {indexing_maps = [#qk_q, #qk_k, #qk_s], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%q, %k : tensor<1x2x8x4xbf16>, tensor<1x2x8x4xbf16>) outs(%v3 : tensor<1x2x8x8xf32>) {
  ^bb0(%a: bf16, %b: bf16, %c: f32):
    %ax = arith.extf %a : bf16 to f32
    %bx = arith.extf %b : bf16 to f32
    %m = arith.mulf %ax, %bx : f32
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
  %v20 = tensor.empty() : tensor<1x2x8x8xbf16>
  %v21 = linalg.generic {indexing_maps = [#id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v19 : tensor<1x2x8x8xf32>) outs(%v20 : tensor<1x2x8x8xbf16>) {
  ^bb0(%x0: f32, %o: bf16):
    %r = arith.truncf %x0 : f32 to bf16
    linalg.yield %r : bf16
  } -> tensor<1x2x8x8xbf16>
  %v22 = tensor.empty() : tensor<1x2x8x4xbf16>
  %v23 = arith.constant 0.0 : bf16
  %v24 = linalg.fill ins(%v23 : bf16) outs(%v22 : tensor<1x2x8x4xbf16>) -> tensor<1x2x8x4xbf16>
  %v25 = linalg.generic {indexing_maps = [#pv_p, #pv_v, #pv_o], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%v21, %v : tensor<1x2x8x8xbf16>, tensor<1x2x8x4xbf16>) outs(%v24 : tensor<1x2x8x4xbf16>) {
  ^bb0(%a: bf16, %b: bf16, %c: bf16):
    %m = arith.mulf %a, %b : bf16
    %s = arith.addf %c, %m : bf16
    linalg.yield %s : bf16
  } -> tensor<1x2x8x4xbf16>
  return %v25 : tensor<1x2x8x4xbf16>
}
