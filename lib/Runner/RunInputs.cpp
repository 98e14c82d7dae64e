//===- RunInputs.cpp - attn-run input distributions and run guards --------===//
#include "attn/Runner/RunInputs.h"

#include "attn/IR/AttnOps.h"


#include <cmath>
#include <memory>
#include <cstdio>
#include <limits>
#include <sys/resource.h>
#include <sys/sysinfo.h>
#include <unistd.h>

using namespace mlir;
using namespace mlir::attn;

FailureOr<InputDistribution>
mlir::attn::parseInputDistribution(StringRef text, std::string &why) {
  auto [name, arg] = text.split(':');
  InputDistribution d;
  if (name == "uniform")
    d.kind = InputDistribution::Uniform;
  else if (name == "normal")
    d.kind = InputDistribution::Normal;
  else if (name == "large-logits")
    d.kind = InputDistribution::Normal, d.scale = 4.0, d.logitsOnly = true;
  else if (name == "sinks")
    d.kind = InputDistribution::Sinks;
  else if (name == "local-decay")
    d.kind = InputDistribution::LocalDecay;
  else if (name == "heavy-hitters")
    d.kind = InputDistribution::HeavyHitters;
  else {
    why = "--distribution must be uniform, normal[:SCALE], large-logits, "
          "sinks[:S], local-decay[:S] or heavy-hitters[:S], got '" +
          text.str() + "'";
    return failure();
  }
  if (text.contains(':')) {
    double v;
    // Bounded so that scores stay far from the f32 range.
    if (d.kind == InputDistribution::Uniform ||
        name == "large-logits" || arg.getAsDouble(v) || !(v > 0 && v <= 1e3)) {
      why = "--distribution=" + text.str() +
            ": the parameter must be a number in (0, 1000] (and uniform and "
            "large-logits take none)";
      return failure();
    }
    d.scale = v;
  }
  return d;
}

SmallVector<ArgUse> mlir::attn::argumentUses(func::FuncOp entry) {
  SmallVector<ArgUse> uses(entry.getNumArguments());
  auto note = [&](Value v, ArgRole role, bool bshd) {
    auto arg = dyn_cast<BlockArgument>(v);
    if (!arg || arg.getOwner()->getParentOp() != entry.getOperation())
      return;
    ArgUse &u = uses[arg.getArgNumber()];
    if (u.role == ArgRole::Other)
      u = {role, bshd};
  };
  entry.walk([&](Operation *op) {
    if (auto a = dyn_cast<AttentionOp>(op)) {
      bool bshd = a.getLayoutOrDefault() == Layout::bshd;
      note(a.getQuery(), ArgRole::Query, bshd);
      note(a.getKey(), ArgRole::Key, bshd);
      note(a.getValue(), ArgRole::Value, bshd);
    } else if (auto l = dyn_cast<LinearAttentionOp>(op)) {
      bool bshd = l.getLayoutOrDefault() == Layout::bshd;
      note(l.getQuery(), ArgRole::Query, bshd);
      note(l.getKey(), ArgRole::Key, bshd);
      note(l.getValue(), ArgRole::Value, bshd);
    } else if (auto s = dyn_cast<BlockScoreOp>(op)) {
      note(s.getQuery(), ArgRole::Query, false);
      note(s.getKey(), ArgRole::Key, false);
    }
  });
  return uses;
}

namespace {

double normal(ref::Rng &rng) {
  // Box-Muller; 1 - u keeps the logarithm's argument in (0, 1].
  double u = 1.0 - rng.uniform(), v = rng.uniform();
  return std::sqrt(-2.0 * std::log(u)) * std::cos(2.0 * M_PI * v);
}

/// A fixed unit direction of length D shared by every query and key, so
/// that a structured query and key agree on it whatever the seed.
std::vector<double> sharedDirection(int64_t D) {
  ref::Rng rng(0x51A4C0DEull);
  std::vector<double> c(static_cast<size_t>(D));
  double n2 = 0;
  for (double &x : c) {
    x = normal(rng);
    n2 += x * x;
  }
  for (double &x : c)
    x /= std::sqrt(n2 > 0 ? n2 : 1.0);
  return c;
}

/// Heavy-hitter keys: about 3% of the positions, fixed by the position.
bool heavyHitter(int64_t s) {
  return (uint64_t(s) * 2654435761ull >> 7) % 64 < 2;
}

} // namespace

