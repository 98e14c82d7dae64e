/*===-- attn-c/Attn.h - C API of the attn dialect ------------------*- C -*-===*\
|*                                                                            *|
|* Follows the MLIR C API conventions (mlir-c/IR.h): the dialect handle,       *|
|* pass registration, and constructors, predicates and getters of the         *|
|* attributes (sparsity patterns, tiling, layout). Link libAttnCAPI.so, which  *|
|* also exports the upstream MLIR C API (IR, passes, RegisterEverything).      *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/
#ifndef ATTN_C_ATTN_H
#define ATTN_C_ATTN_H

#include "mlir-c/IR.h"
#include "mlir-c/Support.h"

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* mlirGetDialectHandle__attn__() */
MLIR_DECLARE_CAPI_DIALECT_REGISTRATION(Attn, attn);

/* Registers every attn pass and pipeline (--attn-fuse, --attn-cpu-pipeline,
 * ...) with the global registry, so that mlirParsePassPipeline and
 * mlirOpPassManagerAddPipeline know them. Idempotent. */
MLIR_CAPI_EXPORTED void mlirAttnRegisterPasses(void);

/* Adds to `registry` what the attn lowerings need besides the attn dialect:
 * every upstream dialect and extension (bufferization and tiling interface
 * implementations) and the LLVM IR translations. */
MLIR_CAPI_EXPORTED void mlirAttnRegisterRequiredDialects(
    MlirDialectRegistry registry);

/* Diagonal alignment of #attn.causal, #attn.sliding_window and
 * #attn.dilated_window (docs/semantics.md). */
typedef enum MlirAttnAlignment {
  MlirAttnAlignmentBottomRight = 0, /* p = i + Skv - Sq (the default) */
  MlirAttnAlignmentTopLeft = 1      /* p = i (PyTorch is_causal) */
} MlirAttnAlignment;

/* Any sparsity pattern (the `sparsity` attribute of attn.attention). */
MLIR_CAPI_EXPORTED bool mlirAttributeIsAAttnSparsityPattern(MlirAttribute a);
/* Whether query i sees key j for sequence lengths sq, skv (static part;
 * #attn.documents answers true). `a` must be a sparsity pattern. */
MLIR_CAPI_EXPORTED bool mlirAttnSparsityPatternIsVisible(MlirAttribute a,
                                                        int64_t i, int64_t j,
                                                        int64_t sq,
                                                        int64_t skv);

/* #attn.causal */
MLIR_CAPI_EXPORTED bool mlirAttributeIsAAttnCausal(MlirAttribute a);
MLIR_CAPI_EXPORTED MlirAttribute mlirAttnCausalAttrGet(MlirContext ctx,
                                                       MlirAttnAlignment align);
MLIR_CAPI_EXPORTED MlirAttnAlignment mlirAttnCausalAttrGetAlign(MlirAttribute a);

/* #attn.sliding_window<left = L, right = R[, align = ...]> */
MLIR_CAPI_EXPORTED bool mlirAttributeIsAAttnSlidingWindow(MlirAttribute a);
MLIR_CAPI_EXPORTED MlirAttribute mlirAttnSlidingWindowAttrGet(
    MlirContext ctx, int64_t left, int64_t right, MlirAttnAlignment align);
MLIR_CAPI_EXPORTED int64_t mlirAttnSlidingWindowAttrGetLeft(MlirAttribute a);
MLIR_CAPI_EXPORTED int64_t mlirAttnSlidingWindowAttrGetRight(MlirAttribute a);
MLIR_CAPI_EXPORTED MlirAttnAlignment
mlirAttnSlidingWindowAttrGetAlign(MlirAttribute a);

/* #attn.dilated_window<left = L, right = R, dilation = d[, align = ...]> */
MLIR_CAPI_EXPORTED bool mlirAttributeIsAAttnDilatedWindow(MlirAttribute a);
MLIR_CAPI_EXPORTED MlirAttribute
mlirAttnDilatedWindowAttrGet(MlirContext ctx, int64_t left, int64_t right,
                             int64_t dilation, MlirAttnAlignment align);
MLIR_CAPI_EXPORTED int64_t mlirAttnDilatedWindowAttrGetLeft(MlirAttribute a);
MLIR_CAPI_EXPORTED int64_t mlirAttnDilatedWindowAttrGetRight(MlirAttribute a);
MLIR_CAPI_EXPORTED int64_t
mlirAttnDilatedWindowAttrGetDilation(MlirAttribute a);
MLIR_CAPI_EXPORTED MlirAttnAlignment
mlirAttnDilatedWindowAttrGetAlign(MlirAttribute a);

/* #attn.global<keys = g, queries = G> */
MLIR_CAPI_EXPORTED bool mlirAttributeIsAAttnGlobal(MlirAttribute a);
MLIR_CAPI_EXPORTED MlirAttribute mlirAttnGlobalAttrGet(MlirContext ctx,
                                                       int64_t keys,
                                                       int64_t queries);
