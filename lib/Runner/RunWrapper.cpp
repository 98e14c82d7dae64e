//===- RunWrapper.cpp - the checked destination-passing wrapper -----------===//
//
// The JIT runner and attn-aot call an entry function through a wrapper on
// plain memrefs that copies the results into caller-owned buffers. A caller
// passes the sizes of dynamic dimensions itself, so the wrapper checks them
// before anything reads or writes memory: sizes are not negative, operands
// of each attention op agree (B, Hkv, Skv, D; Hq a multiple of Hkv), and each
// result has the size of the buffer it is copied into. It returns 0, or
// 1 + the index of the first failing check (whose message the runner keeps),
// without running the entry or without copying.
//
//===----------------------------------------------------------------------===//
#include "attn/Runner/Runner.h"

#include "attn/IR/AttnOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"

#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace mlir::attn;

namespace {

/// Collects (condition that must hold, message) pairs and folds them into
/// the wrapper's status code.
struct CheckList {
  OpBuilder &b;
  Location loc;
  std::vector<std::string> &messages;
  SmallVector<std::pair<Value, unsigned>> conditions;

  void add(Value ok, std::string message) {
    conditions.push_back({ok, unsigned(messages.size())});
    messages.push_back(std::move(message));
  }

  /// 0 when every condition holds, else 1 + the first failing one's index.
  Value status() {
    Value code = arith::ConstantIntOp::create(b, loc, 0, 32);
    for (auto [ok, index] : llvm::reverse(conditions)) {
      Value failCode = arith::ConstantIntOp::create(b, loc, index + 1, 32);
      code = arith::SelectOp::create(b, loc, ok, code, failCode);
    }
    conditions.clear();
    return code;
  }
};

std::string argName(unsigned i, unsigned numIn) {
  return i < numIn ? "argument #" + std::to_string(i)
                   : "result #" + std::to_string(i - numIn);
}

/// Dynamic sizes are not negative.
void checkSizes(CheckList &checks, Block *body, unsigned numIn) {
  for (unsigned i = 0; i < numIn; ++i) {
    Value arg = body->getArgument(i);
    auto type = cast<MemRefType>(arg.getType());
    for (int64_t d = 0; d < type.getRank(); ++d) {
      if (!type.isDynamicDim(d))
        continue;
      Value size = memref::DimOp::create(checks.b, checks.loc, arg, d);
      Value zero = arith::ConstantIndexOp::create(checks.b, checks.loc, 0);
      Value ok = arith::CmpIOp::create(checks.b, checks.loc,
                                       arith::CmpIPredicate::sge, size, zero);
      checks.add(ok, argName(i, numIn) + " dimension " + std::to_string(d) +
                         " is negative");
    }
  }
}

/// The operands of each attention op of `entry` that are entry arguments
/// agree where the verifier could not check them (dynamic sizes).
void checkAttentionOperands(CheckList &checks, func::FuncOp entry,
                            Block *body) {
  auto argOf = [&](Value v) -> std::optional<unsigned> {
    auto ba = dyn_cast<BlockArgument>(v);
    if (!ba || ba.getOwner() != &entry.front())
      return std::nullopt;
    return ba.getArgNumber();
  };
  unsigned numIn = entry.getNumArguments();
  entry.walk([&](AttentionShapeOpInterface op) {
    std::optional<unsigned> q = argOf(op.getQuery()), k = argOf(op.getKey()),
                            v = argOf(op.getValue());
    if (!q || !k || !v)
      return;
    std::string where;
    llvm::raw_string_ostream(where) << op->getName() << " at " << op->getLoc();
    auto dim = [&](unsigned arg, unsigned axis) -> Value {
      return memref::DimOp::create(checks.b, checks.loc, body->getArgument(arg),
                                   int64_t(axis));
    };
    auto equal = [&](unsigned a, unsigned b, unsigned axis, StringRef what) {
      auto ta = cast<MemRefType>(body->getArgument(a).getType());
      auto tb = cast<MemRefType>(body->getArgument(b).getType());
      if (int64_t(axis) >= ta.getRank() || int64_t(axis) >= tb.getRank() ||
          (!ta.isDynamicDim(axis) && !tb.isDynamicDim(axis)))
        return; // the verifier compared the static sizes
      Value da = dim(a, axis);
      Value db = dim(b, axis);
      Value ok = arith::CmpIOp::create(checks.b, checks.loc,
                                       arith::CmpIPredicate::eq, da, db);
      checks.add(ok, (what + " differs between " + argName(a, numIn) +
                      " and " + argName(b, numIn) + " (dimension " +
                      std::to_string(axis) + ") of " + where)
                         .str());
    };
    equal(*q, *k, op.getBatchAxis(), "B");
    equal(*k, *v, op.getBatchAxis(), "B");
    equal(*k, *v, op.getHeadAxis(), "Hkv");
    equal(*k, *v, op.getSeqAxis(), "Skv");
    equal(*q, *k, op.getHeadDimAxis(), "D");
    if (!ShapedType::isDynamic(op.getHeadsQ()) &&
        !ShapedType::isDynamic(op.getHeadsKV()))
      return;
    // Hq a positive multiple of Hkv: Hkv > 0 and Hq % Hkv == 0.
    Value hq = dim(*q, op.getHeadAxis());
    Value hkv = dim(*k, op.getHeadAxis());
    Value zero = arith::ConstantIndexOp::create(checks.b, checks.loc, 0);
    Value one = arith::ConstantIndexOp::create(checks.b, checks.loc, 1);
    Value positive = arith::CmpIOp::create(checks.b, checks.loc,
                                           arith::CmpIPredicate::sgt, hkv, zero);
    // Divide by max(Hkv, 1): the remainder is only read when Hkv > 0.
    Value divisor = arith::MaxSIOp::create(checks.b, checks.loc, hkv, one);
    Value rem = arith::RemSIOp::create(checks.b, checks.loc, hq, divisor);
    Value divides = arith::CmpIOp::create(checks.b, checks.loc,
                                          arith::CmpIPredicate::eq, rem, zero);
    Value ok = arith::AndIOp::create(checks.b, checks.loc, positive, divides);
    checks.add(ok, "the query heads (" + argName(*q, numIn) +
                       ") are not a multiple of the key/value heads (" +
                       argName(*k, numIn) + ") of " + where);
  });
}

/// Calls `entry` on the wrapper's inputs and copies each result into its
/// output buffer when every dynamic size of the results is the buffer's;
/// returns the status (0, or 1 + the failing check's index in `messages`).
Value callAndCopy(OpBuilder &b, Location loc, func::FuncOp entry, Block *body,
                  std::vector<std::string> &messages) {
  unsigned numIn = entry.getNumArguments();
  SmallVector<Value> tensors;
  for (unsigned i = 0; i < numIn; ++i) {
    Value t = bufferization::ToTensorOp::create(
        b, loc, entry.getArgumentTypes()[i], body->getArgument(i),
        /*restrict=*/true, /*writable=*/false);
    tensors.push_back(t);
  }
  auto call = func::CallOp::create(b, loc, entry, tensors);
  CheckList outs{b, loc, messages, {}};
  for (auto [i, r] : llvm::enumerate(call.getResults())) {
    Value dest = body->getArgument(numIn + i);
    auto type = cast<MemRefType>(dest.getType());
    for (int64_t d = 0; d < type.getRank(); ++d) {
      if (!type.isDynamicDim(d))
        continue;
      Value got = tensor::DimOp::create(b, loc, r, d);
      Value want = memref::DimOp::create(b, loc, dest, d);
      Value ok =
          arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, got, want);
      outs.add(ok, "result #" + std::to_string(i) + " dimension " +
                       std::to_string(d) +
                       " differs from its output buffer's size");
    }
  }
  auto copy = [&](OpBuilder &cb, Location cl) {
    for (auto [i, r] : llvm::enumerate(call.getResults()))
      bufferization::MaterializeInDestinationOp::create(
          cb, cl, TypeRange{}, r, body->getArgument(numIn + i),
          /*restrict=*/true, /*writable=*/true);
  };
  if (outs.conditions.empty()) {
    copy(b, loc);
    return arith::ConstantIntOp::create(b, loc, 0, 32);
  }
  Value status = outs.status();
  Value zero = arith::ConstantIntOp::create(b, loc, 0, 32);
  Value ok =
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, status, zero);
  scf::IfOp::create(b, loc, ok, [&](OpBuilder &cb, Location cl) {
    copy(cb, cl);
    scf::YieldOp::create(cb, cl);
  });
  return status;
}

} // namespace

