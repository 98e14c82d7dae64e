//===- Inputs.h - attn-run's tensors: descriptions and seeded inputs -*- C++ -*-===//
#ifndef ATTN_TOOLS_ATTN_RUN_INPUTS_H
#define ATTN_TOOLS_ATTN_RUN_INPUTS_H

#include "attn/Runner/Runner.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"

#include <string>
#include <vector>

namespace attn_run {

/// The tensors of one run of an entry: descriptions, buffers and, where
/// the reference or the flop count needs them, float64 copies of the inputs.
struct RunData {
  std::vector<mlir::attn::TensorDesc> inDescs, outDescs;
  std::vector<mlir::attn::HostBuffer> inputs, outputs;
  std::vector<std::vector<double>> inputValues;
};

/// Describes the entry's arguments and results; refuses a run that cannot
/// fit before anything is allocated.
mlir::LogicalResult describeRun(mlir::func::FuncOp entry, RunData &d,
                                std::string &why);

/// Seeded inputs (valid document offsets, FAVOR+ random features, block
/// tables), then --input files and --set overrides; zeroed outputs.
mlir::LogicalResult generateInputs(mlir::func::FuncOp entry, RunData &d,
                                   std::string &why);

} // namespace attn_run

#endif // ATTN_TOOLS_ATTN_RUN_INPUTS_H
