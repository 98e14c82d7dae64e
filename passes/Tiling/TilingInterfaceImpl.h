//===- TilingInterfaceImpl.h - attn.attention's TilingInterface -*- C++ -*-===//
#ifndef ATTN_PASSES_TILING_TILINGINTERFACEIMPL_H
#define ATTN_PASSES_TILING_TILINGINTERFACEIMPL_H

namespace mlir {
class DialectRegistry;
namespace attn {

/// attn.attention's TilingInterface: (b, h, q) parallel, kv reduction; a
/// tile of batches, heads and query rows is a smaller attn.attention on
/// slices of the operands, with query_rows placing its rows.
void registerTilingInterfaceExternalModels(DialectRegistry &registry);

} // namespace attn
} // namespace mlir

#endif // ATTN_PASSES_TILING_TILINGINTERFACEIMPL_H
