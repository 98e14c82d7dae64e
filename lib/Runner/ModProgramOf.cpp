//===- ModProgramOf.cpp - a score_mod / mask_mod region as a ref program --===//
//
// Translates a region of attn.attention into the reference's straight-line
// program (attn/Reference/ModProgram.h), op by op from the region's own
// ops: the reference never sees how a lowering inlines them.
//
//===----------------------------------------------------------------------===//
#include "attn/IR/AttnOps.h"
#include "attn/Runner/OpSpec.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Matchers.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::attn;
namespace ref = ::attn::ref;

namespace {

struct Translator {
  Translator(function_ref<const double *(Value)> lookup, std::string &why)
      : lookup(lookup), why(why) {}

  function_ref<const double *(Value)> lookup;
  std::string &why;
  ref::ModProgram prog;
  llvm::DenseMap<Value, int> ids;
  llvm::DenseMap<Value, int> tableIds;

  static int widthOf(Type t) {
    if (auto it = dyn_cast<IntegerType>(t))
      return it.getWidth();
    return 64; // index
  }

  int add(ref::ModInst in, Value result) {
    Type t = result.getType();
    in.isFloat = isa<FloatType>(t);
    if (!in.isFloat && in.op != ref::ModOp::CmpI)
      in.bits = widthOf(t);
    prog.insts.push_back(std::move(in));
    int id = int(prog.insts.size()) - 1;
    ids[result] = id;
    return id;
  }

  /// A dense attribute's values as doubles.
  static void valuesOf(DenseElementsAttr d, std::vector<double> &out) {
    if (auto f = dyn_cast<DenseFPElementsAttr>(d)) {
      for (APFloat x : f.getValues<APFloat>())
        out.push_back(x.convertToDouble());
      return;
    }
    bool isBool = d.getElementType().isInteger(1);
    for (APInt x : cast<DenseIntElementsAttr>(d).getValues<APInt>())
      out.push_back(isBool ? double(x.getBoolValue())
                           : double(x.getSExtValue()));
  }

  /// The scalar constant `c` as a program constant.
  LogicalResult constant(arith::ConstantOp c) {
    ref::ModInst in;
    in.op = ref::ModOp::Const;
    if (auto f = dyn_cast<FloatAttr>(c.getValue()))
      in.f = f.getValueAsDouble();
    else if (auto i = dyn_cast<IntegerAttr>(c.getValue()))
      in.i = i.getType().isInteger(1) ? int64_t(i.getValue().getBoolValue())
                                      : i.getValue().getSExtValue();
    else
      return fail(c, "is a constant of a type the reference cannot hold");
    add(in, c.getResult());
    return success();
  }

  LogicalResult fail(Operation *op, const Twine &msg) {
    why = ("'" + op->getName().getStringRef() + "' in a region " + msg).str();
    return failure();
  }

  /// The program id of `v`: a block argument, an earlier result, or a
  /// scalar constant defined above.
  FailureOr<int> valueId(Value v) {
    auto it = ids.find(v);
    if (it != ids.end())
      return it->second;
    if (auto c = v.getDefiningOp<arith::ConstantOp>())
      if (!isa<ShapedType>(c.getType()) && succeeded(constant(c)))
        return ids[v];
    why = "a region uses a scalar defined above that is not a constant; the "
          "reference reads only constants and tables from above";
    return failure();
  }

  /// The table id of tensor `t`: a constant or an argument of the entry.
  FailureOr<int> tableId(Value t) {
    auto it = tableIds.find(t);
    if (it != tableIds.end())
      return it->second;
    auto type = cast<RankedTensorType>(t.getType());
    if (!type.hasStaticShape()) {
      why = "a table read in a region needs a static shape";
      return failure();
    }
    ref::ModTable table;
    table.shape.assign(type.getShape().begin(), type.getShape().end());
    DenseElementsAttr dense;
    if (matchPattern(t, m_Constant(&dense))) {
      valuesOf(dense, table.data);
    } else if (const double *d = lookup(t)) {
      table.data.assign(d, d + type.getNumElements());
    } else {
      why = "a table read in a region must be an entry argument, a constant "
            "or an earlier result";
      return failure();
    }
    prog.tables.push_back(std::move(table));
    int id = int(prog.tables.size()) - 1;
    tableIds[t] = id;
    return id;
  }

  static std::optional<ref::ModOp> binaryOf(Operation *op) {
    using K = ref::ModOp;
    return llvm::TypeSwitch<Operation *, std::optional<K>>(op)
        .Case([](arith::AddFOp) { return K::AddF; })
        .Case([](arith::SubFOp) { return K::SubF; })
        .Case([](arith::MulFOp) { return K::MulF; })
        .Case([](arith::DivFOp) { return K::DivF; })
        .Case([](arith::RemFOp) { return K::RemF; })
        .Case<arith::MaximumFOp, arith::MaxNumFOp>(
            [](Operation *) { return K::MaxF; })
        .Case<arith::MinimumFOp, arith::MinNumFOp>(
            [](Operation *) { return K::MinF; })
        .Case([](math::PowFOp) { return K::PowF; })
        .Case([](arith::AddIOp) { return K::AddI; })
        .Case([](arith::SubIOp) { return K::SubI; })
        .Case([](arith::MulIOp) { return K::MulI; })
        .Case([](arith::DivSIOp) { return K::DivSI; })
        .Case([](arith::RemSIOp) { return K::RemSI; })
        .Case([](arith::FloorDivSIOp) { return K::FloorDivSI; })
        .Case([](arith::CeilDivSIOp) { return K::CeilDivSI; })
        .Case([](arith::MinSIOp) { return K::MinSI; })
        .Case([](arith::MaxSIOp) { return K::MaxSI; })
        .Case([](arith::AndIOp) { return K::AndI; })
        .Case([](arith::OrIOp) { return K::OrI; })
        .Case([](arith::XOrIOp) { return K::XOrI; })
        .Case([](arith::ShLIOp) { return K::ShLI; })
        .Case([](arith::ShRSIOp) { return K::ShRSI; })
        .Case([](arith::SelectOp) { return K::Select; })
        .Default([](Operation *) { return std::nullopt; });
  }

