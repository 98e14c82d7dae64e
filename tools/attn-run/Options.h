//===- Options.h - attn-run's command-line options -------------*- C++ -*-===//
#ifndef ATTN_TOOLS_ATTN_RUN_OPTIONS_H
#define ATTN_TOOLS_ATTN_RUN_OPTIONS_H

#include "attn/Reference/Data.h"
#include "attn/Runner/Io.h"
#include "attn/Runner/RunInputs.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace attn_run {

// Options are parsed by hand: libLLVM already registers generic names such
// as -threads with llvm::cl, and clashing there aborts the process.
struct Options {
  std::string inputFile = "-";
  std::string entryName;
  std::string pipelineName = "fused"; // as attn-aot, Python and the library
  std::string cpu = "host";
  std::string dumpDir;
  bool check = false, json = false;
  bool keepFreedMemory = false; // raise glibc's trim/mmap thresholds
  std::string compare; // "softmax": error of linearized ops vs softmax
  std::string baseline; // --baseline: compare two pipelines (no reference)
  std::optional<std::string> countTiles; // --count-tiles: attn-fuse options
  unsigned reps = 5, warmup = 1, threads = 0;
  uint64_t seed = 0;
  double tableDensity = ::attn::ref::kDefaultTableDensity;
  std::vector<mlir::attn::InputSpec> inputs; // --input, per argument
  std::vector<std::string> outputs, expected; // --output, --expected-output
  mlir::attn::InputDistribution distribution;       // --distribution
  std::vector<mlir::attn::InputOverride> overrides; // --set
};

/// The parsed command line (attn-run.cpp).
extern Options opt;

} // namespace attn_run

#endif // ATTN_TOOLS_ATTN_RUN_OPTIONS_H