void mlir::attn::drawInput(const InputDistribution &dist, ArgUse use,
                           const TensorDesc &desc, ref::Rng &rng,
                           std::vector<double> &values) {
  int64_t n = desc.numElements();
  values.resize(size_t(n));
  if (dist.kind == InputDistribution::Uniform) {
    for (double &x : values)
      x = -1.0 + 2.0 * rng.uniform();
    return;
  }
  if (dist.kind == InputDistribution::Normal) {
    bool qk = use.role == ArgRole::Query || use.role == ArgRole::Key;
    double sd = dist.logitsOnly && !qk ? 1.0 : dist.scale;
    for (double &x : values)
      x = sd * normal(rng);
    return;
  }
  // Structured: noise N(0, 1) (scores ~ N(0, 1) at scale 1/sqrt(D)) plus
  // the structure on queries and keys of rank-4 tensors.
  for (double &x : values)
    x = normal(rng);
  bool qk = use.role == ArgRole::Query || use.role == ArgRole::Key;
  if (!qk || desc.shape.size() != 4)
    return;
  int64_t B = desc.shape[0], D = desc.shape[3];
  int64_t H = use.bshd ? desc.shape[2] : desc.shape[1];
  int64_t S = use.bshd ? desc.shape[1] : desc.shape[2];
  bool isKey = use.role == ArgRole::Key;
  std::vector<double> c = sharedDirection(D);
  double rootD = std::sqrt(double(D));
  // Sinks / heavy hitters: q += a c, chosen keys += a c with a^2 / sqrt(D)
  // = 6 * strength, a score gap of about 6 noise deviations.
  double a = std::sqrt(6.0 * dist.scale * rootD);
  // Local decay: q_i . k_j = A^2 sum_f cos(w_f (i - j)) (rotary-style
  // frequencies), peaking at i = j with a score of about 6 * strength.
  double amp = std::sqrt(12.0 * dist.scale / rootD);
  int64_t sinks = std::max<int64_t>(1, std::min<int64_t>(4, S / 32));
  for (int64_t b = 0; b < B; ++b)
    for (int64_t h = 0; h < H; ++h)
      for (int64_t s = 0; s < S; ++s) {
        int64_t row = use.bshd ? (b * S + s) * H + h : (b * H + h) * S + s;
        double *x = values.data() + row * D;
        switch (dist.kind) {
        case InputDistribution::Sinks:
        case InputDistribution::HeavyHitters: {
          bool chosen = dist.kind == InputDistribution::Sinks
                            ? s < sinks
                            : heavyHitter(s);
          if (!isKey || chosen)
            for (int64_t d = 0; d < D; ++d)
              x[d] += a * c[size_t(d)];
          break;
        }
        case InputDistribution::LocalDecay:
          for (int64_t f = 0; 2 * f + 1 < D; ++f) {
            double w = std::pow(10000.0, -2.0 * double(f) / double(D));
            x[2 * f] += amp * std::cos(w * double(s));
            x[2 * f + 1] += amp * std::sin(w * double(s));
          }
          break;
        default:
          break;
        }
      }
}

uint64_t mlir::attn::estimateRunBytes(func::FuncOp entry,
                                      ArrayRef<TensorDesc> inputs,
                                      ArrayRef<TensorDesc> outputs, bool check,
                                      bool unfusedScores) {
  // Saturating arithmetic: absurd shapes must not wrap to small numbers.
  constexpr uint64_t kMax = std::numeric_limits<uint64_t>::max();
  auto add = [](uint64_t x, uint64_t y) { return x > kMax - y ? kMax : x + y; };
  auto mul = [](uint64_t x, uint64_t y) {
    return y != 0 && x > kMax / y ? kMax : x * y;
  };
  uint64_t total = 0;
  for (const TensorDesc &d : inputs)
    total = add(total, mul(uint64_t(d.numElements()),
                           ref::storageBytes(d.type) + (check ? 8 : 0)));
  for (const TensorDesc &d : outputs)
    total = add(total, mul(uint64_t(d.numElements()),
                           ref::storageBytes(d.type) + (check ? 16 : 0)));
  if (unfusedScores)
    entry.walk([&](AttentionOp op) {
      uint64_t n = 1;
      for (int64_t s : {op.getBatch(), op.getHeadsQ(), op.getSeqQ(),
                        op.getSeqKV()})
        n = mul(n, s > 0 ? uint64_t(s) : 1);
      // scores, modified scores and probabilities (f32).
      total = add(total, mul(n, 12));
    });
  return total;
}

uint64_t mlir::attn::availableBytes() {
  uint64_t avail = std::numeric_limits<uint64_t>::max();
  struct sysinfo si;
  if (sysinfo(&si) == 0)
    avail = (uint64_t(si.totalram) + uint64_t(si.totalswap)) * si.mem_unit;
  struct rlimit rl;
  if (getrlimit(RLIMIT_AS, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY) {
    uint64_t mapped = 0;
    if (FILE *f = std::fopen("/proc/self/statm", "r")) {
      unsigned long pages = 0;
      if (std::fscanf(f, "%lu", &pages) == 1)
        mapped = uint64_t(pages) * uint64_t(sysconf(_SC_PAGESIZE));
      std::fclose(f);
    }
    uint64_t lim = uint64_t(rl.rlim_cur);
    avail = std::min(avail, lim > mapped ? lim - mapped : 0);
  }
  return avail;
}

void RelL2::add(double got, double r) {
  if (got == r || (std::isnan(got) && std::isnan(r)))
    return;
  double d = got - r;
  diff2 += d * d; // +inf (or NaN) for a non-finite difference
  if (std::isfinite(r))
    ref2 += r * r;
}

double RelL2::value() const {
  if (std::isnan(diff2))
    return std::numeric_limits<double>::infinity();
  return ref2 > 0 ? std::sqrt(diff2 / ref2) : std::sqrt(diff2);
}

FailureOr<InputOverride> mlir::attn::parseInputOverride(StringRef text,
                                                        std::string &why) {
  SmallVector<StringRef> parts;
  text.split(parts, ':');
  InputOverride o;
  unsigned long long index = 0;
  StringRef v = parts.size() == 3 ? parts[2].trim() : "";
  bool badValue = true;
  if (v == "nan")
    o.value = std::numeric_limits<double>::quiet_NaN(), badValue = false;
  else if (v == "inf" || v == "+inf")
    o.value = std::numeric_limits<double>::infinity(), badValue = false;
  else if (v == "-inf")
    o.value = -std::numeric_limits<double>::infinity(), badValue = false;
  else if (!v.empty())
    badValue = v.getAsDouble(o.value);
  if (parts.size() != 3 || parts[0].getAsInteger(10, o.arg) ||
      parts[1].getAsInteger(10, index) || index > (1ull << 62) || badValue) {
    why = "--set needs ARG:INDEX:VALUE (VALUE a number, nan, inf or -inf), "
          "got '" + text.str() + "'";
    return failure();
  }
  o.index = int64_t(index);
  return o;
}