  static std::optional<ref::ModOp> unaryOf(Operation *op) {
    using K = ref::ModOp;
    return llvm::TypeSwitch<Operation *, std::optional<K>>(op)
        .Case([](arith::NegFOp) { return K::NegF; })
        .Case([](math::AbsFOp) { return K::AbsF; })
        .Case([](math::AbsIOp) { return K::AbsI; })
        .Case([](math::TanhOp) { return K::Tanh; })
        .Case([](math::ExpOp) { return K::Exp; })
        .Case([](math::Exp2Op) { return K::Exp2; })
        .Case([](math::LogOp) { return K::Log; })
        .Case([](math::Log2Op) { return K::Log2; })
        .Case([](math::SqrtOp) { return K::Sqrt; })
        .Case([](math::RsqrtOp) { return K::Rsqrt; })
        .Case([](math::FloorOp) { return K::Floor; })
        .Case([](math::CeilOp) { return K::Ceil; })
        .Case([](math::ErfOp) { return K::Erf; })
        .Case([](math::SinOp) { return K::Sin; })
        .Case([](math::CosOp) { return K::Cos; })
        .Case<arith::SIToFPOp, arith::UIToFPOp>(
            [](Operation *) { return K::IntToFloat; })
        .Case([](arith::FPToSIOp) { return K::FloatToInt; })
        .Case<arith::IndexCastOp, arith::TruncIOp>(
            [](Operation *) { return K::IntCast; })
        .Case([](arith::ExtSIOp) { return K::SExt; })
        .Case<arith::ExtUIOp, arith::IndexCastUIOp>(
            [](Operation *) { return K::ZExt; })
        .Case<arith::ExtFOp, arith::TruncFOp>(
            [](Operation *) { return K::FloatCast; })
        .Default([](Operation *) { return std::nullopt; });
  }

  LogicalResult translate(Operation *op) {
    if (auto c = dyn_cast<arith::ConstantOp>(op)) {
      if (isa<ShapedType>(c.getType()))
        return success(); // a table: read through tensor.extract
      return constant(c);
    }
    ref::ModInst in;
    if (auto e = dyn_cast<tensor::ExtractOp>(op)) {
      FailureOr<int> t = tableId(e.getTensor());
      if (failed(t))
        return failure();
      in.op = ref::ModOp::Extract;
      in.imm = *t;
    } else if (auto c = dyn_cast<arith::CmpIOp>(op)) {
      in.op = ref::ModOp::CmpI;
      in.imm = int64_t(c.getPredicate());
      in.bits = widthOf(c.getLhs().getType());
    } else if (auto c = dyn_cast<arith::CmpFOp>(op)) {
      in.op = ref::ModOp::CmpF;
      in.imm = int64_t(c.getPredicate());
    } else if (auto k = binaryOf(op)) {
      in.op = *k;
    } else if (auto k = unaryOf(op)) {
      in.op = *k;
      // Extensions: the source width.
      if (*k == ref::ModOp::SExt || *k == ref::ModOp::ZExt)
        in.imm = widthOf(op->getOperand(0).getType());
    } else {
      return fail(op, "is not supported by the reference evaluator");
    }
    if (op->getNumResults() != 1 || isa<ShapedType>(op->getResult(0).getType()))
      return fail(op, "must produce one scalar");
    // Extract's operand 0 is the table; the others are indices.
    for (Value v : op->getOperands().drop_front(isa<tensor::ExtractOp>(op)))
      {
        FailureOr<int> id = valueId(v);
        if (failed(id))
          return failure();
        in.args.push_back(*id);
      }
    add(in, op->getResult(0));
    return success();
  }
};

} // namespace

FailureOr<ref::ModProgram>
mlir::attn::modProgramOf(Region &region, int floatArgs,
                         function_ref<const double *(Value)> lookup,
                         std::string &why) {
  Translator t(lookup, why);
  t.prog.floatArgs = floatArgs;
  Block &body = region.front();
  for (BlockArgument a : body.getArguments()) {
    ref::ModInst in;
    in.op = ref::ModOp::Arg;
    in.imm = a.getArgNumber();
    t.add(in, a);
  }
  for (Operation &op : body.without_terminator())
    if (failed(t.translate(&op)))
      return failure();
  FailureOr<int> r = t.valueId(body.getTerminator()->getOperand(0));
  if (failed(r))
    return failure();
  t.prog.result = *r;
  return std::move(t.prog);
}
