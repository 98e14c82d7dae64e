//===- Passes.td - attn passes -----------------------------*- tablegen -*-===//
#ifndef ATTN_PASSES_TD
#define ATTN_PASSES_TD

include "mlir/Pass/PassBase.td"

def AttnDecompose : Pass<"attn-decompose"> {
  let summary = "Lower attn.attention to unfused linalg on tensors";
  let description = [{
    The reference lowering: scores = scale * Q K^T as a linalg contraction,
    score modifiers and masks (masked scores become -inf) element-wise, a
    row-wise max/exp/sum softmax, then P V and the final division. It
    materializes the full [B, Hq, Sq, Skv] score tensor: it is the
    unfused baseline the fused lowerings are measured against.

    Fully masked rows give 0 and lse = -inf (docs/semantics.md).
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::cf::ControlFlowDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::math::MathDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::tensor::TensorDialect"
  ];
}

def AttnFuse : Pass<"attn-fuse"> {
  let summary = "Lower attn.attention to the fused online-softmax form";
  let description = [{
    FlashAttention-2 forward (docs/semantics.md, math note section 2):
    an scf.forall over (batch, query head, query tile) and, inside, loops
    over key tiles carrying the running max, running sum and accumulator;
    one rescale per key tile and one division at the end. No value of size
    Sq x Skv exists in the output.

    Structured patterns (causal, sliding window) are applied through loop
    bounds: key tiles outside every row's window are never visited, tiles
    inside every row's window run without an element mask, and only the
    boundary tiles (and the tile at the end of the key sequence) test
    elements. Patterns whose visible keys are not one monotone interval per
    row (dilated windows, global/sink tokens, neighborhoods, block layouts,
    unions) visit per query tile a list of key tiles, full ones first
    (unmasked) then partial ones (masked), classified by the pattern's
    interval reasoning: at compile time into constant tables for static
    sizes, else at run time once per call before the parallel loop. The
    parallel loop carries `attn.block_counts = {empty, full, partial}` when
    the classification is static; list loops are tagged `attn.block_list`. Tile sizes come from the op's `tiling` attribute, else from
    the pass options, else from a default for the CPU.

    Split-KV (flash-decoding): when batch * heads * query tiles cannot
    occupy the threads, the key range is split into parts computed in
    parallel, each producing a normalized partial output and its LSE, then
    merged: lse = log(sum_p exp(lse_p)), O = sum_p exp(lse_p - lse) O_p.
  }];
  let options = [
    Option<"queryTile", "query-tile", "int64_t", "0",
           "Query tile size for ops without a tiling attribute (0: default)">,
    Option<"keyTile", "key-tile", "int64_t", "0",
           "Key tile size for ops without a tiling attribute (0: default)">,
    Option<"splitKV", "split-kv", "std::string", "\"auto\"",
           "Split the key range: auto, always or never">,
    Option<"kvSplits", "kv-splits", "int64_t", "0",
           "Number of key-range parts when splitting (0: pick from threads)">,
    Option<"numThreads", "num-threads", "int64_t", "0",
           "Threads the split-kv heuristic assumes (0: this machine's)">,
    Option<"bf16Dot", "bf16-dot", "bool", "false",
           "bf16 inputs: Q K^T and P V as contractions over pairs of the "
           "reduction dim (VNNI layout), the form of the bf16 dot-product "
           "instructions (P is rounded to bf16)">,
    Option<"blockLists", "block-lists", "std::string", "\"auto\"",
           "Key-tile lists per query tile: auto (monotone patterns use loop "
           "bounds, static ones compile-time lists, others run-time lists), "
           "static (compile-time lists for every static pattern and size) or "
           "runtime (lists built at run time for every pattern)">
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::cf::ControlFlowDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::math::MathDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::tensor::TensorDialect"
  ];
}

def AttnLowerBlockOps : Pass<"attn-lower-block-ops"> {
  let summary = "Lower attn.block_score and attn.block_select";
  let description = [{
    attn.block_score becomes linalg on tensors: the antidiagonal block sums
    factorize over residue classes (sum over the block's pairs with
    (i + j) % t == t - 1 of q_i . k_j = sum_x Qs[r, x] . Ks[c, t - 1 - x],
    Qs[r, x] being the sum of the block's query rows with i % t == x), so
    scoring costs O(S * D + nQB * nKB * t * D) per head instead of
    O(S^2 * D / t); then the per-block mean, the causal exclusion and a
    softmax over key blocks. attn.block_select becomes scf loops per row
    of scores (argmax scans, rows in order for the row pointers).
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::math::MathDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::tensor::TensorDialect"
  ];
}

def AttnLinalgToCpuLoops : Pass<"attn-linalg-to-cpu-loops"> {
  let summary = "Lower buffer-level linalg ops to loops, parallel only at the top";
  let description = [{
    Part of --attn-cpu-pipeline. Linalg ops on memrefs become scf.parallel
    loops (run on OpenMP threads) when they are not inside any loop, and
    sequential scf.for loops when they are, so threads are forked once per
    top-level region, never nested and never per iteration of a loop.
  }];
  let dependentDialects = [
    "::mlir::scf::SCFDialect",
    "::mlir::memref::MemRefDialect"
  ];
}

def AttnInlineAllocaScopes : Pass<"attn-inline-alloca-scopes"> {
  let summary = "Inline memref.alloca_scope ops that hold no stack allocation";
  let description = [{
    Part of --attn-cpu-pipeline. convert-scf-to-openmp wraps every parallel
    loop body in a memref.alloca_scope; its region must stay a single block,
    which breaks once nested scf.for loops become control flow. Scopes
    without a memref.alloca inside release nothing and are inlined.
  }];
}

def AttnCheckAllocations : Pass<"attn-check-allocations"> {
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

def AttnApproximateMath : Pass<"attn-approximate-math"> {
  let summary = "Replace f32 exp/log/tanh by polynomial approximations";
  let description = [{
    Part of --attn-cpu-pipeline. math.exp, math.log and math.tanh lower to
    libm calls that the x86 backend never vectorizes; the polynomial
    approximations of upstream MLIR are plain arith ops (accurate to a few
    ulp in f32) that vectorize with the surrounding loop.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::vector::VectorDialect"
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
    `cpu` is `host` (this machine, with its detected features),
    `x86-64-v3` (AVX2 + FMA), `avx512` (x86-64-v4) or any LLVM CPU name.

    ```mlir
    llvm.func @f() attributes {target_cpu = "x86-64-v3"}
    ```
  }];
  let options = [
    Option<"cpu", "cpu", "std::string", "\"host\"",
           "host, x86-64-v3, avx512 or an LLVM CPU name">
  ];
  let dependentDialects = ["::mlir::LLVM::LLVMDialect"];
}

def AttnLowerLinear : Pass<"attn-lower-linear"> {
  let summary = "Lower attn.linear_attention to its O(S) forms on tensors";
  let description = [{
    Non-causal: for every (batch, kv head), in chunks of keys, the state
    S = phi(K)^T V [D', Dv] and normalizer z = phi(K)^T 1 [D']; then, for
    every (batch, query head, query chunk), O = phi(Q) S / (phi(Q) z).
    O(S D' Dv) work; no value of size Sq x Skv exists.

    Causal: the chunked form. An scf.forall over (batch, query head) runs
    an scf.for over chunks of C rows carrying (S, z): inside a chunk, the
    masked (and decayed) quadratic (phi(Q_c) phi(K_c)^T) V_c; across chunks,
    phi(Q_c) S. Chunks are static [C, *] tiles (the last one zero-padded and
    masked), so that --attn-cpu-pipeline vectorizes every contraction.
    C is the op's `chunk_size`, else 64 (never more than Sq).
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::math::MathDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::tensor::TensorDialect"
  ];
}

def AttnLinearize : Pass<"attn-linearize"> {
  let summary = "Rewrite attn.attention into attn.linear_attention (changes results)";
  let description = [{
    Linear attention approximates softmax attention; it changes results, so
    this pass runs only when asked for. Ops with a mask operand, a bias,
    ALiBi slopes, a softcap, an LSE result or a sparsity pattern other than
    #attn.causal are left alone with a remark. Q, K, V, layout, scale and
    causality carry over; `favor` gets a seeded [D, num-features] random
    projection as a constant operand.

    ```sh
    attn-opt in.mlir --attn-linearize="feature-map=favor num-features=256"
    ```
  }];
  let options = [
    Option<"featureMap", "feature-map", "std::string", "\"elu1\"",
           "elu1, relu, identity, cosine or favor">,
    Option<"numFeatures", "num-features", "int64_t", "256",
           "Random features M of favor">,
    Option<"seed", "seed", "uint64_t", "0",
           "Seed of favor's random projection">
  ];
  let dependentDialects = ["::mlir::arith::ArithDialect"];
}

#endif // ATTN_PASSES_TD
