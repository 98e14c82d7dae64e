//===- Report.cpp - attn-run's result printing ----------------------------===//
#include "Report.h"

#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

using namespace mlir;
using llvm::StringRef;

namespace attn_run {

int fail(const llvm::Twine &msg) {
  llvm::errs() << "attn-run: error: " << msg << "\n";
  return 1;
}

std::string jsonNumber(double v) {
  if (std::isnan(v) || std::isinf(v))
    return "null";
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%.6g", v);
  return buf;
}

std::string jsonString(StringRef s) {
  std::string r = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\')
      r += '\\';
    if (static_cast<unsigned char>(c) < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof(buf), "\\u%04x", c);
      r += buf;
      continue;
    }
    r += c;
  }
  return r + "\"";
}

std::string nanNote(const std::vector<double> &v) {
  size_t n = std::count_if(v.begin(), v.end(),
                           [](double x) { return std::isnan(x); });
  return n ? ", " + std::to_string(n) + " NaN" : "";
}

int runEquivalenceEntries(ModuleOp module, ArrayRef<func::FuncOp> entries,
                          const EquivalenceRun &run) {
  const mlir::attn::EquivalenceOptions &eo = run.options;
  int status = 0;
  for (func::FuncOp entry : entries) {
    mlir::attn::EquivalenceReport r;
    std::string why, name = entry.getSymName().str();
    if (failed(mlir::attn::runEquivalence(module, entry, eo, r, why))) {
      status = fail("entry '" + name + "': " + why);
      continue;
    }
    double maxAbs = 0;
    int64_t mismatches = 0;
    for (auto &c : r.results)
      maxAbs = std::max(maxAbs, c.maxAbsErr), mismatches += c.mismatches;
    if (run.json)
      llvm::outs() << "{\"entry\": " << jsonString(name) << ", \"baseline\": "
                   << jsonString(run.baselineName) << ", \"pipeline\": "
                   << jsonString(run.pipelineName) << ", \"baseline_ms\": "
                   << jsonNumber(r.baselineMs) << ", \"pipeline_ms\": "
                   << jsonNumber(r.pipelineMs) << ", \"max_abs_diff\": "
                   << jsonNumber(maxAbs) << ", \"mismatches\": " << mismatches
                   << ", \"ok\": " << (r.ok ? "true" : "false") << "}\n";
    else
      llvm::outs() << "entry " << name << " (" << run.pipelineName << " vs "
                   << run.baselineName << "): max_abs_diff " << jsonNumber(maxAbs)
                   << ", " << mismatches << " mismatches; median "
                   << jsonNumber(r.pipelineMs) << " ms vs "
                   << jsonNumber(r.baselineMs) << " ms\n  equivalence: "
                   << (r.ok ? "PASSED" : "FAILED") << "\n";
    if (!r.ok) {
      status = 1;
      llvm::errs() << "attn-run: error: entry '" << name
                   << "': results differ from the baseline beyond tolerance\n";
    }
  }
  return status;
}

} // namespace attn_run
