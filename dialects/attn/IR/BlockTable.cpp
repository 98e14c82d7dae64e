//===- BlockTable.cpp - verifier of the block table operands --------------===//
//
// blocks(row_ptr, cols) [full_blocks(full)]: a BSR table over blocks of
// block_size = (bq, bk): for batch b, table head t (query head h reads
// t = h / (Hq / Ht)) and query block r, the key blocks cols[b, t, n] for n
// in [row_ptr[b, t, r], row_ptr[b, t, r + 1]), strictly increasing.
//
//===----------------------------------------------------------------------===//
#include "OperandShapes.h"

#include "mlir/IR/Matchers.h"

using namespace mlir;
using namespace mlir::attn;

static std::string shapeString(RankedTensorType t) {
  std::string s;
  llvm::raw_string_ostream os(s);
  os << t;
  return s;
}

LogicalResult opshapes::verifyBlockTable(Operation *op, const QKVSizes &sizes,
                                         const AttentionClauses &clauses) {
  Value rp = clauses.blockRowPtr, cols = clauses.blockCols,
        full = clauses.blockFull;
  TilingAttr bs = clauses.blockSize;
  auto emitOpError = [&]() { return op->emitOpError(); };
  if (!rp && !cols) {
    if (full)
      return emitOpError() << "full_blocks(...) needs blocks(...)";
    if (bs)
      return emitOpError() << "block_size is only meaningful with blocks(...)";
    return success();
  }
  if (!rp || !cols)
    return emitOpError() << "blocks(...) needs both row pointers and columns";
  if (!bs)
    return emitOpError() << "blocks(...) needs a block_size attribute";
  auto rpT = cast<RankedTensorType>(rp.getType());
  auto cT = cast<RankedTensorType>(cols.getType());
  if (rpT.getRank() != 3 || cT.getRank() != 3)
    return emitOpError() << "block row pointers and columns must be "
                            "[B, Ht, nQB + 1] and [B, Ht, NNZ], got "
                         << rpT << " and " << cT;
  if (full && cast<RankedTensorType>(full.getType()).getShape() !=
                  cT.getShape())
    return emitOpError() << "full_blocks must have the shape of the block "
                            "columns "
                         << cT << ", got " << full.getType();
  auto same = [](int64_t a, int64_t b) {
    return ShapedType::isDynamic(a) || ShapedType::isDynamic(b) || a == b;
  };
  int64_t b = sizes.b, hq = sizes.hq, sq = sizes.sq, skv = sizes.skv;
  int64_t bq = bs.getQuery(), bk = bs.getKey();
  if (!same(rpT.getDimSize(0), b) || !same(cT.getDimSize(0), b) ||
      !same(rpT.getDimSize(1), cT.getDimSize(1)))
    return emitOpError() << "block table batch/head dims of " << rpT << " and "
                         << cT << " must match each other and B = " << b;
  int64_t ht = rpT.getDimSize(1);
  if (!ShapedType::isDynamic(ht) && !ShapedType::isDynamic(hq) &&
      (ht < 1 || hq % ht != 0))
    return emitOpError() << "block table heads (Ht = " << ht
                         << ") must divide the query heads (Hq = " << hq
                         << ")";
  if (!ShapedType::isDynamic(sq) &&
      !same(rpT.getDimSize(2), (sq + bq - 1) / bq + 1))
    return emitOpError() << "block row pointers need ceil(Sq / "
                         << bq << ") + 1 = " << (sq + bq - 1) / bq + 1
                         << " entries per row, got " << shapeString(rpT);
  if (cT.getDimSize(2) == 0)
    return emitOpError() << "block columns need NNZ >= 1";

  // Constant tables are checked here; others by the lowerings at run time.
  DenseIntElementsAttr rpC, cC;
  if (!matchPattern(rp, m_Constant(&rpC)) ||
      !matchPattern(cols, m_Constant(&cC)) || !rpT.hasStaticShape() ||
      !cT.hasStaticShape() || ShapedType::isDynamic(skv))
    return success();
  SmallVector<int64_t> r, c;
  for (APInt v : rpC.getValues<APInt>())
    r.push_back(v.getSExtValue());
  for (APInt v : cC.getValues<APInt>())
    c.push_back(v.getSExtValue());
  int64_t rows = rpT.getDimSize(2) - 1, nnz = cT.getDimSize(2);
  int64_t nKB = (skv + bk - 1) / bk;
  for (int64_t t = 0; t < rpT.getDimSize(0) * rpT.getDimSize(1); ++t)
    for (int64_t q = 0; q < rows; ++q) {
      int64_t lo = r[t * (rows + 1) + q], hi = r[t * (rows + 1) + q + 1];
      if (lo < 0 || lo > hi || hi > nnz)
        return emitOpError()
               << "block table row " << q << " of (b, head) #" << t
               << " has row pointers [" << lo << ", " << hi
               << ") outside 0 <= lo <= hi <= NNZ = " << nnz;
      for (int64_t n = lo; n < hi; ++n) {
        int64_t k = c[t * nnz + n];
        if (k < 0 || k >= nKB)
          return emitOpError() << "block table column " << k << " (row " << q
                               << " of (b, head) #" << t
                               << ") is outside [0, " << nKB << ")";
        if (n > lo && k <= c[t * nnz + n - 1])
          return emitOpError() << "block table row " << q << " of (b, head) #"
                               << t
                               << " is not strictly increasing (unsorted or "
                                  "duplicate key block "
                               << k << ")";
      }
    }
  return success();
}
