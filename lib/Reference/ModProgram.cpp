//===- ModProgram.cpp - evaluate a score_mod / mask_mod program -----------===//
#include "attn/Reference/ModProgram.h"

#include <cmath>
#include <cstdint>
#include <limits>

namespace attn {
namespace ref {

namespace {

int64_t wrap(int64_t v, int bits) {
  if (bits >= 64)
    return v;
  if (bits == 1)
    return v & 1;
  // Two's complement wrap to `bits`, sign-extended.
  uint64_t m = (uint64_t(1) << bits) - 1, u = uint64_t(v) & m;
  uint64_t sign = uint64_t(1) << (bits - 1);
  return int64_t((u ^ sign) - sign);
}

bool cmpI(CmpIPred p, int64_t a, int64_t b, int bits) {
  uint64_t ua = uint64_t(a), ub = uint64_t(b);
  if (bits < 64) {
    uint64_t m = (uint64_t(1) << bits) - 1;
    ua &= m;
    ub &= m;
  }
  switch (p) {
  case CmpIPred::eq: return a == b;
  case CmpIPred::ne: return a != b;
  case CmpIPred::slt: return a < b;
  case CmpIPred::sle: return a <= b;
  case CmpIPred::sgt: return a > b;
  case CmpIPred::sge: return a >= b;
  case CmpIPred::ult: return ua < ub;
  case CmpIPred::ule: return ua <= ub;
  case CmpIPred::ugt: return ua > ub;
  case CmpIPred::uge: return ua >= ub;
  }
  return false;
}

bool cmpF(CmpFPred p, double a, double b) {
  bool unordered = std::isnan(a) || std::isnan(b);
  switch (p) {
  case CmpFPred::alwaysFalse: return false;
  case CmpFPred::oeq: return !unordered && a == b;
  case CmpFPred::ogt: return !unordered && a > b;
  case CmpFPred::oge: return !unordered && a >= b;
  case CmpFPred::olt: return !unordered && a < b;
  case CmpFPred::ole: return !unordered && a <= b;
  case CmpFPred::one: return !unordered && a != b;
  case CmpFPred::ord: return !unordered;
  case CmpFPred::ueq: return unordered || a == b;
  case CmpFPred::ugt: return unordered || a > b;
  case CmpFPred::uge: return unordered || a >= b;
  case CmpFPred::ult: return unordered || a < b;
  case CmpFPred::ule: return unordered || a <= b;
  case CmpFPred::une: return unordered || a != b;
  case CmpFPred::uno: return unordered;
  case CmpFPred::alwaysTrue: return true;
  }
  return false;
}

// Floor / ceil division of integers (b != 0), as arith defines them.
int64_t floorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}
int64_t ceilDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && ((a < 0) == (b < 0))) ? q + 1 : q;
}

} // namespace

