//===- Problem.cpp - the kernel description as a typed attribute ----------===//
#include "Problem.h"

#include "attn/IR/AttnOps.h"
#include "attn/IR/MaskPatternOf.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"

using namespace mlir;
using namespace mlir::attn;
using ::attn::gpu::KernelDesc;
namespace ref = ::attn::ref;

/// Element types of the optional operands, by their .kdesc names.
static Type operandElemType(MLIRContext *ctx, StringRef name) {
  Builder b(ctx);
  return llvm::StringSwitch<Type>(name)
      .Case("i1", b.getI1Type())
      .Case("i32", b.getI32Type())
      .Case("i64", b.getI64Type())
      .Case("f16", b.getF16Type())
      .Case("bf16", b.getBF16Type())
      .Case("f32", b.getF32Type())
      .Default(Type());
}

static std::string operandElemName(Type e) {
  for (const char *n : {"i1", "i32", "i64", "f16", "bf16", "f32"})
    if (operandElemType(e.getContext(), n) == e)
      return n;
  return "";
}

static ArrayAttr roleList(Builder &b, const std::vector<std::string> &roles) {
  SmallVector<Attribute> attrs;
  for (const std::string &r : roles)
    attrs.push_back(b.getStringAttr(r));
  return b.getArrayAttr(attrs);
}

DictionaryAttr mlir::attn::nvgpu::problemToAttr(MLIRContext *ctx,
                                                const KernelDesc &d,
                                                Attribute pattern) {
  Builder b(ctx);
  NamedAttrList l;
  l.append("kernel", b.getStringAttr(d.kernel));
  l.append("entry", b.getStringAttr(d.entry));
  if (!d.chip.empty()) {
    l.append("chip", b.getStringAttr(d.chip));
    l.append("grid", b.getDenseI64ArrayAttr(d.grid));
    l.append("block", b.getDenseI64ArrayAttr(d.block));
    l.append("smem", b.getI64IntegerAttr(d.sharedBytes));
    l.append("args", roleList(b, d.args));
  }
  l.append("elem", TypeAttr::get(d.elem == "bf16" ? Type(b.getBF16Type())
                                                  : Type(b.getF16Type())));
  l.append("dims", b.getDenseI64ArrayAttr({d.batch, d.headsQ, d.headsKV, d.seqQ,
                                           d.seqKV, d.headDim, d.headDimV}));
  l.append("layout", b.getStringAttr(d.layout));
  l.append("scale", b.getF64FloatAttr(d.scale));
  if (pattern)
    l.append("pattern", pattern);
  if (d.blockTable)
    l.append("block_table",
             b.getDenseI64ArrayAttr({d.blockQ, d.blockK, d.tableHeads,
                                     d.tableNnz, d.blockFull ? 1 : 0}));
  SmallVector<Attribute> operands;
  for (const KernelDesc::Operand &o : d.operands) {
    auto ty = RankedTensorType::get(o.shape, operandElemType(ctx, o.type));
    operands.push_back(
        b.getDictionaryAttr({b.getNamedAttr("role", b.getStringAttr(o.role)),
                             b.getNamedAttr("type", TypeAttr::get(ty))}));
  }
  if (!operands.empty())
    l.append("operands", b.getArrayAttr(operands));
  l.append("lse", b.getBoolAttr(d.lse));
  if (d.softcap > 0)
    l.append("softcap", b.getF64FloatAttr(d.softcap));
  l.append("inputs", roleList(b, d.inputs));
  return l.getDictionary(ctx);
}

namespace {

/// Typed reads of the attribute's entries; the first bad entry is
/// diagnosed and turns `ok` off.
struct Reader {
  Operation *at;
  DictionaryAttr attr;
  bool ok = true;

