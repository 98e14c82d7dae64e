//===- Pipeline.cpp - how a runner lowers a module to LLVM ----------------===//
#include "attn/Runner/Pipeline.h"
#include "passes/Pipelines/Pipelines.h"
#include "passes/Raise/Passes.h"

#include "mlir/Conversion/Passes.h"
#include "mlir/Conversion/TosaToLinalg/TosaToLinalg.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"

#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace mlir::attn;

RunPipeline RunPipeline::fromText(std::string text) {
  RunPipeline p;
  p.label = std::move(text);
  return p;
}

RunPipeline
RunPipeline::fromBuilder(std::string name,
                         std::function<void(OpPassManager &)> build) {
  RunPipeline p;
  p.label = std::move(name);
  p.build = std::move(build);
  return p;
}

LogicalResult RunPipeline::populate(OpPassManager &pm,
                                    std::string &why) const {
  if (build) {
    build(pm);
    return success();
  }
  // The pass manager is anchored on the module already: strip an explicit
  // builtin.module(...) anchor instead of nesting a second one.
  StringRef body = StringRef(label).trim();
  if (body.consume_front("builtin.module(") && !body.consume_back(")")) {
    why = "invalid pipeline '" + label + "': unbalanced parentheses";
    return failure();
  }
  std::string errs;
  llvm::raw_string_ostream errStream(errs);
  if (failed(parsePassPipeline(body, pm, errStream))) {
    why = "invalid pipeline '" + label + "': " + errs;
    return failure();
  }
  return success();
}

namespace {
/// Front-end TOSA (and elementwise ops on tensors) to linalg, as the
/// `plain` and `raised` inputs need before the attn lowering.
void addTosaToLinalg(OpPassManager &pm) {
  OpPassManager &fn = pm.nest<func::FuncOp>();
  fn.addPass(tosa::createTosaToLinalgNamed());
  fn.addPass(tosa::createTosaToLinalg());
  fn.addPass(createTosaToArithPass());
  fn.addPass(createTosaToTensorPass());
  fn.addPass(createConvertElementwiseToLinalgPass());
}
} // namespace

RunPipeline mlir::attn::resolveRunPipeline(StringRef name, StringRef cpu,
                                           unsigned numThreads) {
  bool front = name == "plain" || name == "raised";
  if (!front && name != "fused" && name != "unfused")
    return RunPipeline::fromText(name.str());
  LoweringForm form = name == "unfused" || name == "plain"
                          ? LoweringForm::Unfused
                          : LoweringForm::Fused;
  bool raise = name == "raised";
  // Pass options cannot be copied: the builder makes its own.
  return RunPipeline::fromBuilder(
      name.str(), [form, cpu = cpu.str(), numThreads, front,
                   raise](OpPassManager &pm) {
        if (raise)
          pm.addPass(createAttnRaise());
        if (front)
          addTosaToLinalg(pm);
        LoweringPipelineOptions options;
        options.form = form;
        options.cpu = cpu;
        options.numThreads = numThreads;
        buildLoweringPipeline(pm, options);
      });
}
