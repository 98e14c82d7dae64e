// RUN: attn-opt %s --loop-invariant-code-motion | FileCheck %s

// attn.attention has no memory effects and is conditionally speculatable:
// LICM hoists a loop-invariant one out of an scf.for when its lowering emits
// no run-time assertion, and keeps it in the loop when it does (a block
// table, document offsets) or when its sizes are dynamic: the loop may run
// zero times, and hoisting must not make a failing assertion reachable.

// CHECK-LABEL: func.func @hoisted
// CHECK: attn.attention
// CHECK: scf.for
// CHECK-NOT: attn.attention
// CHECK: scf.yield
func.func @hoisted(%q: tensor<1x2x16x8xf32>, %n: index) -> tensor<1x2x16x8xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %r = scf.for %i = %c0 to %n step %c1 iter_args(%acc = %q) -> tensor<1x2x16x8xf32> {
    %o = attn.attention %q, %q, %q {sparsity = #attn.causal}
        : tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32>
        -> tensor<1x2x16x8xf32>
    scf.yield %o : tensor<1x2x16x8xf32>
  }
  return %r : tensor<1x2x16x8xf32>
}

// CHECK-LABEL: func.func @block_table_stays
// CHECK: scf.for
// CHECK: attn.attention
// CHECK: scf.yield
func.func @block_table_stays(%q: tensor<1x2x16x8xf32>, %rp: tensor<1x2x3xi32>,
                             %cols: tensor<1x2x4xi32>, %n: index)
    -> tensor<1x2x16x8xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %r = scf.for %i = %c0 to %n step %c1 iter_args(%acc = %q) -> tensor<1x2x16x8xf32> {
    %o = attn.attention %q, %q, %q
        blocks(%rp, %cols : tensor<1x2x3xi32>, tensor<1x2x4xi32>)
        {block_size = #attn.tiling<query = 8, key = 8>}
        : tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32>
        -> tensor<1x2x16x8xf32>
    scf.yield %o : tensor<1x2x16x8xf32>
  }
  return %r : tensor<1x2x16x8xf32>
}

// CHECK-LABEL: func.func @documents_stay
// CHECK: scf.for
// CHECK: attn.attention
// CHECK: scf.yield
func.func @documents_stay(%q: tensor<1x2x16x8xf32>, %d: tensor<3xi32>, %n: index)
    -> tensor<1x2x16x8xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %r = scf.for %i = %c0 to %n step %c1 iter_args(%acc = %q) -> tensor<1x2x16x8xf32> {
    %o = attn.attention %q, %q, %q documents(%d : tensor<3xi32>)
        {sparsity = #attn.documents}
        : tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32>
        -> tensor<1x2x16x8xf32>
    scf.yield %o : tensor<1x2x16x8xf32>
  }
  return %r : tensor<1x2x16x8xf32>
}

// CHECK-LABEL: func.func @dynamic_stays
// CHECK: scf.for
// CHECK: attn.attention
// CHECK: scf.yield
func.func @dynamic_stays(%q: tensor<1x2x?x8xf32>, %k: tensor<1x2x?x8xf32>,
                         %v: tensor<1x2x?x8xf32>, %n: index)
    -> tensor<1x2x?x8xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %r = scf.for %i = %c0 to %n step %c1 iter_args(%acc = %q) -> tensor<1x2x?x8xf32> {
    %o = attn.attention %q, %k, %v
        : tensor<1x2x?x8xf32>, tensor<1x2x?x8xf32>, tensor<1x2x?x8xf32>
        -> tensor<1x2x?x8xf32>
    scf.yield %o : tensor<1x2x?x8xf32>
  }
  return %r : tensor<1x2x?x8xf32>
}

// query_rows of constant rows (checked by the verifier) is hoisted; rows
// the verifier could not check (an argument) keep the op in the loop.
// CHECK-LABEL: func.func @constant_rows_hoisted
// CHECK: attn.attention
// CHECK: scf.for
// CHECK-NOT: attn.attention
// CHECK: scf.yield
func.func @constant_rows_hoisted(%q: tensor<1x2x8x8xf32>, %k: tensor<1x2x16x8xf32>,
                                 %n: index) -> tensor<1x2x8x8xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %c16 = arith.constant 16 : index
  %r = scf.for %i = %c0 to %n step %c1 iter_args(%acc = %q) -> tensor<1x2x8x8xf32> {
    %o = attn.attention %q, %k, %k query_rows(%c8, %c16) {sparsity = #attn.causal}
        : tensor<1x2x8x8xf32>, tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32>
        -> tensor<1x2x8x8xf32>
    scf.yield %o : tensor<1x2x8x8xf32>
  }
  return %r : tensor<1x2x8x8xf32>
}

// CHECK-LABEL: func.func @unchecked_rows_stay
// CHECK: scf.for
// CHECK: attn.attention
// CHECK: scf.yield
func.func @unchecked_rows_stay(%q: tensor<1x2x8x8xf32>, %k: tensor<1x2x16x8xf32>,
                               %s: index, %n: index) -> tensor<1x2x8x8xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c16 = arith.constant 16 : index
  %r = scf.for %i = %c0 to %n step %c1 iter_args(%acc = %q) -> tensor<1x2x8x8xf32> {
    %o = attn.attention %q, %k, %k query_rows(%s, %c16) {sparsity = #attn.causal}
        : tensor<1x2x8x8xf32>, tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32>
        -> tensor<1x2x8x8xf32>
    scf.yield %o : tensor<1x2x8x8xf32>
  }
  return %r : tensor<1x2x8x8xf32>
}

// A region of index arithmetic keeps the op speculatable; a table read in a
// region does not (it could read out of bounds where the loop never runs).
// CHECK-LABEL: func.func @mask_mod_hoisted
// CHECK: attn.attention
// CHECK: scf.for
// CHECK-NOT: attn.attention
// CHECK: scf.yield
func.func @mask_mod_hoisted(%q: tensor<1x2x16x8xf32>, %n: index)
    -> tensor<1x2x16x8xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %r = scf.for %i = %c0 to %n step %c1 iter_args(%acc = %q) -> tensor<1x2x16x8xf32> {
    %o = attn.attention %q, %q, %q mask_mod {
      ^bb0(%b: index, %h: index, %qi: index, %kj: index):
        %v = arith.cmpi sle, %kj, %qi : index
        attn.yield %v : i1
    } : tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32>
        -> tensor<1x2x16x8xf32>
    scf.yield %o : tensor<1x2x16x8xf32>
  }
  return %r : tensor<1x2x16x8xf32>
}

// CHECK-LABEL: func.func @table_read_stays
// CHECK: scf.for
// CHECK: attn.attention
// CHECK: scf.yield
func.func @table_read_stays(%q: tensor<1x2x16x8xf32>, %t: tensor<16xf32>,
                            %n: index) -> tensor<1x2x16x8xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %r = scf.for %i = %c0 to %n step %c1 iter_args(%acc = %q) -> tensor<1x2x16x8xf32> {
    %o = attn.attention %q, %q, %q score_mod {
      ^bb0(%s: f32, %b: index, %h: index, %qi: index, %kj: index):
        %x = tensor.extract %t[%kj] : tensor<16xf32>
        %y = arith.addf %s, %x : f32
        attn.yield %y : f32
    } : tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32>
        -> tensor<1x2x16x8xf32>
    scf.yield %o : tensor<1x2x16x8xf32>
  }
  return %r : tensor<1x2x16x8xf32>
}
