// RUN: attn-opt %s --attn-decompose --mlir-print-local-scope | FileCheck %s
// RUN: attn-opt %s --attn-decompose | FileCheck %s --check-prefix=GONE

// --attn-decompose lowers every attn.attention to unfused linalg on tensors
// over the score space (b, hkv, g, i, j), with the query heads split as
// h = hkv * G + g. Affine maps are printed inline (--mlir-print-local-scope)
// so that each check names the exact indexing map.

// GONE-NOT: attn.attention

//===----------------------------------------------------------------------===//
// The full structure, on grouped-query attention: Hq = 8, Hkv = 2 (G = 4),
// Sq = 16, Skv = 32, D = 64, Dv = 48.
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @gqa(
// CHECK-SAME: %[[Q:[^:]*]]: tensor<2x8x16x64xf32>, %[[K:[^:]*]]: tensor<2x2x32x64xf32>, %[[V:[^:]*]]: tensor<2x2x32x48xf32>)
// CHECK-NOT: attn.attention
// Only the query is reshaped: K and V are read in place by head hkv.
// CHECK: %[[QS:.*]] = tensor.expand_shape %[[Q]] {{\[}}[0], [1, 2], [3], [4]] output_shape [2, 2, 4, 16, 64] : tensor<2x8x16x64xf32> into tensor<2x2x4x16x64xf32>
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[SINIT:.*]] = linalg.fill ins(%[[ZERO]] : f32) outs(%{{.*}} : tensor<2x2x4x16x32xf32>)
// 1. S = Q K^T, reduced over d (d5).
// CHECK: %[[S:.*]] = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d3, d5)>, affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d4, d5)>, affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d3, d4)>], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%[[QS]], %[[K]] : tensor<2x2x4x16x64xf32>, tensor<2x2x32x64xf32>) outs(%[[SINIT]] : tensor<2x2x4x16x32xf32>)
// CHECK-NEXT: ^bb0(%[[X:[^:]*]]: f32, %[[Y:[^:]*]]: f32, %[[A:[^:]*]]: f32):
// CHECK-NEXT: %[[PR:.*]] = arith.mulf %[[X]], %[[Y]] : f32
// CHECK-NEXT: %[[SU:.*]] = arith.addf %[[A]], %[[PR]] : f32
// CHECK-NEXT: linalg.yield %[[SU]] : f32
// 2. Modifiers: here only the default scale 1/sqrt(64); nothing is masked.
// CHECK: %[[C16:.*]] = arith.constant 16 : index
// CHECK: %[[C32:.*]] = arith.constant 32 : index
// CHECK: arith.subi %[[C32]], %[[C16]] : index
// CHECK: %[[SCALE:.*]] = arith.constant 1.250000e-01 : f32
// CHECK: %[[NINF:.*]] = arith.constant 0xFF800000 : f32
// CHECK: %[[MOD:.*]] = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3, d4)>, affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3, d4)>], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel"]} ins(%[[S]] : tensor<2x2x4x16x32xf32>) outs(%{{.*}} : tensor<2x2x4x16x32xf32>)
// CHECK-NEXT: ^bb0(%[[X:[^:]*]]: f32, %{{[^:]*}}: f32):
// CHECK-NEXT: %[[XS:.*]] = arith.mulf %[[X]], %[[SCALE]] : f32
// CHECK-NEXT: linalg.yield %[[XS]] : f32
// 3. Row max over j, from -inf.
// CHECK: %[[MINIT:.*]] = linalg.fill ins(%[[NINF]] : f32) outs(%{{.*}} : tensor<2x2x4x16xf32>)
// CHECK: %[[MAX:.*]] = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3, d4)>, affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%[[MOD]] : tensor<2x2x4x16x32xf32>) outs(%[[MINIT]] : tensor<2x2x4x16xf32>)
// CHECK-NEXT: ^bb0(%[[X:[^:]*]]: f32, %[[Y:[^:]*]]: f32):
// CHECK-NEXT: %[[MX:.*]] = arith.maxnumf %[[X]], %[[Y]] : f32
// CHECK-NEXT: linalg.yield %[[MX]] : f32
// 4. P = exp(s - m), 0 where s = -inf (a NaN score stays NaN).
// CHECK: %[[P:.*]] = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3, d4)>, affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3, d4)>], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel"]} ins(%[[MOD]], %[[MAX]] : tensor<2x2x4x16x32xf32>, tensor<2x2x4x16xf32>)
// CHECK-NEXT: ^bb0(%[[X:[^:]*]]: f32, %[[Y:[^:]*]]: f32, %{{[^:]*}}: f32):
// CHECK-NEXT: %[[DIFF:.*]] = arith.subf %[[X]], %[[Y]] : f32
// CHECK-NEXT: %[[E:.*]] = math.exp %[[DIFF]] : f32
// CHECK-NEXT: %[[DEAD:.*]] = arith.cmpf oeq, %[[X]], %[[NINF]] : f32
// CHECK-NEXT: %[[PE:.*]] = arith.select %[[DEAD]], %[[ZERO]], %[[E]] : f32
// CHECK-NEXT: linalg.yield %[[PE]] : f32
// 5. Row sum over j, from 0.
// CHECK: %[[LINIT:.*]] = linalg.fill ins(%[[ZERO]] : f32) outs(%{{.*}} : tensor<2x2x4x16xf32>)
// CHECK: %[[L:.*]] = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3, d4)>, affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%[[P]] : tensor<2x2x4x16x32xf32>) outs(%[[LINIT]] : tensor<2x2x4x16xf32>)
// CHECK-NEXT: ^bb0(%[[X:[^:]*]]: f32, %[[Y:[^:]*]]: f32):
// CHECK-NEXT: %[[LS:.*]] = arith.addf %[[X]], %[[Y]] : f32
// CHECK-NEXT: linalg.yield %[[LS]] : f32
// 6. acc = P V, reduced over j (d5); V is indexed by hkv (d1), not by g.
//    Keys whose score is -inf (invisible) add nothing, not even a NaN of V.
// CHECK: %[[AINIT:.*]] = linalg.fill ins(%[[ZERO]] : f32) outs(%{{.*}} : tensor<2x2x4x16x48xf32>)
// CHECK: %[[ACC:.*]] = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d3, d5)>, affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d3, d5)>, affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d5, d4)>, affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d3, d4)>], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%[[P]], %[[MOD]], %[[V]] : tensor<2x2x4x16x32xf32>, tensor<2x2x4x16x32xf32>, tensor<2x2x32x48xf32>) outs(%[[AINIT]] : tensor<2x2x4x16x48xf32>)
// CHECK-NEXT: ^bb0(%[[X:[^:]*]]: f32, %[[SC:[^:]*]]: f32, %[[Y:[^:]*]]: f32, %[[A:[^:]*]]: f32):
// CHECK-NEXT: %[[PV:.*]] = arith.mulf %[[X]], %[[Y]] : f32
// CHECK-NEXT: %[[OFF:.*]] = arith.cmpf oeq, %[[SC]], %[[NINF]] : f32
// CHECK-NEXT: %[[PVS:.*]] = arith.select %[[OFF]], %[[ZERO]], %[[PV]] : f32
// CHECK-NEXT: %[[AS:.*]] = arith.addf %[[A]], %[[PVS]] : f32
// CHECK-NEXT: linalg.yield %[[AS]] : f32
// 7. O = acc / l, 0 where l = 0 (a NaN l propagates).
// CHECK: %[[O:.*]] = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3, d4)>, affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3, d4)>], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel"]} ins(%[[ACC]], %[[L]] : tensor<2x2x4x16x48xf32>, tensor<2x2x4x16xf32>) outs(%{{.*}} : tensor<2x2x4x16x48xf32>)
// CHECK-NEXT: ^bb0(%[[X:[^:]*]]: f32, %[[Y:[^:]*]]: f32, %{{[^:]*}}: f32):
// CHECK-NEXT: %[[Z:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT: %[[EMPTY:.*]] = arith.cmpf oeq, %[[Y]], %[[Z]] : f32
// CHECK-NEXT: %[[DIV:.*]] = arith.divf %[[X]], %[[Y]] : f32
// CHECK-NEXT: %[[OS:.*]] = arith.select %[[EMPTY]], %[[Z]], %[[DIV]] : f32
// CHECK-NEXT: linalg.yield %[[OS]] : f32
// CHECK: %[[OUT:.*]] = tensor.collapse_shape %[[O]] {{\[}}[0], [1, 2], [3], [4]] : tensor<2x2x4x16x48xf32> into tensor<2x8x16x48xf32>
// CHECK-NEXT: return %[[OUT]] : tensor<2x8x16x48xf32>
func.func @gqa(%q: tensor<2x8x16x64xf32>, %k: tensor<2x2x32x64xf32>,
               %v: tensor<2x2x32x48xf32>) -> tensor<2x8x16x48xf32> {
  %o = attn.attention %q, %k, %v
      : tensor<2x8x16x64xf32>, tensor<2x2x32x64xf32>, tensor<2x2x32x48xf32>
      -> tensor<2x8x16x48xf32>
  return %o : tensor<2x8x16x48xf32>
}

