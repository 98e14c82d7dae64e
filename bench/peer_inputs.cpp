//===- peer_inputs.cpp - attn-run's seeded inputs and float64 reference ---===//
//
// For the peers benchmark (bench/peers_bench.py): writes the Q, K, V that
// `attn-run --seed=S` generates for
//   func.func @f(%q: BxHQxSQxD, %k: BxHKVxSKVxD, %v: BxHKVxSKVxD)
// (same generator, same order, so the bytes are identical) and the float64
// reference output of attn.attention on them (lib/Reference, default scale
// 1/sqrt(D), optional causal pattern), so that other systems can be fed
// exactly these inputs and checked against the project's reference.
//
//   attn-peer-inputs B HQ HKV SQ SKV D f32|bf16 causal(0|1) SEED OUTDIR
//
// Output: OUTDIR/{q,k,v}.bin (raw storage: f32, or bf16 as uint16, BHSD),
// OUTDIR/ref.f64 (raw float64, [B, HQ, SQ, D]) and one JSON line on stdout.
//
//===----------------------------------------------------------------------===//
#include "attn/Reference/Attention.h"
#include "attn/Reference/Data.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

using namespace attn::ref;

namespace {

bool writeFile(const std::string &path, const void *data, size_t bytes) {
  FILE *f = std::fopen(path.c_str(), "wb");
  if (!f)
    return false;
  bool ok = std::fwrite(data, 1, bytes, f) == bytes;
  return std::fclose(f) == 0 && ok;
}

int usage() {
  std::fprintf(stderr, "usage: attn-peer-inputs B HQ HKV SQ SKV D f32|bf16 "
                       "CAUSAL(0|1) SEED OUTDIR\n");
  return 1;
}

} // namespace

int main(int argc, char **argv) {
  if (argc != 11)
    return usage();
  long long n[6];
  for (int i = 0; i < 6; ++i) {
    char *end = nullptr;
    n[i] = std::strtoll(argv[1 + i], &end, 10);
    if (!end || *end || n[i] <= 0 || n[i] > (1 << 20))
      return usage();
  }
  std::string elt = argv[7], causal = argv[8], outDir = argv[10];
  if ((elt != "f32" && elt != "bf16") || (causal != "0" && causal != "1"))
    return usage();
  char *end = nullptr;
  unsigned long long seed = std::strtoull(argv[9], &end, 10);
  if (!end || *end)
    return usage();

  AttentionSpec s;
  s.batch = n[0];
  s.headsQ = n[1];
  s.headsKV = n[2];
  s.seqQ = n[3];
  s.seqKV = n[4];
  s.headDim = s.headDimV = n[5];
  s.scale = 1.0 / std::sqrt(double(s.headDim));
  if (causal == "1")
    s.pattern.kind = PatternKind::Causal;
  if (std::string why = validate(s); !why.empty()) {
    std::fprintf(stderr, "attn-peer-inputs: %s\n", why.c_str());
    return 1;
  }
  ElemType t = elt == "f32" ? ElemType::F32 : ElemType::BF16;

  // attn-run: one generator seeded with --seed, arguments in order.
  Rng rng(seed);
  const char *names[3] = {"q", "k", "v"};
  int64_t counts[3] = {queryElements(s), keyElements(s), valueElements(s)};
  std::vector<double> values[3];
  for (int a = 0; a < 3; ++a) {
    std::vector<uint8_t> bytes;
    generate(t, counts[a], rng, -1.0, 1.0, 0.85, values[a], bytes);
    std::string path = outDir + "/" + names[a] + ".bin";
    if (!writeFile(path, bytes.data(), bytes.size())) {
      std::fprintf(stderr, "attn-peer-inputs: cannot write %s\n", path.c_str());
      return 1;
    }
  }

  // One reference call per query head, in parallel (the evaluator is a
  // plain loop nest; BHSD keeps each head's rows contiguous).
  std::vector<double> out(size_t(outputElements(s)));
  AttentionSpec one = s;
  one.batch = one.headsQ = one.headsKV = 1;
  const int64_t heads = s.batch * s.headsQ, group = s.headsQ / s.headsKV;
#pragma omp parallel for schedule(dynamic, 1)
  for (int64_t bh = 0; bh < heads; ++bh) {
    int64_t b = bh / s.headsQ, h = bh % s.headsQ;
    int64_t kvHead = b * s.headsKV + h / group;
    attentionForward(one, values[0].data() + bh * s.seqQ * s.headDim,
                     values[1].data() + kvHead * s.seqKV * s.headDim,
                     values[2].data() + kvHead * s.seqKV * s.headDimV, nullptr,
                     nullptr, nullptr, out.data() + bh * s.seqQ * s.headDimV,
                     nullptr);
  }
  std::string path = outDir + "/ref.f64";
  if (!writeFile(path, out.data(), out.size() * sizeof(double))) {
    std::fprintf(stderr, "attn-peer-inputs: cannot write %s\n", path.c_str());
    return 1;
  }
  std::printf("{\"flops\": %llu, \"elements\": %lld}\n",
              (unsigned long long)attentionFlops(s, nullptr),
              (long long)out.size());
  return 0;
}
