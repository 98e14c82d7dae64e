//===- Equivalence.h - compare two lowerings of any function ------*- C++ -*-===//
//
// Runs one entry function lowered by two pass pipelines on the same seeded
// inputs and compares the results (attn-run --baseline).
//
//===----------------------------------------------------------------------===//
#ifndef ATTN_RUNNER_EQUIVALENCE_H
#define ATTN_RUNNER_EQUIVALENCE_H

#include "attn/Runner/Runner.h"

namespace mlir {
namespace attn {

struct EquivalenceOptions {
  RunPipeline baseline = RunPipeline::fromText(""); // the reference side
  RunPipeline pipeline = RunPipeline::fromText(""); // the side under test
  unsigned reps = 5, warmup = 1;
  uint64_t seed = 0;
};

struct EquivalenceReport {
  double baselineMs = 0, pipelineMs = 0;
  /// Per result: the pipeline's values against the baseline's, with twice
  /// the reference tolerance of the result's element type.
  std::vector<::attn::ref::Comparison> results;
  bool ok = true;
};

/// Lowers clones of `module` with both pipelines (linalg.softmax is
/// decomposed first on the baseline side), runs `entry` on inputs generated from the seed (floats
/// uniform in [-1, 1], i1 true with probability 0.85), times both and
/// compares. Fails with `why` when either side cannot be compiled or run.
LogicalResult runEquivalence(ModuleOp module, func::FuncOp entry,
                             const EquivalenceOptions &options,
                             EquivalenceReport &report, std::string &why);

} // namespace attn
} // namespace mlir

#endif // ATTN_RUNNER_EQUIVALENCE_H
