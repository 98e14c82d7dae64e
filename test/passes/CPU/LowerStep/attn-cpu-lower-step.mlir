// RUN: attn-opt %s --attn-fuse=split-kv=never --attn-cpu-lower-step=kernel=linalg --mlir-print-local-scope | FileCheck %s
// RUN: attn-opt %s --attn-fuse=split-kv=never --attn-cpu-lower-step=kernel=linalg | FileCheck %s --check-prefix=GONE
// RUN: attn-opt %s --attn-fuse=split-kv=never --attn-cpu-lower-step=kernel=linalg | FileCheck %s --check-prefix=NOSQ
// RUN: attn-opt %s --attn-fuse="split-kv=never query-tile=16 key-tile=32" --attn-cpu-lower-step=kernel=linalg --mlir-print-local-scope \
// RUN:   | FileCheck %s --check-prefix=OPT
// RUN: attn-opt %s --attn-fuse="split-kv=auto num-threads=16" --attn-cpu-lower-step=kernel=linalg --mlir-print-local-scope \
// RUN:   | FileCheck %s --check-prefix=AUTO

// --attn-fuse lowers every attn.attention to the FlashAttention-2 forward on
// tensors: an scf.forall over (b, h, query tile [, kv part]) and, inside,
// three scf.for loops over key tiles (tagged attn.key_tiles = "partial",
// "full", "partial") that carry the running max m [Tq], the running sum
// l [Tq] and the accumulator acc [Tq, Dv]. Tiles default to 64 x 64 on the
// CPU. Affine maps are printed inline (--mlir-print-local-scope).

// GONE-NOT: attn.attention

// Nothing of size Sq x Skv (512 x 512 in @online_softmax) anywhere: neither
// [B, H, Sq, Skv] scores nor a [Sq, Skv] slice of them.
// NOSQ-NOT: tensor<1x8x512x512xf32>
// NOSQ-NOT: tensor<512x512xf32>
// NOSQ-NOT: 512x512
// K and V of @gqa_lse and @mqa (Hkv = 2 and 1, Skv = 70) are never replicated
// to the 8 query heads.
// NOSQ-NOT: x8x70x

