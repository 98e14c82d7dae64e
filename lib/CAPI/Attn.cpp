//===- Attn.cpp - C API of the attn dialect --------------------------------===//
#include "attn-c/Attn.h"

#include "attn/IR/AttnOps.h"
#include "attn/Registration.h"

#include "mlir/CAPI/IR.h"
#include "mlir/CAPI/Registration.h"
#include "mlir/CAPI/Support.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Target/LLVMIR/Dialect/All.h"

#include <mutex>

using namespace mlir;
using namespace mlir::attn;

MLIR_DEFINE_CAPI_DIALECT_REGISTRATION(Attn, attn, mlir::attn::AttnDialect)

void mlirAttnRegisterPasses(void) {
  static std::once_flag once;
  std::call_once(once, [] { ::attn::registerPasses(); });
}

void mlirAttnRegisterRequiredDialects(MlirDialectRegistry registry) {
  DialectRegistry &r = *unwrap(registry);
  registerAllDialects(r);
  registerAllExtensions(r);
  registerAllToLLVMIRTranslations(r);
  ::attn::registerDialects(r);
}

static Alignment toAlign(MlirAttnAlignment a) {
  return a == MlirAttnAlignmentTopLeft ? Alignment::top_left
                                       : Alignment::bottom_right;
}
static MlirAttnAlignment fromAlign(Alignment a) {
  return a == Alignment::top_left ? MlirAttnAlignmentTopLeft
                                  : MlirAttnAlignmentBottomRight;
}

/// The context, with the attn dialect loaded: attributes of a dialect
/// that is not loaded cannot be created (MLIR asserts, or crashes in
/// release builds), and C callers easily forget to load it.
static MLIRContext *loaded(MlirContext ctx) {
  MLIRContext *c = unwrap(ctx);
  c->getOrLoadDialect<AttnDialect>();
  return c;
}

/// Constructors return a null attribute (mlirAttributeIsNull) for
/// parameters the verifier rejects, after emitting the diagnostic.
template <typename AttrT, typename... Args>
static MlirAttribute getChecked(MlirContext ctx, Args... args) {
  MLIRContext *c = loaded(ctx);
  return wrap(AttrT::getChecked(
      [c] { return emitError(UnknownLoc::get(c)); }, c, args...));
}

bool mlirAttributeIsAAttnSparsityPattern(MlirAttribute a) {
  return isa<SparsityAttrInterface>(unwrap(a));
}
bool mlirAttnSparsityPatternIsVisible(MlirAttribute a, int64_t i, int64_t j,
                                      int64_t sq, int64_t skv) {
  return cast<SparsityAttrInterface>(unwrap(a)).isVisible(i, j, sq, skv);
}

bool mlirAttributeIsAAttnCausal(MlirAttribute a) {
  return isa<CausalAttr>(unwrap(a));
}
MlirAttribute mlirAttnCausalAttrGet(MlirContext ctx, MlirAttnAlignment align) {
  return wrap(CausalAttr::get(loaded(ctx), toAlign(align)));
}
MlirAttnAlignment mlirAttnCausalAttrGetAlign(MlirAttribute a) {
  return fromAlign(cast<CausalAttr>(unwrap(a)).getAlign());
}

bool mlirAttributeIsAAttnSlidingWindow(MlirAttribute a) {
  return isa<SlidingWindowAttr>(unwrap(a));
}
MlirAttribute mlirAttnSlidingWindowAttrGet(MlirContext ctx, int64_t left,
                                           int64_t right,
                                           MlirAttnAlignment align) {
  return getChecked<SlidingWindowAttr>(ctx, left, right, toAlign(align));
}
int64_t mlirAttnSlidingWindowAttrGetLeft(MlirAttribute a) {
  return cast<SlidingWindowAttr>(unwrap(a)).getLeft();
}
int64_t mlirAttnSlidingWindowAttrGetRight(MlirAttribute a) {
  return cast<SlidingWindowAttr>(unwrap(a)).getRight();
}
MlirAttnAlignment mlirAttnSlidingWindowAttrGetAlign(MlirAttribute a) {
  return fromAlign(cast<SlidingWindowAttr>(unwrap(a)).getAlign());
}