  template <typename T> T get(StringRef key, StringRef what, bool required) {
    Attribute a = attr.get(key);
    if (!a && !required)
      return T();
    if (!a && ok) {
      at->emitOpError("has an incomplete kernel description: no '")
          << key << "' entry";
      ok = false;
    }
    auto t = dyn_cast_or_null<T>(a);
    if (a && !t && ok) {
      at->emitOpError("has an unreadable kernel description: '")
          << key << "' must be " << what;
      ok = false;
    }
    return t;
  }
  std::string str(StringRef key, bool required = true) {
    auto s = get<StringAttr>(key, "a string", required);
    return s ? s.str() : "";
  }
  /// `n` 64-bit integers into `out` (left as they are when absent).
  void ints(StringRef key, size_t n, ArrayRef<int64_t *> out, bool required) {
    auto a = get<DenseI64ArrayAttr>(
        key, "an array<i64> of " + std::to_string(n) + " values", required);
    if (!a)
      return;
    if (a.size() != int64_t(n) && ok) {
      at->emitOpError("has an unreadable kernel description: '")
          << key << "' must hold " << n << " values";
      ok = false;
      return;
    }
    for (auto [o, v] : llvm::zip(out, a.asArrayRef()))
      *o = v;
  }
  void roles(StringRef key, std::vector<std::string> &out, bool required) {
    auto a = get<ArrayAttr>(key, "an array of strings", required);
    for (Attribute r : a ? a.getValue() : ArrayRef<Attribute>()) {
      auto s = dyn_cast<StringAttr>(r);
      if (!s) {
        get<StringAttr>(key, "an array of strings", true);
        return;
      }
      out.push_back(s.str());
    }
  }
};

} // namespace

FailureOr<KernelDesc> mlir::attn::nvgpu::problemFromAttr(Operation *at,
                                                         DictionaryAttr attr) {
  KernelDesc d;
  Reader r{at, attr};
  d.kernel = r.str("kernel");
  d.entry = r.str("entry");
  d.chip = r.str("chip", /*required=*/false);
  r.ints("grid", 3, {&d.grid[0], &d.grid[1], &d.grid[2]}, false);
  r.ints("block", 3, {&d.block[0], &d.block[1], &d.block[2]}, false);
  if (auto smem = r.get<IntegerAttr>("smem", "an integer", false))
    d.sharedBytes = smem.getInt();
  r.roles("args", d.args, false);
  if (auto elem = r.get<TypeAttr>("elem", "f16 or bf16", true)) {
    Type t = elem.getValue();
    if (t.isF16() || t.isBF16())
      d.elem = t.isF16() ? "f16" : "bf16";
    else
      r.get<UnitAttr>("elem", "f16 or bf16", true);
  }
  r.ints("dims", 7,
         {&d.batch, &d.headsQ, &d.headsKV, &d.seqQ, &d.seqKV, &d.headDim,
          &d.headDimV},
         true);
  d.layout = r.str("layout");
  if (auto scale = r.get<FloatAttr>("scale", "a float", true))
    d.scale = scale.getValueAsDouble();
  std::string why;
  if (r.ok && failed(maskPatternOf(attr.get("pattern"), d.pattern, why))) {
    at->emitOpError("has an unreadable kernel description: ") << why;
    return failure();
  }
  int64_t full = 0;
  d.blockTable = static_cast<bool>(attr.get("block_table"));
  r.ints("block_table", 5,
         {&d.blockQ, &d.blockK, &d.tableHeads, &d.tableNnz, &full}, false);
  d.blockFull = full != 0;
  auto operands = r.get<ArrayAttr>("operands", "an array", false);
  for (Attribute a : operands ? operands.getValue() : ArrayRef<Attribute>()) {
    auto o = dyn_cast<DictionaryAttr>(a);
    auto role = o ? o.getAs<StringAttr>("role") : StringAttr();
    auto type = o ? o.getAs<TypeAttr>("type") : TypeAttr();
    auto ty = type ? dyn_cast<RankedTensorType>(type.getValue()) : nullptr;
    if (!role || !ty || operandElemName(ty.getElementType()).empty()) {
      r.get<UnitAttr>("operands",
                      "an array of {role = string, type = "
                      "tensor of i1, i32, i64, f16, bf16 or f32}",
                      true);
      break;
    }
    KernelDesc::Operand op;
    op.role = role.str();
    op.type = operandElemName(ty.getElementType());
    op.shape.assign(ty.getShape().begin(), ty.getShape().end());
    d.operands.push_back(op);
  }
  if (auto lse = r.get<BoolAttr>("lse", "a bool", true))
    d.lse = lse.getValue();
  if (auto cap = r.get<FloatAttr>("softcap", "a float", false))
    d.softcap = cap.getValueAsDouble();
  r.roles("inputs", d.inputs, true);
  if (!r.ok)
    return failure();
  return d;
}
