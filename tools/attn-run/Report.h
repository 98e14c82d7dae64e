//===- Report.h - attn-run's result printing ------------------*- C++ -*-===//
#ifndef ATTN_TOOLS_ATTN_RUN_REPORT_H
#define ATTN_TOOLS_ATTN_RUN_REPORT_H

#include "attn/Runner/Equivalence.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"

#include "llvm/ADT/Twine.h"

#include <string>
#include <vector>

namespace attn_run {

/// Prints "attn-run: error: MSG" and returns 1.
int fail(const llvm::Twine &msg);
/// A JSON number, `null` for NaN and infinities.
std::string jsonNumber(double v);
/// A JSON string literal.
std::string jsonString(llvm::StringRef s);
/// ", N NaN" when `v` holds NaN (NaN results are part of the semantics).
std::string nanNote(const std::vector<double> &v);

/// What --baseline runs and how it is printed.
struct EquivalenceRun {
  mlir::attn::EquivalenceOptions options; // resolved pipelines, reps, seed
  std::string baselineName, pipelineName; // as the user spelled them
  bool json = false;
};
/// --baseline: each entry lowered by both pipelines, compared and timed.
int runEquivalenceEntries(mlir::ModuleOp module,
                          llvm::ArrayRef<mlir::func::FuncOp> entries,
                          const EquivalenceRun &run);

} // namespace attn_run

#endif // ATTN_TOOLS_ATTN_RUN_REPORT_H
