//===- InputGuards.cpp - reject input that crashes the MLIR 22 parser -----===//
#include "attn/Support/InputGuards.h"

#include "llvm/ADT/StringExtras.h"

std::optional<std::string> attn::findKnownParserCrash(llvm::StringRef source) {
  // `array` `<` `index`, with any whitespace between the tokens.
  for (size_t pos = source.find("array"); pos != llvm::StringRef::npos;
       pos = source.find("array", pos + 1)) {
    if (pos > 0 && (llvm::isAlnum(source[pos - 1]) || source[pos - 1] == '_'))
      continue;
    // Comments are not parsed.
    size_t lineStart = source.rfind('\n', pos);
    lineStart = lineStart == llvm::StringRef::npos ? 0 : lineStart + 1;
    if (source.slice(lineStart, pos).contains("//"))
      continue;
    llvm::StringRef rest = source.drop_front(pos + 5).ltrim();
    if (!rest.consume_front("<"))
      continue;
    rest = rest.ltrim();
    if (!rest.starts_with("index") ||
        (rest.size() > 5 && (llvm::isAlnum(rest[5]) || rest[5] == '_')))
      continue;
    size_t line = source.take_front(pos).count('\n') + 1;
    return "line " + std::to_string(line) +
           ": dense arrays of index type (array<index: ...>) crash the MLIR "
           "22 parser; use an integer type such as i64";
  }
  return std::nullopt;
}
