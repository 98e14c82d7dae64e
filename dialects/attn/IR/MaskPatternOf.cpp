//===- MaskPatternOf.cpp - a sparsity attribute's plain parameters --------===//
#include "attn/IR/MaskPatternOf.h"
#include "attn/IR/AttnOps.h"

using namespace mlir;
using namespace mlir::attn;
namespace ref = ::attn::ref;

LogicalResult mlir::attn::maskPatternOf(Attribute sparsity, ref::MaskPattern &r,
                                       std::string &why) {
  using K = ref::PatternKind;
  if (!sparsity) {
    r.kind = K::None;
  } else if (auto c = dyn_cast<CausalAttr>(sparsity)) {
    r.kind = K::Causal;
    r.topLeft = c.getAlign() == Alignment::top_left;
  } else if (auto w = dyn_cast<SlidingWindowAttr>(sparsity)) {
    r.kind = K::SlidingWindow;
    r.left = w.getLeft(), r.right = w.getRight();
    r.topLeft = w.getAlign() == Alignment::top_left;
  } else if (auto w = dyn_cast<DilatedWindowAttr>(sparsity)) {
    r.kind = K::DilatedWindow;
    r.left = w.getLeft(), r.right = w.getRight();
    r.dilation = w.getDilation();
    r.topLeft = w.getAlign() == Alignment::top_left;
  } else if (auto g = dyn_cast<GlobalAttr>(sparsity)) {
    r.kind = K::Global;
    r.keys = g.getKeys(), r.queries = g.getQueries();
  } else if (auto n = dyn_cast<NeighborhoodAttr>(sparsity)) {
    r.kind = K::Neighborhood;
    r.height = n.getHeight(), r.width = n.getWidth();
    r.kernelH = n.getKernelH(), r.kernelW = n.getKernelW();
    r.dilationH = n.getDilationH(), r.dilationW = n.getDilationW();
  } else if (auto bl = dyn_cast<BlockLayoutAttr>(sparsity)) {
    r.kind = K::BlockLayout;
    r.blockQ = bl.getBlockQ(), r.blockK = bl.getBlockK();
    r.rows = bl.getRows(), r.cols = bl.getCols();
    r.layout.assign(bl.getLayout().begin(), bl.getLayout().end());
  } else if (isa<DocumentsAttr>(sparsity)) {
    r.kind = K::Documents;
  } else if (isa<UnionAttr, IntersectAttr>(sparsity)) {
    auto u = dyn_cast<UnionAttr>(sparsity);
    r.kind = u ? K::Union : K::Intersect;
    ArrayRef<SparsityAttrInterface> kids =
        u ? u.getPatterns() : cast<IntersectAttr>(sparsity).getPatterns();
    for (SparsityAttrInterface k : kids) {
      r.children.emplace_back();
      if (failed(maskPatternOf(k, r.children.back(), why)))
        return failure();
    }
  } else {
    why = "not a sparsity pattern of the attn dialect";
    return failure();
  }
  return success();
}
