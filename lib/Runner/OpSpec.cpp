//===- OpSpec.cpp - the reference's view of an attn.attention op ----------===//
//
// specFromOp: the float64 reference's AttentionSpec of an op (shapes,
// pattern parameters, optional operands). Its own library (AttnOpSpec) so
// that the NVGPU target describes its kernels' problems with it without
// linking the JIT runner.
//
//===----------------------------------------------------------------------===//
#include "attn/IR/AttnOps.h"
#include "attn/Runner/OpSpec.h"

using namespace mlir;
using namespace mlir::attn;

/// Right-aligns `shape` into rank 4, padding with leading 1s.
static std::array<int64_t, 4> pad4(ArrayRef<int64_t> shape) {
  std::array<int64_t, 4> r = {1, 1, 1, 1};
  size_t lead = 4 - shape.size();
  for (size_t i = 0; i < shape.size(); ++i)
    r[lead + i] = shape[i];
  return r;
}

/// The reference description of a sparsity attribute (a parameter copy:
/// the reference implements each pattern from its definition).
static LogicalResult patternFromAttr(SparsityAttrInterface p,
                                     ref::MaskPattern &r, std::string &why) {
  using K = ref::PatternKind;
  if (auto c = dyn_cast<CausalAttr>(p)) {
    r.kind = K::Causal;
    r.topLeft = c.getAlign() == Alignment::top_left;
  } else if (auto w = dyn_cast<SlidingWindowAttr>(p)) {
    r.kind = K::SlidingWindow;
    r.left = w.getLeft();
    r.right = w.getRight();
    r.topLeft = w.getAlign() == Alignment::top_left;
  } else if (auto w = dyn_cast<DilatedWindowAttr>(p)) {
    r.kind = K::DilatedWindow;
    r.left = w.getLeft();
    r.right = w.getRight();
    r.dilation = w.getDilation();
    r.topLeft = w.getAlign() == Alignment::top_left;
  } else if (auto g = dyn_cast<GlobalAttr>(p)) {
    r.kind = K::Global;
    r.keys = g.getKeys();
    r.queries = g.getQueries();
  } else if (auto n = dyn_cast<NeighborhoodAttr>(p)) {
    r.kind = K::Neighborhood;
    r.height = n.getHeight();
    r.width = n.getWidth();
    r.kernelH = n.getKernelH();
    r.kernelW = n.getKernelW();
    r.dilationH = n.getDilationH();
    r.dilationW = n.getDilationW();
  } else if (auto bl = dyn_cast<BlockLayoutAttr>(p)) {
    r.kind = K::BlockLayout;
    r.blockQ = bl.getBlockQ();
    r.blockK = bl.getBlockK();
    r.rows = bl.getRows();
    r.cols = bl.getCols();
    r.layout.assign(bl.getLayout().begin(), bl.getLayout().end());
  } else if (isa<DocumentsAttr>(p)) {
    r.kind = K::Documents;
  } else if (isa<UnionAttr, IntersectAttr>(p)) {
    auto u = dyn_cast<UnionAttr>(p);
    r.kind = u ? K::Union : K::Intersect;
    ArrayRef<SparsityAttrInterface> kids =
        u ? u.getPatterns() : cast<IntersectAttr>(p).getPatterns();
    for (SparsityAttrInterface k : kids) {
      r.children.emplace_back();
      if (failed(patternFromAttr(k, r.children.back(), why)))
        return failure();
    }
  } else {
    why = "the reference evaluator does not know this sparsity pattern";
    return failure();
  }
  return success();
}

FailureOr<ref::AttentionSpec> mlir::attn::specFromOp(AttentionOp op,
                                                     std::string &why) {
  ref::AttentionSpec s;
  if (failed(copyStaticShape(op, s, why)))
    return failure();
  s.scale = *op.getEffectiveScale();
  if (auto p = op.getSparsityAttr()) {
    if (failed(patternFromAttr(p, s.pattern, why)))
      return failure();
    // Placeholder for validation; evaluateReference reads the real offsets.
    if (ref::patternUsesDocuments(s.pattern))
      s.docOffsets = {0, s.seqKV};
  }
  if (auto bs = op.getBlockSizeAttr()) {
    // Sizes only: evaluateReference reads the table's values.
    s.blockQ = bs.getQuery();
    s.blockK = bs.getKey();
    s.tableHeads =
        cast<RankedTensorType>(op.getBlockRowPtr().getType()).getDimSize(1);
    s.tableNnz =
        cast<RankedTensorType>(op.getBlockCols().getType()).getDimSize(2);
    s.hasBlockFull = static_cast<bool>(op.getBlockFull());
  }
  if (auto c = op.getSoftcapAttr()) {
    s.hasSoftcap = true;
    s.softcap = c.getValueAsDouble();
  }
  if (Value m = op.getMask()) {
    s.hasMask = true;
    s.maskShape = pad4(cast<RankedTensorType>(m.getType()).getShape());
  }
  if (Value b = op.getBias()) {
    s.hasBias = true;
    s.biasShape = pad4(cast<RankedTensorType>(b.getType()).getShape());
  }
  s.hasAlibi = static_cast<bool>(op.getAlibiSlopes());
  s.withLse = static_cast<bool>(op.getLse());
  std::string invalid = ref::validate(s);
  if (!invalid.empty()) {
    why = "reference spec rejected: " + invalid;
    return failure();
  }
  return s;
}

