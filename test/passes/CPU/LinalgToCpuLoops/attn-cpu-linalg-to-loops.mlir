// RUN: attn-opt %s --attn-cpu-linalg-to-loops | FileCheck %s

// --attn-cpu-linalg-to-loops lowers linalg ops on memrefs to loops: the
// parallel dims of an op that is not inside any loop become an scf.parallel
// (run on OpenMP threads later); inside an scf.forall, an scf.parallel or a
// sequential scf.for every dim becomes a sequential scf.for, so that threads
// are never nested nor forked once per iteration of a loop. Linalg ops on
// tensors are not touched.

#id = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d0)>
!sub = memref<4x8xf32, strided<[8, 1], offset: ?>>

// Top level: one scf.parallel over both parallel dims.
// CHECK-LABEL: func.func @top_level(
// CHECK-SAME: %[[A:[^:]*]]: memref<4x8xf32>, %[[B:[^:]*]]: memref<4x8xf32>)
// CHECK-NOT: linalg.generic
// CHECK-DAG: %[[C4:.*]] = arith.constant 4 : index
// CHECK-DAG: %[[C8:.*]] = arith.constant 8 : index
// CHECK: scf.parallel (%{{.*}}, %{{.*}}) = (%{{.*}}, %{{.*}}) to (%[[C4]], %[[C8]]) step (%{{.*}}, %{{.*}}) {
// CHECK-NOT: scf.for
// CHECK: memref.load %[[A]]
// CHECK: memref.load %[[B]]
// CHECK: %[[S:.*]] = arith.addf
// CHECK: memref.store %[[S]], %[[B]]
// CHECK: scf.reduce
// CHECK-NOT: linalg.generic
// CHECK: return
func.func @top_level(%a: memref<4x8xf32>, %b: memref<4x8xf32>) {
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%a : memref<4x8xf32>) outs(%b : memref<4x8xf32>) {
  ^bb0(%x: f32, %y: f32):
    %s = arith.addf %x, %y : f32
    linalg.yield %s : f32
  }
  return
}

// Top level with a reduction: the parallel dim is an scf.parallel, the
// reduction dim a sequential scf.for inside it.
// CHECK-LABEL: func.func @top_level_reduction(
// CHECK-DAG: %[[C4:.*]] = arith.constant 4 : index
// CHECK-DAG: %[[C8:.*]] = arith.constant 8 : index
// CHECK: scf.parallel (%{{[a-z0-9_]+}}) = (%{{.*}}) to (%[[C4]]) step (%{{.*}}) {
// CHECK-NEXT: scf.for %{{.*}} = %{{.*}} to %[[C8]] step %{{.*}} {
// CHECK: arith.addf
// CHECK: memref.store
// CHECK: scf.reduce
// CHECK-NOT: linalg.generic
// CHECK: return
func.func @top_level_reduction(%a: memref<4x8xf32>, %b: memref<4xf32>) {
  linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%a : memref<4x8xf32>) outs(%b : memref<4xf32>) {
  ^bb0(%x: f32, %y: f32):
    %s = arith.addf %x, %y : f32
    linalg.yield %s : f32
  }
  return
}

// Inside a sequential scf.for (e.g. a key loop whose scf.forall folded
// away): sequential loops too, no threads forked per iteration.
// CHECK-LABEL: func.func @inside_for(
// CHECK-NOT: scf.parallel
// CHECK: scf.for %{{.*}} = %{{.*}} to %[[C3:.*]] step
// CHECK-NOT: scf.parallel
// CHECK: scf.for %{{.*}} = %{{.*}} to %[[C4:.*]] step
// CHECK-NEXT: scf.for %{{.*}} = %{{.*}} to %[[C8:.*]] step
// CHECK-NOT: scf.parallel
// CHECK: arith.addf
// CHECK-NOT: scf.parallel
// CHECK-NOT: linalg.generic
// CHECK: return
func.func @inside_for(%a: memref<4x8xf32>, %b: memref<4x8xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c3 = arith.constant 3 : index
  scf.for %i = %c0 to %c3 step %c1 {
    linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
        ins(%a : memref<4x8xf32>) outs(%b : memref<4x8xf32>) {
    ^bb0(%x: f32, %y: f32):
      %s = arith.addf %x, %y : f32
      linalg.yield %s : f32
    }
  }
  return
}

// Inside an scf.forall (the fused lowering's parallel loop): nested scf.for
// loops only.
// CHECK-LABEL: func.func @inside_forall(
// CHECK-NOT: scf.parallel
// CHECK: scf.forall (%{{.*}}) in (2) {
// CHECK-NOT: scf.parallel
// CHECK-DAG: %[[C4:.*]] = arith.constant 4 : index
// CHECK-DAG: %[[C8:.*]] = arith.constant 8 : index
// CHECK: scf.for %{{.*}} = %{{.*}} to %[[C4]] step %{{.*}} {
// CHECK-NEXT: scf.for %{{.*}} = %{{.*}} to %[[C8]] step %{{.*}} {
// CHECK-NOT: scf.parallel
// CHECK: arith.mulf
// CHECK: memref.store
// CHECK-NOT: scf.parallel
// CHECK-NOT: linalg.generic
// CHECK: return
func.func @inside_forall(%a: memref<2x4x8xf32>, %b: memref<2x4x8xf32>) {
  scf.forall (%i) in (2) {
    %sa = memref.subview %a[%i, 0, 0] [1, 4, 8] [1, 1, 1] : memref<2x4x8xf32> to !sub
    %sb = memref.subview %b[%i, 0, 0] [1, 4, 8] [1, 1, 1] : memref<2x4x8xf32> to !sub
    linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
        ins(%sa : !sub) outs(%sb : !sub) {
    ^bb0(%x: f32, %y: f32):
      %s = arith.mulf %x, %y : f32
      linalg.yield %s : f32
    }
  }
  return
}

