// RUN: attn-opt %s --attn-raise | FileCheck %s
// RUN: attn-run %s --baseline=plain --pipeline=raised --reps=1 --warmup=0 | FileCheck %s --check-prefix=EQUIV
//
// Named contractions (matmul, batch_matmul, transposed maps), reshapes that
// merge heads, linalg.softmax and linalg.reduce softmaxes, repeat_kv as
// linalg.broadcast, torch's fully-masked-row fix-up.
// EQUIV-COUNT-7: equivalence: PASSED

#id3 = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
#row3 = affine_map<(d0, d1, d2) -> (d0, d1)>
#rowk3 = affine_map<(d0, d1, d2) -> (d0, d1, 0)>
#id4 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#bc5 = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d3, d4)>
#id5 = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3, d4)>

// CHECK-LABEL: func.func @matmul_2d_softmax
// CHECK: attn.attention {{.*}} {scale = 1.250000e-01 : f64} : tensor<1x1x8x4xf32>
// CHECK-NOT: linalg.matmul
// CHECK-NOT: linalg.softmax
func.func @matmul_2d_softmax(%q: tensor<8x4xf32>, %k: tensor<8x4xf32>, %v: tensor<8x4xf32>) -> tensor<8x4xf32> {
  %e = tensor.empty() : tensor<4x8xf32>
  %kt = linalg.transpose ins(%k : tensor<8x4xf32>) outs(%e : tensor<4x8xf32>) permutation = [1, 0]
  %z = arith.constant 0.0 : f32
  %se = tensor.empty() : tensor<8x8xf32>
  %sf = linalg.fill ins(%z : f32) outs(%se : tensor<8x8xf32>) -> tensor<8x8xf32>
  %s = linalg.matmul ins(%q, %kt : tensor<8x4xf32>, tensor<4x8xf32>) outs(%sf : tensor<8x8xf32>) -> tensor<8x8xf32>
  %c = arith.constant dense<0.125> : tensor<8x8xf32>
  %ss = arith.mulf %s, %c : tensor<8x8xf32>
  %p = linalg.softmax dimension(1) ins(%ss : tensor<8x8xf32>) outs(%se : tensor<8x8xf32>) -> tensor<8x8xf32>
  %oe = tensor.empty() : tensor<8x4xf32>
  %of = linalg.fill ins(%z : f32) outs(%oe : tensor<8x4xf32>) -> tensor<8x4xf32>
  %o = linalg.matmul ins(%p, %v : tensor<8x8xf32>, tensor<8x4xf32>) outs(%of : tensor<8x4xf32>) -> tensor<8x4xf32>
  return %o : tensor<8x4xf32>
}

// CHECK-LABEL: func.func @matmul_transpose_b_maps
// CHECK: attn.attention %{{.*}}, %{{.*}}, %{{.*}} {scale = 5.000000e-01 : f64}
// CHECK-NOT: linalg.matmul
func.func @matmul_transpose_b_maps(%q: tensor<8x4xf32>, %k: tensor<8x4xf32>, %vt: tensor<4x8xf32>) -> tensor<8x4xf32> {
  %z = arith.constant 0.0 : f32
  %se = tensor.empty() : tensor<8x8xf32>
  %sf = linalg.fill ins(%z : f32) outs(%se : tensor<8x8xf32>) -> tensor<8x8xf32>
  %s = linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (n, k)>, affine_map<(m, n, k) -> (m, n)>]
      ins(%q, %k : tensor<8x4xf32>, tensor<8x4xf32>) outs(%sf : tensor<8x8xf32>) -> tensor<8x8xf32>
  %two = arith.constant dense<2.0> : tensor<8x8xf32>
  %ss = arith.divf %s, %two : tensor<8x8xf32>
  %p = linalg.softmax dimension(1) ins(%ss : tensor<8x8xf32>) outs(%se : tensor<8x8xf32>) -> tensor<8x8xf32>
  %oe = tensor.empty() : tensor<8x4xf32>
  %of = linalg.fill ins(%z : f32) outs(%oe : tensor<8x4xf32>) -> tensor<8x4xf32>
  %o = linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (n, k)>, affine_map<(m, n, k) -> (m, n)>]
      ins(%p, %vt : tensor<8x8xf32>, tensor<4x8xf32>) outs(%of : tensor<8x4xf32>) -> tensor<8x4xf32>
  return %o : tensor<8x4xf32>
}

