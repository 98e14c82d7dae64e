//===- AttnOps.td - attn operations ------------------------*- tablegen -*-===//
#ifndef ATTN_OPS_TD
#define ATTN_OPS_TD

include "attn/IR/AttnOpBase.td"
include "mlir/IR/OpBase.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

// Not `Pure`: the lowerings assert on run-time contents (document offsets,
// block tables), so hoisting the op past its guard could fire an assertion
// (or read out of bounds with disagreeing dynamic sizes) that the original
// program never reaches; getSpeculatability() says when it cannot.
def Attn_AttentionOp : Attn_Op<"attention",
    [NoMemoryEffect, DeclareOpInterfaceMethods<ConditionallySpeculatable>,
     AttrSizedOperandSegments, Attn_AttentionShapeOpInterface]> {
  let summary = "scaled dot-product (softmax) attention";
  let description = [{
    Softmax attention over ranked tensors, as defined in docs/semantics.md:

        O = softmax(mod(scale * Q K^T)) V

    with query `[B, Hq, Sq, D]`, key `[B, Hkv, Skv, D]`, value
    `[B, Hkv, Skv, Dv]` (or `[B, S, H, D]` with `layout = #attn.layout<bshd>`),
    `Hq % Hkv == 0` (grouped-query heads read K/V head `h / (Hq / Hkv)`).

    Optional operands: `mask` (i1, true = visible, broadcastable to
    `[B, Hq, Sq, Skv]`), `bias` (additive, same broadcast rule, f32 or the
    query's type), `alibi` slopes (`[Hq]` f32), `documents` offsets
    (`[N + 1]` i32/i64, required by and only with `#attn.documents`), a
    block table `blocks(row_ptr, cols)` (BSR over `block_size` blocks:
    `[B, Ht, nQB + 1]` and `[B, Ht, NNZ]` i32, Ht dividing Hq) with optional
    `full_blocks` flags (`[B, Ht, NNZ]` i1), and
    `query_rows(%start, %total)` (index values): the op computes query
    rows `[start, start + Sq)` of an attention whose query has `total` rows,
    so every position formula uses the absolute row `start + i` and the
    diagonal offset `Skv - total` (a tile of rows is an op of its own; the
    TilingInterface sets it). Not with a block table.
    Attributes: `scale` (default `1/sqrt(D)`), `sparsity` (a structured
    pattern such as `#attn.causal`), `softcap`, `layout`, `tiling`.
    A second result, when present, is the f32 log-sum-exp `[B, Hq, Sq]`.
    Fully masked rows produce 0 and lse = -inf.

    Two optional regions program the scores (FlexAttention's functions):
    `score_mod` takes `(%s: f32, %b, %h, %i, %j: index)` (the score after
    scale, softcap, bias and ALiBi; batch, query head, absolute query and
    key positions) and yields the new f32 score; `mask_mod` takes
    `(%b, %h, %i, %j: index)` and yields i1, true where the key is visible,
    combined by AND with the pattern, the block table and the mask operand.
    Their bodies hold arith and math ops and tensor.extract, and may read
    values defined above (a captured table).

    The op has no memory effects; it is speculatable (loop-invariant code
    motion may hoist it) unless it has `documents` or `blocks` operands
    (their contents are checked by run-time assertions), a dynamic
    dimension (sizes that must agree are then unchecked at compile time)
    or `query_rows` that are not constants (unchecked rows).

    ```mlir
    %o = attn.attention %q, %k, %v {sparsity = #attn.causal}
        : tensor<1x8x128x64xf32>, tensor<1x2x128x64xf32>,
          tensor<1x2x128x64xf32> -> tensor<1x8x128x64xf32>
    %p = attn.attention %q, %k, %v mask_mod {
      ^bb0(%b: index, %h: index, %i: index, %j: index):
        %c = arith.cmpi sle, %j, %i : index
        attn.yield %c : i1
      } : tensor<1x8x128x64xf32>, tensor<1x2x128x64xf32>,
          tensor<1x2x128x64xf32> -> tensor<1x8x128x64xf32>
    ```
  }];

  let arguments = (ins
    Attn_FloatTensor:$query,
    Attn_FloatTensor:$key,
    Attn_FloatTensor:$value,
    Optional<RankedTensorOf<[I1]>>:$mask,
    Optional<Attn_FloatTensor>:$bias,
    Optional<RankedTensorOf<[F32]>>:$alibi_slopes,
    Optional<RankedTensorOf<[I32, I64]>>:$doc_offsets,
    Optional<RankedTensorOf<[I32]>>:$block_row_ptr,
    Optional<RankedTensorOf<[I32]>>:$block_cols,
    Optional<RankedTensorOf<[I1]>>:$block_full,
    Optional<Index>:$query_row_start,
    Optional<Index>:$query_row_total,
    OptionalAttr<F64Attr>:$scale,
    OptionalAttr<Attn_SparsityAttrInterface>:$sparsity,
    OptionalAttr<F64Attr>:$softcap,
    OptionalAttr<Attn_LayoutAttr>:$layout,
    OptionalAttr<Attn_TilingAttr>:$tiling,
    OptionalAttr<Attn_TilingAttr>:$block_size
  );
  let results = (outs
    Attn_FloatTensor:$output,
    Optional<RankedTensorOf<[F32]>>:$lse
  );
  let regions = (region MaxSizedRegion<1>:$score_mod,
                        MaxSizedRegion<1>:$mask_mod);

  let assemblyFormat = [{
    $query `,` $key `,` $value
    (`mask` `(` $mask^ `:` type($mask) `)`)?
    (`bias` `(` $bias^ `:` type($bias) `)`)?
    (`alibi` `(` $alibi_slopes^ `:` type($alibi_slopes) `)`)?
    (`documents` `(` $doc_offsets^ `:` type($doc_offsets) `)`)?
    (`blocks` `(` $block_row_ptr^ `,` $block_cols `:` type($block_row_ptr)
       `,` type($block_cols) `)`)?
    (`full_blocks` `(` $block_full^ `:` type($block_full) `)`)?
    (`query_rows` `(` $query_row_start^ `,` $query_row_total `)`)?
    (`score_mod` $score_mod^)?
    (`mask_mod` $mask_mod^)?
    attr-dict `:` type($query) `,` type($key) `,` type($value)
    `->` type(results)
  }];

  let hasVerifier = 1;
  let hasRegionVerifier = 1;

  let extraClassDeclaration = [{
    // Layout, sizes and axes by role: AttentionShapeOpInterface; operand
    // clauses checked by opshapes::verifyClauses (shared with
    // attn.attention_grad).
    /// Checks the query_rows clause (part of verify).
    ::mlir::LogicalResult verifyQueryRows();
    /// Whether the score_mod / mask_mod region is present.
    bool hasScoreMod() { return !getScoreMod().empty(); }
    bool hasMaskMod() { return !getMaskMod().empty(); }
    bool hasModRegions() { return hasScoreMod() || hasMaskMod(); }
  }];
}

def Attn_LinearAttentionOp : Attn_Op<"linear_attention",
    [Pure, Attn_AttentionShapeOpInterface]> {
  let summary = "linear (kernelized) attention";
  let description = [{
    Kernelized attention, as defined in docs/semantics.md ("Linear
    attention"): with q' = sqrt(scale) q, k' = sqrt(scale) k and a feature
    map phi,

        w_ij = phi(q'_i) . phi(k'_j)  [* decay_h^(i + Skv - Sq - j)]
        O_i  = sum_j w_ij v_j / sum_j w_ij     (normalize = true)
        O_i  = sum_j w_ij v_j                  (normalize = false)

    over all keys, or only `j <= i + (Skv - Sq)` with `causal`.
    Q, K, V, `layout`, grouped-query heads and element types follow
    attn.attention; `scale` defaults to `1/sqrt(D)` and must be positive.

    `feature_map`: `elu1` (elu(x) + 1), `relu`, `identity` (no normalizer:
    Q (K^T V)), `cosine` (L2-normalized rows, no normalizer) or `favor`
    (FAVOR+ positive random features phi(x) = exp(W^T x - |x|^2 / 2) /
    sqrt(M), with the f32 `projection` operand W of shape `[D, M]`).
    `normalize` defaults to true for elu1, relu and favor, and must be
    false (or absent) for identity and cosine.
    `decay` (causal only): one factor per query head in (0, 1], the
    retention recurrence S_t = g_h S_{t-1} + phi(k_t) v_t^T.
    `chunk_size`: the chunk length of the causal chunked lowering (a hint;
    the pass picks one when absent).

    ```mlir
    %o = attn.linear_attention %q, %k, %v
        {feature_map = #attn.feature_map<elu1>, causal}
        : tensor<1x8x128x64xf32>, tensor<1x8x128x64xf32>,
          tensor<1x8x128x64xf32> -> tensor<1x8x128x64xf32>
    ```
  }];

  let arguments = (ins
    Attn_FloatTensor:$query,
    Attn_FloatTensor:$key,
    Attn_FloatTensor:$value,
    Optional<RankedTensorOf<[F32]>>:$projection,
    Attn_FeatureMapAttr:$feature_map,
    OptionalAttr<BoolAttr>:$normalize,
    UnitAttr:$causal,
    OptionalAttr<F64ArrayAttr>:$decay,
    OptionalAttr<I64Attr>:$chunk_size,
    OptionalAttr<F64Attr>:$scale,
    OptionalAttr<Attn_LayoutAttr>:$layout
  );
  let results = (outs Attn_FloatTensor:$output);

  let assemblyFormat = [{
    $query `,` $key `,` $value
    (`projection` `(` $projection^ `:` type($projection) `)`)?
    attr-dict `:` type($query) `,` type($key) `,` type($value)
    `->` type($output)
  }];

  let hasVerifier = 1;

  let extraClassDeclaration = [{
    // Layout, sizes and axes by role: AttentionShapeOpInterface.
    /// Length D' of phi(x): M (the projection's columns) for favor, else D.
    int64_t getFeatureDim();
    /// Whether the output is divided by the normalizer (the default
    /// depends on the feature map).
    bool isNormalized();
    /// Whether `map` has a normalizer by default.
    static bool normalizedByDefault(::mlir::attn::FeatureMap map);
    /// The causal lowering's chunk length: `chunk_size`, else 64, never
    /// more than Sq when Sq is static (a short sequence is one chunk).
    int64_t getEffectiveChunkSize();
    /// The `decay` factors (empty when absent).
    ::llvm::SmallVector<double> getDecayFactors();
  }];
}


def Attn_BlockScoreOp : Attn_Op<"block_score", [Pure]> {
  let summary = "block-level attention scores from Q and K (layout bhsd)";
  let description = [{
    For blocks of `block_size = #attn.tiling<query = bq, key = bk>` rows,
    per batch, query head h (K head h / (Hq / Hkv)), query block r and key
    block c (docs/semantics.md, "Block scores"):

        A[r, c] = scale * mean of q_i . k_j over (i, j) in the block with
                  (i + j) % stride == stride - 1        (antidiagonal)
        A[r, c] = scale * mean(q_i) . mean(k_j)          (mean_pool,
                                                          = stride 1)
        scores[r, :] = softmax over c of A[r, :]

    With `causal`, blocks entirely above the bottom-right aligned diagonal
    are excluded (A = -inf, score 0).

    ```mlir
    %s = attn.block_score %q, %k {
        method = #attn.score_method<antidiagonal>, stride = 8,
        block_size = #attn.tiling<query = 64, key = 64>, causal}
        : tensor<1x8x4096x64xf32>, tensor<1x8x4096x64xf32>
        -> tensor<1x8x64x64xf32>
    ```
  }];
  let arguments = (ins
    Attn_FloatTensor:$query,
    Attn_FloatTensor:$key,
    Attn_ScoreMethodAttr:$method,
    DefaultValuedAttr<I64Attr, "1">:$stride,
    Attn_TilingAttr:$block_size,
    OptionalAttr<F64Attr>:$scale,
    UnitAttr:$causal
  );
  let results = (outs RankedTensorOf<[F32]>:$scores);
  let assemblyFormat = [{
    $query `,` $key attr-dict `:` type($query) `,` type($key) `->` type($scores)
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// The effective stride: 1 for mean_pool.
    int64_t getEffectiveStride();
  }];
}

def Attn_BlockSelectOp : Attn_Op<"block_select", [Pure]> {
  let summary = "turn block scores into a block table (BSR)";
  let description = [{
    Per row (b, h, query block r) of `scores` [B, H, R, C]: the key blocks
    kept by the options (`keep_diagonal`: c = r + C - R; `keep_sink`:
    c = 0; `local = w`: r + C - R - w <= c <= r + C - R) together with the
    chosen ones: `top_k = k` takes the k highest scores, `threshold = tau`
    the shortest run of highest scores whose sum reaches tau times the
    row's total (ties: lower c first). Results: row pointers [B, H, R + 1]
    and key blocks [B, H, R * C] (ascending per row; entries past the last
    row are -1), ready for attn.attention's blocks(...).

    ```mlir
    %rp, %cols = attn.block_select %s {threshold = 0.9 : f64, keep_diagonal,
        keep_sink} : tensor<1x8x64x64xf32>
        -> tensor<1x8x65xi32>, tensor<1x8x4096xi32>
    ```
  }];
  let arguments = (ins
    RankedTensorOf<[F32]>:$scores,
    OptionalAttr<I64Attr>:$top_k,
    OptionalAttr<F64Attr>:$threshold,
    UnitAttr:$keep_diagonal,
    UnitAttr:$keep_sink,
    DefaultValuedAttr<I64Attr, "0">:$local
  );
  let results = (outs RankedTensorOf<[I32]>:$row_ptr,
                      RankedTensorOf<[I32]>:$cols);
  let assemblyFormat = [{
    $scores attr-dict `:` type($scores) `->` type($row_ptr) `,` type($cols)
  }];
  let hasVerifier = 1;
}

def Attn_BlockMaskOp : Attn_Op<"block_mask", [NoMemoryEffect]> {
  let summary = "the block table of a mask_mod, evaluated at run time";
  let description = [{
    Evaluates its `mask_mod` region (the one of attn.attention:
    `(%b, %h, %i, %j: index)` to i1) over every position of an
    `Sq x Skv` score space (`seq_q`, `seq_kv`) and returns the block table
    attn.attention's `blocks(...)` and `full_blocks(...)` take, for blocks
    of `block_size = #attn.tiling<query = bq, key = bk>`
    (docs/semantics.md, "Block masks"). Table head `t` covers the query
    heads `[t * G, (t + 1) * G)`, `G = heads_per_table` (default 1): block
    `(r, c)` is listed when the region is true somewhere in it for one of
    those heads, and full when it is true everywhere for all of them.
    Results: row pointers `[B, Ht, nQB + 1]`, key blocks `[B, Ht, nQB *
    nKB]` ascending per row (entries past the last row are -1) and full
    flags of the same shape. For regions that compile-time analysis cannot
    bound (a table argument): compute it once and reuse it across layers.

    ```mlir
    %rp, %cols, %full = attn.block_mask mask_mod {
      ^bb0(%b: index, %h: index, %i: index, %j: index):
        %di = tensor.extract %docs[%i] : tensor<128xi32>
        %dj = tensor.extract %docs[%j] : tensor<128xi32>
        %same = arith.cmpi eq, %di, %dj : i32
        attn.yield %same : i1
    } {block_size = #attn.tiling<query = 32, key = 32>, seq_q = 128,
       seq_kv = 128} : tensor<1x1x5xi32>, tensor<1x1x16xi32>,
                       tensor<1x1x16xi1>
    ```
  }];
  let arguments = (ins
    Attn_TilingAttr:$block_size,
    I64Attr:$seq_q,
    I64Attr:$seq_kv,
    DefaultValuedAttr<I64Attr, "1">:$heads_per_table
  );
  let results = (outs RankedTensorOf<[I32]>:$row_ptr,
                      RankedTensorOf<[I32]>:$cols,
                      RankedTensorOf<[I1]>:$full);
  let regions = (region SizedRegion<1>:$mask_mod);
  let assemblyFormat = [{
    `mask_mod` $mask_mod attr-dict `:` type($row_ptr) `,` type($cols) `,`
      type($full)
  }];
  let hasVerifier = 1;
  let hasRegionVerifier = 1;
}

def Attn_OnlineAttentionOp : Attn_Op<"online_attention",
    [RecursiveMemoryEffects]> {
  let summary = "one online-softmax step: a query tile against a key tile";
  let description = [{
    The FlashAttention inner step, the unit every codegen target lowers its
    own way (docs/semantics.md, "Online-softmax step"). For a query tile
    `Q` [Tq, D], a key tile `K` [Tk, D] (row-major; `[D, Tk]` with
    `key_transposed`), a value tile `V` [Tk, Dv] and the running state
    `m` [Tq], `l` [Tq], `acc` [Tq, Dv] (all f32):

        S[i, j]  = score(scale * sum_d Q[i, d] K[j, d], q0 + i, k0 + j)
        m'[i]    = max(m[i], max_j S[i, j])
        P[i, j]  = exp(S[i, j] - m'[i])           (0 when m'[i] = -inf)
        a[i]     = exp(m[i] - m'[i])              (1 when m'[i] = -inf)
        l'[i]    = a[i] l[i] + sum_j P[i, j]
        acc'[i]  = a[i] acc[i] + sum_j round(P[i, j]) V[j, :]

    Products accumulate in f32. `score` is the op's region, applied to
    every score with the absolute query and key positions `q0 + i` and
    `k0 + j` (the `at` operands); it yields the modified score, -inf for a
    masked one. Without a region the scores are used as they are. `round`
    rounds P to `p_type` (f32 when absent), the operand type of the P V
    product on tensor cores and bf16 dot-product units. NaN propagates:
    a NaN score makes its row's m', l' and acc' NaN.

    After the last step, O = acc / l (0 where l = 0) and lse = m + log l
    (-inf where l = 0).

    ```mlir
    %m1, %l1, %a1 = attn.online_attention
        ins(%q, %k, %v : tensor<64x64xf32>, tensor<64x64xf32>,
                         tensor<64x64xf32>)
        state(%m, %l, %a : tensor<64xf32>, tensor<64xf32>, tensor<64x64xf32>)
        at(%q0, %k0) {scale = 0.125 : f64} score {
      ^bb0(%s: f32, %i: index, %j: index):
        %vis = arith.cmpi sle, %j, %i : index
        %ninf = arith.constant 0xFF800000 : f32
        %r = arith.select %vis, %s, %ninf : f32
        attn.yield %r : f32
      } : tensor<64xf32>, tensor<64xf32>, tensor<64x64xf32>
    ```
  }];
  let arguments = (ins
    Attn_FloatTensor:$query,
    Attn_FloatTensor:$key,
    Attn_FloatTensor:$value,
    RankedTensorOf<[F32]>:$max,
    RankedTensorOf<[F32]>:$sum,
    RankedTensorOf<[F32]>:$acc,
    Index:$query_start,
    Index:$key_start,
    F64Attr:$scale,
    UnitAttr:$key_transposed,
    OptionalAttr<TypeAttr>:$p_type
  );
  let results = (outs
    RankedTensorOf<[F32]>:$new_max,
    RankedTensorOf<[F32]>:$new_sum,
    RankedTensorOf<[F32]>:$new_acc
  );
  let regions = (region MaxSizedRegion<1>:$score);
  let assemblyFormat = [{
    `ins` `(` $query `,` $key `,` $value `:` type($query) `,` type($key) `,`
      type($value) `)`
    `state` `(` $max `,` $sum `,` $acc `:` type($max) `,` type($sum) `,`
      type($acc) `)`
    `at` `(` $query_start `,` $key_start `)` attr-dict
    (`score` $score^)? `:` type(results)
  }];
  let hasVerifier = 1;
  let hasRegionVerifier = 1;
  let skipDefaultBuilders = 1;
  let builders = [
    OpBuilder<(ins "::mlir::Value":$query, "::mlir::Value":$key,
      "::mlir::Value":$value, "::mlir::Value":$max, "::mlir::Value":$sum,
      "::mlir::Value":$acc, "::mlir::Value":$queryStart,
      "::mlir::Value":$keyStart, "double":$scale, "bool":$keyTransposed,
      "::mlir::Type":$pType)>
  ];
  let extraClassDeclaration = [{
    /// The rounding type of P before P V (f32 when `p_type` is absent).
    ::mlir::Type getPTypeOrF32();
    /// Whether a score region is present.
    bool hasScoreRegion() { return !getScore().empty(); }
    /// Creates the score region's block (score f32, query and key index)
    /// and returns it; the caller fills it and ends it with attn.yield.
    ::mlir::Block *addScoreBlock(::mlir::OpBuilder &b);
    /// The score region applied to `s` at query `i` and key `j` (absolute
    /// positions), its ops cloned at `b`'s insertion point; `s` itself when
    /// there is no region. Every lowering of the step inlines it this way.
    ::mlir::Value buildScore(::mlir::OpBuilder &b, ::mlir::Value s,
                             ::mlir::Value i, ::mlir::Value j);
  }];
}

def Attn_YieldOp : Attn_Op<"yield",
    [Pure, Terminator,
     ParentOneOf<["OnlineAttentionOp", "AttentionOp", "BlockMaskOp"]>]> {
  let summary = "yields a score (f32) or a visibility (i1) from a region";
  let description = [{
    Ends the score region of attn.online_attention, the score_mod (f32)
    and mask_mod (i1) regions of attn.attention and attn.block_mask's
    mask_mod.
  }];
  let arguments = (ins AnyTypeOf<[F32, I1]>:$value);
  let assemblyFormat = "$value attr-dict `:` type($value)";
}

#endif // ATTN_OPS_TD
