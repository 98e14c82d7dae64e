// RUN: attn-opt %s --attn-cpu-inline-alloca-scopes | FileCheck %s

// --attn-cpu-inline-alloca-scopes inlines the memref.alloca_scope ops that hold
// no memref.alloca (convert-scf-to-openmp wraps every parallel loop body in
// one): they release nothing, and their single-block region would break once
// nested loops become control flow. Scopes with a stack allocation stay.

// No alloca: the body is inlined and the scope's results are replaced by the
// values it returned.
// CHECK-LABEL: func.func @no_alloca(
// CHECK-SAME: %[[X:[^:]*]]: f32, %[[M:[^:]*]]: memref<4xf32>)
// CHECK-NOT: memref.alloca_scope
// CHECK: %[[C0:.*]] = arith.constant 0 : index
// CHECK-NEXT: %[[S:.*]] = arith.addf %[[X]], %[[X]] : f32
// CHECK-NEXT: memref.store %[[S]], %[[M]][%[[C0]]] : memref<4xf32>
// CHECK-NEXT: %[[T:.*]] = arith.mulf %[[S]], %[[X]] : f32
// CHECK-NEXT: return %[[T]] : f32
func.func @no_alloca(%x: f32, %m: memref<4xf32>) -> f32 {
  %c0 = arith.constant 0 : index
  %r = memref.alloca_scope -> f32 {
    %s = arith.addf %x, %x : f32
    memref.store %s, %m[%c0] : memref<4xf32>
    memref.alloca_scope.return %s : f32
  }
  %t = arith.mulf %r, %x : f32
  return %t : f32
}

// No results, nested in a loop (as in an omp.wsloop body).
// CHECK-LABEL: func.func @in_loop(
// CHECK-NOT: memref.alloca_scope
// CHECK: scf.for
// CHECK-NEXT: memref.store
// CHECK-NEXT: }
// CHECK-NOT: memref.alloca_scope
// CHECK: return
func.func @in_loop(%x: f32, %m: memref<4xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  scf.for %i = %c0 to %c4 step %c1 {
    memref.alloca_scope {
      memref.store %x, %m[%i] : memref<4xf32>
    }
  }
  return
}

// A memref.alloca inside: the scope releases it, so it is kept.
// CHECK-LABEL: func.func @with_alloca(
// CHECK: %[[R:.*]] = memref.alloca_scope -> (f32) {
// CHECK-NEXT: %[[A:.*]] = memref.alloca() : memref<4xf32>
// CHECK: memref.alloca_scope.return %{{.*}} : f32
// CHECK-NEXT: }
// CHECK-NEXT: return %[[R]] : f32
func.func @with_alloca(%x: f32) -> f32 {
  %c0 = arith.constant 0 : index
  %r = memref.alloca_scope -> f32 {
    %a = memref.alloca() : memref<4xf32>
    memref.store %x, %a[%c0] : memref<4xf32>
    %v = memref.load %a[%c0] : memref<4xf32>
    memref.alloca_scope.return %v : f32
  }
  return %r : f32
}

// An alloca nested deeper inside the scope (here in a loop) also keeps it.
// CHECK-LABEL: func.func @with_nested_alloca(
// CHECK: memref.alloca_scope {
// CHECK-NEXT: scf.for
// CHECK-NEXT: memref.alloca()
// CHECK: return
func.func @with_nested_alloca(%x: f32) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  memref.alloca_scope {
    scf.for %i = %c0 to %c4 step %c1 {
      %a = memref.alloca() : memref<4xf32>
      memref.store %x, %a[%i] : memref<4xf32>
    }
  }
  return
}

// Only the scope without an alloca is inlined when the two are nested.
// CHECK-LABEL: func.func @nested_scopes(
// CHECK: memref.alloca_scope {
// CHECK-NEXT: memref.alloca()
// CHECK-NOT: memref.alloca_scope
// CHECK: return
func.func @nested_scopes(%x: f32, %m: memref<4xf32>) {
  %c0 = arith.constant 0 : index
  memref.alloca_scope {
    %a = memref.alloca() : memref<4xf32>
    memref.store %x, %a[%c0] : memref<4xf32>
    memref.alloca_scope {
      memref.store %x, %m[%c0] : memref<4xf32>
    }
  }
  return
}
