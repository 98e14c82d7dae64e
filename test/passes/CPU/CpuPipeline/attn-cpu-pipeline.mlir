// Each output is checked by several FileCheck runs: the -NOT-only prefixes
// (LLVM, NOLIBM, SEQ) must scan the whole output, which they only do in a
// run without positive checks.
// RUN: attn-opt %s --attn-fuse=split-kv=never --attn-cpu-pipeline -o %t.fused
// RUN: FileCheck %s --input-file=%t.fused --check-prefixes=LLVM,NOLIBM
// RUN: FileCheck %s --input-file=%t.fused --check-prefix=FUNCS
// RUN: FileCheck %s --input-file=%t.fused --check-prefix=OMP
// RUN: attn-opt %s --attn-fuse="split-kv=always kv-splits=2 key-tile=8" --attn-cpu-pipeline -o %t.split
// RUN: FileCheck %s --input-file=%t.split --check-prefixes=LLVM,NOLIBM
// RUN: FileCheck %s --input-file=%t.split --check-prefix=FUNCS
// RUN: FileCheck %s --input-file=%t.split --check-prefix=OMP
// RUN: attn-opt %s --attn-decompose --attn-cpu-pipeline -o %t.unfused
// RUN: FileCheck %s --input-file=%t.unfused --check-prefixes=LLVM,NOLIBM
// RUN: FileCheck %s --input-file=%t.unfused --check-prefix=FUNCS
// RUN: FileCheck %s --input-file=%t.unfused --check-prefix=OMP
// RUN: attn-opt %s --attn-fuse=split-kv=never --attn-cpu-pipeline=parallel=false -o %t.fused-seq
// RUN: FileCheck %s --input-file=%t.fused-seq --check-prefixes=LLVM,NOLIBM,SEQ
// RUN: FileCheck %s --input-file=%t.fused-seq --check-prefix=FUNCS
// RUN: attn-opt %s --attn-decompose --attn-cpu-pipeline=parallel=false -o %t.unfused-seq
// RUN: FileCheck %s --input-file=%t.unfused-seq --check-prefixes=LLVM,NOLIBM,SEQ
// RUN: FileCheck %s --input-file=%t.unfused-seq --check-prefix=FUNCS

// --attn-cpu-pipeline takes the tensor-level output of either lowering
// (--attn-fuse or --attn-decompose) all the way to the LLVM dialect. What
// remains besides llvm.* ops are the OpenMP dialect ops of the parallel loops
// (omp.parallel / omp.wsloop / omp.loop_nest, translated to __kmpc_* runtime
// calls only when the module is translated to LLVM IR); with parallel=false
// there are none. exp, log and tanh are polynomial approximations (plain
// FMAs that vectorize), never libm calls or llvm.intr.exp/log.

// Nothing but llvm.* and omp.* operations (the first line matches any op of
// another dialect at the start of a line; llvm.intr.vector.* intrinsics are
// LLVM ops).
// LLVM-NOT: {{^ *(%[^ ]+ = )?"?(attn|linalg|scf|memref|tensor|math|arith|vector|affine|cf|bufferization|func|index|ub)\.}}
// LLVM-NOT: unrealized_conversion_cast
// LLVM-NOT: attn.
// LLVM-NOT: linalg.
// LLVM-NOT: scf.
// LLVM-NOT: memref.
// LLVM-NOT: tensor.

// No transcendental function calls anywhere.
// NOLIBM-NOT: {{@expf|@exp\(|@logf|@log\(|@tanhf|llvm.intr.exp|llvm.intr.log|llvm.intr.tanh|math.exp|math.log|math.tanh}}

// OpenMP: each parallel region is an omp.parallel around a work-shared loop.
// OMP: omp.parallel {
// OMP: omp.wsloop {
// OMP-NEXT: omp.loop_nest (%{{.*}}) : i64 = (%{{.*}}) to (%{{.*}}) step (%{{.*}}) {
// OMP: omp.yield
// OMP: omp.terminator

// parallel=false: sequential loops only.
// SEQ-NOT: omp.

// Both functions are there, as LLVM functions on memref descriptors, with
// the FMAs of the approximated exp/tanh.
// FUNCS: llvm.func @causal_lse(%{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr, %{{.*}}: i64,
// FUNCS: llvm.intr.fma
// FUNCS: llvm.return
// FUNCS: llvm.func @f16_mask_softcap(%{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr, %{{.*}}: i64,
// FUNCS: llvm.intr.fma
// FUNCS: llvm.return

func.func @causal_lse(%q: tensor<1x2x16x8xf32>, %k: tensor<1x2x24x8xf32>,
                      %v: tensor<1x2x24x8xf32>)
    -> (tensor<1x2x16x8xf32>, tensor<1x2x16xf32>) {
  %o, %l = attn.attention %q, %k, %v {sparsity = #attn.causal}
      : tensor<1x2x16x8xf32>, tensor<1x2x24x8xf32>, tensor<1x2x24x8xf32>
      -> tensor<1x2x16x8xf32>, tensor<1x2x16xf32>
  return %o, %l : tensor<1x2x16x8xf32>, tensor<1x2x16xf32>
}

// f16 with a mask and a softcap (math.tanh).
func.func @f16_mask_softcap(%q: tensor<1x4x3x8xf16>, %k: tensor<1x2x20x8xf16>,
                            %v: tensor<1x2x20x8xf16>, %m: tensor<1x20xi1>)
    -> tensor<1x4x3x8xf16> {
  %o = attn.attention %q, %k, %v mask(%m : tensor<1x20xi1>) {softcap = 30.0 : f64}
      : tensor<1x4x3x8xf16>, tensor<1x2x20x8xf16>, tensor<1x2x20x8xf16>
      -> tensor<1x4x3x8xf16>
  return %o : tensor<1x4x3x8xf16>
}