MLIR_CAPI_EXPORTED int64_t mlirAttnGlobalAttrGetKeys(MlirAttribute a);
MLIR_CAPI_EXPORTED int64_t mlirAttnGlobalAttrGetQueries(MlirAttribute a);

/* #attn.neighborhood<grid = H x W, kernel = kh x kw, dilation = dh x dw> */
MLIR_CAPI_EXPORTED bool mlirAttributeIsAAttnNeighborhood(MlirAttribute a);
MLIR_CAPI_EXPORTED MlirAttribute mlirAttnNeighborhoodAttrGet(
    MlirContext ctx, int64_t height, int64_t width, int64_t kernelH,
    int64_t kernelW, int64_t dilationH, int64_t dilationW);
/* Parameter `index`: 0 height, 1 width, 2 kernelH, 3 kernelW, 4 dilationH,
 * 5 dilationW. */
MLIR_CAPI_EXPORTED int64_t mlirAttnNeighborhoodAttrGetParameter(MlirAttribute a,
                                                               int index);

/* #attn.block_layout<block = bq x bk, [[...]]>: `layout` is rows * cols
 * 0/1 entries, row-major. */
MLIR_CAPI_EXPORTED bool mlirAttributeIsAAttnBlockLayout(MlirAttribute a);
MLIR_CAPI_EXPORTED MlirAttribute
mlirAttnBlockLayoutAttrGet(MlirContext ctx, int64_t blockQ, int64_t blockK,
                           int64_t rows, int64_t cols, const int64_t *layout);
MLIR_CAPI_EXPORTED int64_t mlirAttnBlockLayoutAttrGetBlockQ(MlirAttribute a);
MLIR_CAPI_EXPORTED int64_t mlirAttnBlockLayoutAttrGetBlockK(MlirAttribute a);
MLIR_CAPI_EXPORTED int64_t mlirAttnBlockLayoutAttrGetRows(MlirAttribute a);
MLIR_CAPI_EXPORTED int64_t mlirAttnBlockLayoutAttrGetCols(MlirAttribute a);
MLIR_CAPI_EXPORTED int64_t mlirAttnBlockLayoutAttrGetEntry(MlirAttribute a,
                                                          int64_t row,
                                                          int64_t col);

/* #attn.documents */
MLIR_CAPI_EXPORTED bool mlirAttributeIsAAttnDocuments(MlirAttribute a);
MLIR_CAPI_EXPORTED MlirAttribute mlirAttnDocumentsAttrGet(MlirContext ctx);

/* #attn.union<[...]> and #attn.intersect<[...]> of sparsity patterns. */
MLIR_CAPI_EXPORTED bool mlirAttributeIsAAttnUnion(MlirAttribute a);
MLIR_CAPI_EXPORTED MlirAttribute mlirAttnUnionAttrGet(
    MlirContext ctx, intptr_t numPatterns, const MlirAttribute *patterns);
MLIR_CAPI_EXPORTED bool mlirAttributeIsAAttnIntersect(MlirAttribute a);
MLIR_CAPI_EXPORTED MlirAttribute mlirAttnIntersectAttrGet(
    MlirContext ctx, intptr_t numPatterns, const MlirAttribute *patterns);
/* For a union or an intersection. */
MLIR_CAPI_EXPORTED intptr_t mlirAttnCombinedAttrGetNumPatterns(MlirAttribute a);
MLIR_CAPI_EXPORTED MlirAttribute mlirAttnCombinedAttrGetPattern(MlirAttribute a,
                                                               intptr_t pos);

/* #attn.tiling<query = q, key = k> (also the `block_size` attribute). */
MLIR_CAPI_EXPORTED bool mlirAttributeIsAAttnTiling(MlirAttribute a);
MLIR_CAPI_EXPORTED MlirAttribute mlirAttnTilingAttrGet(MlirContext ctx,
                                                       int64_t query,
                                                       int64_t key);
MLIR_CAPI_EXPORTED int64_t mlirAttnTilingAttrGetQuery(MlirAttribute a);
MLIR_CAPI_EXPORTED int64_t mlirAttnTilingAttrGetKey(MlirAttribute a);

/* #attn.layout<bhsd> / #attn.layout<bshd> */
MLIR_CAPI_EXPORTED bool mlirAttributeIsAAttnLayout(MlirAttribute a);
MLIR_CAPI_EXPORTED MlirAttribute mlirAttnLayoutAttrGet(MlirContext ctx,
                                                       bool bshd);
MLIR_CAPI_EXPORTED bool mlirAttnLayoutAttrIsBSHD(MlirAttribute a);

#ifdef __cplusplus
}
#endif

#endif /* ATTN_C_ATTN_H */
