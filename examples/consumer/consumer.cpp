//===- consumer.cpp - parse attn IR, lower it, run it, check it -----------===//
//
//   attn-consumer FILE.mlir
//
// Built against an installed attn-opt (see CMakeLists.txt): registers the
// dialect and passes, parses FILE, and for every public function lowers it
// with attn's pipeline builder, JIT-compiles and runs it on seeded inputs
// and compares the results with the float64 reference evaluator.
//
//===----------------------------------------------------------------------===//
#include "attn/Registration.h"
#include "attn/Runner/Runner.h"

#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"

#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
namespace ref = ::attn::ref;
namespace ma = ::mlir::attn;

static int check(ModuleOp module, func::FuncOp f) {
  std::string why;
  std::vector<ma::TensorDesc> ins, outs;
  std::vector<ma::HostBuffer> inBufs, outBufs;
  std::vector<std::vector<double>> inValues;
  ref::Rng rng(0);
  for (Type t : f.getArgumentTypes()) {
    auto d = ma::describeTensor(t, why);
    if (failed(d))
      return llvm::errs() << "consumer: " << why << "\n", 1;
    ins.push_back(*d);
    inBufs.push_back({*d, {}});
    inValues.emplace_back();
    ref::generate(d->type, d->numElements(), rng, -1, 1, 0.85,
                  inValues.back(), inBufs.back().bytes);
  }
  for (Type t : f.getResultTypes()) {
    auto d = ma::describeTensor(t, why);
    if (failed(d))
      return llvm::errs() << "consumer: " << why << "\n", 1;
    outs.push_back(*d);
    outBufs.push_back(
        {*d, std::vector<uint8_t>(d->numElements() * ref::storageBytes(d->type))});
  }
  std::vector<std::vector<double>> expected;
  uint64_t flops = 0;
  if (failed(ma::evaluateReference(f, inValues, expected, flops, why)))
    return llvm::errs() << "consumer: reference: " << why << "\n", 1;

  OwningOpRef<ModuleOp> copy(module.clone());
  // The library's fused pipeline (attn::buildLoweringPipeline) for this
  // machine's CPU, one thread.
  ma::RunPipeline pipeline = ma::resolveRunPipeline("fused", "host", 1);
  auto compiled =
      ma::compileEntry(*copy, f.getSymName(), pipeline, ins, outs, why);
  if (failed(compiled) || failed((*compiled)->run(inBufs, outBufs, why)))
    return llvm::errs() << "consumer: " << why << "\n", 1;
  bool ok = true;
  for (size_t i = 0; i < outs.size(); ++i) {
    std::vector<double> got;
    ref::decode(outs[i].type, outBufs[i].bytes.data(), outs[i].numElements(),
                got);
    ref::Comparison c =
        ref::compare(got, expected[i], ref::defaultTolerance(outs[i].type));
    llvm::outs() << "consumer: @" << f.getSymName() << " result #" << i
                 << ": " << c.mismatches << " mismatches, "
                 << (c.ok ? "ok" : "FAILED") << "\n";
    ok &= c.ok;
  }
  return ok ? 0 : 1;
}

int main(int argc, char **argv) {
  if (argc != 2)
    return llvm::errs() << "usage: attn-consumer FILE.mlir\n", 1;
  llvm::InitializeNativeTarget();
  llvm::InitializeNativeTargetAsmPrinter();
  ::attn::registerPasses();
  DialectRegistry registry;
  ::attn::registerDialects(registry); // attn + what its lowerings need
  MLIRContext context(registry);
  context.loadAllAvailableDialects();
  OwningOpRef<ModuleOp> module = parseSourceFile<ModuleOp>(argv[1], &context);
  if (!module)
    return 1;
  int status = 0;
  for (auto f : module->getOps<func::FuncOp>())
    if (f.isPublic() && !f.isExternal())
      status |= check(*module, f);
  return status;
}