//===----------------------------------------------------------------------===//
// The full structure: B = 1, Hq = Hkv = 8, Sq = Skv = 512, D = 32, Dv = 48,
// 64 x 64 tiles. No value of size Sq x Skv exists anywhere.
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @online_softmax(
// CHECK-SAME: %[[Q:[^:]*]]: tensor<1x8x512x32xf32>, %[[K:[^:]*]]: tensor<1x8x512x32xf32>, %[[V:[^:]*]]: tensor<1x8x512x48xf32>)
// CHECK-NOT: attn.attention
// CHECK: %[[SQ:.*]] = arith.constant 512 : index
// CHECK: %[[SKV:.*]] = arith.constant 512 : index
// CHECK: %[[TQ:.*]] = arith.constant 64 : index
// CHECK: %[[NQT:.*]] = arith.ceildivsi %[[SQ]], %[[TQ]] : index
// CHECK: %[[TK:.*]] = arith.constant 64 : index
// CHECK: %[[NKT:.*]] = arith.ceildivsi %[[SKV]], %[[TK]] : index
// CHECK: %[[INIT:.*]] = tensor.empty() : tensor<1x8x512x48xf32>
// One parallel iteration per (b, h, query tile): (1, 8, 512 / 64).
// CHECK: %[[RES:.*]] = scf.forall (%[[B:[a-z0-9_]+]], %[[H:[a-z0-9_]+]], %[[T:[a-z0-9_]+]]) in (1, 8, %[[NQT]]) shared_outs(%[[OUT:[a-z0-9_]+]] = %[[INIT]]) -> (tensor<1x8x512x48xf32>) {
// CHECK: %[[Q0:.*]] = arith.muli %[[T]], %{{.*}} : index
// 64 divides Sq: the query tile is a static [Tq, D] slice, no padding.
// CHECK: %[[QROWS:.*]] = arith.constant 64 : index
// CHECK: %[[HK:.*]] = arith.divui %[[H]], %{{.*}} : index
// The query tile, pre-scaled by 1/sqrt(32).
// CHECK: %[[QSL:.*]] = tensor.extract_slice %[[Q]][%[[B]], %[[H]], %[[Q0]], 0] [1, 1, 64, 32] [1, 1, 1, 1] : tensor<1x8x512x32xf32> to tensor<64x32xf32>
// CHECK-NOT: tensor.pad
// CHECK: %[[SCALE:.*]] = arith.constant 0.176776692 : f32
// CHECK: %[[QT:.*]] = linalg.generic {{.*}} ins(%[[QSL]] : tensor<64x32xf32>) outs(%{{.*}} : tensor<64x32xf32>)
// CHECK-NEXT: ^bb0(%[[X:[^:]*]]: f32, %{{[^:]*}}: f32):
// CHECK-NEXT: arith.mulf %[[X]], %[[SCALE]] : f32
// Key-tile ranges: without a pattern, tiles [0, Skv / Tk) are whole and
// unmasked; the last tile [Skv / Tk, ceil(Skv / Tk)) is the only partial one.
// CHECK: %[[CEIL:.*]] = arith.ceildivsi %[[SKV]], %[[C64:.*]] : index
// CHECK: %[[FLOOR:.*]] = arith.divsi %[[SKV]], %[[C64]] : index
// CHECK: %[[T0:.*]] = arith.minsi %{{.*}}, %[[NKT]] : index
// CHECK: %[[T1A:.*]] = arith.maxsi %[[CEIL]], %[[T0]] : index
// CHECK: %[[T1:.*]] = arith.minsi %[[T1A]], %[[NKT]] : index
// CHECK: %[[FS:.*]] = arith.minsi %{{.*}}, %[[T1]] : index
// CHECK: %[[FEA:.*]] = arith.maxsi %[[FLOOR]], %[[FS]] : index
// CHECK: %[[FE:.*]] = arith.minsi %[[FEA]], %[[T1]] : index
// m = -inf, l = 0, acc = 0.
// CHECK: %[[NINF:.*]] = arith.constant 0xFF800000 : f32
// CHECK: %[[M0:.*]] = linalg.fill ins(%[[NINF]] : f32) outs(%{{.*}} : tensor<64xf32>) -> tensor<64xf32>
// CHECK: %[[L0:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<64xf32>) -> tensor<64xf32>
// CHECK: %[[A0:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<64x48xf32>) -> tensor<64x48xf32>
//
// 1. Leading partial tiles (empty here): masked.
// CHECK: %[[P1:.*]]:3 = scf.for %[[KT:.*]] = %[[T0]] to %[[FS]] step %{{.*}} iter_args(%[[M:.*]] = %[[M0]], %[[L:.*]] = %[[L0]], %[[ACC:.*]] = %[[A0]]) -> (tensor<64xf32>, tensor<64xf32>, tensor<64x48xf32>) {
// CHECK-NOT: attn.key_tiles
// CHECK: %[[K0:.*]] = arith.muli %[[KT]], %{{.*}} : index
// K and V tiles of head h / G (here G = 1), zero-padded at the end of the keys.
// CHECK: %[[KS:.*]] = tensor.extract_slice %[[K]][%[[B]], %[[HK]], %[[K0]], 0] [1, 1, %{{.*}}, 32] [1, 1, 1, 1] : tensor<1x8x512x32xf32> to tensor<?x32xf32>
// CHECK: } : tensor<?x32xf32> to tensor<64x32xf32>
// CHECK: %[[VS:.*]] = tensor.extract_slice %[[V]][%[[B]], %[[HK]], %[[K0]], 0] [1, 1, %{{.*}}, 48] [1, 1, 1, 1] : tensor<1x8x512x48xf32> to tensor<?x48xf32>
// CHECK: %[[VPAD:.*]] = tensor.pad %[[VS]]
// CHECK: } : tensor<?x48xf32> to tensor<64x48xf32>
// K^T [D, Tk], then S = Q K^T over dims (i, d, j).
// CHECK: %[[KT_:.*]] = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d1, d0)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%{{.*}} : tensor<64x32xf32>) outs(%{{.*}} : tensor<32x64xf32>)
// CHECK: %[[S:.*]] = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1)>, affine_map<(d0, d1, d2) -> (d1, d2)>, affine_map<(d0, d1, d2) -> (d0, d2)>], iterator_types = ["parallel", "reduction", "parallel"]} ins(%[[QT]], %[[KT_]] : tensor<64x32xf32>, tensor<32x64xf32>) outs(%{{.*}} : tensor<64x64xf32>)
// CHECK-NEXT: ^bb0(%[[X:[^:]*]]: f32, %[[Y:[^:]*]]: f32, %[[Z:[^:]*]]: f32):
// CHECK-NEXT: %[[PR:.*]] = arith.mulf %[[X]], %[[Y]] fastmath<contract> : f32
// CHECK-NEXT: arith.addf %[[Z]], %[[PR]] fastmath<contract> : f32
// The element mask: keys past Skv become -inf.
// CHECK: %[[SM:.*]] = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%[[S]] : tensor<64x64xf32>)
// CHECK-NEXT: ^bb0(%[[X:[^:]*]]: f32):
// CHECK: %[[JJ:.*]] = linalg.index 1 : index
// CHECK-NEXT: %[[J:.*]] = arith.addi %[[K0]], %[[JJ]] : index
// CHECK-NEXT: %[[IN:.*]] = arith.cmpi slt, %[[J]], %[[SKV]] : index
// CHECK-NEXT: %[[MNINF:.*]] = arith.constant 0xFF800000 : f32
// CHECK-NEXT: %[[SEL:.*]] = arith.select %[[IN]], %[[X]], %[[MNINF]] : f32
// CHECK-NEXT: linalg.yield %[[SEL]] : f32
// m_new = max(m, rowmax(S)).
// CHECK: %[[MN:.*]] = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"]} ins(%[[SM]] : tensor<64x64xf32>) outs(%[[M]] : tensor<64xf32>)
// CHECK-NEXT: ^bb0(%[[X:[^:]*]]: f32, %[[Y:[^:]*]]: f32):
// CHECK-NEXT: arith.{{maximumf|maxnumf}} %[[X]], %[[Y]] fastmath<reassoc,contract> : f32
// P = exp(S - shift), shift = m_new or 0 while m_new = -inf (the guard is
// on the row, so a masked score gives exp(-inf) = 0 and no NaN).
// CHECK: %[[P:.*]] = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%[[MN]] : tensor<64xf32>) outs(%[[SM]] : tensor<64x64xf32>)
// CHECK-NEXT: ^bb0(%[[X:[^:]*]]: f32, %[[Y:[^:]*]]: f32):
// CHECK-NEXT: %[[DEAD:.*]] = arith.cmpf oeq, %[[X]], %[[NINF2:.*]] : f32
// CHECK-NEXT: %[[SH:.*]] = arith.select %[[DEAD]], %[[ZERO2:.*]], %[[X]] : f32
// CHECK-NEXT: %[[D:.*]] = arith.subf %[[Y]], %[[SH]] : f32
// CHECK-NEXT: %[[E:.*]] = math.exp %[[D]] : f32
// CHECK-NEXT: linalg.yield %[[E]] : f32
// alpha = exp(m_old - m_new), 1 while m_new = -inf.
// CHECK: %[[ALPHA:.*]] = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%[[M]] : tensor<64xf32>) outs(%[[MN]] : tensor<64xf32>)
// CHECK-NEXT: ^bb0(%[[X:[^:]*]]: f32, %[[Y:[^:]*]]: f32):
// CHECK-NEXT: %[[D:.*]] = arith.subf %[[X]], %[[Y]] : f32
// CHECK-NEXT: math.exp %[[D]] : f32
// l = alpha * l + rowsum(P).
// CHECK: %[[LS:.*]] = linalg.generic {{.*}} ins(%[[ALPHA]] : tensor<64xf32>) outs(%[[L]] : tensor<64xf32>)
// CHECK-NEXT: ^bb0(%[[X:[^:]*]]: f32, %[[Y:[^:]*]]: f32):
// CHECK-NEXT: arith.mulf %[[X]], %[[Y]] : f32
// CHECK: %[[LN:.*]] = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"]} ins(%[[P]] : tensor<64x64xf32>) outs(%[[LS]] : tensor<64xf32>)
// CHECK-NEXT: ^bb0(%[[X:[^:]*]]: f32, %[[Y:[^:]*]]: f32):
// CHECK-NEXT: arith.addf %[[X]], %[[Y]] fastmath<reassoc,contract> : f32
// acc = alpha * acc + P V, dims (i, j, e).
// CHECK: %[[AS:.*]] = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%[[ALPHA]] : tensor<64xf32>) outs(%[[ACC]] : tensor<64x48xf32>)
// CHECK-NEXT: ^bb0(%[[X:[^:]*]]: f32, %[[Y:[^:]*]]: f32):
// CHECK-NEXT: arith.mulf %[[X]], %[[Y]] : f32
// CHECK: %[[AN:.*]] = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1)>, affine_map<(d0, d1, d2) -> (d1, d2)>, affine_map<(d0, d1, d2) -> (d0, d2)>], iterator_types = ["parallel", "reduction", "parallel"]} ins(%[[P]], %[[VPAD]] : tensor<64x64xf32>, tensor<64x48xf32>) outs(%[[AS]] : tensor<64x48xf32>)
// CHECK-NEXT: ^bb0(%[[X:[^:]*]]: f32, %[[Y:[^:]*]]: f32, %[[Z:[^:]*]]: f32):
// CHECK-NEXT: %[[PR:.*]] = arith.mulf %[[X]], %[[Y]] fastmath<contract> : f32
// CHECK-NEXT: arith.addf %[[Z]], %[[PR]] fastmath<contract> : f32
// No division inside the key loops.
// CHECK-NOT: arith.divf
// CHECK: scf.yield %[[MN]], %[[LN]], %[[AN]] : tensor<64xf32>, tensor<64xf32>, tensor<64x48xf32>
// CHECK-NEXT: } {attn.key_tiles = "partial"}
//
// 2. Whole tiles [0, 512 / 64): static K/V slices, no padding, no element mask.
// CHECK-NEXT: %[[P2:.*]]:3 = scf.for %[[KT:.*]] = %[[FS]] to %[[FE]] step %{{.*}} iter_args(%{{.*}} = %[[P1]]#0, %{{.*}} = %[[P1]]#1, %{{.*}} = %[[P1]]#2) -> (tensor<64xf32>, tensor<64xf32>, tensor<64x48xf32>) {
// CHECK: %[[K0:.*]] = arith.muli %[[KT]], %{{.*}} : index
// CHECK-NEXT: tensor.extract_slice %[[K]][%[[B]], %[[HK]], %[[K0]], 0] [1, 1, 64, 32] [1, 1, 1, 1] : tensor<1x8x512x32xf32> to tensor<64x32xf32>
// CHECK-NEXT: tensor.extract_slice %[[V]][%[[B]], %[[HK]], %[[K0]], 0] [1, 1, 64, 48] [1, 1, 1, 1] : tensor<1x8x512x48xf32> to tensor<64x48xf32>
// CHECK-NOT: tensor.pad
// CHECK-NOT: linalg.index
// CHECK-NOT: arith.cmpi
// CHECK-NOT: arith.select %{{.*}}, %out, %{{.*}} : f32
// CHECK-NOT: arith.divf
// CHECK: arith.{{maximumf|maxnumf}}
// CHECK-NOT: tensor.pad
// CHECK-NOT: linalg.index
// CHECK-NOT: arith.cmpi
// CHECK-NOT: arith.select %{{.*}}, %out, %{{.*}} : f32
// CHECK-NOT: arith.divf
// CHECK: math.exp
// CHECK-NOT: tensor.pad
// CHECK-NOT: linalg.index
// CHECK-NOT: arith.cmpi
// CHECK-NOT: arith.select %{{.*}}, %out, %{{.*}} : f32
// CHECK-NOT: arith.divf
// CHECK: } {attn.key_tiles = "full"}
//
// 3. Trailing partial tiles [512 / 64, ceil(512 / 64)) (empty here): masked.
// CHECK-NEXT: %[[P3:.*]]:3 = scf.for %{{.*}} = %[[FE]] to %[[T1]] step %{{.*}} iter_args(%{{.*}} = %[[P2]]#0, %{{.*}} = %[[P2]]#1, %{{.*}} = %[[P2]]#2) -> (tensor<64xf32>, tensor<64xf32>, tensor<64x48xf32>) {
// CHECK-NOT: attn.key_tiles
// CHECK: %[[IN3:.*]] = arith.cmpi slt
// CHECK-NEXT: %[[NI3:.*]] = arith.constant 0xFF800000 : f32
// CHECK-NEXT: arith.select %[[IN3]], %{{.*}}, %[[NI3]] : f32
// CHECK: } {attn.key_tiles = "partial"}
//
// Finish: one division per tile, O = acc / l (0 where l = 0).
// CHECK: %[[O:.*]] = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%[[P3]]#1 : tensor<64xf32>) outs(%[[P3]]#2 : tensor<64x48xf32>)
// CHECK-NEXT: ^bb0(%[[X:[^:]*]]: f32, %[[Y:[^:]*]]: f32):
// CHECK-NEXT: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT: %[[EMPTY:.*]] = arith.cmpf oeq, %[[X]], %[[ZERO]] : f32
// CHECK-NEXT: %[[DIV:.*]] = arith.divf %[[Y]], %[[X]] : f32
// CHECK-NEXT: %[[OS:.*]] = arith.select %[[EMPTY]], %[[ZERO]], %[[DIV]] : f32
// CHECK-NEXT: linalg.yield %[[OS]] : f32
// CHECK-NOT: arith.divf
// Only the tile's real rows are written back.
// CHECK: %[[OR:.*]] = tensor.extract_slice %[[O]][0, 0] [%[[QROWS]], 48] [1, 1] : tensor<64x48xf32> to tensor<?x48xf32>
// CHECK: scf.forall.in_parallel {
// CHECK-NEXT: tensor.parallel_insert_slice %[[OR]] into %[[OUT]][%[[B]], %[[H]], %[[Q0]], 0] [1, 1, %[[QROWS]], 48] [1, 1, 1, 1] : tensor<?x48xf32> into tensor<1x8x512x48xf32>
// CHECK-NEXT: }
// CHECK-NEXT: }
// CHECK-NEXT: return %[[RES]] : tensor<1x8x512x48xf32>
func.func @online_softmax(%q: tensor<1x8x512x32xf32>, %k: tensor<1x8x512x32xf32>,
                          %v: tensor<1x8x512x48xf32>) -> tensor<1x8x512x48xf32> {
  %o = attn.attention %q, %k, %v
      : tensor<1x8x512x32xf32>, tensor<1x8x512x32xf32>, tensor<1x8x512x48xf32>
      -> tensor<1x8x512x48xf32>
  return %o : tensor<1x8x512x48xf32>
}

//===----------------------------------------------------------------------===//
// Structured patterns bound the key loops: Sq = 100, Skv = 130 (o = 30),
// 64 x 64 tiles. The per-row key range [lo(i), hi(i)) is monotone in i, so a
// query tile of rows [q0, q0 + rows) visits the tiles of [lo(first),
// hi(last)) and runs the tiles inside [lo(last), hi(first)) unmasked.
//===----------------------------------------------------------------------===//

// causal: lo(i) = 0, hi(i) = i + o + 1.
// CHECK-LABEL: func.func @causal(
// CHECK: %[[SQ:.*]] = arith.constant 100 : index
// CHECK: %[[SKV:.*]] = arith.constant 130 : index
// CHECK: %[[OFF:.*]] = arith.subi %[[SKV]], %[[SQ]] : index
// CHECK: scf.forall (%{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}, %[[T:[a-z0-9_]+]]) in (1, 2, %{{.*}})
// CHECK: %[[Q0:.*]] = arith.muli %[[T]], %{{.*}} : index
// CHECK: %[[QROWS:.*]] = arith.minsi %{{.*}}, %{{.*}} : index
// Before the loops: the bounds of the first row q0 and of the last row.
// CHECK: %[[QE:.*]] = arith.addi %[[Q0]], %[[QROWS]] : index
// CHECK: %[[QL:.*]] = arith.subi %[[QE]], %{{.*}} : index
// CHECK: %[[DF:.*]] = arith.addi %[[Q0]], %[[OFF]] : index
// CHECK: %[[HIF:.*]] = arith.addi %[[DF]], %{{.*}} : index
// CHECK: %[[DL:.*]] = arith.addi %[[QL]], %[[OFF]] : index
// CHECK: %[[HIL:.*]] = arith.addi %[[DL]], %{{.*}} : index
// Clamped to [0, Skv]: the union ends at hi(last), the intersection at hi(first).
// CHECK: %[[X:.*]] = arith.maxsi %[[HIL]], %{{.*}} : index
// CHECK: %[[KHI:.*]] = arith.minsi %[[X]], %[[SKV]] : index
// CHECK: %[[X:.*]] = arith.maxsi %[[HIF]], %{{.*}} : index
// CHECK: %[[FHI:.*]] = arith.minsi %[[X]], %[[SKV]] : index
// Tiles visited up to ceil(KHI / Tk), whole and unmasked up to floor(FHI / Tk).
// CHECK: arith.divsi %{{.*}}, %[[TK:.*]] : index
// CHECK: %[[TE:.*]] = arith.ceildivsi %[[KHI]], %[[TK]] : index
// CHECK: arith.ceildivsi %{{.*}}, %[[TK]] : index
// CHECK: %[[FE:.*]] = arith.divsi %[[FHI]], %[[TK]] : index
// CHECK: arith.maxsi %[[FE]], %{{.*}} : index
// Boundary tiles test j < Skv and j <= i + o.
// CHECK: scf.for
// CHECK: %[[II:.*]] = linalg.index 0 : index
// CHECK-NEXT: %[[I:.*]] = arith.addi %[[Q0]], %[[II]] : index
// CHECK-NEXT: %[[JJ:.*]] = linalg.index 1 : index
// CHECK-NEXT: %[[J:.*]] = arith.addi %{{.*}}, %[[JJ]] : index
// CHECK-NEXT: %[[INK:.*]] = arith.cmpi slt, %[[J]], %[[SKV]] : index
// CHECK-NEXT: %[[DIAG:.*]] = arith.addi %[[I]], %[[OFF]] : index
// CHECK-NEXT: %[[VIS:.*]] = arith.cmpi sle, %[[J]], %[[DIAG]] : index
// CHECK-NEXT: %[[BOTH:.*]] = arith.andi %[[INK]], %[[VIS]] : i1
// CHECK-NEXT: %[[NI:.*]] = arith.constant 0xFF800000 : f32
// CHECK-NEXT: arith.select %[[BOTH]], %{{.*}}, %[[NI]] : f32
// CHECK: } {attn.key_tiles = "partial"}
// Interior tiles: no element test at all.
// CHECK-NEXT: scf.for
// CHECK-NOT: linalg.index
// CHECK-NOT: arith.cmpi
// CHECK-NOT: arith.select %{{.*}}, %out, %{{.*}} : f32
// CHECK: } {attn.key_tiles = "full"}
// CHECK-NEXT: scf.for
// CHECK: arith.cmpi slt
// CHECK: arith.cmpi sle
// CHECK: arith.select %{{.*}}, %{{.*}}, %{{.*}} : f32
// CHECK: } {attn.key_tiles = "partial"}
func.func @causal(%q: tensor<1x2x100x16xf32>, %k: tensor<1x2x130x16xf32>,
                  %v: tensor<1x2x130x16xf32>) -> tensor<1x2x100x16xf32> {
  %o = attn.attention %q, %k, %v {sparsity = #attn.causal}
      : tensor<1x2x100x16xf32>, tensor<1x2x130x16xf32>, tensor<1x2x130x16xf32>
      -> tensor<1x2x100x16xf32>
  return %o : tensor<1x2x100x16xf32>
}

// sliding_window<left = 40, right = 3>: lo(i) = i + o - 40,
// hi(i) = i + o + 3 + 1.
// CHECK-LABEL: func.func @sliding_window(
// CHECK: %[[SQ:.*]] = arith.constant 100 : index
// CHECK: %[[SKV:.*]] = arith.constant 130 : index
// CHECK: %[[OFF:.*]] = arith.subi %[[SKV]], %[[SQ]] : index
// CHECK: scf.forall (%{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}, %[[T:[a-z0-9_]+]]) in (1, 2, %{{.*}})
// CHECK: %[[Q0:.*]] = arith.muli %[[T]], %{{.*}} : index
// CHECK: %[[QROWS:.*]] = arith.minsi %{{.*}}, %{{.*}} : index
// CHECK: %[[QE:.*]] = arith.addi %[[Q0]], %[[QROWS]] : index
// CHECK: %[[QL:.*]] = arith.subi %[[QE]], %{{.*}} : index
// CHECK: %[[DF:.*]] = arith.addi %[[Q0]], %[[OFF]] : index
// CHECK: %[[L40:.*]] = arith.constant 40 : index
// CHECK: %[[LOF:.*]] = arith.subi %[[DF]], %[[L40]] : index
// CHECK: %[[R4:.*]] = arith.constant 4 : index
// CHECK: %[[HIF:.*]] = arith.addi %[[DF]], %[[R4]] : index
// CHECK: %[[DL:.*]] = arith.addi %[[QL]], %[[OFF]] : index
// CHECK: %[[LOL:.*]] = arith.subi %[[DL]], %{{.*}} : index
// CHECK: %[[HIL:.*]] = arith.addi %[[DL]], %{{.*}} : index
// Union [lo(first), hi(last)), intersection [lo(last), hi(first)), clamped.
// CHECK: %[[X:.*]] = arith.maxsi %[[LOF]], %{{.*}} : index
// CHECK: %[[KLO:.*]] = arith.minsi %[[X]], %[[SKV]] : index
// CHECK: %[[X:.*]] = arith.maxsi %[[HIL]], %{{.*}} : index
// CHECK: %[[KHI:.*]] = arith.minsi %[[X]], %[[SKV]] : index
// CHECK: %[[X:.*]] = arith.maxsi %[[LOL]], %{{.*}} : index
// CHECK: %[[FLO:.*]] = arith.minsi %[[X]], %[[SKV]] : index
// CHECK: %[[X:.*]] = arith.maxsi %[[HIF]], %{{.*}} : index
// CHECK: %[[FHI:.*]] = arith.minsi %[[X]], %[[SKV]] : index
// Key tiles before floor(KLO / Tk) are never visited.
// CHECK: %[[TS:.*]] = arith.divsi %[[KLO]], %[[TK:.*]] : index
// CHECK: arith.ceildivsi %[[KHI]], %[[TK]] : index
// CHECK: arith.ceildivsi %[[FLO]], %[[TK]] : index
// CHECK: arith.divsi %[[FHI]], %[[TK]] : index
// CHECK: scf.for
// CHECK: %[[II:.*]] = linalg.index 0 : index
// CHECK-NEXT: %[[I:.*]] = arith.addi %[[Q0]], %[[II]] : index
// CHECK-NEXT: %[[JJ:.*]] = linalg.index 1 : index
// CHECK-NEXT: %[[J:.*]] = arith.addi %{{.*}}, %[[JJ]] : index
// CHECK-NEXT: %[[INK:.*]] = arith.cmpi slt, %[[J]], %[[SKV]] : index
// CHECK-NEXT: %[[DIAG:.*]] = arith.addi %[[I]], %[[OFF]] : index
// CHECK-NEXT: %{{.*}} = arith.constant 40 : index
// CHECK-NEXT: %[[LO:.*]] = arith.subi %[[DIAG]], %{{.*}} : index
// CHECK-NEXT: %{{.*}} = arith.constant 3 : index
// CHECK-NEXT: %[[HI:.*]] = arith.addi %[[DIAG]], %{{.*}} : index
// CHECK-NEXT: %[[GE:.*]] = arith.cmpi sge, %[[J]], %[[LO]] : index
// CHECK-NEXT: %[[LE:.*]] = arith.cmpi sle, %[[J]], %[[HI]] : index
// CHECK-NEXT: %[[WIN:.*]] = arith.andi %[[GE]], %[[LE]] : i1
// CHECK-NEXT: %[[VIS:.*]] = arith.andi %[[INK]], %[[WIN]] : i1
// CHECK-NEXT: %[[NI:.*]] = arith.constant 0xFF800000 : f32
// CHECK-NEXT: arith.select %[[VIS]], %{{.*}}, %[[NI]] : f32
// CHECK: } {attn.key_tiles = "partial"}
// Interior tiles: no element test at all.
// CHECK-NEXT: scf.for
// CHECK-NOT: linalg.index
// CHECK-NOT: arith.cmpi
// CHECK-NOT: arith.select %{{.*}}, %out, %{{.*}} : f32
// CHECK: } {attn.key_tiles = "full"}
// CHECK-NEXT: scf.for
// CHECK: arith.cmpi sge
// CHECK: arith.cmpi sle
// CHECK: } {attn.key_tiles = "partial"}
func.func @sliding_window(%q: tensor<1x2x100x16xf32>, %k: tensor<1x2x130x16xf32>,
                          %v: tensor<1x2x130x16xf32>) -> tensor<1x2x100x16xf32> {
  %o = attn.attention %q, %k, %v
      {sparsity = #attn.sliding_window<left = 40, right = 3>}
      : tensor<1x2x100x16xf32>, tensor<1x2x130x16xf32>, tensor<1x2x130x16xf32>
      -> tensor<1x2x100x16xf32>
  return %o : tensor<1x2x100x16xf32>
}

// An i1 mask operand can hide any element, so every key tile reads it: the
// middle loop (whole tiles, no bounds test: tagged "full") applies only the
// mask operand; the boundary loops also test j < Skv. Broadcast dims of the
// [B, 1, 1, Skv] mask are read at index 0.
// CHECK-LABEL: func.func @mask_operand(
// CHECK-SAME: %[[MASK:[^:]*]]: tensor<2x1x1x130xi1>)
// CHECK: scf.forall (%[[B:[a-z0-9_]+]], %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}) in (2, 2, %{{.*}})
// CHECK: %[[P1:.*]]:3 = scf.for
// CHECK: %[[E:.*]] = tensor.extract %[[MASK]][%[[B]], %[[Z:.*]], %[[Z]], %{{.*}}] : tensor<2x1x1x130xi1>
// CHECK-NEXT: %[[VIS:.*]] = arith.andi %{{.*}}, %[[E]] : i1
// CHECK-NEXT: %[[NI:.*]] = arith.constant 0xFF800000 : f32
// CHECK-NEXT: arith.select %[[VIS]], %{{.*}}, %[[NI]] : f32
// CHECK: } {attn.key_tiles = "partial"}
// CHECK-NEXT: %[[P2:.*]]:3 = scf.for {{.*}} iter_args(%{{.*}} = %[[P1]]#0, %{{.*}} = %[[P1]]#1, %{{.*}} = %[[P1]]#2)
// CHECK-NOT: tensor.pad
// CHECK-NOT: arith.cmpi slt
// CHECK: %[[E:.*]] = tensor.extract %[[MASK]][%[[B]], %[[Z:.*]], %[[Z]], %{{.*}}] : tensor<2x1x1x130xi1>
// CHECK-NEXT: %[[NI:.*]] = arith.constant 0xFF800000 : f32
// CHECK-NEXT: arith.select %[[E]], %{{.*}}, %[[NI]] : f32
// CHECK: } {attn.key_tiles = "full"}
// CHECK-NEXT: scf.for {{.*}} iter_args(%{{.*}} = %[[P2]]#0, %{{.*}} = %[[P2]]#1, %{{.*}} = %[[P2]]#2)
// CHECK: tensor.extract %[[MASK]]
// CHECK: } {attn.key_tiles = "partial"}
// CHECK-NOT: attn.key_tiles
// CHECK: return
func.func @mask_operand(%q: tensor<2x2x100x16xf32>, %k: tensor<2x2x130x16xf32>,
                        %v: tensor<2x2x130x16xf32>, %m: tensor<2x1x1x130xi1>)
    -> tensor<2x2x100x16xf32> {
  %o = attn.attention %q, %k, %v mask(%m : tensor<2x1x1x130xi1>)
      : tensor<2x2x100x16xf32>, tensor<2x2x130x16xf32>, tensor<2x2x130x16xf32>
      -> tensor<2x2x100x16xf32>
  return %o : tensor<2x2x100x16xf32>
}

//===----------------------------------------------------------------------===//
// Tile sizes: the op's tiling attribute, else the pass options (prefix OPT
// runs with query-tile=16 key-tile=32), else 64 x 64.
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @tiling_default(
// CHECK: %[[C64:.*]] = arith.constant 64 : index
// CHECK: %[[NQT:.*]] = arith.ceildivsi %{{.*}}, %[[C64]] : index
// CHECK: scf.forall ({{.*}}) in (1, 2, %[[NQT]])
// CHECK: } : tensor<?x16xf32> to tensor<64x16xf32>
// CHECK: scf.for {{.*}} -> (tensor<64xf32>, tensor<64xf32>, tensor<64x16xf32>)
// CHECK: linalg.generic {{.*}} outs(%{{.*}} : tensor<64x64xf32>)
// OPT-LABEL: func.func @tiling_default(
// OPT: %[[C16:.*]] = arith.constant 16 : index
// OPT: %[[NQT:.*]] = arith.ceildivsi %{{.*}}, %[[C16]] : index
// OPT: scf.forall ({{.*}}) in (1, 2, %[[NQT]])
// OPT: } : tensor<?x16xf32> to tensor<16x16xf32>
// OPT: scf.for {{.*}} -> (tensor<16xf32>, tensor<16xf32>, tensor<16x16xf32>)
// OPT: } : tensor<?x16xf32> to tensor<32x16xf32>
// OPT: linalg.generic {{.*}} outs(%{{.*}} : tensor<16x32xf32>)
// OPT-NOT: tensor<64x
// OPT: return
func.func @tiling_default(%q: tensor<1x2x100x16xf32>, %k: tensor<1x2x130x16xf32>,
                          %v: tensor<1x2x130x16xf32>) -> tensor<1x2x100x16xf32> {
  %o = attn.attention %q, %k, %v
      : tensor<1x2x100x16xf32>, tensor<1x2x130x16xf32>, tensor<1x2x130x16xf32>
      -> tensor<1x2x100x16xf32>
  return %o : tensor<1x2x100x16xf32>
}

// The attribute wins over the pass options: Tq = 8, Tk = 24 in both runs.
// CHECK-LABEL: func.func @tiling_attr(
// CHECK: %[[C8:.*]] = arith.constant 8 : index
// CHECK: %[[NQT:.*]] = arith.ceildivsi %{{.*}}, %[[C8]] : index
// CHECK: %[[C24:.*]] = arith.constant 24 : index
// CHECK: arith.ceildivsi %{{.*}}, %[[C24]] : index
// CHECK: scf.forall ({{.*}}) in (1, 2, %[[NQT]])
// CHECK: } : tensor<?x16xf32> to tensor<8x16xf32>
// CHECK: scf.for {{.*}} -> (tensor<8xf32>, tensor<8xf32>, tensor<8x16xf32>)
// CHECK: } : tensor<?x16xf32> to tensor<24x16xf32>
// CHECK: linalg.generic {{.*}} outs(%{{.*}} : tensor<8x24xf32>)
// OPT-LABEL: func.func @tiling_attr(
// OPT: %[[C8:.*]] = arith.constant 8 : index
// OPT: %[[NQT:.*]] = arith.ceildivsi %{{.*}}, %[[C8]] : index
// OPT: %[[C24:.*]] = arith.constant 24 : index
// OPT: arith.ceildivsi %{{.*}}, %[[C24]] : index
// OPT: scf.forall ({{.*}}) in (1, 2, %[[NQT]])
// OPT: scf.for {{.*}} -> (tensor<8xf32>, tensor<8xf32>, tensor<8x16xf32>)
// OPT: linalg.generic {{.*}} outs(%{{.*}} : tensor<8x24xf32>)
// OPT-NOT: tensor<16xf32>
// OPT-NOT: tensor<16x32xf32>
// OPT-NOT: tensor<32x16xf32>
// OPT: return
func.func @tiling_attr(%q: tensor<1x2x100x16xf32>, %k: tensor<1x2x130x16xf32>,
                       %v: tensor<1x2x130x16xf32>) -> tensor<1x2x100x16xf32> {
  %o = attn.attention %q, %k, %v {tiling = #attn.tiling<query = 8, key = 24>}
      : tensor<1x2x100x16xf32>, tensor<1x2x130x16xf32>, tensor<1x2x130x16xf32>
      -> tensor<1x2x100x16xf32>
  return %o : tensor<1x2x100x16xf32>
}

//===----------------------------------------------------------------------===//
// Grouped-query attention and the LSE result: Hq = 8, Hkv = 2 (G = 4),
// Sq = 40, Skv = 70, tiles 16 x 32.
//===----------------------------------------------------------------------===//

// Query head h reads K/V head h / 4 straight from the operands: no copy or
// broadcast of K/V to 8 heads.
// CHECK-LABEL: func.func @gqa_lse(
// CHECK-SAME: %[[Q:[^:]*]]: tensor<1x8x40x16xf32>, %[[K:[^:]*]]: tensor<1x2x70x16xf32>, %[[V:[^:]*]]: tensor<1x2x70x24xf32>)
// CHECK-NOT: x8x70x
// CHECK: %[[OINIT:.*]] = tensor.empty() : tensor<1x8x40x24xf32>
// CHECK-NEXT: %[[LINIT:.*]] = tensor.empty() : tensor<1x8x40xf32>
// CHECK-NEXT: %[[RES:.*]]:2 = scf.forall (%[[B:[a-z0-9_]+]], %[[H:[a-z0-9_]+]], %[[T:[a-z0-9_]+]]) in (1, 8, %{{.*}}) shared_outs(%[[OOUT:[a-z0-9_]+]] = %[[OINIT]], %[[LOUT:[a-z0-9_]+]] = %[[LINIT]]) -> (tensor<1x8x40x24xf32>, tensor<1x8x40xf32>) {
// CHECK: %[[Q0:.*]] = arith.muli %[[T]], %{{.*}} : index
// CHECK: %[[QROWS:.*]] = arith.minsi %{{.*}}, %{{.*}} : index
// CHECK: %[[G:.*]] = arith.constant 4 : index
// CHECK-NEXT: %[[HK:.*]] = arith.divui %[[H]], %[[G]] : index
// CHECK-NEXT: tensor.extract_slice %[[Q]][%[[B]], %[[H]], %[[Q0]], 0] [1, 1, %[[QROWS]], 16]
// CHECK-NOT: x8x70x
// CHECK: scf.for
// CHECK: tensor.extract_slice %[[K]][%[[B]], %[[HK]], %{{.*}}, 0] [1, 1, %{{.*}}, 16] [1, 1, 1, 1] : tensor<1x2x70x16xf32> to tensor<?x16xf32>
// CHECK: tensor.extract_slice %[[V]][%[[B]], %[[HK]], %{{.*}}, 0] [1, 1, %{{.*}}, 24] [1, 1, 1, 1] : tensor<1x2x70x24xf32> to tensor<?x24xf32>
// CHECK: } {attn.key_tiles = "partial"}
// CHECK-NEXT: scf.for
// CHECK: tensor.extract_slice %[[K]][%[[B]], %[[HK]], %{{.*}}, 0] [1, 1, 32, 16] [1, 1, 1, 1] : tensor<1x2x70x16xf32> to tensor<32x16xf32>
// CHECK: tensor.extract_slice %[[V]][%[[B]], %[[HK]], %{{.*}}, 0] [1, 1, 32, 24] [1, 1, 1, 1] : tensor<1x2x70x24xf32> to tensor<32x24xf32>
// CHECK: } {attn.key_tiles = "full"}
// CHECK-NEXT: %[[P3:.*]]:3 = scf.for
// CHECK: } {attn.key_tiles = "partial"}
// CHECK: %[[O:.*]] = linalg.generic {{.*}} ins(%[[P3]]#1 : tensor<16xf32>) outs(%[[P3]]#2 : tensor<16x24xf32>)
// CHECK: arith.divf
// lse = m + log(l), -inf where l = 0 (fully masked rows).
// CHECK: %[[LSE:.*]] = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%[[P3]]#0 : tensor<16xf32>) outs(%[[P3]]#1 : tensor<16xf32>)
// CHECK-NEXT: ^bb0(%[[M:[^:]*]]: f32, %[[L:[^:]*]]: f32):
// CHECK-NEXT: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT: %[[NINF:.*]] = arith.constant 0xFF800000 : f32
// CHECK-NEXT: %[[EMPTY:.*]] = arith.cmpf oeq, %[[L]], %[[ZERO]] : f32
// CHECK-NEXT: %[[LOG:.*]] = math.log %[[L]] : f32
// CHECK-NEXT: %[[SUM:.*]] = arith.addf %[[M]], %[[LOG]] : f32
// CHECK-NEXT: %[[R:.*]] = arith.select %[[EMPTY]], %[[NINF]], %[[SUM]] : f32
// CHECK-NEXT: linalg.yield %[[R]] : f32
// CHECK: %[[OR:.*]] = tensor.extract_slice %[[O]][0, 0] [%[[QROWS]], 24] [1, 1] : tensor<16x24xf32> to tensor<?x24xf32>
// CHECK-NEXT: %[[LR:.*]] = tensor.extract_slice %[[LSE]][0] [%[[QROWS]]] [1] : tensor<16xf32> to tensor<?xf32>
// CHECK-NEXT: scf.forall.in_parallel {
// CHECK-NEXT: tensor.parallel_insert_slice %[[OR]] into %[[OOUT]][%[[B]], %[[H]], %[[Q0]], 0] [1, 1, %[[QROWS]], 24] [1, 1, 1, 1] : tensor<?x24xf32> into tensor<1x8x40x24xf32>
// CHECK-NEXT: tensor.parallel_insert_slice %[[LR]] into %[[LOUT]][%[[B]], %[[H]], %[[Q0]]] [1, 1, %[[QROWS]]] [1, 1, 1] : tensor<?xf32> into tensor<1x8x40xf32>
// CHECK-NEXT: }
// CHECK-NEXT: }
// CHECK-NEXT: return %[[RES]]#0, %[[RES]]#1 : tensor<1x8x40x24xf32>, tensor<1x8x40xf32>
func.func @gqa_lse(%q: tensor<1x8x40x16xf32>, %k: tensor<1x2x70x16xf32>,
                   %v: tensor<1x2x70x24xf32>)
    -> (tensor<1x8x40x24xf32>, tensor<1x8x40xf32>) {
  %o, %l = attn.attention %q, %k, %v {tiling = #attn.tiling<query = 16, key = 32>}
      : tensor<1x8x40x16xf32>, tensor<1x2x70x16xf32>, tensor<1x2x70x24xf32>
      -> tensor<1x8x40x24xf32>, tensor<1x8x40xf32>
  return %o, %l : tensor<1x8x40x24xf32>, tensor<1x8x40xf32>
}

// Multi-query attention (Hkv = 1): query head h reads K/V head h / 8 = 0.
// CHECK-LABEL: func.func @mqa(
// CHECK: scf.forall (%{{[a-z0-9_]+}}, %[[H:[a-z0-9_]+]], %{{[a-z0-9_]+}}) in (1, 8, %{{.*}})
// CHECK: %[[G:.*]] = arith.constant 8 : index
// CHECK-NEXT: arith.divui %[[H]], %[[G]] : index
// CHECK-NOT: x8x70x
// CHECK: return
func.func @mqa(%q: tensor<1x8x40x16xf32>, %k: tensor<1x1x70x16xf32>,
               %v: tensor<1x1x70x16xf32>) -> tensor<1x8x40x16xf32> {
  %o = attn.attention %q, %k, %v
      : tensor<1x8x40x16xf32>, tensor<1x1x70x16xf32>, tensor<1x1x70x16xf32>
      -> tensor<1x8x40x16xf32>
  return %o : tensor<1x8x40x16xf32>
}

//===----------------------------------------------------------------------===//
// Layout and element types.
//===----------------------------------------------------------------------===//

// bshd: Q/K/V tiles are [b, rows, head, :] slices and the output tile is
// inserted at [b, q0, h, 0]; the lse stays [B, Hq, Sq].
// CHECK-LABEL: func.func @bshd(
// CHECK-SAME: %[[Q:[^:]*]]: tensor<2x40x8x16xf32>, %[[K:[^:]*]]: tensor<2x70x2x16xf32>, %[[V:[^:]*]]: tensor<2x70x2x24xf32>)
// CHECK: scf.forall (%[[B:[a-z0-9_]+]], %[[H:[a-z0-9_]+]], %[[T:[a-z0-9_]+]]) in (2, 8, %{{.*}}) shared_outs(%[[OOUT:[a-z0-9_]+]] = %{{.*}}, %[[LOUT:[a-z0-9_]+]] = %{{.*}}) -> (tensor<2x40x8x24xf32>, tensor<2x8x40xf32>)
// CHECK: %[[Q0:.*]] = arith.muli %[[T]], %{{.*}} : index
// CHECK: %[[QROWS:.*]] = arith.constant 40 : index
// CHECK: %[[HK:.*]] = arith.divui %[[H]], %{{.*}} : index
// CHECK-NEXT: tensor.extract_slice %[[Q]][%[[B]], %[[Q0]], %[[H]], 0] [1, 40, 1, 16] [1, 1, 1, 1] : tensor<2x40x8x16xf32> to tensor<40x16xf32>
// CHECK: scf.for %[[KT:[a-z0-9_]+]] =
// CHECK: %[[K0:.*]] = arith.muli %[[KT]], %{{.*}} : index
// CHECK: tensor.extract_slice %[[K]][%[[B]], %[[K0]], %[[HK]], 0] [1, %{{.*}}, 1, 16] [1, 1, 1, 1] : tensor<2x70x2x16xf32> to tensor<?x16xf32>
// CHECK: tensor.extract_slice %[[V]][%[[B]], %[[K0]], %[[HK]], 0] [1, %{{.*}}, 1, 24] [1, 1, 1, 1] : tensor<2x70x2x24xf32> to tensor<?x24xf32>
// CHECK: } {attn.key_tiles = "partial"}
// CHECK-NEXT: scf.for %[[KT:[a-z0-9_]+]] =
// CHECK: %[[K0:.*]] = arith.muli %[[KT]], %{{.*}} : index
// CHECK-NEXT: tensor.extract_slice %[[K]][%[[B]], %[[K0]], %[[HK]], 0] [1, 64, 1, 16] [1, 1, 1, 1] : tensor<2x70x2x16xf32> to tensor<64x16xf32>
// CHECK-NEXT: tensor.extract_slice %[[V]][%[[B]], %[[K0]], %[[HK]], 0] [1, 64, 1, 24] [1, 1, 1, 1] : tensor<2x70x2x24xf32> to tensor<64x24xf32>
// CHECK: } {attn.key_tiles = "full"}
// CHECK: scf.forall.in_parallel {
// CHECK-NEXT: tensor.parallel_insert_slice %{{.*}} into %[[OOUT]][%[[B]], %[[Q0]], %[[H]], 0] [1, %[[QROWS]], 1, 24] [1, 1, 1, 1] : tensor<?x24xf32> into tensor<2x40x8x24xf32>
// CHECK-NEXT: tensor.parallel_insert_slice %{{.*}} into %[[LOUT]][%[[B]], %[[H]], %[[Q0]]] [1, 1, %[[QROWS]]] [1, 1, 1] : tensor<?xf32> into tensor<2x8x40xf32>
func.func @bshd(%q: tensor<2x40x8x16xf32>, %k: tensor<2x70x2x16xf32>,
                %v: tensor<2x70x2x24xf32>)
    -> (tensor<2x40x8x24xf32>, tensor<2x8x40xf32>) {
  %o, %l = attn.attention %q, %k, %v {layout = #attn.layout<bshd>}
      : tensor<2x40x8x16xf32>, tensor<2x70x2x16xf32>, tensor<2x70x2x24xf32>
      -> tensor<2x40x8x24xf32>, tensor<2x8x40xf32>
  return %o, %l : tensor<2x40x8x24xf32>, tensor<2x8x40xf32>
}

// f16: tiles are read in f16 and extended to f32 where they are used (Q once
// per query tile, K^T once per key tile, V inside the P V contraction); the
// state stays f32 and the output is truncated once, after the division.
// CHECK-LABEL: func.func @f16(
// CHECK: tensor.extract_slice {{.*}} : tensor<1x2x40x16xf16> to tensor<40x16xf16>
// CHECK: linalg.generic {{.*}} ins(%{{.*}} : tensor<40x16xf16>) outs(%{{.*}} : tensor<40x16xf32>)
// CHECK-NEXT: ^bb0(%[[X:[^:]*]]: f16, %{{[^:]*}}: f32):
// CHECK-NEXT: %[[XF:.*]] = arith.extf %[[X]] : f16 to f32
// CHECK-NEXT: arith.mulf %[[XF]], %{{.*}} : f32
// CHECK: scf.for {{.*}} -> (tensor<40xf32>, tensor<40xf32>, tensor<40x24xf32>)
// CHECK: linalg.generic {{.*}} ins(%{{.*}} : tensor<64x16xf16>) outs(%{{.*}} : tensor<16x64xf32>)
// CHECK-NEXT: ^bb0(%[[X:[^:]*]]: f16, %{{[^:]*}}: f32):
// CHECK-NEXT: arith.extf %[[X]] : f16 to f32
// CHECK: linalg.generic {{.*}} ins(%{{.*}}, %{{.*}} : tensor<40x64xf32>, tensor<64x24xf16>) outs(%{{.*}} : tensor<40x24xf32>)
// CHECK-NEXT: ^bb0(%[[P:[^:]*]]: f32, %[[X:[^:]*]]: f16, %[[A:[^:]*]]: f32):
// CHECK-NEXT: %[[XF:.*]] = arith.extf %[[X]] : f16 to f32
// CHECK-NEXT: %[[PR:.*]] = arith.mulf %[[P]], %[[XF]] fastmath<contract> : f32
// CHECK-NEXT: arith.addf %[[A]], %[[PR]] fastmath<contract> : f32
// CHECK-NOT: arith.truncf
// CHECK: } {attn.key_tiles = "partial"}
// CHECK-NOT: arith.truncf
// CHECK: } {attn.key_tiles = "full"}
// CHECK-NOT: arith.truncf
// CHECK: %[[P3:.*]]:3 = scf.for
// CHECK-NOT: arith.truncf
// CHECK: } {attn.key_tiles = "partial"}
// CHECK: %[[O:.*]] = linalg.generic {{.*}} ins(%[[P3]]#1 : tensor<40xf32>) outs(%[[P3]]#2 : tensor<40x24xf32>)
// CHECK: arith.divf
// CHECK: %[[OH:.*]] = linalg.generic {{.*}} ins(%[[O]] : tensor<40x24xf32>) outs(%{{.*}} : tensor<40x24xf16>)
// CHECK-NEXT: ^bb0(%[[X:[^:]*]]: f32, %{{[^:]*}}: f16):
// CHECK-NEXT: %[[XH:.*]] = arith.truncf %[[X]] : f32 to f16
// CHECK-NEXT: linalg.yield %[[XH]] : f16
// CHECK: tensor.extract_slice %[[OH]][0, 0] [%{{.*}}, 24] [1, 1] : tensor<40x24xf16> to tensor<?x24xf16>
// CHECK: tensor.parallel_insert_slice {{.*}} : tensor<?x24xf16> into tensor<1x2x40x24xf16>
func.func @f16(%q: tensor<1x2x40x16xf16>, %k: tensor<1x2x70x16xf16>,
               %v: tensor<1x2x70x24xf16>) -> tensor<1x2x40x24xf16> {
  %o = attn.attention %q, %k, %v
      : tensor<1x2x40x16xf16>, tensor<1x2x70x16xf16>, tensor<1x2x70x24xf16>
      -> tensor<1x2x40x24xf16>
  return %o : tensor<1x2x40x24xf16>
}

//===----------------------------------------------------------------------===//
// Split-KV (flash-decoding) on a decode shape: Sq = 1, Skv = 4096, 64 key
// tiles, B * Hq * query tiles = 8.
//===----------------------------------------------------------------------===//

// split-kv=never: the 3-d forall writes the output and lse directly; no merge.
// CHECK-LABEL: func.func @decode(
// CHECK: %[[RES:.*]]:2 = scf.forall (%{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}) in (1, 8, %{{.*}}) shared_outs(%{{.*}}) -> (tensor<1x8x1x64xf32>, tensor<1x8x1xf32>) {
// CHECK: scf.forall.in_parallel {
// CHECK-NEXT: tensor.parallel_insert_slice {{.*}} into tensor<1x8x1x64xf32>
// CHECK-NEXT: tensor.parallel_insert_slice {{.*}} into tensor<1x8x1xf32>
// CHECK-NEXT: }
// CHECK-NEXT: }
// CHECK-NEXT: return %[[RES]]#0, %[[RES]]#1 : tensor<1x8x1x64xf32>, tensor<1x8x1xf32>
//
// split-kv=auto, assuming 16 threads: 8 work items cannot occupy them, so
// the key range is split (into ceil(2 * 16 / 8) = 4 parts).
// AUTO-LABEL: func.func @decode(
// AUTO: scf.forall ({{.*}}) in (1, 8, %{{.*}}, 4) shared_outs({{.*}}) -> (tensor<1x8x4x1x64xf32>, tensor<1x8x4x1xf32>)
// AUTO: arith.{{maximumf|maxnumf}}
// AUTO: math.exp
// AUTO: math.log
// AUTO: return
func.func @decode(%q: tensor<1x8x1x64xf32>, %k: tensor<1x8x4096x64xf32>,
                  %v: tensor<1x8x4096x64xf32>)
    -> (tensor<1x8x1x64xf32>, tensor<1x8x1xf32>) {
  %o, %l = attn.attention %q, %k, %v
      : tensor<1x8x1x64xf32>, tensor<1x8x4096x64xf32>, tensor<1x8x4096x64xf32>
      -> tensor<1x8x1x64xf32>, tensor<1x8x1xf32>
  return %o, %l : tensor<1x8x1x64xf32>, tensor<1x8x1xf32>
}

// split-kv=auto, 16 threads, on a large problem (B * Hq * query tiles =
// 2 * 8 * 8 = 128 >= 16): no split.
// AUTO-LABEL: func.func @large(
// AUTO: %[[RES:.*]] = scf.forall (%{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}) in (2, 8, %{{.*}}) shared_outs(%{{.*}}) -> (tensor<2x8x512x64xf32>) {
// AUTO: scf.forall.in_parallel {
// AUTO-NEXT: tensor.parallel_insert_slice
// AUTO-NEXT: }
// AUTO-NEXT: }
// AUTO-NEXT: return %[[RES]] : tensor<2x8x512x64xf32>
func.func @large(%q: tensor<2x8x512x64xf32>, %k: tensor<2x8x1024x64xf32>,
                 %v: tensor<2x8x1024x64xf32>) -> tensor<2x8x512x64xf32> {
  %o = attn.attention %q, %k, %v {sparsity = #attn.causal}
      : tensor<2x8x512x64xf32>, tensor<2x8x1024x64xf32>, tensor<2x8x1024x64xf32>
      -> tensor<2x8x512x64xf32>
  return %o : tensor<2x8x512x64xf32>
}