// Inside an scf.parallel, also below an scf.for in its body: scf.for loops
// only, the one scf.parallel is the original.
// CHECK-LABEL: func.func @inside_parallel(
// CHECK: scf.parallel
// CHECK-NOT: scf.parallel
// CHECK: scf.for
// CHECK: arith.sitofp
// CHECK-NOT: scf.parallel
// CHECK: scf.for %{{.*}} = %{{.*}} to %[[C4:.*]] step
// CHECK-NEXT: scf.for
// CHECK-NOT: scf.parallel
// CHECK: memref.store
// CHECK-NOT: scf.parallel
// CHECK: scf.for %{{.*}} = %{{.*}} to %[[C4:.*]] step
// CHECK-NEXT: scf.for
// CHECK-NOT: scf.parallel
// CHECK: arith.mulf
// CHECK-NOT: scf.parallel
// CHECK: scf.reduce
// CHECK-NOT: scf.parallel
// CHECK-NOT: linalg.
// CHECK: return
func.func @inside_parallel(%a: memref<2x4x8xf32>, %b: memref<2x4x8xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  scf.parallel (%i) = (%c0) to (%c2) step (%c1) {
    %sa = memref.subview %a[%i, 0, 0] [1, 4, 8] [1, 1, 1] : memref<2x4x8xf32> to !sub
    %sb = memref.subview %b[%i, 0, 0] [1, 4, 8] [1, 1, 1] : memref<2x4x8xf32> to !sub
    scf.for %j = %c0 to %c2 step %c1 {
      %ji = arith.index_cast %j : index to i32
      %f = arith.sitofp %ji : i32 to f32
      linalg.fill ins(%f : f32) outs(%sb : !sub)
    }
    linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
        ins(%sa : !sub) outs(%sb : !sub) {
    ^bb0(%x: f32, %y: f32):
      %s = arith.mulf %x, %y : f32
      linalg.yield %s : f32
    }
    scf.reduce
  }
  return
}

// Linalg on tensors is left for bufferization.
// CHECK-LABEL: func.func @tensors_untouched(
// CHECK-NOT: scf.
// CHECK: linalg.generic
// CHECK-NOT: scf.
// CHECK: return
func.func @tensors_untouched(%a: tensor<4x8xf32>, %b: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %r = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%a : tensor<4x8xf32>) outs(%b : tensor<4x8xf32>) {
  ^bb0(%x: f32, %y: f32):
    %s = arith.addf %x, %y : f32
    linalg.yield %s : f32
  } -> tensor<4x8xf32>
  return %r : tensor<4x8xf32>
}

// Copies: inside a loop, a copy between strided (non-contiguous) buffers
// becomes a loop nest (not a call to the element-by-element memrefCopy
// runtime); a copy of a buffer onto itself disappears; a copy between
// contiguous buffers stays (it lowers to memcpy), as does any copy outside
// loops.
// CHECK-LABEL: func.func @copies(
// CHECK: scf.for
// CHECK-NOT: memref.copy %[[SELF:.*]], %[[SELF]]
// CHECK: scf.for
// CHECK: scf.for
// CHECK: memref.load
// CHECK: memref.store
// CHECK: memref.copy %{{.*}}, %{{.*}} : memref<4x4xf32> to memref<4x4xf32>
// CHECK: }
// CHECK: memref.copy %{{.*}}, %{{.*}} : memref<4x4xf32, strided<[8, 1]>> to memref<4x4xf32, strided<[8, 1], offset: 4>>
func.func @copies(%a: memref<8x8xf32>, %b: memref<4x4xf32>, %c: memref<4x4xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %src = memref.subview %a[0, 0] [4, 4] [1, 1] : memref<8x8xf32> to memref<4x4xf32, strided<[8, 1]>>
  %dst = memref.subview %a[0, 4] [4, 4] [1, 1] : memref<8x8xf32> to memref<4x4xf32, strided<[8, 1], offset: 4>>
  scf.for %i = %c0 to %c2 step %c1 {
    memref.copy %src, %src : memref<4x4xf32, strided<[8, 1]>> to memref<4x4xf32, strided<[8, 1]>>
    memref.copy %src, %dst : memref<4x4xf32, strided<[8, 1]>> to memref<4x4xf32, strided<[8, 1], offset: 4>>
    memref.copy %b, %c : memref<4x4xf32> to memref<4x4xf32>
  }
  memref.copy %src, %dst : memref<4x4xf32, strided<[8, 1]>> to memref<4x4xf32, strided<[8, 1], offset: 4>>
  return
}
