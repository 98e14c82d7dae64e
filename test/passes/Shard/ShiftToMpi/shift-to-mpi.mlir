// RUN: attn-opt %s -split-input-file -verify-diagnostics --attn-shard-shift-to-mpi | FileCheck %s

// --attn-shard-shift-to-mpi (passes/Shard/ShiftToMpi.cpp): the ring's
// rotation as blocking MPI send/recv, flattened buffers, ordered by rank
// parity so that the ring of sends cannot wait on itself.

// CHECK-LABEL: func.func @rotate(
// CHECK-SAME: %[[X:.*]]: tensor<2x3xf32>
// CHECK-NOT: shard.shift
// CHECK: %[[IN:.*]] = bufferization.to_buffer %[[X]] read_only : tensor<2x3xf32> to memref<2x3xf32>
// CHECK: %[[OUT:.*]] = memref.alloc() : memref<2x3xf32>
// CHECK: %[[INF:.*]] = memref.collapse_shape %[[IN]] {{\[}}[0, 1]] : memref<2x3xf32> into memref<6xf32>
// CHECK: %[[OUTF:.*]] = memref.collapse_shape %[[OUT]] {{\[}}[0, 1]] : memref<2x3xf32> into memref<6xf32>
// CHECK: %[[RANK:.*]] = mpi.comm_rank
// CHECK: scf.if
// CHECK-NEXT: mpi.send(%[[INF]],
// CHECK-NEXT: mpi.recv(%[[OUTF]],
// CHECK-NEXT: } else {
// CHECK-NEXT: mpi.recv(%[[OUTF]],
// CHECK-NEXT: mpi.send(%[[INF]],
// CHECK: %[[R:.*]] = bufferization.to_tensor %[[OUT]] restrict writable
// CHECK: return %[[R]]
shard.grid @g(shape = 4)
func.func @rotate(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %r = shard.shift %x on @g grid_axes = [0] shift_axis = 0 offset = 1 rotate : tensor<2x3xf32> -> tensor<2x3xf32>
  return %r : tensor<2x3xf32>
}

// -----

shard.grid @g(shape = 2x2)
func.func @two_dims(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error@+1 {{lowers rotations on one-dimensional grids of static size only}}
  %r = shard.shift %x on @g grid_axes = [1] shift_axis = 1 offset = 1 rotate : tensor<2x3xf32> -> tensor<2x3xf32>
  return %r : tensor<2x3xf32>
}