bool mlirAttributeIsAAttnDilatedWindow(MlirAttribute a) {
  return isa<DilatedWindowAttr>(unwrap(a));
}
MlirAttribute mlirAttnDilatedWindowAttrGet(MlirContext ctx, int64_t left,
                                           int64_t right, int64_t dilation,
                                           MlirAttnAlignment align) {
  return getChecked<DilatedWindowAttr>(ctx, left, right, dilation,
                                       toAlign(align));
}
int64_t mlirAttnDilatedWindowAttrGetLeft(MlirAttribute a) {
  return cast<DilatedWindowAttr>(unwrap(a)).getLeft();
}
int64_t mlirAttnDilatedWindowAttrGetRight(MlirAttribute a) {
  return cast<DilatedWindowAttr>(unwrap(a)).getRight();
}
int64_t mlirAttnDilatedWindowAttrGetDilation(MlirAttribute a) {
  return cast<DilatedWindowAttr>(unwrap(a)).getDilation();
}
MlirAttnAlignment mlirAttnDilatedWindowAttrGetAlign(MlirAttribute a) {
  return fromAlign(cast<DilatedWindowAttr>(unwrap(a)).getAlign());
}

bool mlirAttributeIsAAttnGlobal(MlirAttribute a) {
  return isa<GlobalAttr>(unwrap(a));
}
MlirAttribute mlirAttnGlobalAttrGet(MlirContext ctx, int64_t keys,
                                    int64_t queries) {
  return getChecked<GlobalAttr>(ctx, keys, queries);
}
int64_t mlirAttnGlobalAttrGetKeys(MlirAttribute a) {
  return cast<GlobalAttr>(unwrap(a)).getKeys();
}
int64_t mlirAttnGlobalAttrGetQueries(MlirAttribute a) {
  return cast<GlobalAttr>(unwrap(a)).getQueries();
}

bool mlirAttributeIsAAttnNeighborhood(MlirAttribute a) {
  return isa<NeighborhoodAttr>(unwrap(a));
}
MlirAttribute mlirAttnNeighborhoodAttrGet(MlirContext ctx, int64_t height,
                                          int64_t width, int64_t kernelH,
                                          int64_t kernelW, int64_t dilationH,
                                          int64_t dilationW) {
  return getChecked<NeighborhoodAttr>(ctx, height, width, kernelH, kernelW,
                                      dilationH, dilationW);
}
int64_t mlirAttnNeighborhoodAttrGetParameter(MlirAttribute a, int index) {
  auto n = cast<NeighborhoodAttr>(unwrap(a));
  int64_t p[] = {n.getHeight(),  n.getWidth(),     n.getKernelH(),
                 n.getKernelW(), n.getDilationH(), n.getDilationW()};
  return index >= 0 && index < 6 ? p[index] : -1;
}

bool mlirAttributeIsAAttnBlockLayout(MlirAttribute a) {
  return isa<BlockLayoutAttr>(unwrap(a));
}
MlirAttribute mlirAttnBlockLayoutAttrGet(MlirContext ctx, int64_t blockQ,
                                         int64_t blockK, int64_t rows,
                                         int64_t cols, const int64_t *layout) {
  if (rows < 0 || cols < 0 || (rows * cols > 0 && !layout))
    return MlirAttribute{nullptr};
  ArrayRef<int64_t> l(layout, size_t(rows * cols));
  return getChecked<BlockLayoutAttr>(ctx, blockQ, blockK, rows, cols, l);
}
int64_t mlirAttnBlockLayoutAttrGetBlockQ(MlirAttribute a) {
  return cast<BlockLayoutAttr>(unwrap(a)).getBlockQ();
}
int64_t mlirAttnBlockLayoutAttrGetBlockK(MlirAttribute a) {
  return cast<BlockLayoutAttr>(unwrap(a)).getBlockK();
}
int64_t mlirAttnBlockLayoutAttrGetRows(MlirAttribute a) {
  return cast<BlockLayoutAttr>(unwrap(a)).getRows();
}
int64_t mlirAttnBlockLayoutAttrGetCols(MlirAttribute a) {
  return cast<BlockLayoutAttr>(unwrap(a)).getCols();
}
int64_t mlirAttnBlockLayoutAttrGetEntry(MlirAttribute a, int64_t row,
                                        int64_t col) {
  auto b = cast<BlockLayoutAttr>(unwrap(a));
  if (row < 0 || col < 0 || row >= b.getRows() || col >= b.getCols())
    return -1;
  return b.getLayout()[row * b.getCols() + col];
}