LogicalResult mlir::attn::addRunWrapper(ModuleOp module, func::FuncOp entry,
                                        StringRef wrapperName,
                                        std::vector<std::string> &checks,
                                        std::string &why) {
  OpBuilder b(module.getContext());
  b.setInsertionPointToEnd(module.getBody());
  Location loc = entry.getLoc();
  SmallVector<Type> argTypes;
  for (Type t : llvm::concat<const Type>(entry.getArgumentTypes(),
                                         entry.getResultTypes())) {
    auto rt = dyn_cast<RankedTensorType>(t);
    if (!rt) {
      why = "arguments and results must be ranked tensors";
      return failure();
    }
    argTypes.push_back(MemRefType::get(rt.getShape(), rt.getElementType()));
  }
  Type i32 = b.getI32Type();
  auto wrapper = func::FuncOp::create(b, loc, wrapperName,
                                      b.getFunctionType(argTypes, {i32}));
  wrapper->setAttr("llvm.emit_c_interface", b.getUnitAttr());
  Block *body = wrapper.addEntryBlock();
  b.setInsertionPointToStart(body);
  unsigned numIn = entry.getNumArguments();
  CheckList list{b, loc, checks, {}};
  checkSizes(list, body, numIn);
  checkAttentionOperands(list, entry, body);
  // Without anything to check (static shapes), the wrapper is the plain
  // call and copy it always was, so the lowering sees no extra control flow.
  if (list.conditions.empty()) {
    Value status = callAndCopy(b, loc, entry, body, checks);
    func::ReturnOp::create(b, loc, status);
    return success();
  }
  Value inputStatus = list.status();
  Value zero = arith::ConstantIntOp::create(b, loc, 0, 32);
  Value inputsOk = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq,
                                         inputStatus, zero);
  auto run = [&](OpBuilder &tb, Location l) {
    Value status = callAndCopy(tb, l, entry, body, checks);
    scf::YieldOp::create(tb, l, status);
  };
  auto skip = [&](OpBuilder &eb, Location l) {
    scf::YieldOp::create(eb, l, inputStatus);
  };
  auto ifOp = scf::IfOp::create(b, loc, inputsOk, run, skip);
  func::ReturnOp::create(b, loc, ifOp.getResults());
  return success();
}