// CHECK-LABEL: func.func @batch_matmul_reshapes
// CHECK: attn.attention %arg0, %arg1, %arg2 {scale = 5.000000e-01 : f64} : tensor<1x4x8x4xf32>, tensor<1x4x8x4xf32>, tensor<1x4x8x4xf32> -> tensor<1x4x8x4xf32>
// CHECK-NOT: linalg.batch_matmul
// CHECK-NOT: linalg.softmax
// CHECK-NOT: linalg.reduce
func.func @batch_matmul_reshapes(%q: tensor<1x4x8x4xf32>, %k: tensor<1x4x8x4xf32>, %v: tensor<1x4x8x4xf32>) -> tensor<1x4x8x4xf32> {
  %z = arith.constant 0.0 : f32
  %ninf = arith.constant 0xFF800000 : f32
  %te = tensor.empty() : tensor<1x4x4x8xf32>
  %kt = linalg.transpose ins(%k : tensor<1x4x8x4xf32>) outs(%te : tensor<1x4x4x8xf32>) permutation = [0, 1, 3, 2]
  %q3 = tensor.collapse_shape %q [[0, 1], [2], [3]] : tensor<1x4x8x4xf32> into tensor<4x8x4xf32>
  %k3 = tensor.collapse_shape %kt [[0, 1], [2], [3]] : tensor<1x4x4x8xf32> into tensor<4x4x8xf32>
  %se = tensor.empty() : tensor<4x8x8xf32>
  %sf = linalg.fill ins(%z : f32) outs(%se : tensor<4x8x8xf32>) -> tensor<4x8x8xf32>
  %s3 = linalg.batch_matmul ins(%q3, %k3 : tensor<4x8x4xf32>, tensor<4x4x8xf32>) outs(%sf : tensor<4x8x8xf32>) -> tensor<4x8x8xf32>
  %s4 = tensor.expand_shape %s3 [[0, 1], [2], [3]] output_shape [1, 4, 8, 8] : tensor<4x8x8xf32> into tensor<1x4x8x8xf32>
  %e4 = tensor.empty() : tensor<1x4x8x8xf32>
  %sc = linalg.generic {indexing_maps = [#id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%s4 : tensor<1x4x8x8xf32>) outs(%e4 : tensor<1x4x8x8xf32>) {
  ^bb0(%a: f32, %o: f32):
    %c = arith.constant 2.0 : f32
    %r = arith.divf %a, %c : f32
    linalg.yield %r : f32
  } -> tensor<1x4x8x8xf32>
  %re = tensor.empty() : tensor<1x4x8xf32>
  %mi = linalg.fill ins(%ninf : f32) outs(%re : tensor<1x4x8xf32>) -> tensor<1x4x8xf32>
  %m = linalg.reduce ins(%sc : tensor<1x4x8x8xf32>) outs(%mi : tensor<1x4x8xf32>) dimensions = [3]
    (%a: f32, %acc: f32) {
      %r = arith.maximumf %a, %acc : f32
      linalg.yield %r : f32
    }
  %mb = tensor.expand_shape %m [[0], [1], [2, 3]] output_shape [1, 4, 8, 1] : tensor<1x4x8xf32> into tensor<1x4x8x1xf32>
  %d = linalg.generic {indexing_maps = [#id4, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, 0)>, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%sc, %mb : tensor<1x4x8x8xf32>, tensor<1x4x8x1xf32>) outs(%e4 : tensor<1x4x8x8xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %r = arith.subf %a, %b : f32
    linalg.yield %r : f32
  } -> tensor<1x4x8x8xf32>
  %ex = linalg.exp ins(%d : tensor<1x4x8x8xf32>) outs(%e4 : tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  %zi = linalg.fill ins(%z : f32) outs(%re : tensor<1x4x8xf32>) -> tensor<1x4x8xf32>
  %sum = linalg.reduce ins(%ex : tensor<1x4x8x8xf32>) outs(%zi : tensor<1x4x8xf32>) dimensions = [3]
    (%a: f32, %acc: f32) {
      %r = arith.addf %a, %acc : f32
      linalg.yield %r : f32
    }
  %p = linalg.generic {indexing_maps = [#id4, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%ex, %sum : tensor<1x4x8x8xf32>, tensor<1x4x8xf32>) outs(%e4 : tensor<1x4x8x8xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %r = arith.divf %a, %b : f32
    linalg.yield %r : f32
  } -> tensor<1x4x8x8xf32>
  %p3 = tensor.collapse_shape %p [[0, 1], [2], [3]] : tensor<1x4x8x8xf32> into tensor<4x8x8xf32>
  %v3 = tensor.collapse_shape %v [[0, 1], [2], [3]] : tensor<1x4x8x4xf32> into tensor<4x8x4xf32>
  %oe = tensor.empty() : tensor<4x8x4xf32>
  %of = linalg.fill ins(%z : f32) outs(%oe : tensor<4x8x4xf32>) -> tensor<4x8x4xf32>
  %o3 = linalg.batch_matmul ins(%p3, %v3 : tensor<4x8x8xf32>, tensor<4x8x4xf32>) outs(%of : tensor<4x8x4xf32>) -> tensor<4x8x4xf32>
  %o4 = tensor.expand_shape %o3 [[0, 1], [2], [3]] output_shape [1, 4, 8, 4] : tensor<4x8x4xf32> into tensor<1x4x8x4xf32>
  return %o4 : tensor<1x4x8x4xf32>
}

// CHECK-LABEL: func.func @batch_matmul_linalg_softmax
// CHECK: attn.attention %arg0, %arg1, %arg2
// CHECK-NOT: linalg.batch_matmul
// CHECK-NOT: linalg.softmax

func.func @batch_matmul_linalg_softmax(%q: tensor<1x4x8x4xf32>, %k: tensor<1x4x8x4xf32>, %v: tensor<1x4x8x4xf32>) -> tensor<1x4x8x4xf32> {
  %z = arith.constant 0.0 : f32
  %ninf = arith.constant 0xFF800000 : f32
  %te = tensor.empty() : tensor<1x4x4x8xf32>
  %kt = linalg.transpose ins(%k : tensor<1x4x8x4xf32>) outs(%te : tensor<1x4x4x8xf32>) permutation = [0, 1, 3, 2]
  %q3 = tensor.collapse_shape %q [[0, 1], [2], [3]] : tensor<1x4x8x4xf32> into tensor<4x8x4xf32>
  %k3 = tensor.collapse_shape %kt [[0, 1], [2], [3]] : tensor<1x4x4x8xf32> into tensor<4x4x8xf32>
  %se = tensor.empty() : tensor<4x8x8xf32>
  %sf = linalg.fill ins(%z : f32) outs(%se : tensor<4x8x8xf32>) -> tensor<4x8x8xf32>
  %s3 = linalg.batch_matmul ins(%q3, %k3 : tensor<4x8x4xf32>, tensor<4x4x8xf32>) outs(%sf : tensor<4x8x8xf32>) -> tensor<4x8x8xf32>
  %s4 = tensor.expand_shape %s3 [[0, 1], [2], [3]] output_shape [1, 4, 8, 8] : tensor<4x8x8xf32> into tensor<1x4x8x8xf32>
  %e4 = tensor.empty() : tensor<1x4x8x8xf32>
  %sc = linalg.generic {indexing_maps = [#id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%s4 : tensor<1x4x8x8xf32>) outs(%e4 : tensor<1x4x8x8xf32>) {
  ^bb0(%a: f32, %o: f32):
    %c = arith.constant 2.0 : f32
    %r = arith.divf %a, %c : f32
    linalg.yield %r : f32
  } -> tensor<1x4x8x8xf32>
  %p = linalg.softmax dimension(3) ins(%sc : tensor<1x4x8x8xf32>) outs(%e4 : tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  %p3 = tensor.collapse_shape %p [[0, 1], [2], [3]] : tensor<1x4x8x8xf32> into tensor<4x8x8xf32>
  %v3 = tensor.collapse_shape %v [[0, 1], [2], [3]] : tensor<1x4x8x4xf32> into tensor<4x8x4xf32>
  %oe = tensor.empty() : tensor<4x8x4xf32>
  %of = linalg.fill ins(%z : f32) outs(%oe : tensor<4x8x4xf32>) -> tensor<4x8x4xf32>
  %o3 = linalg.batch_matmul ins(%p3, %v3 : tensor<4x8x8xf32>, tensor<4x8x4xf32>) outs(%of : tensor<4x8x4xf32>) -> tensor<4x8x4xf32>
  %o4 = tensor.expand_shape %o3 [[0, 1], [2], [3]] output_shape [1, 4, 8, 4] : tensor<4x8x4xf32> into tensor<1x4x8x4xf32>
  return %o4 : tensor<1x4x8x4xf32>
}

// CHECK-LABEL: func.func @gqa_broadcast_collapse
// CHECK-NOT: linalg.broadcast
// CHECK: attn.attention %arg0, %arg1, %arg2 {scale = 5.000000e-01 : f64} : tensor<1x4x8x4xf32>, tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32> -> tensor<1x4x8x4xf32>
// CHECK-NOT: linalg.batch_matmul
// CHECK-NOT: linalg.softmax

func.func @gqa_broadcast_collapse(%q: tensor<1x4x8x4xf32>, %k: tensor<1x2x8x4xf32>, %v: tensor<1x2x8x4xf32>) -> tensor<1x4x8x4xf32> {
  %z = arith.constant 0.0 : f32
  %ninf = arith.constant 0xFF800000 : f32
  %ke = tensor.empty() : tensor<1x2x2x8x4xf32>
  %kb = linalg.broadcast ins(%k : tensor<1x2x8x4xf32>) outs(%ke : tensor<1x2x2x8x4xf32>) dimensions = [2]
  %kr = tensor.collapse_shape %kb [[0], [1, 2], [3], [4]] : tensor<1x2x2x8x4xf32> into tensor<1x4x8x4xf32>
  %ve = tensor.empty() : tensor<1x2x2x8x4xf32>
  %vb = linalg.broadcast ins(%v : tensor<1x2x8x4xf32>) outs(%ve : tensor<1x2x2x8x4xf32>) dimensions = [2]
  %vr = tensor.collapse_shape %vb [[0], [1, 2], [3], [4]] : tensor<1x2x2x8x4xf32> into tensor<1x4x8x4xf32>
  %te = tensor.empty() : tensor<1x4x4x8xf32>
  %kt = linalg.transpose ins(%kr : tensor<1x4x8x4xf32>) outs(%te : tensor<1x4x4x8xf32>) permutation = [0, 1, 3, 2]
  %q3 = tensor.collapse_shape %q [[0, 1], [2], [3]] : tensor<1x4x8x4xf32> into tensor<4x8x4xf32>
  %k3 = tensor.collapse_shape %kt [[0, 1], [2], [3]] : tensor<1x4x4x8xf32> into tensor<4x4x8xf32>
  %se = tensor.empty() : tensor<4x8x8xf32>
  %sf = linalg.fill ins(%z : f32) outs(%se : tensor<4x8x8xf32>) -> tensor<4x8x8xf32>
  %s3 = linalg.batch_matmul ins(%q3, %k3 : tensor<4x8x4xf32>, tensor<4x4x8xf32>) outs(%sf : tensor<4x8x8xf32>) -> tensor<4x8x8xf32>
  %s4 = tensor.expand_shape %s3 [[0, 1], [2], [3]] output_shape [1, 4, 8, 8] : tensor<4x8x8xf32> into tensor<1x4x8x8xf32>
  %e4 = tensor.empty() : tensor<1x4x8x8xf32>
  %sc = linalg.generic {indexing_maps = [#id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%s4 : tensor<1x4x8x8xf32>) outs(%e4 : tensor<1x4x8x8xf32>) {
  ^bb0(%a: f32, %o: f32):
    %c = arith.constant 2.0 : f32
    %r = arith.divf %a, %c : f32
    linalg.yield %r : f32
  } -> tensor<1x4x8x8xf32>
  %re = tensor.empty() : tensor<1x4x8xf32>
  %mi = linalg.fill ins(%ninf : f32) outs(%re : tensor<1x4x8xf32>) -> tensor<1x4x8xf32>
  %m = linalg.reduce ins(%sc : tensor<1x4x8x8xf32>) outs(%mi : tensor<1x4x8xf32>) dimensions = [3]
    (%a: f32, %acc: f32) {
      %r = arith.maximumf %a, %acc : f32
      linalg.yield %r : f32
    }
  %mb = tensor.expand_shape %m [[0], [1], [2, 3]] output_shape [1, 4, 8, 1] : tensor<1x4x8xf32> into tensor<1x4x8x1xf32>
  %d = linalg.generic {indexing_maps = [#id4, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, 0)>, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%sc, %mb : tensor<1x4x8x8xf32>, tensor<1x4x8x1xf32>) outs(%e4 : tensor<1x4x8x8xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %r = arith.subf %a, %b : f32
    linalg.yield %r : f32
  } -> tensor<1x4x8x8xf32>
  %ex = linalg.exp ins(%d : tensor<1x4x8x8xf32>) outs(%e4 : tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  %zi = linalg.fill ins(%z : f32) outs(%re : tensor<1x4x8xf32>) -> tensor<1x4x8xf32>
  %sum = linalg.reduce ins(%ex : tensor<1x4x8x8xf32>) outs(%zi : tensor<1x4x8xf32>) dimensions = [3]
    (%a: f32, %acc: f32) {
      %r = arith.addf %a, %acc : f32
      linalg.yield %r : f32
    }
  %p = linalg.generic {indexing_maps = [#id4, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%ex, %sum : tensor<1x4x8x8xf32>, tensor<1x4x8xf32>) outs(%e4 : tensor<1x4x8x8xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %r = arith.divf %a, %b : f32
    linalg.yield %r : f32
  } -> tensor<1x4x8x8xf32>
  %p3 = tensor.collapse_shape %p [[0, 1], [2], [3]] : tensor<1x4x8x8xf32> into tensor<4x8x8xf32>
  %v3 = tensor.collapse_shape %vr [[0, 1], [2], [3]] : tensor<1x4x8x4xf32> into tensor<4x8x4xf32>
  %oe = tensor.empty() : tensor<4x8x4xf32>
  %of = linalg.fill ins(%z : f32) outs(%oe : tensor<4x8x4xf32>) -> tensor<4x8x4xf32>
  %o3 = linalg.batch_matmul ins(%p3, %v3 : tensor<4x8x8xf32>, tensor<4x8x4xf32>) outs(%of : tensor<4x8x4xf32>) -> tensor<4x8x4xf32>
  %o4 = tensor.expand_shape %o3 [[0, 1], [2], [3]] output_shape [1, 4, 8, 4] : tensor<4x8x4xf32> into tensor<1x4x8x4xf32>
  return %o4 : tensor<1x4x8x4xf32>
}

// CHECK-LABEL: func.func @torch_fixup_rows
// CHECK: attn.attention %arg0, %arg1, %arg2
// CHECK-NOT: arith.cmpf
// CHECK-NOT: linalg.batch_matmul
// CHECK-NOT: linalg.softmax

func.func @torch_fixup_rows(%q: tensor<1x4x8x4xf32>, %k: tensor<1x4x8x4xf32>, %v: tensor<1x4x8x4xf32>) -> tensor<1x4x8x4xf32> {
  %z = arith.constant 0.0 : f32
  %ninf = arith.constant 0xFF800000 : f32
  %te = tensor.empty() : tensor<1x4x4x8xf32>
  %kt = linalg.transpose ins(%k : tensor<1x4x8x4xf32>) outs(%te : tensor<1x4x4x8xf32>) permutation = [0, 1, 3, 2]
  %q3 = tensor.collapse_shape %q [[0, 1], [2], [3]] : tensor<1x4x8x4xf32> into tensor<4x8x4xf32>
  %k3 = tensor.collapse_shape %kt [[0, 1], [2], [3]] : tensor<1x4x4x8xf32> into tensor<4x4x8xf32>
  %se = tensor.empty() : tensor<4x8x8xf32>
  %sf = linalg.fill ins(%z : f32) outs(%se : tensor<4x8x8xf32>) -> tensor<4x8x8xf32>
  %s3 = linalg.batch_matmul ins(%q3, %k3 : tensor<4x8x4xf32>, tensor<4x4x8xf32>) outs(%sf : tensor<4x8x8xf32>) -> tensor<4x8x8xf32>
  %s4 = tensor.expand_shape %s3 [[0, 1], [2], [3]] output_shape [1, 4, 8, 8] : tensor<4x8x8xf32> into tensor<1x4x8x8xf32>
  %e4 = tensor.empty() : tensor<1x4x8x8xf32>
  %sc = linalg.generic {indexing_maps = [#id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%s4 : tensor<1x4x8x8xf32>) outs(%e4 : tensor<1x4x8x8xf32>) {
  ^bb0(%a: f32, %o: f32):
    %c = arith.constant 2.0 : f32
    %r = arith.divf %a, %c : f32
    linalg.yield %r : f32
  } -> tensor<1x4x8x8xf32>
  %re = tensor.empty() : tensor<1x4x8xf32>
  %mi = linalg.fill ins(%ninf : f32) outs(%re : tensor<1x4x8xf32>) -> tensor<1x4x8xf32>
  %m = linalg.reduce ins(%sc : tensor<1x4x8x8xf32>) outs(%mi : tensor<1x4x8xf32>) dimensions = [3]
    (%a: f32, %acc: f32) {
      %r = arith.maximumf %a, %acc : f32
      linalg.yield %r : f32
    }
  %mb = tensor.expand_shape %m [[0], [1], [2, 3]] output_shape [1, 4, 8, 1] : tensor<1x4x8xf32> into tensor<1x4x8x1xf32>
  %d = linalg.generic {indexing_maps = [#id4, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, 0)>, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%sc, %mb : tensor<1x4x8x8xf32>, tensor<1x4x8x1xf32>) outs(%e4 : tensor<1x4x8x8xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %r = arith.subf %a, %b : f32
    linalg.yield %r : f32
  } -> tensor<1x4x8x8xf32>
  %ex = linalg.exp ins(%d : tensor<1x4x8x8xf32>) outs(%e4 : tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  %zi = linalg.fill ins(%z : f32) outs(%re : tensor<1x4x8xf32>) -> tensor<1x4x8xf32>
  %sum = linalg.reduce ins(%ex : tensor<1x4x8x8xf32>) outs(%zi : tensor<1x4x8xf32>) dimensions = [3]
    (%a: f32, %acc: f32) {
      %r = arith.addf %a, %acc : f32
      linalg.yield %r : f32
    }
  %p = linalg.generic {indexing_maps = [#id4, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%ex, %sum : tensor<1x4x8x8xf32>, tensor<1x4x8xf32>) outs(%e4 : tensor<1x4x8x8xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %r = arith.divf %a, %b : f32
    linalg.yield %r : f32
  } -> tensor<1x4x8x8xf32>
  %ce = tensor.empty() : tensor<1x4x8x8xi1>
  %chk = linalg.generic {indexing_maps = [#id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%sc : tensor<1x4x8x8xf32>) outs(%ce : tensor<1x4x8x8xi1>) {
  ^bb0(%a: f32, %o: i1):
    %a64 = arith.extf %a : f32 to f64
    %n64 = arith.constant 0xFFF0000000000000 : f64
    %r = arith.cmpf oeq, %a64, %n64 : f64
    linalg.yield %r : i1
  } -> tensor<1x4x8x8xi1>
  %true = arith.constant true
  %ae = tensor.empty() : tensor<1x4x8x1xi1>
  %ai = linalg.fill ins(%true : i1) outs(%ae : tensor<1x4x8x1xi1>) -> tensor<1x4x8x1xi1>
  %all = linalg.generic {indexing_maps = [#id4, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, 0)>], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%chk : tensor<1x4x8x8xi1>) outs(%ai : tensor<1x4x8x1xi1>) {
  ^bb0(%a: i1, %o: i1):
    %r = arith.andi %a, %o : i1
    linalg.yield %r : i1
  } -> tensor<1x4x8x1xi1>
  %zeros = arith.constant dense<0.0> : tensor<1x4x8x8xf32>
  %pf = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, 0)>, #id4, #id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%all, %zeros, %p : tensor<1x4x8x1xi1>, tensor<1x4x8x8xf32>, tensor<1x4x8x8xf32>) outs(%e4 : tensor<1x4x8x8xf32>) {
  ^bb0(%c: i1, %a: f32, %b: f32, %o: f32):
    %r = arith.select %c, %a, %b : f32
    linalg.yield %r : f32
  } -> tensor<1x4x8x8xf32>
  %p3 = tensor.collapse_shape %pf [[0, 1], [2], [3]] : tensor<1x4x8x8xf32> into tensor<4x8x8xf32>
  %v3 = tensor.collapse_shape %v [[0, 1], [2], [3]] : tensor<1x4x8x4xf32> into tensor<4x8x4xf32>
  %oe = tensor.empty() : tensor<4x8x4xf32>
  %of = linalg.fill ins(%z : f32) outs(%oe : tensor<4x8x4xf32>) -> tensor<4x8x4xf32>
  %o3 = linalg.batch_matmul ins(%p3, %v3 : tensor<4x8x8xf32>, tensor<4x8x4xf32>) outs(%of : tensor<4x8x4xf32>) -> tensor<4x8x4xf32>
  %o4 = tensor.expand_shape %o3 [[0, 1], [2], [3]] output_shape [1, 4, 8, 4] : tensor<4x8x4xf32> into tensor<1x4x8x4xf32>
  return %o4 : tensor<1x4x8x4xf32>
}

// CHECK-LABEL: func.func @bias_keepdim_head
// CHECK: attn.attention {{.*}}bias(%{{.*}} : tensor<1x4x8x8xf32>)
// CHECK-NOT: linalg.batch_matmul
// CHECK-NOT: linalg.softmax

func.func @bias_keepdim_head(%q: tensor<1x4x8x4xf32>, %k: tensor<1x4x8x4xf32>, %v: tensor<1x4x8x4xf32>, %bias: tensor<1x4x1x8xf32>) -> tensor<1x4x8x4xf32> {
  %z = arith.constant 0.0 : f32
  %ninf = arith.constant 0xFF800000 : f32
  %te = tensor.empty() : tensor<1x4x4x8xf32>
  %kt = linalg.transpose ins(%k : tensor<1x4x8x4xf32>) outs(%te : tensor<1x4x4x8xf32>) permutation = [0, 1, 3, 2]
  %q3 = tensor.collapse_shape %q [[0, 1], [2], [3]] : tensor<1x4x8x4xf32> into tensor<4x8x4xf32>
  %k3 = tensor.collapse_shape %kt [[0, 1], [2], [3]] : tensor<1x4x4x8xf32> into tensor<4x4x8xf32>
  %se = tensor.empty() : tensor<4x8x8xf32>
  %sf = linalg.fill ins(%z : f32) outs(%se : tensor<4x8x8xf32>) -> tensor<4x8x8xf32>
  %s3 = linalg.batch_matmul ins(%q3, %k3 : tensor<4x8x4xf32>, tensor<4x4x8xf32>) outs(%sf : tensor<4x8x8xf32>) -> tensor<4x8x8xf32>
  %s4 = tensor.expand_shape %s3 [[0, 1], [2], [3]] output_shape [1, 4, 8, 8] : tensor<4x8x8xf32> into tensor<1x4x8x8xf32>
  %e4 = tensor.empty() : tensor<1x4x8x8xf32>
  %sc = linalg.generic {indexing_maps = [#id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%s4 : tensor<1x4x8x8xf32>) outs(%e4 : tensor<1x4x8x8xf32>) {
  ^bb0(%a: f32, %o: f32):
    %c = arith.constant 2.0 : f32
    %r = arith.divf %a, %c : f32
    linalg.yield %r : f32
  } -> tensor<1x4x8x8xf32>
  %sb = linalg.generic {indexing_maps = [#id4, affine_map<(d0, d1, d2, d3) -> (d0, d1, 0, d3)>, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%sc, %bias : tensor<1x4x8x8xf32>, tensor<1x4x1x8xf32>) outs(%e4 : tensor<1x4x8x8xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %r = arith.addf %a, %b : f32
    linalg.yield %r : f32
  } -> tensor<1x4x8x8xf32>
  %re = tensor.empty() : tensor<1x4x8xf32>
  %mi = linalg.fill ins(%ninf : f32) outs(%re : tensor<1x4x8xf32>) -> tensor<1x4x8xf32>
  %m = linalg.reduce ins(%sb : tensor<1x4x8x8xf32>) outs(%mi : tensor<1x4x8xf32>) dimensions = [3]
    (%a: f32, %acc: f32) {
      %r = arith.maximumf %a, %acc : f32
      linalg.yield %r : f32
    }
  %mb = tensor.expand_shape %m [[0], [1], [2, 3]] output_shape [1, 4, 8, 1] : tensor<1x4x8xf32> into tensor<1x4x8x1xf32>
  %d = linalg.generic {indexing_maps = [#id4, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, 0)>, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%sb, %mb : tensor<1x4x8x8xf32>, tensor<1x4x8x1xf32>) outs(%e4 : tensor<1x4x8x8xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %r = arith.subf %a, %b : f32
    linalg.yield %r : f32
  } -> tensor<1x4x8x8xf32>
  %ex = linalg.exp ins(%d : tensor<1x4x8x8xf32>) outs(%e4 : tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  %zi = linalg.fill ins(%z : f32) outs(%re : tensor<1x4x8xf32>) -> tensor<1x4x8xf32>
  %sum = linalg.reduce ins(%ex : tensor<1x4x8x8xf32>) outs(%zi : tensor<1x4x8xf32>) dimensions = [3]
    (%a: f32, %acc: f32) {
      %r = arith.addf %a, %acc : f32
      linalg.yield %r : f32
    }
  %p = linalg.generic {indexing_maps = [#id4, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%ex, %sum : tensor<1x4x8x8xf32>, tensor<1x4x8xf32>) outs(%e4 : tensor<1x4x8x8xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %r = arith.divf %a, %b : f32
    linalg.yield %r : f32
  } -> tensor<1x4x8x8xf32>
  %p3 = tensor.collapse_shape %p [[0, 1], [2], [3]] : tensor<1x4x8x8xf32> into tensor<4x8x8xf32>
  %v3 = tensor.collapse_shape %v [[0, 1], [2], [3]] : tensor<1x4x8x4xf32> into tensor<4x8x4xf32>
  %oe = tensor.empty() : tensor<4x8x4xf32>
  %of = linalg.fill ins(%z : f32) outs(%oe : tensor<4x8x4xf32>) -> tensor<4x8x4xf32>
  %o3 = linalg.batch_matmul ins(%p3, %v3 : tensor<4x8x8xf32>, tensor<4x8x4xf32>) outs(%of : tensor<4x8x4xf32>) -> tensor<4x8x4xf32>
  %o4 = tensor.expand_shape %o3 [[0, 1], [2], [3]] output_shape [1, 4, 8, 4] : tensor<4x8x4xf32> into tensor<1x4x8x4xf32>
  return %o4 : tensor<1x4x8x4xf32>
}
