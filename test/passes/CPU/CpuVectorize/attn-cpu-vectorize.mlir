// RUN: attn-opt %s --attn-fuse=split-kv=never --attn-cpu-lower-step=kernel=linalg --attn-cpu-vectorize | FileCheck %s --check-prefix=V512
// RUN: attn-opt %s --attn-fuse=split-kv=never --attn-cpu-lower-step=kernel=linalg --attn-cpu-vectorize=vector-bits=256 | FileCheck %s --check-prefix=V256
// RUN: attn-opt %s --attn-fuse=split-kv=never --attn-cpu-pipeline=cpu=avx512 | FileCheck %s --check-prefix=LLVM
// RUN: attn-opt %s --attn-cpu-vectorize | FileCheck %s --check-prefix=TOP
// Widths no vector register has are refused when the options are parsed.
// RUN: not attn-opt %s --attn-cpu-vectorize=vector-bits=7 -o /dev/null 2>&1 | FileCheck %s --check-prefix=BITS
// RUN: not attn-opt %s --attn-cpu-vectorize=vector-bits=0 -o /dev/null 2>&1 | FileCheck %s --check-prefix=BITS
// BITS: vector-bits must be 128, 256 or 512, got {{(7|0)}}

// Tiles of 64 x 64 with D = Dv = 64. With 512-bit vectors (16 lanes) an
// output row of 64 floats is 4 registers, so contractions are register-tiled
// to 4 rows (16 accumulators); with 256-bit vectors to 2 rows.
// V512-LABEL: func.func @fused(
// V512: vector.transpose %{{.*}}, [1, 0] : vector<16x16xf32> to vector<16x16xf32>
// V512: vector.contract {{.*}} : vector<4x64xf32>, vector<64x64xf32> into vector<4x64xf32>
// Row max and row sum: one row at a time, reducing the contiguous dim.
// V512: vector.multi_reduction <maxnumf>, %{{.*}}, %{{.*}} [1] : vector<1x64xf32> to vector<1xf32>
// V512: vector.multi_reduction <add>, %{{.*}}, %{{.*}} [1] : vector<1x64xf32> to vector<1xf32>
// P V is register-tiled like Q K^T.
// V512: vector.contract {{.*}} : vector<4x64xf32>, vector<64x64xf32> into vector<4x64xf32>
// No contraction is left to scalar loops.
// V512-NOT: linalg.generic {{.*}}"reduction"

// V256-LABEL: func.func @fused(
// V256: vector.contract {{.*}} : vector<2x64xf32>, vector<64x64xf32> into vector<2x64xf32>
// V256-NOT: vector<4x64xf32>

// The whole pipeline (register kernel by default) multiplies 16-lane
// vectors with multiply-adds that may contract into FMAs; the vectorized exp
// is plain arithmetic (no libm call).
// LLVM-LABEL: llvm.func @fused(
// LLVM: llvm.fmul {{.*}} {fastmathFlags = #llvm.fastmath<contract>} : vector<16xf32>
// LLVM-NEXT: llvm.fadd {{.*}} {fastmathFlags = #llvm.fastmath<contract>} : vector<16xf32>
// LLVM-NOT: llvm.call @expf
func.func @fused(%q: tensor<1x2x128x64xf32>, %k: tensor<1x2x256x64xf32>,
                 %v: tensor<1x2x256x64xf32>) -> tensor<1x2x128x64xf32> {
  %o = attn.attention %q, %k, %v
      : tensor<1x2x128x64xf32>, tensor<1x2x256x64xf32>, tensor<1x2x256x64xf32>
      -> tensor<1x2x128x64xf32>
  return %o : tensor<1x2x128x64xf32>
}

// Linalg ops outside loops (the unfused baseline, the split-KV merge) are
// left to the loop lowering.
// TOP-LABEL: func.func @top_level(
// TOP: linalg.generic
// TOP-NOT: vector.
func.func @top_level(%a: tensor<64x64xf32>, %b: tensor<64x64xf32>) -> tensor<64x64xf32> {
  %0 = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>],
                       iterator_types = ["parallel", "parallel"]}
      ins(%a : tensor<64x64xf32>) outs(%b : tensor<64x64xf32>) {
  ^bb0(%x: f32, %y: f32):
    %s = arith.addf %x, %y : f32
    linalg.yield %s : f32
  } -> tensor<64x64xf32>
  return %0 : tensor<64x64xf32>
}
