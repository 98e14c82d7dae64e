// RUN: attn-opt %s --attn-fuse="bf16-dot=true split-kv=never" --attn-cpu-lower-step --attn-cpu-vectorize=bf16-dot=true | FileCheck %s --check-prefix=DOT
// RUN: attn-opt %s --attn-fuse="bf16-dot=true split-kv=never" --attn-cpu-lower-step --attn-cpu-vectorize=bf16-dot=false | FileCheck %s --check-prefix=FMA
// RUN: attn-opt %s --attn-fuse="bf16-dot=true split-kv=never" --attn-cpu-pipeline=cpu=avx512-bf16 | FileCheck %s --check-prefix=LLVM

// bf16 pair contractions (attn-fuse{bf16-dot=true}) become register-blocked
// micro-kernels. With AVX512-BF16: one vdpbf16ps per (row, pair, 16 or 8
// output lanes), the lhs pair broadcast as one 32-bit lane, the rhs pairs
// read as whole rows of the packed tile. Without it: the packed pairs
// split into even/odd halves, extended to f32 and multiplied with FMAs.

// Q K^T: 32 keys = two 16-lane blocks. P V: Dv = 24 = one 16-lane and one
// 8-lane block.
// DOT-LABEL: func.func @dot(
// DOT: x86vector.avx512.dot %{{.*}}, %{{.*}}, %{{.*}} : vector<32xbf16> -> vector<16xf32>
// DOT: x86vector.avx512.dot %{{.*}}, %{{.*}}, %{{.*}} : vector<16xbf16> -> vector<8xf32>
// DOT-NOT: vector.contract {{.*}}bf16
// DOT: return

// FMA-LABEL: func.func @dot(
// FMA-NOT: x86vector
// FMA: vector.deinterleave %{{.*}} : vector<32xbf16> -> vector<16xbf16>
// FMA: vector.fma %{{.*}} : vector<16xf32>
// FMA-NOT: vector.contract {{.*}}bf16
// FMA: return

// LLVM-LABEL: llvm.func @dot(
// LLVM: llvm.call_intrinsic "llvm.x86.avx512bf16.dpbf16ps.512"
// LLVM: llvm.call_intrinsic "llvm.x86.avx512bf16.dpbf16ps.256"
func.func @dot(%q: tensor<1x1x64x24xbf16>, %k: tensor<1x1x64x24xbf16>,
               %v: tensor<1x1x64x24xbf16>) -> tensor<1x1x64x24xbf16> {
  %o = attn.attention %q, %k, %v {tiling = #attn.tiling<query = 32, key = 32>}
      : tensor<1x1x64x24xbf16>, tensor<1x1x64x24xbf16>,
        tensor<1x1x64x24xbf16> -> tensor<1x1x64x24xbf16>
  return %o : tensor<1x1x64x24xbf16>
}
