//===- RunInputs.h - attn-run input distributions and run guards -*- C++ -*-===//
//
// What attn-run feeds the compiled code beyond uniform noise (normal with a
// scale, large logits, and inputs with the structure of real attention),
// the memory a run needs (so that a run that cannot fit is refused before
// anything is allocated), and the softmax comparison's error norm.
//
//===----------------------------------------------------------------------===//
#ifndef ATTN_RUNNER_RUNINPUTS_H
#define ATTN_RUNNER_RUNINPUTS_H

#include "attn/Runner/Runner.h"

namespace mlir {
namespace attn {

/// How float arguments are drawn (`attn-run --distribution=...`).
struct InputDistribution {
  enum Kind {
    Uniform,      // uniform [-1, 1) (the default)
    Normal,       // normal, standard deviation `scale`
    Sinks,        // attention sinks: the first keys draw every query
    LocalDecay,   // scores peak at i = j and decay with |i - j|
    HeavyHitters, // a few keys anywhere draw every query
  } kind = Uniform;
  /// Normal: the standard deviation; structured kinds: the strength of the
  /// structure (score gap in units of the noise), 1 by default.
  double scale = 1.0;
  /// Normal: scale only queries and keys (large logits), values N(0, 1).
  bool logitsOnly = false;
};

/// Parses `uniform`, `normal[:SCALE]`, `large-logits` (queries and keys
/// N(0, 4^2), values N(0, 1)),
/// `sinks[:S]`, `local-decay[:S]`, `heavy-hitters[:S]`.
FailureOr<InputDistribution> parseInputDistribution(StringRef text,
                                                    std::string &why);

/// What an entry argument feeds: the query, key or value of an attn op.
enum class ArgRole { Other, Query, Key, Value };
struct ArgUse {
  ArgRole role = ArgRole::Other;
  bool bshd = false; // [B, S, H, D] storage
};
/// The role of every argument of `entry` (the first attn op that reads it).
SmallVector<ArgUse> argumentUses(func::FuncOp entry);

/// Draws the float64 values of one float argument (before rounding to its
/// element type) with `dist`; deterministic in `rng`.
void drawInput(const InputDistribution &dist, ArgUse use,
               const TensorDesc &desc, ref::Rng &rng,
               std::vector<double> &values);

/// Bytes a run of `entry` needs on the host before and around the compiled
/// code: argument and result buffers, their float64 copies for --check and
/// the reference's results, plus, for the unfused pipeline, the score
/// tensors it materializes. An estimate, meant to refuse hopeless runs.
uint64_t estimateRunBytes(func::FuncOp entry, ArrayRef<TensorDesc> inputs,
                          ArrayRef<TensorDesc> outputs, bool check,
                          bool unfusedScores);

/// Bytes this process may still allocate: the smaller of physical memory
/// plus swap and the address-space limit (ulimit -v) less what is mapped.
uint64_t availableBytes();

/// `--set=ARG:INDEX:VALUE`: element INDEX (row-major over the stored
/// shape) of argument ARG set to VALUE (a number, nan, inf or -inf) after
/// the inputs are drawn, e.g. to place one NaN.
struct InputOverride {
  unsigned arg = 0;
  int64_t index = 0;
  double value = 0;
};
FailureOr<InputOverride> parseInputOverride(StringRef text, std::string &why);

/// ||got - ref|| / ||ref|| over all elements; equal values (equal
/// infinities such as a fully masked row's lse = -inf, or NaN where both
/// are NaN) add nothing, any other non-finite difference makes it +inf.
struct RelL2 {
  double diff2 = 0, ref2 = 0;
  void add(double got, double ref);
  double value() const;
};

} // namespace attn
} // namespace mlir

#endif
