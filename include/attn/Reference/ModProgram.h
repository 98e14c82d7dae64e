//===- ModProgram.h - score_mod / mask_mod for the reference ----*- C++ -*-===//
//
// attn.attention's regions as the float64 reference evaluates them: a
// straight-line program over the arith / math ops and table reads the
// regions may hold (docs/semantics.md, "Score and mask functions"). The
// runner translates a region into a program (lib/Runner/ModProgramOf.cpp);
// this side stays MLIR-free.
//
//===----------------------------------------------------------------------===//
#ifndef ATTN_REFERENCE_MODPROGRAM_H
#define ATTN_REFERENCE_MODPROGRAM_H

#include <cstdint>
#include <string>
#include <vector>

namespace attn {
namespace ref {

enum class ModOp {
  Arg,      // argument `imm`
  Const,    // f (float) or i (integer)
  // Float binary / unary.
  AddF, SubF, MulF, DivF, RemF, MaxF, MinF, PowF, NegF, AbsF, Tanh, Exp,
  Exp2, Log, Log2, Sqrt, Rsqrt, Floor, Ceil, Erf, Sin, Cos,
  // Integer (index, i64, i32 and i1 all in int64; i1 is 0 or 1).
  AddI, SubI, MulI, DivSI, RemSI, FloorDivSI, CeilDivSI, MinSI, MaxSI,
  AndI, OrI, XOrI, ShLI, ShRSI, AbsI,
  CmpI, CmpF,  // predicate in `imm` (CmpIPred / CmpFPred)
  Select,      // cond, true value, false value
  IntToFloat, FloatToInt, // sitofp / uitofp, fptosi
  IntCast,     // index_cast, trunci: value kept (wrapped to `bits`)
  SExt, ZExt,  // extsi / extui from `imm` bits
  FloatCast,   // extf / truncf: value kept
  Extract,     // table `imm` at the operands' indices
};

enum class CmpIPred { eq, ne, slt, sle, sgt, sge, ult, ule, ugt, uge };
enum class CmpFPred {
  alwaysFalse, oeq, ogt, oge, olt, ole, one, ord,
  ueq, ugt, uge, ult, ule, une, uno, alwaysTrue
};

struct ModInst {
  ModOp op = ModOp::Const;
  std::vector<int> args; // indices of earlier values
  int64_t imm = 0;       // Arg: argument number; Cmp: predicate; Extract: table
  bool isFloat = false;  // the result's kind
  int bits = 64;         // integer result width (CmpI: the operands')
  double f = 0.0;        // Const (float)
  int64_t i = 0;         // Const (integer)
};

/// A tensor the region reads: a captured argument or constant (row-major).
struct ModTable {
  std::vector<double> data;
  std::vector<int64_t> shape;
};

/// One region. Values are numbered in order: the instructions' results.
struct ModProgram {
  std::vector<ModInst> insts;
  std::vector<ModTable> tables;
  int result = -1;
  /// Leading float arguments (score_mod: 1, the score; mask_mod: 0).
  int floatArgs = 0;
  /// The first run-time error (a table read out of bounds), if any: the
  /// caller checks it after evaluating.
  mutable std::string error;
  /// Per-instruction values of the last run (reused: no allocation per
  /// element; one program is not run from two threads at once).
  mutable std::vector<double> floats;
  mutable std::vector<int64_t> ints;

  bool present() const { return result >= 0; }
  /// Evaluates with float / integer arguments (score_mod: s, then b, h,
  /// i, j; mask_mod: b, h, i, j). The result as a double (mask_mod: 0 / 1).
  double run(double s, const int64_t *args, int numArgs) const;
};

} // namespace ref
} // namespace attn

#endif // ATTN_REFERENCE_MODPROGRAM_H
