//===- Equivalence.cpp - run one function through two pipelines, compare --===//
//
// attn-run --baseline=PIPELINE: for functions with any ops (linalg, TOSA,
// attn), lower one copy with the baseline pipeline and one with the
// pipeline under test, run both on the same seeded inputs, compare every
// result element-wise and time both. This checks rewrites such as
// --attn-raise, whose input has no float64 reference: the baseline (the
// original ops lowered as they are) plays the reference.
//
//===----------------------------------------------------------------------===//
#include "attn/Runner/Equivalence.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/Builders.h"

#include <algorithm>
#include <chrono>

using namespace mlir;
using namespace mlir::attn;
namespace ref = ::attn::ref;

namespace {

/// linalg.softmax (and other aggregated ops) have no lowering in the
/// pipelines: decompose them into their generic form first (on the
/// baseline side only: the pipeline under test gets the ops as they are).
LogicalResult decomposeAggregates(ModuleOp m, std::string &why) {
  SmallVector<linalg::AggregatedOpInterface> ops;
  m.walk([&](linalg::AggregatedOpInterface op) { ops.push_back(op); });
  for (auto op : ops) {
    OpBuilder b(op);
    FailureOr<SmallVector<Value>> r = op.decomposeOperation(b);
    if (failed(r)) {
      why = "cannot decompose " + op->getName().getStringRef().str();
      return failure();
    }
    op->replaceAllUsesWith(*r);
    op->erase();
  }
  return success();
}

struct Timed {
  std::vector<HostBuffer> outputs;
  double medianMs = 0;
};

FailureOr<Timed> compileAndRun(ModuleOp original, func::FuncOp entry,
                               const RunPipeline &pipeline,
                               ArrayRef<TensorDesc> in,
                               ArrayRef<TensorDesc> out,
                               std::vector<HostBuffer> &inputs,
                               const EquivalenceOptions &opt, bool decompose,
                               std::string &why) {
  OwningOpRef<ModuleOp> module(original.clone());
  if (decompose && failed(decomposeAggregates(*module, why)))
    return failure();
  auto compiled =
      compileEntry(*module, entry.getSymName(), pipeline, in, out, why);
  if (failed(compiled))
    return failure();
  Timed t;
  t.outputs.resize(out.size());
  for (size_t i = 0; i < out.size(); ++i) {
    t.outputs[i].desc = out[i];
    t.outputs[i].bytes.assign(out[i].numElements() * ref::storageBytes(out[i].type), 0);
  }
  for (unsigned i = 0; i < opt.warmup; ++i)
    if (failed((*compiled)->run(inputs, t.outputs, why)))
      return failure();
  std::vector<double> times;
  for (unsigned i = 0; i < std::max(1u, opt.reps); ++i) {
    auto t0 = std::chrono::steady_clock::now();
    if (failed((*compiled)->run(inputs, t.outputs, why)))
      return failure();
    auto t1 = std::chrono::steady_clock::now();
    times.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
  }
  std::sort(times.begin(), times.end());
  size_t n = times.size();
  t.medianMs = n % 2 ? times[n / 2] : 0.5 * (times[n / 2 - 1] + times[n / 2]);
  return t;
}

} // namespace

LogicalResult mlir::attn::runEquivalence(ModuleOp module, func::FuncOp entry,
                                         const EquivalenceOptions &opt,
                                         EquivalenceReport &report,
                                         std::string &why) {
  std::vector<TensorDesc> in, out;
  for (Type t : entry.getArgumentTypes()) {
    auto d = describeTensor(t, why);
    if (failed(d))
      return failure();
    in.push_back(*d);
  }
  for (Type t : entry.getResultTypes()) {
    auto d = describeTensor(t, why);
    if (failed(d))
      return failure();
    out.push_back(*d);
  }
  // The same seeded inputs as attn-run's reference mode.
  ref::Rng rng(opt.seed);
  std::vector<HostBuffer> inputs(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    std::vector<double> values;
    inputs[i].desc = in[i];
    ref::generateDefault(in[i].type, in[i].numElements(), rng,
                         values, inputs[i].bytes);
  }
  auto base = compileAndRun(module, entry, opt.baseline, in, out, inputs, opt,
                            /*decompose=*/true, why);
  if (failed(base)) {
    why = "baseline: " + why;
    return failure();
  }
  auto test = compileAndRun(module, entry, opt.pipeline, in, out, inputs, opt,
                            /*decompose=*/false, why);
  if (failed(test))
    return failure();
  report.baselineMs = base->medianMs;
  report.pipelineMs = test->medianMs;
  report.results.clear();
  report.ok = true;
  for (size_t i = 0; i < out.size(); ++i) {
    std::vector<double> a, b;
    ref::decode(out[i].type, base->outputs[i].bytes.data(),
                out[i].numElements(), a);
    ref::decode(out[i].type, test->outputs[i].bytes.data(),
                out[i].numElements(), b);
    // Each side is within the reference tolerance of the exact result, so
    // they are within twice that of each other.
    ref::Tolerance tol = ref::defaultTolerance(out[i].type);
    tol.atol *= 2, tol.rtol *= 2;
    ref::Comparison c = ref::compare(b, a, tol);
    report.results.push_back(c);
    report.ok &= c.ok;
  }
  return success();
}