// Without a pattern, mask, bias, ALiBi or softcap the scores are only scaled.
// CHECK-LABEL: func.func @plain_no_modifiers
// CHECK-NOT: linalg.index
// CHECK-NOT: arith.select {{.*}}0xFF800000
// CHECK-NOT: math.tanh
// CHECK-NOT: math.log
// CHECK: return
func.func @plain_no_modifiers(%q: tensor<1x2x8x4xf32>, %k: tensor<1x2x8x4xf32>,
                              %v: tensor<1x2x8x4xf32>) -> tensor<1x2x8x4xf32> {
  %o = attn.attention %q, %k, %v
      : tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>
      -> tensor<1x2x8x4xf32>
  return %o : tensor<1x2x8x4xf32>
}

// Multi-query attention (Hkv = 1): the query splits into [1, 8] and the single
// K/V head is shared through the same maps.
// CHECK-LABEL: func.func @mqa(
// CHECK-SAME: %[[Q:[^:]*]]: tensor<1x8x16x32xf32>, %[[K:[^:]*]]: tensor<1x1x16x32xf32>, %[[V:[^:]*]]: tensor<1x1x16x32xf32>)
// CHECK: %[[QS:.*]] = tensor.expand_shape %[[Q]] {{\[}}[0], [1, 2], [3], [4]] output_shape [1, 1, 8, 16, 32] : tensor<1x8x16x32xf32> into tensor<1x1x8x16x32xf32>
// CHECK: linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d3, d5)>, affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d4, d5)>, affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d3, d4)>], {{.*}} ins(%[[QS]], %[[K]] : tensor<1x1x8x16x32xf32>, tensor<1x1x16x32xf32>)
// CHECK: linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d3, d5)>, affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d3, d5)>, affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d5, d4)>, affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d3, d4)>], {{.*}} ins(%{{.*}}, %{{.*}}, %[[V]] : tensor<1x1x8x16x16xf32>, tensor<1x1x8x16x16xf32>, tensor<1x1x16x32xf32>)
// CHECK: tensor.collapse_shape %{{.*}} {{\[}}[0], [1, 2], [3], [4]] : tensor<1x1x8x16x32xf32> into tensor<1x8x16x32xf32>
func.func @mqa(%q: tensor<1x8x16x32xf32>, %k: tensor<1x1x16x32xf32>,
               %v: tensor<1x1x16x32xf32>) -> tensor<1x8x16x32xf32> {
  %o = attn.attention %q, %k, %v
      : tensor<1x8x16x32xf32>, tensor<1x1x16x32xf32>, tensor<1x1x16x32xf32>
      -> tensor<1x8x16x32xf32>
  return %o : tensor<1x8x16x32xf32>
}

// An explicit scale replaces 1/sqrt(D).
// CHECK-LABEL: func.func @explicit_scale
// CHECK-NOT: arith.constant 5.000000e-01 : f32
// CHECK: %[[SCALE:.*]] = arith.constant 3.000000e+00 : f32
// CHECK: ^bb0(%[[X:[^:]*]]: f32, %{{[^:]*}}: f32):
// CHECK-NEXT: arith.mulf %[[X]], %[[SCALE]] : f32
func.func @explicit_scale(%q: tensor<1x2x8x4xf32>, %k: tensor<1x2x8x4xf32>,
                          %v: tensor<1x2x8x4xf32>) -> tensor<1x2x8x4xf32> {
  %o = attn.attention %q, %k, %v {scale = 3.0 : f64}
      : tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>
      -> tensor<1x2x8x4xf32>
  return %o : tensor<1x2x8x4xf32>
}

//===----------------------------------------------------------------------===//
// Sparsity patterns: bottom-right aligned, offset o = Skv - Sq = 32 - 16.
//===----------------------------------------------------------------------===//