bool mlirAttributeIsAAttnDocuments(MlirAttribute a) {
  return isa<DocumentsAttr>(unwrap(a));
}
MlirAttribute mlirAttnDocumentsAttrGet(MlirContext ctx) {
  return wrap(DocumentsAttr::get(loaded(ctx)));
}

template <typename AttrT>
static MlirAttribute combined(MlirContext ctx, intptr_t n,
                              const MlirAttribute *patterns) {
  SmallVector<SparsityAttrInterface> ps;
  for (intptr_t i = 0; i < n; ++i) {
    auto p = dyn_cast_or_null<SparsityAttrInterface>(unwrap(patterns[i]));
    if (!p)
      return MlirAttribute{nullptr};
    ps.push_back(p);
  }
  return getChecked<AttrT>(ctx, ArrayRef<SparsityAttrInterface>(ps));
}
bool mlirAttributeIsAAttnUnion(MlirAttribute a) {
  return isa<UnionAttr>(unwrap(a));
}
MlirAttribute mlirAttnUnionAttrGet(MlirContext ctx, intptr_t n,
                                   const MlirAttribute *patterns) {
  return combined<UnionAttr>(ctx, n, patterns);
}
bool mlirAttributeIsAAttnIntersect(MlirAttribute a) {
  return isa<IntersectAttr>(unwrap(a));
}
MlirAttribute mlirAttnIntersectAttrGet(MlirContext ctx, intptr_t n,
                                       const MlirAttribute *patterns) {
  return combined<IntersectAttr>(ctx, n, patterns);
}
static ArrayRef<SparsityAttrInterface> kids(MlirAttribute a) {
  Attribute attr = unwrap(a);
  if (auto u = dyn_cast<UnionAttr>(attr))
    return u.getPatterns();
  return cast<IntersectAttr>(attr).getPatterns();
}
intptr_t mlirAttnCombinedAttrGetNumPatterns(MlirAttribute a) {
  return kids(a).size();
}
MlirAttribute mlirAttnCombinedAttrGetPattern(MlirAttribute a, intptr_t pos) {
  return wrap(Attribute(kids(a)[pos]));
}

bool mlirAttributeIsAAttnTiling(MlirAttribute a) {
  return isa<TilingAttr>(unwrap(a));
}
MlirAttribute mlirAttnTilingAttrGet(MlirContext ctx, int64_t query,
                                    int64_t key) {
  return getChecked<TilingAttr>(ctx, query, key);
}
int64_t mlirAttnTilingAttrGetQuery(MlirAttribute a) {
  return cast<TilingAttr>(unwrap(a)).getQuery();
}
int64_t mlirAttnTilingAttrGetKey(MlirAttribute a) {
  return cast<TilingAttr>(unwrap(a)).getKey();
}

bool mlirAttributeIsAAttnLayout(MlirAttribute a) {
  return isa<LayoutAttr>(unwrap(a));
}
MlirAttribute mlirAttnLayoutAttrGet(MlirContext ctx, bool bshd) {
  return wrap(
      LayoutAttr::get(loaded(ctx), bshd ? Layout::bshd : Layout::bhsd));
}
bool mlirAttnLayoutAttrIsBSHD(MlirAttribute a) {
  return cast<LayoutAttr>(unwrap(a)).getValue() == Layout::bshd;
}
