//===- InputGuards.h - reject input that crashes the MLIR 22 parser -*- C++ -*-===//
#ifndef ATTN_SUPPORT_INPUTGUARDS_H
#define ATTN_SUPPORT_INPUTGUARDS_H

#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>

namespace attn {

/// Textual forms that crash the parser of the MLIR 22 release itself (not
/// this project's code), so that the tools can reject them with an error
/// instead of dying on a signal. Returns a message naming the line, or
/// nothing when the source is free of them.
///
/// - `array<index: ...>`: DenseArrayAttr of index type; the parser asks the
///   index type for a float width and segfaults (also in mlir-opt-22).
std::optional<std::string> findKnownParserCrash(llvm::StringRef source);

} // namespace attn

#endif
