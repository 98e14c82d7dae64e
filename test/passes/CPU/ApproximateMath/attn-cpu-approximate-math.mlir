// RUN: attn-opt %s --attn-cpu-approximate-math | FileCheck %s
// RUN: attn-opt %s --attn-cpu-approximate-math=avx512-scalef=true | FileCheck %s --check-prefix=SCALEF

// --attn-cpu-approximate-math replaces f32 math.exp, math.log and math.tanh
// (scalars and vectors) by the polynomial approximations of upstream MLIR:
// plain arith ops (and math.fma / math.floor / math.absf, which lower to
// instructions) that vectorize with the surrounding loop, instead of libm
// calls. Other types and other math functions are left alone.

// CHECK-LABEL: func.func @scalar_f32(
// CHECK-NOT: math.exp
// CHECK-NOT: math.log
// CHECK-NOT: math.tanh
// CHECK: math.fma {{.*}} : f32
// CHECK-NOT: math.exp
// CHECK-NOT: math.log
// CHECK-NOT: math.tanh
// CHECK: return %{{.*}}, %{{.*}}, %{{.*}} : f32, f32, f32
func.func @scalar_f32(%x: f32) -> (f32, f32, f32) {
  %e = math.exp %x : f32
  %l = math.log %x : f32
  %t = math.tanh %x : f32
  return %e, %l, %t : f32, f32, f32
}

// Each function alone, so that a missing rewrite of one of them is caught.
// CHECK-LABEL: func.func @exp_f32(
// CHECK-NOT: math.exp
// CHECK: math.floor
// CHECK-NOT: math.exp
// CHECK: return
func.func @exp_f32(%x: f32) -> f32 {
  %e = math.exp %x : f32
  return %e : f32
}

// CHECK-LABEL: func.func @log_f32(
// CHECK-NOT: math.log
// CHECK: math.fma
// CHECK-NOT: math.log
// CHECK: return
func.func @log_f32(%x: f32) -> f32 {
  %l = math.log %x : f32
  return %l : f32
}

// CHECK-LABEL: func.func @tanh_f32(
// CHECK-NOT: math.tanh
// CHECK: math.fma
// CHECK-NOT: math.tanh
// CHECK: return
func.func @tanh_f32(%x: f32) -> f32 {
  %t = math.tanh %x : f32
  return %t : f32
}

// Vectors keep their shape: the approximation is element-wise.
// CHECK-LABEL: func.func @vector_f32(
// CHECK-NOT: math.exp
// CHECK-NOT: math.log
// CHECK-NOT: math.tanh
// CHECK: math.fma {{.*}} : vector<8xf32>
// CHECK-NOT: math.exp
// CHECK-NOT: math.log
// CHECK-NOT: math.tanh
// CHECK: return %{{.*}}, %{{.*}}, %{{.*}} : vector<8xf32>, vector<8xf32>, vector<4x16xf32>
func.func @vector_f32(%x: vector<8xf32>, %y: vector<4x16xf32>)
    -> (vector<8xf32>, vector<8xf32>, vector<4x16xf32>) {
  %e = math.exp %x : vector<8xf32>
  %l = math.log %x : vector<8xf32>
  %t = math.tanh %y : vector<4x16xf32>
  return %e, %l, %t : vector<8xf32>, vector<8xf32>, vector<4x16xf32>
}

// f64 is untouched (the approximations are accurate to f32 only).
// CHECK-LABEL: func.func @f64_untouched(
// CHECK-SAME: %[[X:[^:]*]]: f64, %[[V:[^:]*]]: vector<4xf64>)
// CHECK-NEXT: %[[E:.*]] = math.exp %[[X]] : f64
// CHECK-NEXT: %[[L:.*]] = math.log %[[X]] : f64
// CHECK-NEXT: %[[T:.*]] = math.tanh %[[X]] : f64
// CHECK-NEXT: %[[EV:.*]] = math.exp %[[V]] : vector<4xf64>
// CHECK-NEXT: return %[[E]], %[[L]], %[[T]], %[[EV]]
func.func @f64_untouched(%x: f64, %v: vector<4xf64>) -> (f64, f64, f64, vector<4xf64>) {
  %e = math.exp %x : f64
  %l = math.log %x : f64
  %t = math.tanh %x : f64
  %ev = math.exp %v : vector<4xf64>
  return %e, %l, %t, %ev : f64, f64, f64, vector<4xf64>
}

// Functions other than exp, log and tanh are not rewritten.
// CHECK-LABEL: func.func @other_functions(
// CHECK-SAME: %[[X:[^:]*]]: f32)
// CHECK-NEXT: %[[S:.*]] = math.sqrt %[[X]] : f32
// CHECK-NEXT: %[[C:.*]] = math.cos %[[X]] : f32
// CHECK-NEXT: %[[E:.*]] = math.erf %[[X]] : f32
// CHECK-NEXT: return %[[S]], %[[C]], %[[E]]
func.func @other_functions(%x: f32) -> (f32, f32, f32) {
  %s = math.sqrt %x : f32
  %c = math.cos %x : f32
  %e = math.erf %x : f32
  return %s, %c, %e : f32, f32, f32
}

// f16 is computed in f32: extended, approximated, truncated back.
// CHECK-LABEL: func.func @exp_f16(
// CHECK-SAME: %[[X:[^:]*]]: f16)
// CHECK-NOT: math.exp
// CHECK: arith.extf %[[X]] : f16 to f32
// CHECK-NOT: math.exp
// CHECK: %[[R:.*]] = arith.truncf %{{.*}} : f32 to f16
// CHECK-NEXT: return %[[R]] : f16
func.func @exp_f16(%x: f16) -> f16 {
  %e = math.exp %x : f16
  return %e : f16
}

// With avx512-scalef, exp of a 16 x f32 vector is 2^n p(f) with the scaling
// by vscalefps: t = x log2(e) clamped below at -150 (ordered compare, so NaN
// passes), n = roundeven(t), a degree-7 polynomial in f = t - n (seven
// FMAs), one scalef with every mask bit set (its operands go to the
// intrinsic in order: a = p, b = n, passthru). log and other widths keep the
// generic approximation.
// SCALEF-LABEL: func.func @exp_v16(
// SCALEF: %[[T:.*]] = arith.mulf %{{.*}}, %{{.*}} : vector<16xf32>
// SCALEF: %[[LO:.*]] = arith.cmpf olt, %[[T]], %{{.*}} : vector<16xf32>
// SCALEF: %[[TC:.*]] = arith.select %[[LO]], %{{.*}}, %[[T]] : vector<16xi1>, vector<16xf32>
// SCALEF: %[[N:.*]] = math.roundeven %[[TC]] : vector<16xf32>
// SCALEF: %[[F:.*]] = arith.subf %[[TC]], %[[N]] : vector<16xf32>
// SCALEF-COUNT-7: math.fma
// SCALEF: x86vector.avx512.mask.scalef %[[P:.*]], %[[N]], %[[P]], %{{.*}}, %{{.*}} : vector<16xf32>
// SCALEF-NOT: math.exp
// SCALEF: return
// SCALEF-LABEL: func.func @exp_v8(
// SCALEF-NOT: x86vector
// SCALEF: return
func.func @exp_v16(%x: vector<16xf32>) -> vector<16xf32> {
  %e = math.exp %x : vector<16xf32>
  return %e : vector<16xf32>
}
func.func @exp_v8(%x: vector<8xf32>) -> vector<8xf32> {
  %e = math.exp %x : vector<8xf32>
  return %e : vector<8xf32>
}
