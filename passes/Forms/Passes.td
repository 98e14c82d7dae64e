//===- Passes.td - form choices: how an attn op is computed -*- tablegen -*-===//
#ifndef ATTN_PASSES_FORMS_PASSES_TD
#define ATTN_PASSES_FORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def AttnDecompose : Pass<"attn-decompose"> {
  let summary = "Lower attn.attention(_grad) to unfused linalg on tensors";
  let description = [{
    The reference lowering: scores = scale * Q K^T as a linalg contraction,
    score modifiers and masks (masked scores become -inf) element-wise, a
    row-wise max/exp/sum softmax, then P V and the final division. It
    materializes the full [B, Hq, Sq, Skv] score tensor: it is the
    unfused baseline the fused lowerings are measured against.

    Fully masked rows give 0 and lse = -inf (docs/semantics.md).

    attn.attention_grad: the same scores and modifiers, then P from the
    LSE, dP = dO V^T, dS = P (dP - rowsum(dO O)) and the three gradient
    products (docs/semantics.md, "Gradients"), with [B, Hq, Sq, Skv]
    tensors for S, P, dP and dS.
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
  let summary = "Lower attn.attention to the fused online-softmax structure";
  let description = [{
    FlashAttention-2 forward (docs/semantics.md, math note section 2), built
    once for every target: an scf.forall over (batch, query head, query
    tile) and, inside, loops over key tiles carrying the running max,
    running sum and accumulator through one `attn.online_attention` step
    per key tile; one division at the end. No value of size Sq x Skv
    exists in the output. The steps are lowered by the target's codegen
    (`--attn-cpu-lower-step`, part of `--attn-cpu-pipeline`).

    Structured patterns (causal, sliding window) are applied through loop
    bounds: key tiles outside every row's window are never visited, tiles
    inside every row's window run steps without a score region, and only
    the boundary tiles (and the tile at the end of the key sequence) carry
    a region that tests elements. Patterns whose visible keys are not one
    monotone interval per row (dilated windows, global/sink tokens,
    neighborhoods, block layouts, unions) visit per query tile a list of
    key tiles, full ones first (unmasked) then partial ones (masked),
    classified by the pattern's interval reasoning: at compile time into
    constant tables for static sizes, else at run time once per call
    before the parallel loop. The parallel loop carries
    `attn.block_counts = {empty, full, partial}` when the classification is
    static; list loops are tagged `attn.block_list`. Tile sizes come from
    the op's `tiling` attribute, else from the options, else from the
    target description (docs/targets.md).

    Split-KV (flash-decoding): when batch * heads * query tiles cannot
    occupy `num-threads` parallel units, the key range is split into parts
    computed in parallel, each producing a normalized partial output and
    its LSE, then merged: lse = log(sum_p exp(lse_p)),
    O = sum_p exp(lse_p - lse) O_p. The IR depends only on the input and
    these options, never on the machine that runs the pass.
  }];
  let options = [
    Option<"queryTile", "query-tile", "unsigned", "0",
           "Query tile size for ops without a tiling attribute (0: the "
           "target's, 64)">,
    Option<"foldHeads", "fold-heads", "unsigned", "0",
           "GQA: fold the query heads of a kv head into one query tile when "
           "heads-per-group x Sq is at most this many rows, so that K/V "
           "tiles are read once per group (0: the target's, 16; 1: never)">,
    Option<"keyTile", "key-tile", "unsigned", "0",
           "Key tile size for ops without a tiling attribute (0: the "
           "target's, 64)">,
    Option<"splitKV", "split-kv", "::mlir::attn::SplitKVMode",
           "::mlir::attn::SplitKVMode::Auto",
           "Split each query tile's key range into parts run in parallel",
           [{::llvm::cl::values(
             clEnumValN(::mlir::attn::SplitKVMode::Auto, "auto",
                        "when the parallel loop cannot fill num-threads"),
             clEnumValN(::mlir::attn::SplitKVMode::Always, "always",
                        "always"),
             clEnumValN(::mlir::attn::SplitKVMode::Never, "never", "never"))}]>,
    Option<"kvSplits", "kv-splits", "unsigned", "0",
           "Number of key-range parts when splitting (0: from num-threads)">,
    Option<"numThreads", "num-threads", "unsigned", "0",
           "Parallel units the split-kv heuristic fills (0: the target's, "
           "8; never this machine's)">,
    Option<"bf16Dot", "bf16-dot", "bool", "false",
           "16-bit inputs: Q stays unscaled in its type and P is rounded to "
           "it before P V (the operands of bf16 dot products and tensor "
           "cores); the CPU step then contracts pairs of the reduction dim">,
    Option<"blockLists", "block-lists", "::mlir::attn::BlockListMode",
           "::mlir::attn::BlockListMode::Auto",
           "Key-tile lists per query tile",
           [{::llvm::cl::values(
             clEnumValN(::mlir::attn::BlockListMode::Auto, "auto",
                        "monotone patterns use loop bounds, static ones "
                        "compile-time lists, others run-time lists"),
             clEnumValN(::mlir::attn::BlockListMode::Static, "static",
                        "compile-time lists for every static pattern and size"),
             clEnumValN(::mlir::attn::BlockListMode::Runtime, "runtime",
                        "lists built at run time for every pattern"))}]>,
    Option<"mapping", "mapping", "::mlir::attn::ParallelMapping",
           "::mlir::attn::ParallelMapping::None",
           "Mapping attribute of the parallel loop",
           [{::llvm::cl::values(
             clEnumValN(::mlir::attn::ParallelMapping::None, "none",
                        "unmapped (CPU threads)"),
             clEnumValN(::mlir::attn::ParallelMapping::GpuBlock, "gpu-block",
                        "#gpu.block<x/y/z> (one thread block per tile)"))}]>,
    Option<"keyLayout", "key-layout", "::mlir::attn::KeyLayout",
           "::mlir::attn::KeyLayout::RowMajor",
           "Layout of the key tiles the steps take",
           [{::llvm::cl::values(
             clEnumValN(::mlir::attn::KeyLayout::RowMajor, "row-major",
                        "[Tk, D], as stored"),
             clEnumValN(::mlir::attn::KeyLayout::Transposed, "transposed",
                        "[D, Tk] (key_transposed steps)"))}]>,
    Option<"prescaleQuery", "prescale-query", "bool", "true",
           "Multiply each query tile by the scale once, in f32">,
    Option<"padTiles", "pad-tiles", "bool", "true",
           "Pad boundary key tiles to the static tile size (masked in the "
           "step) instead of passing them with their dynamic size">
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::cf::ControlFlowDialect",
    "::mlir::gpu::GPUDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::math::MathDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::tensor::TensorDialect"
  ];
}

def AttnLowerBlockOps : Pass<"attn-lower-block-ops"> {
  let summary = "Lower attn.block_score, attn.block_select and attn.block_mask";
  let description = [{
    attn.block_score becomes linalg on tensors: the antidiagonal block sums
    factorize over residue classes (sum over the block's pairs with
    (i + j) % t == t - 1 of q_i . k_j = sum_x Qs[r, x] . Ks[c, t - 1 - x],
    Qs[r, x] being the sum of the block's query rows with i % t == x), so
    scoring costs O(S * D + nQB * nKB * t * D) per head instead of
    O(S^2 * D / t); then the per-block mean, the causal exclusion and a
    softmax over key blocks. attn.block_select becomes scf loops per row
    of scores (argmax scans, rows in order for the row pointers).
    attn.block_mask becomes scf loops that count the visible positions of
    its mask_mod in each block (the region cloned into the innermost loop).
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::math::MathDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::tensor::TensorDialect"
  ];
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
    Option<"featureMap", "feature-map", "::mlir::attn::FeatureMap",
           "::mlir::attn::FeatureMap::elu1", "Feature map of the linear form",
           [{::llvm::cl::values(
             clEnumValN(::mlir::attn::FeatureMap::elu1, "elu1", "elu(x) + 1"),
             clEnumValN(::mlir::attn::FeatureMap::relu, "relu", "relu(x)"),
             clEnumValN(::mlir::attn::FeatureMap::identity, "identity",
                        "x, no normalizer"),
             clEnumValN(::mlir::attn::FeatureMap::cosine, "cosine",
                        "L2-normalized rows, no normalizer"),
             clEnumValN(::mlir::attn::FeatureMap::favor, "favor",
                        "FAVOR+ random features"))}]>,
    Option<"numFeatures", "num-features", "int64_t", "256",
           "Random features M of favor">,
    Option<"seed", "seed", "uint64_t", "0",
           "Seed of favor's random projection">
  ];
  let dependentDialects = ["::mlir::arith::ArithDialect"];
}

def AttnGradFunctions : Pass<"attn-grad-functions", "::mlir::ModuleOp"> {
  let summary = "Add the backward function of every returned attn.attention";
  let description = [{
    For every function `@f` that returns the output of an attn.attention
    (result position r), adds `@f_grad_r`: `@f`'s arguments followed by dO
    (the gradient of that output), computing the forward (with its LSE,
    added when `@f` does not return it) and attn.attention_grad, and
    returning dQ, dK, dV: the gradients with respect to the op's Q, K and
    V operands (the chain rule through ops that compute them is the
    caller's). `@f` is unchanged. The C++ helpers are
    mlir::attn::withLse and mlir::attn::buildAttentionGrad
    ("attn/IR/AttentionGrad.h").
  }];
  let dependentDialects = ["::mlir::func::FuncDialect"];
}

def AttnCheckLowered : Pass<"attn-check-lowered"> {
  let summary = "Fail on attn ops that no lowering pass has taken";
  let description = [{
    Part of --attn-lower-to-llvm, after the lowering passes: every attn op
    still present is an error naming the pass that lowers it
    (attn.attention: --attn-fuse or --attn-decompose;
    attn.linear_attention: --attn-lower-linear; attn.block_score and
    attn.block_select: --attn-lower-block-ops; attn.online_attention: the
    target's step lowering, --attn-cpu-lower-step), instead of a failure
    deep inside bufferization.
  }];
}

#endif // ATTN_PASSES_FORMS_PASSES_TD
