//===- Registration.h - embed attn in a host compiler -----------*- C++ -*-===//
#ifndef ATTN_REGISTRATION_H
#define ATTN_REGISTRATION_H

namespace mlir {
class DialectRegistry;
} // namespace mlir

namespace attn {

/// Adds the attn dialect and every dialect, interface model and LLVM IR
/// translation its lowerings need to `registry` (it registers all of
/// upstream MLIR's, which a host compiler usually does anyway).
void registerDialects(mlir::DialectRegistry &registry);

/// Registers the attn-* passes and pipelines (--attn-decompose,
/// --attn-cpu-pipeline, ...) with MLIR's global pass registry.
void registerPasses();

} // namespace attn

#endif // ATTN_REGISTRATION_H
