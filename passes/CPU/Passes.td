//===- Passes.td - CPU codegen passes -*- tablegen -*-===//
#ifndef ATTN_TARGET_CPU_PASSES_TD
#define ATTN_TARGET_CPU_PASSES_TD

include "mlir/Pass/PassBase.td"

def AttnCpuLowerStep : Pass<"attn-cpu-lower-step"> {
  let summary = "Decompose attn.online_attention steps into linalg for the CPU";
  let description = [{
    First pass of --attn-cpu-pipeline. Each per-tile step of the fused
    structure becomes linalg on tensors shaped for the CPU codegen: K^T in
    f32 (the score contraction vectorizes along contiguous keys), S = Q K^T,
    one element-wise op applying the scale and the step's score region
    (inlined with the element's absolute positions), the row max, P, the
    rescale factor, l' and acc'. Steps whose P is rounded to bf16, with bf16
    operands and even D and key tile, contract pairs of the reduction dim
    (dims (i, p, j, v), v = 2 innermost: the VNNI layout of vdpbf16ps).

    With `kernel=registers` (the default) a step whose tiles are static,
    whose query tile and value width are whole vectors, whose P is f32 and
    whose score region is element-wise arithmetic becomes a register
    micro-kernel instead: S^T = K Q^T with lanes over queries (rows of K
    broadcast, no K transpose; Q^T built once per query tile, before the
    key loops), the
    softmax statistics as per-lane vector ops on an L1-resident S^T buffer
    that P overwrites, and acc += P V with lanes over value columns. Other
    steps (bf16 pair form, dynamic tiles, mask or bias operands read per
    element) use the linalg form. `kernel=linalg` always uses it.

    ```sh
    attn-opt in.mlir --attn-fuse --attn-cpu-lower-step
    attn-opt in.mlir --attn-fuse --attn-cpu-lower-step=kernel=linalg
    ```
  }];
  let options = [
    Option<"kernel", "kernel", "::mlir::attn::CpuStepKernel",
           "::mlir::attn::CpuStepKernel::Registers",
           "How steps are decomposed",
           [{::llvm::cl::values(
             clEnumValN(::mlir::attn::CpuStepKernel::Registers, "registers",
                        "register micro-kernel where it applies, else linalg"),
             clEnumValN(::mlir::attn::CpuStepKernel::Linalg, "linalg",
                        "linalg ops for the CPU vectorizer"))}]>,
    Option<"vectorBits", "vector-bits", "unsigned", "512",
           "Width of the target's vector registers in bits (128, 256 or 512)">
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::math::MathDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::tensor::TensorDialect",
    "::mlir::vector::VectorDialect"
  ];
}

def AttnCpuLinalgToLoops : Pass<"attn-cpu-linalg-to-loops"> {
  let summary = "Lower buffer-level linalg ops to loops, parallel only at the top";
  let description = [{
    Part of --attn-cpu-pipeline. Linalg ops on memrefs become scf.parallel
    loops (run on OpenMP threads) when they are not inside any loop, and
    sequential scf.for loops when they are, so threads are forked once per
    top-level region, never nested and never per iteration of a loop.
    Copies inside loops between buffers that are not both contiguous
    (which would call the generic element-by-element `memrefCopy` runtime)
    become loops too; copies of a buffer onto itself (left by bufferization
    where a tile updated in place is inserted back into its own slice) are
    erased.
  }];
  let dependentDialects = [
    "::mlir::scf::SCFDialect",
    "::mlir::memref::MemRefDialect"
  ];
}

def AttnCpuInlineAllocaScopes : Pass<"attn-cpu-inline-alloca-scopes"> {
  let summary = "Inline memref.alloca_scope ops that hold no stack allocation";
  let description = [{
    Part of --attn-cpu-pipeline. convert-scf-to-openmp wraps every parallel
    loop body in a memref.alloca_scope; its region must stay a single block,
    which breaks once nested scf.for loops become control flow. Scopes
    without a memref.alloca inside release nothing and are inlined.
  }];
}

def AttnCpuCheckAllocations : Pass<"attn-cpu-check-allocations"> {
  let summary = "Stop with an out-of-memory message when an allocation fails";
  let description = [{
    Part of --attn-cpu-pipeline, after bufferization. Follows every
    memref.alloc of at least `min-bytes` bytes (and every one of dynamic
    size) by a null check: cf.assert with "attn: out of memory ...", so that
    a failed malloc stops the program with a message (attn-run reports it as
    an error) instead of a write through a null pointer.
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::cf::ControlFlowDialect"];
  let options = [
    Option<"minBytes", "min-bytes", "uint64_t", /*default=*/"1 << 20",
           "check allocations of at least this many bytes (static sizes)">
  ];
}

def AttnCpuApproximateMath : Pass<"attn-cpu-approximate-math"> {
  let summary = "Replace f32 exp/log/tanh by polynomial approximations";
  let description = [{
    Part of --attn-cpu-pipeline. math.exp, math.log and math.tanh lower to
    libm calls that the x86 backend never vectorizes; the polynomial
    approximations of upstream MLIR are plain arith ops (accurate to a few
    ulp in f32) that vectorize with the surrounding loop.

    With `avx512-scalef` (set by the CPU pipeline for 512-bit targets),
    math.exp on vector<16xf32> becomes 2^n p(f) instead: t = x log2(e) with
    t clamped below at -150, n = roundeven(t), f = t - n, p a degree-7
    polynomial of 2^f (about 1e-8 relative error), and the scaling by 2^n
    done by `vscalefps` (x86vector.avx512.mask.scalef), which turns overflow
    into +inf and underflow into 0 by itself. About 12 instructions per
    vector instead of about 30; NaN propagates.

    ```sh
    attn-opt in.mlir --attn-cpu-approximate-math=avx512-scalef=true
    ```
  }];
  let options = [
    Option<"avx512Scalef", "avx512-scalef", "bool", "false",
           "exp of 16 x f32 vectors through AVX-512 vscalefps">
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::math::MathDialect",
    "::mlir::vector::VectorDialect",
    "::mlir::x86vector::X86VectorDialect"
  ];
}

def AttnCpuVectorize : Pass<"attn-cpu-vectorize"> {
  let summary = "Register-tile and vectorize the statically shaped linalg ops of tiled loops";
  let description = [{
    Part of --attn-cpu-pipeline, on tensors. Linalg ops with static shapes
    inside loops (the tiles of the fused lowering) are tiled with upstream
    TilingInterface tiling so that each piece fits the vector registers,
    then vectorized with linalg::vectorize:
    - contractions (two parallel dims around or beside one reduction) are
      tiled to R rows with R * ceil(N / lanes) <= 16 accumulators and become
      vector.contract, lowered later to outer-product FMAs;
    - transposes are tiled to 16 x 16 and become vector.transpose shuffles;
    - other 2-d ops (element-wise, row reductions, row broadcasts) are tiled
      to one row: vector<1 x N> arithmetic and horizontal reductions (rows
      wider than 16 vectors in pieces of 16 vectors);
    - 1-d ops are vectorized whole;
    - bf16 contractions over pairs of the reduction dim (the form
      `attn-fuse{bf16-dot=true}` emits: dims (i, p, j, v), v of size 2
      innermost) are tiled like contractions; with `bf16-dot`, their
      vector.contract becomes x86vector.avx512.dot (vdpbf16ps) on
      16-lane f32 accumulators, one broadcast bf16 pair of the lhs row
      against 16 packed pairs of the rhs.
    Ops it cannot vectorize stay as they are (loops later).
  }];
  let options = [
    Option<"vectorBits", "vector-bits", "int64_t", "512",
           "Width of the target's vector registers in bits">,
    Option<"bf16Dot", "bf16-dot", "bool", "false",
           "Lower bf16 pair contractions to AVX512-BF16 dot products">
  ];
  let dependentDialects = [
    "::mlir::linalg::LinalgDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::tensor::TensorDialect",
    "::mlir::vector::VectorDialect",
    "::mlir::x86vector::X86VectorDialect"
  ];
}

def AttnCpuTarget : Pass<"attn-cpu-target", "::mlir::ModuleOp"> {
  let summary = "Tag LLVM functions with the CPU and features to generate code for";
  let description = [{
    Last step of --attn-cpu-pipeline: sets `target_cpu` and
    `target_features` on every llvm.func, so that whoever generates machine
    code (attn-run's JIT, llc, clang) targets the selected CPU.
    `cpu` is `avx512` (x86-64-v4, the default), `x86-64-v3` (AVX2 + FMA),
    `avx512-bf16`, `host` (this machine, with its detected features: only
    when asked for, so that the output does not depend on the machine) or
    an x86-64 CPU name from LLVM's table (`znver4`, `sapphirerapids`, ...);
    an unknown name is rejected when the option is parsed. The vector
    width and BF16 dot products follow from the CPU's features in that
    table.

    ```mlir
    llvm.func @f() attributes {target_cpu = "x86-64-v3"}
    ```
  }];
  let options = [
    Option<"cpu", "cpu", "::mlir::attn::CpuName", "::mlir::attn::kDefaultCpu",
           "avx512 (default), x86-64-v3, avx512-bf16, host (this machine) "
           "or an x86-64 CPU name of LLVM's">
  ];
  let dependentDialects = ["::mlir::LLVM::LLVMDialect"];
}

#endif // ATTN_TARGET_CPU_PASSES_TD
