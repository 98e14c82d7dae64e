//===- GradFunctions.cpp - the backward function of returned attention ----===//
//
// --attn-grad-functions: for `@f` returning the output of attn.attention at
// position r, adds `@f_grad_r(args..., dO) -> (dQ, dK, dV)`: a copy of
// `@f`'s body whose forward returns its LSE (withLse), then
// attn.attention_grad (buildAttentionGrad); ops left without uses are
// dropped.
//
//===----------------------------------------------------------------------===//
#include "attn/IR/AttentionGrad.h"
#include "attn/IR/AttnOps.h"
#include "passes/Forms/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

namespace mlir {
namespace attn {
#define GEN_PASS_DEF_ATTNGRADFUNCTIONS
#include "passes/Forms/Passes.h.inc"
} // namespace attn
} // namespace mlir

using namespace mlir;
using namespace mlir::attn;

namespace {

/// Adds the backward of `f`'s result `r` (an attn.attention output) after
/// `f`.
LogicalResult addGradFunction(func::FuncOp f, unsigned r,
                              SymbolTable &symbols) {
  auto ret = cast<func::ReturnOp>(f.getBody().front().getTerminator());
  auto fwdOut = cast<OpResult>(ret.getOperand(r));
  Type outT = fwdOut.getType();
  auto fwd = cast<AttentionOp>(fwdOut.getOwner());

  IRRewriter rw(f.getContext());
  rw.setInsertionPointAfter(f);
  SmallVector<Type> args(f.getArgumentTypes());
  args.push_back(outT);
  SmallVector<Type> results = {fwd.getQuery().getType(), fwd.getKey().getType(),
                               fwd.getValue().getType()};
  std::string name = (f.getSymName() + "_grad_" + Twine(r)).str();
  auto g = func::FuncOp::create(rw, f.getLoc(), name,
                                rw.getFunctionType(args, results));
  symbols.insert(g); // renames on a clash
  Block *body = g.addEntryBlock();
  IRMapping map;
  for (auto [from, to] : llvm::zip(f.getArguments(), g.getArguments()))
    map.map(from, to);
  rw.setInsertionPointToStart(body);
  for (Operation &op : f.getBody().front().without_terminator())
    rw.clone(op, map);
  auto copy = cast<AttentionOp>(map.lookup(fwdOut).getDefiningOp());
  copy = withLse(rw, copy);
  rw.setInsertionPointToEnd(body);
  FailureOr<AttentionGradOp> grad =
      buildAttentionGrad(rw, copy, g.getArguments().back());
  if (failed(grad))
    return failure();
  func::ReturnOp::create(rw, f.getLoc(), (*grad)->getResults());
  // What the gradient does not read (other results of `@f`).
  SmallVector<Operation *> ops;
  for (Operation &op : body->without_terminator())
    ops.push_back(&op);
  for (Operation *op : llvm::reverse(ops))
    if (isOpTriviallyDead(op))
      rw.eraseOp(op);
  return success();
}

struct AttnGradFunctionsPass
    : public attn::impl::AttnGradFunctionsBase<AttnGradFunctionsPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SymbolTable symbols(module);
    SmallVector<std::pair<func::FuncOp, unsigned>> work;
    for (auto f : module.getOps<func::FuncOp>()) {
      if (f.isExternal() || !f.getBody().hasOneBlock())
        continue;
      auto ret = dyn_cast<func::ReturnOp>(f.getBody().front().getTerminator());
      if (!ret)
        continue;
      for (auto [r, v] : llvm::enumerate(ret.getOperands())) {
        auto res = dyn_cast<OpResult>(v);
        if (res && res.getResultNumber() == 0 &&
            isa<AttentionOp>(res.getOwner()))
          work.push_back({f, static_cast<unsigned>(r)});
      }
    }
    for (auto [f, r] : work)
      if (failed(addGradFunction(f, r, symbols)))
        return signalPassFailure();
  }
};

} // namespace