// causal: visible iff j <= i + o; invisible scores become -inf.
// CHECK-LABEL: func.func @causal
// CHECK: %[[SQ:.*]] = arith.constant 16 : index
// CHECK: %[[SKV:.*]] = arith.constant 32 : index
// CHECK: %[[OFF:.*]] = arith.subi %[[SKV]], %[[SQ]] : index
// CHECK: %[[SCALE:.*]] = arith.constant 1.250000e-01 : f32
// CHECK: %[[NINF:.*]] = arith.constant 0xFF800000 : f32
// CHECK: linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3, d4)>, affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3, d4)>], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel"]}
// CHECK-NEXT: ^bb0(%[[X:[^:]*]]: f32, %{{[^:]*}}: f32):
// CHECK-NEXT: %[[S:.*]] = arith.mulf %[[X]], %[[SCALE]] : f32
// CHECK-NEXT: %[[I:.*]] = linalg.index 3 : index
// CHECK-NEXT: %[[J:.*]] = linalg.index 4 : index
// CHECK-NEXT: %[[DIAG:.*]] = arith.addi %[[I]], %[[OFF]] : index
// CHECK-NEXT: %[[VIS:.*]] = arith.cmpi sle, %[[J]], %[[DIAG]] : index
// CHECK-NEXT: %[[R:.*]] = arith.select %[[VIS]], %[[S]], %[[NINF]] : f32
// CHECK-NEXT: linalg.yield %[[R]] : f32
// CHECK-NOT: arith.cmpi sge
func.func @causal(%q: tensor<1x2x16x64xf32>, %k: tensor<1x2x32x64xf32>,
                  %v: tensor<1x2x32x64xf32>) -> tensor<1x2x16x64xf32> {
  %o = attn.attention %q, %k, %v {sparsity = #attn.causal}
      : tensor<1x2x16x64xf32>, tensor<1x2x32x64xf32>, tensor<1x2x32x64xf32>
      -> tensor<1x2x16x64xf32>
  return %o : tensor<1x2x16x64xf32>
}

// sliding_window<left = 3, right = 1>: i + o - 3 <= j <= i + o + 1.
// CHECK-LABEL: func.func @sliding_window
// CHECK: %[[SQ:.*]] = arith.constant 16 : index
// CHECK: %[[SKV:.*]] = arith.constant 32 : index
// CHECK: %[[OFF:.*]] = arith.subi %[[SKV]], %[[SQ]] : index
// CHECK: %[[NINF:.*]] = arith.constant 0xFF800000 : f32
// CHECK: ^bb0(%[[X:[^:]*]]: f32, %{{[^:]*}}: f32):
// CHECK-NEXT: %[[S:.*]] = arith.mulf %[[X]], %{{.*}} : f32
// CHECK-NEXT: %[[I:.*]] = linalg.index 3 : index
// CHECK-NEXT: %[[J:.*]] = linalg.index 4 : index
// CHECK-NEXT: %[[DIAG:.*]] = arith.addi %[[I]], %[[OFF]] : index
// CHECK-NEXT: %[[LEFT:.*]] = arith.constant 3 : index
// CHECK-NEXT: %[[LO:.*]] = arith.subi %[[DIAG]], %[[LEFT]] : index
// CHECK-NEXT: %[[RIGHT:.*]] = arith.constant 1 : index
// CHECK-NEXT: %[[HI:.*]] = arith.addi %[[DIAG]], %[[RIGHT]] : index
// CHECK-NEXT: %[[GE:.*]] = arith.cmpi sge, %[[J]], %[[LO]] : index
// CHECK-NEXT: %[[LE:.*]] = arith.cmpi sle, %[[J]], %[[HI]] : index
// CHECK-NEXT: %[[VIS:.*]] = arith.andi %[[GE]], %[[LE]] : i1
// CHECK-NEXT: %[[R:.*]] = arith.select %[[VIS]], %[[S]], %[[NINF]] : f32
// CHECK-NEXT: linalg.yield %[[R]] : f32
func.func @sliding_window(%q: tensor<1x2x16x64xf32>, %k: tensor<1x2x32x64xf32>,
                          %v: tensor<1x2x32x64xf32>) -> tensor<1x2x16x64xf32> {
  %o = attn.attention %q, %k, %v
      {sparsity = #attn.sliding_window<left = 3, right = 1>}
      : tensor<1x2x16x64xf32>, tensor<1x2x32x64xf32>, tensor<1x2x32x64xf32>
      -> tensor<1x2x16x64xf32>
  return %o : tensor<1x2x16x64xf32>
}

//===----------------------------------------------------------------------===//
// Mask operands: broadcast through the indexing map, never materialized.
//===----------------------------------------------------------------------===//

// A rank-2 [Sq, Skv] mask reads (i, j) and selects -inf where false.
// CHECK-LABEL: func.func @mask_rank2(
// CHECK-SAME: %[[M:[^:]*]]: tensor<16x32xi1>)
// CHECK: %[[NINF:.*]] = arith.constant 0xFF800000 : f32
// CHECK: linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3, d4)>, affine_map<(d0, d1, d2, d3, d4) -> (d3, d4)>, affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3, d4)>], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel"]} ins(%{{.*}}, %[[M]] : tensor<2x2x4x16x32xf32>, tensor<16x32xi1>)
// CHECK-NEXT: ^bb0(%[[X:[^:]*]]: f32, %[[MV:[^:]*]]: i1, %{{[^:]*}}: f32):
// CHECK-NEXT: %[[S:.*]] = arith.mulf %[[X]], %{{.*}} : f32
// CHECK-NEXT: %[[R:.*]] = arith.select %[[MV]], %[[S]], %[[NINF]] : f32
// CHECK-NEXT: linalg.yield %[[R]] : f32
func.func @mask_rank2(%q: tensor<2x8x16x64xf32>, %k: tensor<2x2x32x64xf32>,
                      %v: tensor<2x2x32x64xf32>, %m: tensor<16x32xi1>)
    -> tensor<2x8x16x64xf32> {
  %o = attn.attention %q, %k, %v mask(%m : tensor<16x32xi1>)
      : tensor<2x8x16x64xf32>, tensor<2x2x32x64xf32>, tensor<2x2x32x64xf32>
      -> tensor<2x8x16x64xf32>
  return %o : tensor<2x8x16x64xf32>
}

// A [B, 1, 1, Skv] padding mask: unit dims read index 0.
// CHECK-LABEL: func.func @mask_broadcast(
// CHECK-SAME: %[[M:[^:]*]]: tensor<2x1x1x32xi1>)
// CHECK-NOT: tensor.expand_shape %[[M]]
// CHECK: linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3, d4)>, affine_map<(d0, d1, d2, d3, d4) -> (d0, 0, 0, d4)>, affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3, d4)>], {{.*}} ins(%{{.*}}, %[[M]] : tensor<2x2x4x16x32xf32>, tensor<2x1x1x32xi1>)
func.func @mask_broadcast(%q: tensor<2x8x16x64xf32>, %k: tensor<2x2x32x64xf32>,
                          %v: tensor<2x2x32x64xf32>, %m: tensor<2x1x1x32xi1>)
    -> tensor<2x8x16x64xf32> {
  %o = attn.attention %q, %k, %v mask(%m : tensor<2x1x1x32xi1>)
      : tensor<2x8x16x64xf32>, tensor<2x2x32x64xf32>, tensor<2x2x32x64xf32>
      -> tensor<2x8x16x64xf32>
  return %o : tensor<2x8x16x64xf32>
}

// A per-query-head rank-4 mask has its head dim split like the query, and
// is combined with the causal pattern (pattern and mask).
// CHECK-LABEL: func.func @mask_heads_causal(
// CHECK-SAME: %[[M:[^:]*]]: tensor<1x8x16x32xi1>)
// CHECK: %[[MS:.*]] = tensor.expand_shape %[[M]] {{\[}}[0], [1, 2], [3], [4]] output_shape [1, 2, 4, 16, 32] : tensor<1x8x16x32xi1> into tensor<1x2x4x16x32xi1>
// CHECK: %[[NINF:.*]] = arith.constant 0xFF800000 : f32
// CHECK: linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3, d4)>, affine_map<(d0, d1, d2, d3, d4) -> (0, d1, d2, d3, d4)>, affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3, d4)>], {{.*}} ins(%{{.*}}, %[[MS]] : tensor<2x2x4x16x32xf32>, tensor<1x2x4x16x32xi1>)
// CHECK-NEXT: ^bb0(%[[X:[^:]*]]: f32, %[[MV:[^:]*]]: i1, %{{[^:]*}}: f32):
// CHECK: %[[PAT:.*]] = arith.cmpi sle, %{{.*}}, %{{.*}} : index
// CHECK-NEXT: %[[VIS:.*]] = arith.andi %[[PAT]], %[[MV]] : i1
// CHECK-NEXT: %[[R:.*]] = arith.select %[[VIS]], %{{.*}}, %[[NINF]] : f32
func.func @mask_heads_causal(%q: tensor<2x8x16x64xf32>, %k: tensor<2x2x32x64xf32>,
                             %v: tensor<2x2x32x64xf32>, %m: tensor<1x8x16x32xi1>)
    -> tensor<2x8x16x64xf32> {
  %o = attn.attention %q, %k, %v mask(%m : tensor<1x8x16x32xi1>)
      {sparsity = #attn.causal}
      : tensor<2x8x16x64xf32>, tensor<2x2x32x64xf32>, tensor<2x2x32x64xf32>
      -> tensor<2x8x16x64xf32>
  return %o : tensor<2x8x16x64xf32>
}

//===----------------------------------------------------------------------===//
// Bias, ALiBi, softcap
//===----------------------------------------------------------------------===//

// An f32 bias [Hq, Sq, Skv] on f32 scores: added after scaling, no extf.
// CHECK-LABEL: func.func @bias_f32(
// CHECK-SAME: %[[B:[^:]*]]: tensor<8x16x32xf32>)
// CHECK: %[[BS:.*]] = tensor.expand_shape %[[B]] {{\[}}[0, 1], [2], [3]] output_shape [2, 4, 16, 32] : tensor<8x16x32xf32> into tensor<2x4x16x32xf32>
// CHECK: linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3, d4)>, affine_map<(d0, d1, d2, d3, d4) -> (d1, d2, d3, d4)>, affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3, d4)>], {{.*}} ins(%{{.*}}, %[[BS]] : tensor<2x2x4x16x32xf32>, tensor<2x4x16x32xf32>)
// CHECK-NEXT: ^bb0(%[[X:[^:]*]]: f32, %[[BV:[^:]*]]: f32, %{{[^:]*}}: f32):
// CHECK-NEXT: %[[S:.*]] = arith.mulf %[[X]], %{{.*}} : f32
// CHECK-NEXT: %[[SB:.*]] = arith.addf %[[S]], %[[BV]] : f32
// CHECK-NEXT: linalg.yield %[[SB]] : f32
func.func @bias_f32(%q: tensor<2x8x16x64xf32>, %k: tensor<2x2x32x64xf32>,
                    %v: tensor<2x2x32x64xf32>, %b: tensor<8x16x32xf32>)
    -> tensor<2x8x16x64xf32> {
  %o = attn.attention %q, %k, %v bias(%b : tensor<8x16x32xf32>)
      : tensor<2x8x16x64xf32>, tensor<2x2x32x64xf32>, tensor<2x2x32x64xf32>
      -> tensor<2x8x16x64xf32>
  return %o : tensor<2x8x16x64xf32>
}

// A bias of the query's type (f16) is extended to f32 before the add.
// CHECK-LABEL: func.func @bias_f16(
// CHECK-SAME: %[[B:[^:]*]]: tensor<16x32xf16>)
// CHECK: linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3, d4)>, affine_map<(d0, d1, d2, d3, d4) -> (d3, d4)>, affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3, d4)>], {{.*}} ins(%{{.*}}, %[[B]] : tensor<1x2x1x16x32xf32>, tensor<16x32xf16>)
// CHECK-NEXT: ^bb0(%[[X:[^:]*]]: f32, %[[BV:[^:]*]]: f16, %{{[^:]*}}: f32):
// CHECK-NEXT: %[[S:.*]] = arith.mulf %[[X]], %{{.*}} : f32
// CHECK-NEXT: %[[BE:.*]] = arith.extf %[[BV]] : f16 to f32
// CHECK-NEXT: %[[SB:.*]] = arith.addf %[[S]], %[[BE]] : f32
func.func @bias_f16(%q: tensor<1x2x16x64xf16>, %k: tensor<1x2x32x64xf16>,
                    %v: tensor<1x2x32x64xf16>, %b: tensor<16x32xf16>)
    -> tensor<1x2x16x64xf16> {
  %o = attn.attention %q, %k, %v bias(%b : tensor<16x32xf16>)
      : tensor<1x2x16x64xf16>, tensor<1x2x32x64xf16>, tensor<1x2x32x64xf16>
      -> tensor<1x2x16x64xf16>
  return %o : tensor<1x2x16x64xf16>
}

// ALiBi: s -= slopes[h] * |i + o - j|, slopes split [Hq] -> [Hkv, G].
// CHECK-LABEL: func.func @alibi(
// CHECK-SAME: %[[SL:[^:]*]]: tensor<8xf32>)
// CHECK: %[[SLS:.*]] = tensor.expand_shape %[[SL]] {{\[}}[0, 1]] output_shape [2, 4] : tensor<8xf32> into tensor<2x4xf32>
// CHECK: %[[OFF:.*]] = arith.subi %{{.*}}, %{{.*}} : index
// CHECK: linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3, d4)>, affine_map<(d0, d1, d2, d3, d4) -> (d1, d2)>, affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3, d4)>], {{.*}} ins(%{{.*}}, %[[SLS]] : tensor<1x2x4x16x32xf32>, tensor<2x4xf32>)
// CHECK-NEXT: ^bb0(%[[X:[^:]*]]: f32, %[[SV:[^:]*]]: f32, %{{[^:]*}}: f32):
// CHECK-NEXT: %[[S:.*]] = arith.mulf %[[X]], %{{.*}} : f32
// CHECK-NEXT: %[[I:.*]] = linalg.index 3 : index
// CHECK-NEXT: %[[J:.*]] = linalg.index 4 : index
// CHECK-NEXT: %[[IO:.*]] = arith.addi %[[I]], %[[OFF]] : index
// CHECK-NEXT: %[[D1:.*]] = arith.subi %[[IO]], %[[J]] : index
// CHECK-NEXT: %[[D2:.*]] = arith.subi %[[J]], %[[IO]] : index
// CHECK-NEXT: %[[ABS:.*]] = arith.maxsi %[[D1]], %[[D2]] : index
// CHECK-NEXT: %[[DI:.*]] = arith.index_cast %[[ABS]] : index to i64
// CHECK-NEXT: %[[DF:.*]] = arith.sitofp %[[DI]] : i64 to f32
// CHECK-NEXT: %[[PEN:.*]] = arith.mulf %[[SV]], %[[DF]] : f32
// CHECK-NEXT: %[[R:.*]] = arith.subf %[[S]], %[[PEN]] : f32
// CHECK-NEXT: linalg.yield %[[R]] : f32
func.func @alibi(%q: tensor<1x8x16x64xf32>, %k: tensor<1x2x32x64xf32>,
                 %v: tensor<1x2x32x64xf32>, %s: tensor<8xf32>)
    -> tensor<1x8x16x64xf32> {
  %o = attn.attention %q, %k, %v alibi(%s : tensor<8xf32>)
      : tensor<1x8x16x64xf32>, tensor<1x2x32x64xf32>, tensor<1x2x32x64xf32>
      -> tensor<1x8x16x64xf32>
  return %o : tensor<1x8x16x64xf32>
}

// softcap c: s = c * tanh(s / c), applied to the scaled score, before bias.
// CHECK-LABEL: func.func @softcap_bias(
// CHECK-SAME: %[[B:[^:]*]]: tensor<16x32xf32>)
// CHECK: %[[SCALE:.*]] = arith.constant 2.500000e-01 : f32
// CHECK: ^bb0(%[[X:[^:]*]]: f32, %[[BV:[^:]*]]: f32, %{{[^:]*}}: f32):
// CHECK-NEXT: %[[S:.*]] = arith.mulf %[[X]], %[[SCALE]] : f32
// CHECK-NEXT: %[[C:.*]] = arith.constant 3.000000e+01 : f32
// CHECK-NEXT: %[[D:.*]] = arith.divf %[[S]], %[[C]] : f32
// CHECK-NEXT: %[[T:.*]] = math.tanh %[[D]] : f32
// CHECK-NEXT: %[[CT:.*]] = arith.mulf %[[C]], %[[T]] : f32
// CHECK-NEXT: %[[SB:.*]] = arith.addf %[[CT]], %[[BV]] : f32
// CHECK-NEXT: linalg.yield %[[SB]] : f32
func.func @softcap_bias(%q: tensor<1x2x16x64xf32>, %k: tensor<1x2x32x64xf32>,
                        %v: tensor<1x2x32x64xf32>, %b: tensor<16x32xf32>)
    -> tensor<1x2x16x64xf32> {
  %o = attn.attention %q, %k, %v bias(%b : tensor<16x32xf32>)
      {scale = 0.25 : f64, softcap = 30.0 : f64}
      : tensor<1x2x16x64xf32>, tensor<1x2x32x64xf32>, tensor<1x2x32x64xf32>
      -> tensor<1x2x16x64xf32>
  return %o : tensor<1x2x16x64xf32>
}

//===----------------------------------------------------------------------===//
// bshd layout: Q [B, Sq, Hq, D], K [B, Skv, Hkv, D], V [B, Skv, Hkv, Dv],
// O [B, Sq, Hq, Dv]; the score space stays (b, hkv, g, i, j).
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @bshd(
// CHECK-SAME: %[[Q:[^:]*]]: tensor<2x16x8x64xf32>, %[[K:[^:]*]]: tensor<2x32x2x64xf32>, %[[V:[^:]*]]: tensor<2x32x2x48xf32>)
// CHECK: %[[QS:.*]] = tensor.expand_shape %[[Q]] {{\[}}[0], [1], [2, 3], [4]] output_shape [2, 16, 2, 4, 64] : tensor<2x16x8x64xf32> into tensor<2x16x2x4x64xf32>
// CHECK: linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d3, d1, d2, d5)>, affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d4, d1, d5)>, affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d3, d4)>], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%[[QS]], %[[K]] : tensor<2x16x2x4x64xf32>, tensor<2x32x2x64xf32>) outs(%{{.*}} : tensor<2x2x4x16x32xf32>)
// CHECK: linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d3, d5)>, affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d3, d5)>, affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d5, d1, d4)>, affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d3, d4)>], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%{{.*}}, %{{.*}}, %[[V]] : tensor<2x2x4x16x32xf32>, tensor<2x2x4x16x32xf32>, tensor<2x32x2x48xf32>) outs(%{{.*}} : tensor<2x2x4x16x48xf32>)
// CHECK: %[[O:.*]] = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3, d4)>, affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3, d4) -> (d0, d3, d1, d2, d4)>], {{.*}} outs(%{{.*}} : tensor<2x16x2x4x48xf32>)
// CHECK: %[[OUT:.*]] = tensor.collapse_shape %[[O]] {{\[}}[0], [1], [2, 3], [4]] : tensor<2x16x2x4x48xf32> into tensor<2x16x8x48xf32>
// CHECK-NEXT: return %[[OUT]]
func.func @bshd(%q: tensor<2x16x8x64xf32>, %k: tensor<2x32x2x64xf32>,
                %v: tensor<2x32x2x48xf32>) -> tensor<2x16x8x48xf32> {
  %o = attn.attention %q, %k, %v {layout = #attn.layout<bshd>}
      : tensor<2x16x8x64xf32>, tensor<2x32x2x64xf32>, tensor<2x32x2x48xf32>
      -> tensor<2x16x8x48xf32>
  return %o : tensor<2x16x8x48xf32>
}

// Under bshd the causal offset still uses the sequence dims (dim 1).
// CHECK-LABEL: func.func @bshd_causal
// CHECK: %[[SQ:.*]] = arith.constant 16 : index
// CHECK: %[[SKV:.*]] = arith.constant 32 : index
// CHECK: arith.subi %[[SKV]], %[[SQ]] : index
// CHECK: arith.cmpi sle
func.func @bshd_causal(%q: tensor<1x16x4x64xf32>, %k: tensor<1x32x4x64xf32>,
                       %v: tensor<1x32x4x64xf32>) -> tensor<1x16x4x64xf32> {
  %o = attn.attention %q, %k, %v
      {layout = #attn.layout<bshd>, sparsity = #attn.causal}
      : tensor<1x16x4x64xf32>, tensor<1x32x4x64xf32>, tensor<1x32x4x64xf32>
      -> tensor<1x16x4x64xf32>
  return %o : tensor<1x16x4x64xf32>
}

//===----------------------------------------------------------------------===//
// Element types: f16/bf16 inputs accumulate in f32, round once at the end.
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @f16(
// CHECK: linalg.generic {{.*}} ins(%{{.*}}, %{{.*}} : tensor<1x2x1x16x64xf16>, tensor<1x2x16x64xf16>) outs(%{{.*}} : tensor<1x2x1x16x16xf32>)
// CHECK-NEXT: ^bb0(%[[X:[^:]*]]: f16, %[[Y:[^:]*]]: f16, %[[A:[^:]*]]: f32):
// CHECK-NEXT: %[[XE:.*]] = arith.extf %[[X]] : f16 to f32
// CHECK-NEXT: %[[YE:.*]] = arith.extf %[[Y]] : f16 to f32
// CHECK-NEXT: %[[PR:.*]] = arith.mulf %[[XE]], %[[YE]] : f32
// CHECK-NEXT: arith.addf %[[A]], %[[PR]] : f32
// CHECK: linalg.generic {{.*}} ins(%{{.*}}, %{{.*}}, %{{.*}} : tensor<1x2x1x16x16xf32>, tensor<1x2x1x16x16xf32>, tensor<1x2x16x64xf16>) outs(%{{.*}} : tensor<1x2x1x16x64xf32>)
// CHECK-NEXT: ^bb0(%[[X:[^:]*]]: f32, %{{[^:]*}}: f32, %[[Y:[^:]*]]: f16, %[[A:[^:]*]]: f32):
// CHECK-NEXT: %[[YE:.*]] = arith.extf %[[Y]] : f16 to f32
// CHECK-NEXT: %[[PR:.*]] = arith.mulf %[[X]], %[[YE]] : f32
// CHECK: arith.addf %[[A]], %{{.*}} : f32
// CHECK: linalg.generic {{.*}} outs(%{{.*}} : tensor<1x2x1x16x64xf16>)
// CHECK-NEXT: ^bb0(%{{[^:]*}}: f32, %{{[^:]*}}: f32, %{{[^:]*}}: f16):
// CHECK: %[[R:.*]] = arith.select %{{.*}}, %{{.*}}, %{{.*}} : f32
// CHECK-NEXT: %[[T:.*]] = arith.truncf %[[R]] : f32 to f16
// CHECK-NEXT: linalg.yield %[[T]] : f16
// CHECK: tensor.collapse_shape %{{.*}} : tensor<1x2x1x16x64xf16> into tensor<1x2x16x64xf16>
func.func @f16(%q: tensor<1x2x16x64xf16>, %k: tensor<1x2x16x64xf16>,
               %v: tensor<1x2x16x64xf16>) -> tensor<1x2x16x64xf16> {
  %o = attn.attention %q, %k, %v
      : tensor<1x2x16x64xf16>, tensor<1x2x16x64xf16>, tensor<1x2x16x64xf16>
      -> tensor<1x2x16x64xf16>
  return %o : tensor<1x2x16x64xf16>
}

// CHECK-LABEL: func.func @bf16(
// CHECK: ^bb0(%[[X:[^:]*]]: bf16, %[[Y:[^:]*]]: bf16, %{{[^:]*}}: f32):
// CHECK-NEXT: arith.extf %[[X]] : bf16 to f32
// CHECK-NEXT: arith.extf %[[Y]] : bf16 to f32
// CHECK: arith.truncf %{{.*}} : f32 to bf16
// CHECK: tensor.collapse_shape %{{.*}} : tensor<1x2x1x16x64xbf16> into tensor<1x2x16x64xbf16>
func.func @bf16(%q: tensor<1x2x16x64xbf16>, %k: tensor<1x2x16x64xbf16>,
                %v: tensor<1x2x16x64xbf16>) -> tensor<1x2x16x64xbf16> {
  %o = attn.attention %q, %k, %v
      : tensor<1x2x16x64xbf16>, tensor<1x2x16x64xbf16>, tensor<1x2x16x64xbf16>
      -> tensor<1x2x16x64xbf16>
  return %o : tensor<1x2x16x64xbf16>
}

// f32 inputs need no conversion at all.
// CHECK-LABEL: func.func @f32_no_casts
// CHECK-NOT: arith.extf
// CHECK-NOT: arith.truncf
// CHECK: return
func.func @f32_no_casts(%q: tensor<1x2x8x4xf32>, %k: tensor<1x2x8x4xf32>,
                        %v: tensor<1x2x8x4xf32>) -> tensor<1x2x8x4xf32> {
  %o = attn.attention %q, %k, %v
      : tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>
      -> tensor<1x2x8x4xf32>
  return %o : tensor<1x2x8x4xf32>
}

//===----------------------------------------------------------------------===//
// LSE: lse = m + log(l), -inf where l = 0, in logical [B, Hq, Sq] order.
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @lse(
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[NINF:.*]] = arith.constant 0xFF800000 : f32
// CHECK: %[[MAX:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]{{.*}}outs(%{{.*}} : tensor<1x2x4x16xf32>)
// CHECK-NEXT: ^bb0
// CHECK-NEXT: arith.maxnumf
// CHECK: %[[SUM:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]{{.*}}outs(%{{.*}} : tensor<1x2x4x16xf32>)
// CHECK-NEXT: ^bb0
// CHECK-NEXT: arith.addf
// CHECK: %[[OUT:.*]] = tensor.collapse_shape %{{.*}} {{\[}}[0], [1, 2], [3], [4]] : tensor<1x2x4x16x64xf32> into tensor<1x8x16x64xf32>
// CHECK: %[[L:.*]] = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%[[MAX]], %[[SUM]] : tensor<1x2x4x16xf32>, tensor<1x2x4x16xf32>) outs(%{{.*}} : tensor<1x2x4x16xf32>)
// CHECK-NEXT: ^bb0(%[[M:[^:]*]]: f32, %[[S:[^:]*]]: f32, %{{[^:]*}}: f32):
// CHECK-NEXT: %[[Z:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT: %[[NI:.*]] = arith.constant 0xFF800000 : f32
// CHECK-NEXT: %[[EMPTY:.*]] = arith.cmpf oeq, %[[S]], %[[Z]] : f32
// CHECK-NEXT: %[[LOG:.*]] = math.log %[[S]] : f32
// CHECK-NEXT: %[[ADD:.*]] = arith.addf %[[M]], %[[LOG]] : f32
// CHECK-NEXT: %[[R:.*]] = arith.select %[[EMPTY]], %[[NI]], %[[ADD]] : f32
// CHECK-NEXT: linalg.yield %[[R]] : f32
// CHECK: %[[LSE:.*]] = tensor.collapse_shape %[[L]] {{\[}}[0], [1, 2], [3]] : tensor<1x2x4x16xf32> into tensor<1x8x16xf32>
// CHECK-NEXT: return %[[OUT]], %[[LSE]] : tensor<1x8x16x64xf32>, tensor<1x8x16xf32>
func.func @lse(%q: tensor<1x8x16x64xf32>, %k: tensor<1x2x16x64xf32>,
               %v: tensor<1x2x16x64xf32>)
    -> (tensor<1x8x16x64xf32>, tensor<1x8x16xf32>) {
  %o, %l = attn.attention %q, %k, %v
      : tensor<1x8x16x64xf32>, tensor<1x2x16x64xf32>, tensor<1x2x16x64xf32>
      -> tensor<1x8x16x64xf32>, tensor<1x8x16xf32>
  return %o, %l : tensor<1x8x16x64xf32>, tensor<1x8x16xf32>
}

// Under bshd the output is in storage order but the LSE stays [B, Hq, Sq].
// CHECK-LABEL: func.func @lse_bshd(
// CHECK: %[[OUT:.*]] = tensor.collapse_shape %{{.*}} {{\[}}[0], [1], [2, 3], [4]] : tensor<1x16x2x4x64xf32> into tensor<1x16x8x64xf32>
// CHECK: math.log
// CHECK: %[[LSE:.*]] = tensor.collapse_shape %{{.*}} {{\[}}[0], [1, 2], [3]] : tensor<1x2x4x16xf32> into tensor<1x8x16xf32>
// CHECK-NEXT: return %[[OUT]], %[[LSE]]
func.func @lse_bshd(%q: tensor<1x16x8x64xf32>, %k: tensor<1x16x2x64xf32>,
                    %v: tensor<1x16x2x64xf32>)
    -> (tensor<1x16x8x64xf32>, tensor<1x8x16xf32>) {
  %o, %l = attn.attention %q, %k, %v {layout = #attn.layout<bshd>}
      : tensor<1x16x8x64xf32>, tensor<1x16x2x64xf32>, tensor<1x16x2x64xf32>
      -> tensor<1x16x8x64xf32>, tensor<1x8x16xf32>
  return %o, %l : tensor<1x16x8x64xf32>, tensor<1x8x16xf32>
}

//===----------------------------------------------------------------------===//
// Dynamic sizes: taken with tensor.dim; heads stay static.
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @dynamic(
// CHECK-SAME: %[[Q:[^:]*]]: tensor<?x8x?x64xf32>, %[[K:[^:]*]]: tensor<?x2x?x64xf32>, %[[V:[^:]*]]: tensor<?x2x?x64xf32>)
// CHECK: %[[C0:.*]] = arith.constant 0 : index
// CHECK-NEXT: %[[B:.*]] = tensor.dim %[[Q]], %[[C0]] : tensor<?x8x?x64xf32>
// CHECK-NEXT: %[[C2:.*]] = arith.constant 2 : index
// CHECK-NEXT: %[[SQ:.*]] = tensor.dim %[[Q]], %[[C2]] : tensor<?x8x?x64xf32>
// CHECK-NEXT: %[[C2K:.*]] = arith.constant 2 : index
// CHECK-NEXT: %[[SKV:.*]] = tensor.dim %[[K]], %[[C2K]] : tensor<?x2x?x64xf32>
// CHECK: %[[QS:.*]] = tensor.expand_shape %[[Q]] {{\[}}[0], [1, 2], [3], [4]] output_shape [%{{.*}}, 2, 4, %{{.*}}, 64] : tensor<?x8x?x64xf32> into tensor<?x2x4x?x64xf32>
// CHECK: tensor.empty(%[[B]], %[[SQ]], %[[SKV]]) : tensor<?x2x4x?x?xf32>
// CHECK: linalg.generic {{.*}} ins(%[[QS]], %[[K]] : tensor<?x2x4x?x64xf32>, tensor<?x2x?x64xf32>) outs(%{{.*}} : tensor<?x2x4x?x?xf32>)
// CHECK: %[[OFF:.*]] = arith.subi %[[SKV]], %[[SQ]] : index
// CHECK: arith.addi %{{.*}}, %[[OFF]] : index
// CHECK-NEXT: arith.cmpi sle
// CHECK: tensor.empty(%[[B]], %[[SQ]]) : tensor<?x2x4x?xf32>
// CHECK: %[[OUT:.*]] = tensor.collapse_shape %{{.*}} {{\[}}[0], [1, 2], [3], [4]] : tensor<?x2x4x?x64xf32> into tensor<?x8x?x64xf32>
// CHECK-NEXT: return %[[OUT]] : tensor<?x8x?x64xf32>
func.func @dynamic(%q: tensor<?x8x?x64xf32>, %k: tensor<?x2x?x64xf32>,
                   %v: tensor<?x2x?x64xf32>) -> tensor<?x8x?x64xf32> {
  %o = attn.attention %q, %k, %v {sparsity = #attn.causal}
      : tensor<?x8x?x64xf32>, tensor<?x2x?x64xf32>, tensor<?x2x?x64xf32>
      -> tensor<?x8x?x64xf32>
  return %o : tensor<?x8x?x64xf32>
}

// Dynamic D and Dv are fine with an explicit scale.
// CHECK-LABEL: func.func @dynamic_head_dim(
// CHECK-SAME: %[[Q:[^:]*]]: tensor<1x4x8x?xf32>, %[[K:[^:]*]]: tensor<1x4x8x?xf32>, %[[V:[^:]*]]: tensor<1x4x8x?xf32>)
// CHECK: %[[DV:.*]] = tensor.dim %[[V]], %{{.*}} : tensor<1x4x8x?xf32>
// CHECK: arith.constant 5.000000e-01 : f32
// CHECK: tensor.empty(%[[DV]]) : tensor<1x4x1x8x?xf32>
// CHECK: tensor.collapse_shape %{{.*}} : tensor<1x4x1x8x?xf32> into tensor<1x4x8x?xf32>
func.func @dynamic_head_dim(%q: tensor<1x4x8x?xf32>, %k: tensor<1x4x8x?xf32>,
                            %v: tensor<1x4x8x?xf32>) -> tensor<1x4x8x?xf32> {
  %o = attn.attention %q, %k, %v {scale = 0.5 : f64}
      : tensor<1x4x8x?xf32>, tensor<1x4x8x?xf32>, tensor<1x4x8x?xf32>
      -> tensor<1x4x8x?xf32>
  return %o : tensor<1x4x8x?xf32>
}

// Result types may be more (or less) static than the operands; the lowering
// casts to the declared types.
// CHECK-LABEL: func.func @result_less_static(
// CHECK: %[[C:.*]] = tensor.collapse_shape %{{.*}} {{\[}}[0], [1, 2], [3], [4]] : tensor<2x2x4x16x64xf32> into tensor<2x8x16x64xf32>
// CHECK-NEXT: %[[OUT:.*]] = tensor.cast %[[C]] : tensor<2x8x16x64xf32> to tensor<?x8x16x64xf32>
// CHECK: %[[CL:.*]] = tensor.collapse_shape %{{.*}} {{\[}}[0], [1, 2], [3]] : tensor<2x2x4x16xf32> into tensor<2x8x16xf32>
// CHECK-NEXT: %[[LSE:.*]] = tensor.cast %[[CL]] : tensor<2x8x16xf32> to tensor<?x8x?xf32>
// CHECK-NEXT: return %[[OUT]], %[[LSE]]
func.func @result_less_static(%q: tensor<2x8x16x64xf32>, %k: tensor<2x2x16x64xf32>,
                              %v: tensor<2x2x16x64xf32>)
    -> (tensor<?x8x16x64xf32>, tensor<?x8x?xf32>) {
  %o, %l = attn.attention %q, %k, %v
      : tensor<2x8x16x64xf32>, tensor<2x2x16x64xf32>, tensor<2x2x16x64xf32>
      -> tensor<?x8x16x64xf32>, tensor<?x8x?xf32>
  return %o, %l : tensor<?x8x16x64xf32>, tensor<?x8x?xf32>
}

// CHECK-LABEL: func.func @result_more_static(
// CHECK: %[[C:.*]] = tensor.collapse_shape %{{.*}} {{\[}}[0], [1, 2], [3], [4]] : tensor<?x2x4x16x64xf32> into tensor<?x8x16x64xf32>
// CHECK-NEXT: %[[OUT:.*]] = tensor.cast %[[C]] : tensor<?x8x16x64xf32> to tensor<2x8x16x64xf32>
// CHECK-NEXT: return %[[OUT]]
func.func @result_more_static(%q: tensor<?x8x16x64xf32>, %k: tensor<2x2x16x64xf32>,
                              %v: tensor<2x2x16x64xf32>) -> tensor<2x8x16x64xf32> {
  %o = attn.attention %q, %k, %v
      : tensor<?x8x16x64xf32>, tensor<2x2x16x64xf32>, tensor<2x2x16x64xf32>
      -> tensor<2x8x16x64xf32>
  return %o : tensor<2x8x16x64xf32>
}

// A dynamic head dim on the mask or the slopes is Hq: cast, then split.
// CHECK-LABEL: func.func @dynamic_operand_heads(
// CHECK-SAME: %[[M:[^:]*]]: tensor<2x?x16x16xi1>, %[[SL:[^:]*]]: tensor<?xf32>)
// CHECK: %[[MC:.*]] = tensor.cast %[[M]] : tensor<2x?x16x16xi1> to tensor<2x8x16x16xi1>
// CHECK-NEXT: %[[MS:.*]] = tensor.expand_shape %[[MC]] {{\[}}[0], [1, 2], [3], [4]] output_shape [2, 2, 4, 16, 16] : tensor<2x8x16x16xi1> into tensor<2x2x4x16x16xi1>
// CHECK: %[[SC:.*]] = tensor.cast %[[SL]] : tensor<?xf32> to tensor<8xf32>
// CHECK-NEXT: %[[SS:.*]] = tensor.expand_shape %[[SC]] {{\[}}[0, 1]] output_shape [2, 4] : tensor<8xf32> into tensor<2x4xf32>
// CHECK: linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3, d4)>, affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3, d4)>, affine_map<(d0, d1, d2, d3, d4) -> (d1, d2)>, affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3, d4)>], {{.*}} ins(%{{.*}}, %[[MS]], %[[SS]] :
func.func @dynamic_operand_heads(%q: tensor<2x8x16x64xf32>, %k: tensor<2x2x16x64xf32>,
                                 %v: tensor<2x2x16x64xf32>, %m: tensor<2x?x16x16xi1>,
                                 %s: tensor<?xf32>) -> tensor<2x8x16x64xf32> {
  %o = attn.attention %q, %k, %v mask(%m : tensor<2x?x16x16xi1>)
      alibi(%s : tensor<?xf32>)
      : tensor<2x8x16x64xf32>, tensor<2x2x16x64xf32>, tensor<2x2x16x64xf32>
      -> tensor<2x8x16x64xf32>
  return %o : tensor<2x8x16x64xf32>
}

// The tiling hint does not change the unfused lowering.
// CHECK-LABEL: func.func @tiling_ignored
// CHECK-NOT: tiling
// CHECK: tensor.collapse_shape
// CHECK-NEXT: return
func.func @tiling_ignored(%q: tensor<1x2x8x4xf32>, %k: tensor<1x2x8x4xf32>,
                          %v: tensor<1x2x8x4xf32>) -> tensor<1x2x8x4xf32> {
  %o = attn.attention %q, %k, %v {tiling = #attn.tiling<query = 4, key = 4>}
      : tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>
      -> tensor<1x2x8x4xf32>
  return %o : tensor<1x2x8x4xf32>
}
