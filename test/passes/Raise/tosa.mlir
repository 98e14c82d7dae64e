// RUN: attn-opt %s --attn-raise | FileCheck %s
// RUN: attn-run %s --baseline=plain --pipeline=raised --reps=1 --warmup=0 | FileCheck %s --check-prefix=EQUIV
//
// Attention in TOSA: tosa.matmul, transpose, reshape, reduce_max, sub, exp,
// reduce_sum, reciprocal, mul, add, select, tile (repeat_kv), cast (f16).
// EQUIV-COUNT-6: equivalence: PASSED

// CHECK-LABEL: func.func @tosa_basic
// CHECK: attn.attention %arg0, %arg1, %arg2 {scale = 5.000000e-01 : f64}
// CHECK-NOT: tosa.matmul
// CHECK-NOT: tosa.reduce_max
func.func @tosa_basic(%q: tensor<1x4x8x4xf32>, %k: tensor<1x4x8x4xf32>, %v: tensor<1x4x8x4xf32>) -> tensor<1x4x8x4xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %shift = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %s3 = tosa.const_shape {values = dense<[4, 8, 8]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %s4 = tosa.const_shape {values = dense<[1, 4, 8, 8]> : tensor<4xindex>} : () -> !tosa.shape<4>
  %q3s = tosa.const_shape {values = dense<[4, 8, 4]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %o4s = tosa.const_shape {values = dense<[1, 4, 8, 4]> : tensor<4xindex>} : () -> !tosa.shape<4>
  %kt = tosa.transpose %k {perms = array<i32: 0, 1, 3, 2>} : (tensor<1x4x8x4xf32>) -> tensor<1x4x4x8xf32>
  %kts = tosa.const_shape {values = dense<[4, 4, 8]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %q3 = tosa.reshape %q, %q3s : (tensor<1x4x8x4xf32>, !tosa.shape<3>) -> tensor<4x8x4xf32>
  %k3 = tosa.reshape %kt, %kts : (tensor<1x4x4x8xf32>, !tosa.shape<3>) -> tensor<4x4x8xf32>
  %sm = tosa.matmul %q3, %k3, %zp, %zp : (tensor<4x8x4xf32>, tensor<4x4x8xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<4x8x8xf32>
  %s = tosa.reshape %sm, %s4 : (tensor<4x8x8xf32>, !tosa.shape<4>) -> tensor<1x4x8x8xf32>
  %scale = "tosa.const"() <{values = dense<0.5> : tensor<1x1x1x1xf32>}> : () -> tensor<1x1x1x1xf32>
  %x = tosa.mul %s, %scale, %shift : (tensor<1x4x8x8xf32>, tensor<1x1x1x1xf32>, tensor<1xi8>) -> tensor<1x4x8x8xf32>
  %mx = tosa.reduce_max %x {axis = 3 : i32} : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x1xf32>
  %d = tosa.sub %x, %mx : (tensor<1x4x8x8xf32>, tensor<1x4x8x1xf32>) -> tensor<1x4x8x8xf32>
  %e = tosa.exp %d : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  %sum = tosa.reduce_sum %e {axis = 3 : i32} : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x1xf32>
  %rcp = tosa.reciprocal %sum : (tensor<1x4x8x1xf32>) -> tensor<1x4x8x1xf32>
  %p = tosa.mul %e, %rcp, %shift : (tensor<1x4x8x8xf32>, tensor<1x4x8x1xf32>, tensor<1xi8>) -> tensor<1x4x8x8xf32>
  %p3 = tosa.reshape %p, %s3 : (tensor<1x4x8x8xf32>, !tosa.shape<3>) -> tensor<4x8x8xf32>
  %v3 = tosa.reshape %v, %q3s : (tensor<1x4x8x4xf32>, !tosa.shape<3>) -> tensor<4x8x4xf32>
  %o3 = tosa.matmul %p3, %v3, %zp, %zp : (tensor<4x8x8xf32>, tensor<4x8x4xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<4x8x4xf32>
  %o = tosa.reshape %o3, %o4s : (tensor<4x8x4xf32>, !tosa.shape<4>) -> tensor<1x4x8x4xf32>
  return %o : tensor<1x4x8x4xf32>
}

// CHECK-LABEL: func.func @tosa_select_mask
// CHECK: attn.attention %arg0, %arg1, %arg2 mask(%{{.*}} : tensor<1x1x8x8xi1>) {scale = 5.000000e-01 : f64}
// CHECK-NOT: tosa.matmul
// CHECK-NOT: tosa.reduce_max
func.func @tosa_select_mask(%q: tensor<1x4x8x4xf32>, %k: tensor<1x4x8x4xf32>, %v: tensor<1x4x8x4xf32>, %m: tensor<1x1x8x8xi1>) -> tensor<1x4x8x4xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %shift = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %s3 = tosa.const_shape {values = dense<[4, 8, 8]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %s4 = tosa.const_shape {values = dense<[1, 4, 8, 8]> : tensor<4xindex>} : () -> !tosa.shape<4>
  %q3s = tosa.const_shape {values = dense<[4, 8, 4]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %o4s = tosa.const_shape {values = dense<[1, 4, 8, 4]> : tensor<4xindex>} : () -> !tosa.shape<4>
  %kt = tosa.transpose %k {perms = array<i32: 0, 1, 3, 2>} : (tensor<1x4x8x4xf32>) -> tensor<1x4x4x8xf32>
  %kts = tosa.const_shape {values = dense<[4, 4, 8]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %q3 = tosa.reshape %q, %q3s : (tensor<1x4x8x4xf32>, !tosa.shape<3>) -> tensor<4x8x4xf32>
  %k3 = tosa.reshape %kt, %kts : (tensor<1x4x4x8xf32>, !tosa.shape<3>) -> tensor<4x4x8xf32>
  %sm = tosa.matmul %q3, %k3, %zp, %zp : (tensor<4x8x4xf32>, tensor<4x4x8xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<4x8x8xf32>
  %s = tosa.reshape %sm, %s4 : (tensor<4x8x8xf32>, !tosa.shape<4>) -> tensor<1x4x8x8xf32>
  %scale = "tosa.const"() <{values = dense<0.5> : tensor<1x1x1x1xf32>}> : () -> tensor<1x1x1x1xf32>
  %x0 = tosa.mul %s, %scale, %shift : (tensor<1x4x8x8xf32>, tensor<1x1x1x1xf32>, tensor<1xi8>) -> tensor<1x4x8x8xf32>
  %ninf = "tosa.const"() <{values = dense<0xFF800000> : tensor<1x1x1x1xf32>}> : () -> tensor<1x1x1x1xf32>
  %x = tosa.select %m, %x0, %ninf : (tensor<1x1x8x8xi1>, tensor<1x4x8x8xf32>, tensor<1x1x1x1xf32>) -> tensor<1x4x8x8xf32>
  %mx = tosa.reduce_max %x {axis = 3 : i32} : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x1xf32>
  %d = tosa.sub %x, %mx : (tensor<1x4x8x8xf32>, tensor<1x4x8x1xf32>) -> tensor<1x4x8x8xf32>
  %e = tosa.exp %d : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  %sum = tosa.reduce_sum %e {axis = 3 : i32} : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x1xf32>
  %rcp = tosa.reciprocal %sum : (tensor<1x4x8x1xf32>) -> tensor<1x4x8x1xf32>
  %p = tosa.mul %e, %rcp, %shift : (tensor<1x4x8x8xf32>, tensor<1x4x8x1xf32>, tensor<1xi8>) -> tensor<1x4x8x8xf32>
  %p3 = tosa.reshape %p, %s3 : (tensor<1x4x8x8xf32>, !tosa.shape<3>) -> tensor<4x8x8xf32>
  %v3 = tosa.reshape %v, %q3s : (tensor<1x4x8x4xf32>, !tosa.shape<3>) -> tensor<4x8x4xf32>
  %o3 = tosa.matmul %p3, %v3, %zp, %zp : (tensor<4x8x8xf32>, tensor<4x8x4xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<4x8x4xf32>
  %o = tosa.reshape %o3, %o4s : (tensor<4x8x4xf32>, !tosa.shape<4>) -> tensor<1x4x8x4xf32>
  return %o : tensor<1x4x8x4xf32>
}

// CHECK-LABEL: func.func @tosa_causal_arange
// CHECK: attn.attention %arg0, %arg1, %arg2 {scale = 5.000000e-01 : f64, sparsity = #attn.causal}
// CHECK-NOT: tosa.matmul
// CHECK-NOT: tosa.reduce_max
func.func @tosa_causal_arange(%q: tensor<1x4x8x4xf32>, %k: tensor<1x4x8x4xf32>, %v: tensor<1x4x8x4xf32>) -> tensor<1x4x8x4xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %shift = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %s3 = tosa.const_shape {values = dense<[4, 8, 8]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %s4 = tosa.const_shape {values = dense<[1, 4, 8, 8]> : tensor<4xindex>} : () -> !tosa.shape<4>
  %q3s = tosa.const_shape {values = dense<[4, 8, 4]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %o4s = tosa.const_shape {values = dense<[1, 4, 8, 4]> : tensor<4xindex>} : () -> !tosa.shape<4>
  %kt = tosa.transpose %k {perms = array<i32: 0, 1, 3, 2>} : (tensor<1x4x8x4xf32>) -> tensor<1x4x4x8xf32>
  %kts = tosa.const_shape {values = dense<[4, 4, 8]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %q3 = tosa.reshape %q, %q3s : (tensor<1x4x8x4xf32>, !tosa.shape<3>) -> tensor<4x8x4xf32>
  %k3 = tosa.reshape %kt, %kts : (tensor<1x4x4x8xf32>, !tosa.shape<3>) -> tensor<4x4x8xf32>
  %sm = tosa.matmul %q3, %k3, %zp, %zp : (tensor<4x8x4xf32>, tensor<4x4x8xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<4x8x8xf32>
  %s = tosa.reshape %sm, %s4 : (tensor<4x8x8xf32>, !tosa.shape<4>) -> tensor<1x4x8x8xf32>
  %scale = "tosa.const"() <{values = dense<0.5> : tensor<1x1x1x1xf32>}> : () -> tensor<1x1x1x1xf32>
  %x0 = tosa.mul %s, %scale, %shift : (tensor<1x4x8x8xf32>, tensor<1x1x1x1xf32>, tensor<1xi8>) -> tensor<1x4x8x8xf32>
  %ar = "tosa.const"() <{values = dense<[0, 1, 2, 3, 4, 5, 6, 7]> : tensor<8xi64>}> : () -> tensor<8xi64>
  %rs = tosa.const_shape {values = dense<[1, 8]> : tensor<2xindex>} : () -> !tosa.shape<2>
  %cs = tosa.const_shape {values = dense<[8, 1]> : tensor<2xindex>} : () -> !tosa.shape<2>
  %row = tosa.reshape %ar, %rs : (tensor<8xi64>, !tosa.shape<2>) -> tensor<1x8xi64>
  %col = tosa.reshape %ar, %cs : (tensor<8xi64>, !tosa.shape<2>) -> tensor<8x1xi64>
  %rel = tosa.sub %row, %col : (tensor<1x8xi64>, tensor<8x1xi64>) -> tensor<8x8xi64>
  %zero = "tosa.const"() <{values = dense<0> : tensor<1x1xi64>}> : () -> tensor<1x1xi64>
  %vis = tosa.greater_equal %zero, %rel : (tensor<1x1xi64>, tensor<8x8xi64>) -> tensor<8x8xi1>
  %f0 = "tosa.const"() <{values = dense<0.0> : tensor<1x1xf32>}> : () -> tensor<1x1xf32>
  %fm = "tosa.const"() <{values = dense<0xFF800000> : tensor<1x1xf32>}> : () -> tensor<1x1xf32>
  %add = tosa.select %vis, %f0, %fm : (tensor<8x8xi1>, tensor<1x1xf32>, tensor<1x1xf32>) -> tensor<8x8xf32>
  %ps = tosa.const_shape {values = dense<[1, 1, 8, 8]> : tensor<4xindex>} : () -> !tosa.shape<4>
  %add4 = tosa.reshape %add, %ps : (tensor<8x8xf32>, !tosa.shape<4>) -> tensor<1x1x8x8xf32>
  %x = tosa.add %x0, %add4 : (tensor<1x4x8x8xf32>, tensor<1x1x8x8xf32>) -> tensor<1x4x8x8xf32>
  %mx = tosa.reduce_max %x {axis = 3 : i32} : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x1xf32>
  %d = tosa.sub %x, %mx : (tensor<1x4x8x8xf32>, tensor<1x4x8x1xf32>) -> tensor<1x4x8x8xf32>
  %e = tosa.exp %d : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  %sum = tosa.reduce_sum %e {axis = 3 : i32} : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x1xf32>
  %rcp = tosa.reciprocal %sum : (tensor<1x4x8x1xf32>) -> tensor<1x4x8x1xf32>
  %p = tosa.mul %e, %rcp, %shift : (tensor<1x4x8x8xf32>, tensor<1x4x8x1xf32>, tensor<1xi8>) -> tensor<1x4x8x8xf32>
  %p3 = tosa.reshape %p, %s3 : (tensor<1x4x8x8xf32>, !tosa.shape<3>) -> tensor<4x8x8xf32>
  %v3 = tosa.reshape %v, %q3s : (tensor<1x4x8x4xf32>, !tosa.shape<3>) -> tensor<4x8x4xf32>
  %o3 = tosa.matmul %p3, %v3, %zp, %zp : (tensor<4x8x8xf32>, tensor<4x8x4xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<4x8x4xf32>
  %o = tosa.reshape %o3, %o4s : (tensor<4x8x4xf32>, !tosa.shape<4>) -> tensor<1x4x8x4xf32>
  return %o : tensor<1x4x8x4xf32>
}

// CHECK-LABEL: func.func @tosa_bias
// CHECK: attn.attention %arg0, %arg1, %arg2 bias(%{{.*}} : tensor<1x4x8x8xf32>)
// CHECK-NOT: tosa.matmul
// CHECK-NOT: tosa.reduce_max
func.func @tosa_bias(%q: tensor<1x4x8x4xf32>, %k: tensor<1x4x8x4xf32>, %v: tensor<1x4x8x4xf32>, %b: tensor<1x4x8x8xf32>) -> tensor<1x4x8x4xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %shift = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %s3 = tosa.const_shape {values = dense<[4, 8, 8]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %s4 = tosa.const_shape {values = dense<[1, 4, 8, 8]> : tensor<4xindex>} : () -> !tosa.shape<4>
  %q3s = tosa.const_shape {values = dense<[4, 8, 4]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %o4s = tosa.const_shape {values = dense<[1, 4, 8, 4]> : tensor<4xindex>} : () -> !tosa.shape<4>
  %kt = tosa.transpose %k {perms = array<i32: 0, 1, 3, 2>} : (tensor<1x4x8x4xf32>) -> tensor<1x4x4x8xf32>
  %kts = tosa.const_shape {values = dense<[4, 4, 8]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %q3 = tosa.reshape %q, %q3s : (tensor<1x4x8x4xf32>, !tosa.shape<3>) -> tensor<4x8x4xf32>
  %k3 = tosa.reshape %kt, %kts : (tensor<1x4x4x8xf32>, !tosa.shape<3>) -> tensor<4x4x8xf32>
  %sm = tosa.matmul %q3, %k3, %zp, %zp : (tensor<4x8x4xf32>, tensor<4x4x8xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<4x8x8xf32>
  %s = tosa.reshape %sm, %s4 : (tensor<4x8x8xf32>, !tosa.shape<4>) -> tensor<1x4x8x8xf32>
  %scale = "tosa.const"() <{values = dense<0.5> : tensor<1x1x1x1xf32>}> : () -> tensor<1x1x1x1xf32>
  %x0 = tosa.mul %s, %scale, %shift : (tensor<1x4x8x8xf32>, tensor<1x1x1x1xf32>, tensor<1xi8>) -> tensor<1x4x8x8xf32>
  %x = tosa.add %x0, %b : (tensor<1x4x8x8xf32>, tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  %mx = tosa.reduce_max %x {axis = 3 : i32} : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x1xf32>
  %d = tosa.sub %x, %mx : (tensor<1x4x8x8xf32>, tensor<1x4x8x1xf32>) -> tensor<1x4x8x8xf32>
  %e = tosa.exp %d : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  %sum = tosa.reduce_sum %e {axis = 3 : i32} : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x1xf32>
  %rcp = tosa.reciprocal %sum : (tensor<1x4x8x1xf32>) -> tensor<1x4x8x1xf32>
  %p = tosa.mul %e, %rcp, %shift : (tensor<1x4x8x8xf32>, tensor<1x4x8x1xf32>, tensor<1xi8>) -> tensor<1x4x8x8xf32>
  %p3 = tosa.reshape %p, %s3 : (tensor<1x4x8x8xf32>, !tosa.shape<3>) -> tensor<4x8x8xf32>
  %v3 = tosa.reshape %v, %q3s : (tensor<1x4x8x4xf32>, !tosa.shape<3>) -> tensor<4x8x4xf32>
  %o3 = tosa.matmul %p3, %v3, %zp, %zp : (tensor<4x8x8xf32>, tensor<4x8x4xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<4x8x4xf32>
  %o = tosa.reshape %o3, %o4s : (tensor<4x8x4xf32>, !tosa.shape<4>) -> tensor<1x4x8x4xf32>
  return %o : tensor<1x4x8x4xf32>
}

// CHECK-LABEL: func.func @tosa_gqa_tile
// CHECK-NOT: tosa.tile
// CHECK: attn.attention %arg0, %arg1, %arg2 {scale = 5.000000e-01 : f64} : tensor<1x4x8x4xf32>, tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32> -> tensor<1x4x8x4xf32>
// CHECK-NOT: tosa.matmul
// CHECK-NOT: tosa.reduce_max
func.func @tosa_gqa_tile(%q: tensor<1x4x8x4xf32>, %k: tensor<1x2x8x4xf32>, %v: tensor<1x2x8x4xf32>) -> tensor<1x4x8x4xf32> {
  %k5s = tosa.const_shape {values = dense<[1, 2, 1, 8, 4]> : tensor<5xindex>} : () -> !tosa.shape<5>
  %mul = tosa.const_shape {values = dense<[1, 1, 2, 1, 1]> : tensor<5xindex>} : () -> !tosa.shape<5>
  %k4s = tosa.const_shape {values = dense<[1, 4, 8, 4]> : tensor<4xindex>} : () -> !tosa.shape<4>
  %k5 = tosa.reshape %k, %k5s : (tensor<1x2x8x4xf32>, !tosa.shape<5>) -> tensor<1x2x1x8x4xf32>
  %kt5 = tosa.tile %k5, %mul : (tensor<1x2x1x8x4xf32>, !tosa.shape<5>) -> tensor<1x2x2x8x4xf32>
  %kr = tosa.reshape %kt5, %k4s : (tensor<1x2x2x8x4xf32>, !tosa.shape<4>) -> tensor<1x4x8x4xf32>
  %v5 = tosa.reshape %v, %k5s : (tensor<1x2x8x4xf32>, !tosa.shape<5>) -> tensor<1x2x1x8x4xf32>
  %vt5 = tosa.tile %v5, %mul : (tensor<1x2x1x8x4xf32>, !tosa.shape<5>) -> tensor<1x2x2x8x4xf32>
  %vr = tosa.reshape %vt5, %k4s : (tensor<1x2x2x8x4xf32>, !tosa.shape<4>) -> tensor<1x4x8x4xf32>
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %shift = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %s3 = tosa.const_shape {values = dense<[4, 8, 8]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %s4 = tosa.const_shape {values = dense<[1, 4, 8, 8]> : tensor<4xindex>} : () -> !tosa.shape<4>
  %q3s = tosa.const_shape {values = dense<[4, 8, 4]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %o4s = tosa.const_shape {values = dense<[1, 4, 8, 4]> : tensor<4xindex>} : () -> !tosa.shape<4>
  %kt = tosa.transpose %kr {perms = array<i32: 0, 1, 3, 2>} : (tensor<1x4x8x4xf32>) -> tensor<1x4x4x8xf32>
  %kts = tosa.const_shape {values = dense<[4, 4, 8]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %q3 = tosa.reshape %q, %q3s : (tensor<1x4x8x4xf32>, !tosa.shape<3>) -> tensor<4x8x4xf32>
  %k3 = tosa.reshape %kt, %kts : (tensor<1x4x4x8xf32>, !tosa.shape<3>) -> tensor<4x4x8xf32>
  %sm = tosa.matmul %q3, %k3, %zp, %zp : (tensor<4x8x4xf32>, tensor<4x4x8xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<4x8x8xf32>
  %s = tosa.reshape %sm, %s4 : (tensor<4x8x8xf32>, !tosa.shape<4>) -> tensor<1x4x8x8xf32>
  %scale = "tosa.const"() <{values = dense<0.5> : tensor<1x1x1x1xf32>}> : () -> tensor<1x1x1x1xf32>
  %x = tosa.mul %s, %scale, %shift : (tensor<1x4x8x8xf32>, tensor<1x1x1x1xf32>, tensor<1xi8>) -> tensor<1x4x8x8xf32>
  %mx = tosa.reduce_max %x {axis = 3 : i32} : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x1xf32>
  %d = tosa.sub %x, %mx : (tensor<1x4x8x8xf32>, tensor<1x4x8x1xf32>) -> tensor<1x4x8x8xf32>
  %e = tosa.exp %d : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  %sum = tosa.reduce_sum %e {axis = 3 : i32} : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x1xf32>
  %rcp = tosa.reciprocal %sum : (tensor<1x4x8x1xf32>) -> tensor<1x4x8x1xf32>
  %p = tosa.mul %e, %rcp, %shift : (tensor<1x4x8x8xf32>, tensor<1x4x8x1xf32>, tensor<1xi8>) -> tensor<1x4x8x8xf32>
  %p3 = tosa.reshape %p, %s3 : (tensor<1x4x8x8xf32>, !tosa.shape<3>) -> tensor<4x8x8xf32>
  %v3 = tosa.reshape %vr, %q3s : (tensor<1x4x8x4xf32>, !tosa.shape<3>) -> tensor<4x8x4xf32>
  %o3 = tosa.matmul %p3, %v3, %zp, %zp : (tensor<4x8x8xf32>, tensor<4x8x4xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<4x8x4xf32>
  %o = tosa.reshape %o3, %o4s : (tensor<4x8x4xf32>, !tosa.shape<4>) -> tensor<1x4x8x4xf32>
  return %o : tensor<1x4x8x4xf32>
}

// CHECK-LABEL: func.func @tosa_f16_casts
// CHECK: attn.attention %arg0, %arg1, %arg2 {scale = 5.000000e-01 : f64} : tensor<1x4x8x4xf16>
// CHECK-NOT: tosa.matmul
// CHECK-NOT: tosa.reduce_max
func.func @tosa_f16_casts(%q: tensor<1x4x8x4xf16>, %k: tensor<1x4x8x4xf16>, %v: tensor<1x4x8x4xf16>) -> tensor<1x4x8x4xf16> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf16>}> : () -> tensor<1xf16>
  %shift = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %s3 = tosa.const_shape {values = dense<[4, 8, 8]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %s4 = tosa.const_shape {values = dense<[1, 4, 8, 8]> : tensor<4xindex>} : () -> !tosa.shape<4>
  %q3s = tosa.const_shape {values = dense<[4, 8, 4]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %o4s = tosa.const_shape {values = dense<[1, 4, 8, 4]> : tensor<4xindex>} : () -> !tosa.shape<4>
  %kt = tosa.transpose %k {perms = array<i32: 0, 1, 3, 2>} : (tensor<1x4x8x4xf16>) -> tensor<1x4x4x8xf16>
  %kts = tosa.const_shape {values = dense<[4, 4, 8]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %q3 = tosa.reshape %q, %q3s : (tensor<1x4x8x4xf16>, !tosa.shape<3>) -> tensor<4x8x4xf16>
  %k3 = tosa.reshape %kt, %kts : (tensor<1x4x4x8xf16>, !tosa.shape<3>) -> tensor<4x4x8xf16>
  %sm = tosa.matmul %q3, %k3, %zp, %zp : (tensor<4x8x4xf16>, tensor<4x4x8xf16>, tensor<1xf16>, tensor<1xf16>) -> tensor<4x8x8xf16>
  %s = tosa.reshape %sm, %s4 : (tensor<4x8x8xf16>, !tosa.shape<4>) -> tensor<1x4x8x8xf16>
  %scale = "tosa.const"() <{values = dense<0.5> : tensor<1x1x1x1xf16>}> : () -> tensor<1x1x1x1xf16>
  %x16 = tosa.mul %s, %scale, %shift : (tensor<1x4x8x8xf16>, tensor<1x1x1x1xf16>, tensor<1xi8>) -> tensor<1x4x8x8xf16>
  %x = tosa.cast %x16 : (tensor<1x4x8x8xf16>) -> tensor<1x4x8x8xf32>
  %mx = tosa.reduce_max %x {axis = 3 : i32} : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x1xf32>
  %d = tosa.sub %x, %mx : (tensor<1x4x8x8xf32>, tensor<1x4x8x1xf32>) -> tensor<1x4x8x8xf32>
  %e = tosa.exp %d : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  %sum = tosa.reduce_sum %e {axis = 3 : i32} : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x1xf32>
  %rcp = tosa.reciprocal %sum : (tensor<1x4x8x1xf32>) -> tensor<1x4x8x1xf32>
  %p = tosa.mul %e, %rcp, %shift : (tensor<1x4x8x8xf32>, tensor<1x4x8x1xf32>, tensor<1xi8>) -> tensor<1x4x8x8xf32>
  %p16 = tosa.cast %p : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf16>
  %p3 = tosa.reshape %p16, %s3 : (tensor<1x4x8x8xf16>, !tosa.shape<3>) -> tensor<4x8x8xf16>
  %v3 = tosa.reshape %v, %q3s : (tensor<1x4x8x4xf16>, !tosa.shape<3>) -> tensor<4x8x4xf16>
  %o3 = tosa.matmul %p3, %v3, %zp, %zp : (tensor<4x8x8xf16>, tensor<4x8x4xf16>, tensor<1xf16>, tensor<1xf16>) -> tensor<4x8x4xf16>
  %o = tosa.reshape %o3, %o4s : (tensor<4x8x4xf16>, !tosa.shape<4>) -> tensor<1x4x8x4xf16>
  return %o : tensor<1x4x8x4xf16>
}