double ModProgram::run(double s, const int64_t *args, int numArgs) const {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  floats.resize(insts.size());
  this->ints.resize(insts.size());
  double *fv = floats.data();
  int64_t *iv = this->ints.data();
  for (size_t n = 0; n < insts.size(); ++n) {
    const ModInst &in = insts[n];
    auto F = [&](int k) { return fv[in.args[k]]; };
    auto I = [&](int k) { return iv[in.args[k]]; };
    struct {
      double &f;
      int64_t &i;
    } r{fv[n], iv[n]};
    // Integer division by zero is undefined in arith: the reference
    // reports it instead of picking a value.
    auto divisor = [&](int64_t d) {
      if (d == 0 && error.empty())
        error = "integer division by zero in a region";
      return d == 0 ? 1 : d;
    };
    switch (in.op) {
    case ModOp::Arg:
      if (in.imm < floatArgs)
        r.f = s;
      else if (in.imm - floatArgs < numArgs)
        r.i = args[in.imm - floatArgs];
      break;
    case ModOp::Const: r.f = in.f; r.i = in.i; break;
    case ModOp::AddF: r.f = F(0) + F(1); break;
    case ModOp::SubF: r.f = F(0) - F(1); break;
    case ModOp::MulF: r.f = F(0) * F(1); break;
    case ModOp::DivF: r.f = F(0) / F(1); break;
    case ModOp::RemF: r.f = std::fmod(F(0), F(1)); break;
    // arith.maximumf / minimumf propagate NaN.
    case ModOp::MaxF:
      r.f = std::isnan(F(0)) || std::isnan(F(1)) ? nan : std::max(F(0), F(1));
      break;
    case ModOp::MinF:
      r.f = std::isnan(F(0)) || std::isnan(F(1)) ? nan : std::min(F(0), F(1));
      break;
    case ModOp::PowF: r.f = std::pow(F(0), F(1)); break;
    case ModOp::NegF: r.f = -F(0); break;
    case ModOp::AbsF: r.f = std::fabs(F(0)); break;
    case ModOp::Tanh: r.f = std::tanh(F(0)); break;
    case ModOp::Exp: r.f = std::exp(F(0)); break;
    case ModOp::Exp2: r.f = std::exp2(F(0)); break;
    case ModOp::Log: r.f = std::log(F(0)); break;
    case ModOp::Log2: r.f = std::log2(F(0)); break;
    case ModOp::Sqrt: r.f = std::sqrt(F(0)); break;
    case ModOp::Rsqrt: r.f = 1.0 / std::sqrt(F(0)); break;
    case ModOp::Floor: r.f = std::floor(F(0)); break;
    case ModOp::Ceil: r.f = std::ceil(F(0)); break;
    case ModOp::Erf: r.f = std::erf(F(0)); break;
    case ModOp::Sin: r.f = std::sin(F(0)); break;
    case ModOp::Cos: r.f = std::cos(F(0)); break;
    case ModOp::AddI: r.i = wrap(I(0) + I(1), in.bits); break;
    case ModOp::SubI: r.i = wrap(I(0) - I(1), in.bits); break;
    case ModOp::MulI: r.i = wrap(I(0) * I(1), in.bits); break;
    case ModOp::DivSI: r.i = I(0) / divisor(I(1)); break;
    case ModOp::RemSI: r.i = I(0) % divisor(I(1)); break;
    case ModOp::FloorDivSI: r.i = floorDiv(I(0), divisor(I(1))); break;
    case ModOp::CeilDivSI: r.i = ceilDiv(I(0), divisor(I(1))); break;
    case ModOp::MinSI: r.i = std::min(I(0), I(1)); break;
    case ModOp::MaxSI: r.i = std::max(I(0), I(1)); break;
    case ModOp::AndI: r.i = I(0) & I(1); break;
    case ModOp::OrI: r.i = I(0) | I(1); break;
    case ModOp::XOrI: r.i = wrap(I(0) ^ I(1), in.bits); break;
    case ModOp::ShLI: r.i = wrap(I(0) << (I(1) & 63), in.bits); break;
    case ModOp::ShRSI: r.i = I(0) >> (I(1) & 63); break;
    case ModOp::AbsI: r.i = I(0) < 0 ? -I(0) : I(0); break;
    case ModOp::CmpI:
      // `bits`: the operands' width (unsigned predicates compare them).
      r.i = cmpI(CmpIPred(in.imm), I(0), I(1), in.bits);
      break;
    case ModOp::CmpF: r.i = cmpF(CmpFPred(in.imm), F(0), F(1)); break;
    case ModOp::Select: {
      int pick = I(0) ? in.args[1] : in.args[2];
      r.f = fv[pick];
      r.i = iv[pick];
      break;
    }
    case ModOp::IntToFloat: r.f = double(I(0)); break;
    case ModOp::FloatToInt: r.i = wrap(int64_t(F(0)), in.bits); break;
    case ModOp::IntCast: r.i = wrap(I(0), in.bits); break;
    case ModOp::SExt:
      // From i1, true is -1.
      r.i = in.imm == 1 ? -(I(0) & 1) : wrap(I(0), int(in.imm));
      break;
    case ModOp::ZExt:
      r.i = in.imm >= 64 ? I(0)
                         : int64_t(uint64_t(I(0)) &
                                   ((uint64_t(1) << in.imm) - 1));
      break;
    case ModOp::FloatCast: r.f = F(0); break;
    case ModOp::Extract: {
      const ModTable &t = tables[in.imm];
      int64_t off = 0;
      for (size_t k = 0; k < t.shape.size(); ++k) {
        int64_t x = I(int(k));
        if (x < 0 || x >= t.shape[k]) {
          if (error.empty())
            error = "a region reads a table out of bounds (index " +
                    std::to_string(x) + " of a dim of size " +
                    std::to_string(t.shape[k]) + ")";
          x = 0;
        }
        off = off * t.shape[k] + x;
      }
      double x = t.data.empty() ? 0.0 : t.data[off];
      if (in.isFloat)
        r.f = x;
      else
        r.i = wrap(int64_t(x), in.bits);
      break;
    }
    }
  }
  return insts[result].isFloat ? fv[result] : double(iv[result]);
}

} // namespace ref
} // namespace attn
