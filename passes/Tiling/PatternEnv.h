//===- PatternEnv.h - run-time values of the sparsity patterns --*- C++ -*-===//
#ifndef ATTN_PASSES_PATTERNENV_H
#define ATTN_PASSES_PATTERNENV_H

#include "attn/IR/AttentionClauses.h"
#include "attn/IR/AttnOps.h"

namespace mlir {
namespace attn {

/// Where the op's query rows sit (docs/semantics.md, `query_rows`): local
/// row i is the absolute row start + i of a query of `total` rows, and the
/// bottom-right diagonal offset is Skv - total. Every position formula of
/// the lowerings (patterns, ALiBi, key-tile bounds, block lists) takes its
/// rows from here.
struct QueryRows {
  /// The first absolute row; null without query_rows (start 0).
  Value start;
  /// Skv - total (Skv - Sq without query_rows).
  Value offset;
  /// The absolute row of op-local row `i` (`i` itself without query_rows).
  Value absolute(OpBuilder &b, Location loc, Value i) const {
    if (!start)
      return i;
    return arith::AddIOp::create(b, loc, start, i);
  }
};

/// The op's QueryRows for its sizes `seqQ` and `seqKV` (index values);
/// ops other than attn.attention compute all their rows.
inline QueryRows buildQueryRows(OpBuilder &b, Location loc, Operation *op,
                                Value seqQ, Value seqKV) {
  QueryRows r;
  auto attention = dyn_cast<AttentionOp>(op);
  r.start = attention ? attention.getQueryRowStart() : Value();
  Value total = r.start ? attention.getQueryRowTotal() : seqQ;
  r.offset = arith::SubIOp::create(b, loc, seqKV, total);
  return r;
}

/// Emits, once per op call, what the op's pattern needs at run time: for
/// #attn.documents, a check of the offsets (non-decreasing, within
/// [0, Skv]; a failure aborts with a message) and the per-key-position
/// document ids (O(Skv + N)). Empty env for other patterns.
/// `clauses`: those of attn.attention or attn.attention_grad.
PatternEnv buildPatternEnv(OpBuilder &b, Location loc,
                           const AttentionClauses &clauses, Value seqKV);
inline PatternEnv buildPatternEnv(OpBuilder &b, Location loc, AttentionOp op,
                                  Value seqKV) {
  return buildPatternEnv(b, loc, AttentionClauses::of(op), seqKV);
}

} // namespace attn
} // namespace mlir



namespace mlir {
namespace attn {

/// Emits, once per call, the run-time check of the op's block table
/// (row pointers within [0, NNZ] and non-decreasing, columns within
/// [0, nKB) and strictly increasing per row); a failure aborts with a
/// message. `nKB` is ceil(Skv / bk).
void buildBlockTableCheck(OpBuilder &b, Location loc,
                          const AttentionClauses &clauses, Value nKB);
inline void buildBlockTableCheck(OpBuilder &b, Location loc, AttentionOp op,
                                 Value nKB) {
  buildBlockTableCheck(b, loc, AttentionClauses::of(op), nKB);
}

/// The table as a dense [B, Ht, nQB, nKB] i8 tensor (0: not listed,
/// 1: listed, 2: listed and full), for lowerings that test elements.
Value buildBlockTableDense(OpBuilder &b, Location loc,
                           const AttentionClauses &clauses, Value nKB);
inline Value buildBlockTableDense(OpBuilder &b, Location loc, AttentionOp op,
                                  Value nKB) {
  return buildBlockTableDense(b, loc, AttentionClauses::of(op), nKB);
}

} // namespace attn
} // namespace mlir
#endif // ATTN_PASSES_PATTERNENV_H
