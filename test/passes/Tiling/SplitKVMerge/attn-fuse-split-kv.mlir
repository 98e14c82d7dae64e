// RUN: attn-opt %s --attn-fuse="split-kv=always kv-splits=3" --mlir-print-local-scope \
// RUN:   | FileCheck %s

// The split-KV form of --attn-fuse (passes/Tiling/SplitKVMerge.cpp): per-part
// partial outputs and LSEs from a 4-d forall, then the merge
// lse = log(sum_p exp(lse_p)), O = sum_p exp(lse_p - lse) O_p.
// Execution checks of the same path: test/Execution/fused-split.mlir.

// split-kv=always kv-splits=3: a 4-d forall over (b, h, query tile, part)
// whose part p covers key tiles [p * c, (p + 1) * c) with c = ceil(64 / 3),
// producing per-part normalized outputs [B, H, P, Sq, Dv] and lse [B, H, P, Sq].
// CHECK-LABEL: func.func @decode(
// CHECK: arith.ceildivsi
// CHECK: %[[NKT:.*]] = arith.ceildivsi %{{.*}}, %{{.*}} : index
// CHECK: %[[LP:.*]] = tensor.empty() : tensor<1x8x3x1xf32>
// CHECK-NEXT: %[[OP:.*]] = tensor.empty() : tensor<1x8x3x1x64xf32>
// CHECK-NEXT: %[[PARTS:.*]]:2 = scf.forall (%[[B:[a-z0-9_]+]], %[[H:[a-z0-9_]+]], %{{[a-z0-9_]+}}, %[[P:[a-z0-9_]+]]) in (1, 8, %{{.*}}, 3) shared_outs(%[[OO:[a-z0-9_]+]] = %[[OP]], %[[LO:[a-z0-9_]+]] = %[[LP]]) -> (tensor<1x8x3x1x64xf32>, tensor<1x8x3x1xf32>) {
// CHECK: %[[C3:.*]] = arith.constant 3 : index
// CHECK-NEXT: %[[CHUNK:.*]] = arith.ceildivsi %[[NKT]], %[[C3]] : index
// CHECK-NEXT: %[[X:.*]] = arith.muli %[[P]], %[[CHUNK]] : index
// CHECK-NEXT: %[[PT0:.*]] = arith.minsi %[[X]], %[[NKT]] : index
// CHECK-NEXT: %[[X:.*]] = arith.addi %[[PT0]], %[[CHUNK]] : index
// CHECK-NEXT: %[[PT1:.*]] = arith.minsi %[[X]], %[[NKT]] : index
// The part's key tiles bound the three key loops.
// CHECK: %[[X:.*]] = arith.maxsi %{{.*}}, %[[PT0]] : index
// CHECK-NEXT: %{{.*}} = arith.minsi %[[X]], %[[PT1]] : index
// CHECK: } {attn.key_tiles = "partial"}
// CHECK: } {attn.key_tiles = "full"}
// CHECK: } {attn.key_tiles = "partial"}
// CHECK: scf.forall.in_parallel {
// CHECK-NEXT: tensor.parallel_insert_slice %{{.*}} into %[[OO]][%[[B]], %[[H]], %[[P]], %{{.*}}, 0] [1, 1, 1, %{{.*}}, 64] [1, 1, 1, 1, 1] : tensor<?x64xf32> into tensor<1x8x3x1x64xf32>
// CHECK-NEXT: tensor.parallel_insert_slice %{{.*}} into %[[LO]][%[[B]], %[[H]], %[[P]], %{{.*}}] [1, 1, 1, %{{.*}}] [1, 1, 1, 1] : tensor<?xf32> into tensor<1x8x3x1xf32>
// Merge: lse = max_p lse_p + log(sum_p exp(lse_p - max)), O = sum_p exp(lse_p - lse) O_p.
// CHECK: %[[NINF:.*]] = arith.constant 0xFF800000 : f32
// CHECK: %[[MX:.*]] = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d3, d2)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%[[PARTS]]#1 : tensor<1x8x3x1xf32>) outs(%{{.*}} : tensor<1x8x1xf32>)
// CHECK-NEXT: ^bb0(%[[X:[^:]*]]: f32, %[[Y:[^:]*]]: f32):
// CHECK-NEXT: arith.{{maximumf|maxnumf}} %[[X]], %[[Y]] : f32
// CHECK: %[[SUM:.*]] = linalg.generic {{.*}} ins(%[[PARTS]]#1, %[[MX]] : tensor<1x8x3x1xf32>, tensor<1x8x1xf32>) outs(%{{.*}} : tensor<1x8x1xf32>)
// CHECK-NEXT: ^bb0(%[[X:[^:]*]]: f32, %[[Y:[^:]*]]: f32, %[[Z:[^:]*]]: f32):
// CHECK-NEXT: %[[D:.*]] = arith.subf %[[X]], %[[Y]] : f32
// CHECK-NEXT: %[[E:.*]] = math.exp %[[D]] : f32
// CHECK-NEXT: %[[DEAD:.*]] = arith.cmpf oeq, %[[X]], %[[NINF]] : f32
// CHECK-NEXT: %[[W:.*]] = arith.select %[[DEAD]], %{{.*}}, %[[E]] : f32
// CHECK-NEXT: arith.addf %[[Z]], %[[W]] : f32
// CHECK: %[[LSE:.*]] = linalg.generic {{.*}} ins(%[[MX]], %[[SUM]] : tensor<1x8x1xf32>, tensor<1x8x1xf32>) outs(%{{.*}} : tensor<1x8x1xf32>)
// CHECK: math.log
// CHECK: %[[ACC:.*]] = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d4, d2, d3)>, affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d4, d2)>, affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2)>, affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%[[PARTS]]#0, %[[PARTS]]#1, %[[LSE]] : tensor<1x8x3x1x64xf32>, tensor<1x8x3x1xf32>, tensor<1x8x1xf32>) outs(%{{.*}} : tensor<1x8x1x64xf32>)
// CHECK-NEXT: ^bb0(%[[O:[^:]*]]: f32, %[[LP:[^:]*]]: f32, %[[L:[^:]*]]: f32, %[[A:[^:]*]]: f32):
// CHECK-NEXT: %[[D:.*]] = arith.subf %[[LP]], %[[L]] : f32
// CHECK-NEXT: %[[E:.*]] = math.exp %[[D]] : f32
// CHECK: %[[W:.*]] = arith.select %{{.*}}, %{{.*}}, %[[E]] : f32
// CHECK-NEXT: %[[WO:.*]] = arith.mulf %[[W]], %[[O]] : f32
// CHECK-NEXT: arith.addf %[[A]], %[[WO]] : f32
// CHECK: %[[OUT:.*]] = linalg.generic {{.*}} ins(%[[ACC]] : tensor<1x8x1x64xf32>) outs(%{{.*}} : tensor<1x8x1x64xf32>)
// CHECK: return %[[OUT]], %[[LSE]] : tensor<1x8x1x64xf32>, tensor<1x8x1xf32>
func.func @decode(%q: tensor<1x8x1x64xf32>, %k: tensor<1x8x4096x64xf32>,
                  %v: tensor<1x8x4096x64xf32>)
    -> (tensor<1x8x1x64xf32>, tensor<1x8x1xf32>) {
  %o, %l = attn.attention %q, %k, %v
      : tensor<1x8x1x64xf32>, tensor<1x8x4096x64xf32>, tensor<1x8x4096x64xf32>
      -> tensor<1x8x1x64xf32>, tensor<1x8x1xf32>
  return %o, %l : tensor<1x8x1x64xf32>, tensor<1x8x1xf32>
}
