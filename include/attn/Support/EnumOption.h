//===- EnumOption.h - enum pass options that list their values -*- C++ -*-===//
//
// llvm::cl's parser for enum options answers an unknown value with "Cannot
// find option named 'x'!", which does not say what would have been accepted.
// ATTN_ENUM_OPTION(T) specializes llvm::cl::parser<T> with the same parser
// (MLIR's pass options pick llvm::cl::parser<T> for every Option<T>, ODS
// ones included), except that an unknown value is rejected with the allowed
// values listed:
//
//   for the --split-kv option: unknown value 'bogus'; allowed: auto, always, never
//
// Use it at namespace scope right after the enum, before any option of that
// type is declared.
//
//===----------------------------------------------------------------------===//
#ifndef ATTN_SUPPORT_ENUMOPTION_H
#define ATTN_SUPPORT_ENUMOPTION_H

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/CommandLine.h"

#include <string>

namespace mlir {
namespace attn {

/// llvm::cl::parser<T>'s generic implementation (the members MLIR's
/// GenericOptionParser reads: Values, each with Name and V), with the
/// allowed values in its error.
template <typename T>
class EnumOptionParser : public llvm::cl::generic_parser_base {
protected:
  class OptionInfo : public GenericOptionInfo {
  public:
    OptionInfo(llvm::StringRef name, T v, llvm::StringRef helpStr)
        : GenericOptionInfo(name, helpStr), V(v) {}
    llvm::cl::OptionValue<T> V;
  };
  llvm::SmallVector<OptionInfo, 8> Values;

public:
  using parser_data_type = T;
  EnumOptionParser(llvm::cl::Option &o) : generic_parser_base(o) {}

  unsigned getNumOptions() const override { return unsigned(Values.size()); }
  llvm::StringRef getOption(unsigned n) const override {
    return Values[n].Name;
  }
  llvm::StringRef getDescription(unsigned n) const override {
    return Values[n].HelpStr;
  }
  const llvm::cl::GenericOptionValue &
  getOptionValue(unsigned n) const override {
    return Values[n].V;
  }

  // Returns true on error.
  bool parse(llvm::cl::Option &o, llvm::StringRef argName, llvm::StringRef arg,
             T &v) {
    llvm::StringRef value = Owner.hasArgStr() ? arg : argName;
    for (const OptionInfo &info : Values)
      if (info.Name == value) {
        v = info.V.getValue();
        return false;
      }
    std::string allowed;
    for (const OptionInfo &info : Values)
      allowed += (allowed.empty() ? "" : ", ") + info.Name.str();
    return o.error("unknown value '" + value + "'; allowed: " + allowed);
  }

  template <class DT>
  void addLiteralOption(llvm::StringRef name, const DT &v,
                        llvm::StringRef helpStr) {
    Values.push_back(OptionInfo(name, static_cast<T>(v), helpStr));
    llvm::cl::AddLiteralOption(Owner, name);
  }
  void removeLiteralOption(llvm::StringRef name) {
    unsigned n = findOption(name);
    Values.erase(Values.begin() + n);
  }
};

} // namespace attn
} // namespace mlir

/// Makes llvm::cl (and so every MLIR pass option of enum type T) parse T
/// with attn::EnumOptionParser. At global namespace scope.
#define ATTN_ENUM_OPTION(T)                                                    \
  namespace llvm {                                                             \
  namespace cl {                                                               \
  template <>                                                                  \
  class parser<T> : public ::mlir::attn::EnumOptionParser<T> {                 \
  public:                                                                      \
    using ::mlir::attn::EnumOptionParser<T>::EnumOptionParser;                 \
  };                                                                           \
  }                                                                            \
  }

#endif // ATTN_SUPPORT_ENUMOPTION_H
