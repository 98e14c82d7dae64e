//===- TilingInterfaceImpl.h - attn.attention's TilingInterface -*- C++ -*-===//
#ifndef ATTN_PASSES_TILING_TILINGINTERFACEIMPL_H
#define ATTN_PASSES_TILING_TILINGINTERFACEIMPL_H

namespace mlir {
class DialectRegistry;
namespace attn {

/// attn.attention's TilingInterface: (b, h, q) parallel, kv reduction; a
/// tile of one (batch, head) and a block of query rows becomes the fused
/// query-tile body (attn.online_attention steps over the keys).
void registerTilingInterfaceExternalModels(DialectRegistry &registry);

} // namespace attn
} // namespace mlir

#endif // ATTN_PASSES_TILING_TILINGINTERFACEIMPL_H
