//===- fma_peak.cpp - measured FP32 FMA peak of this machine --------------===//
//
// Runs independent chains of packed FP32 FMAs on 1..N threads and prints
// one JSON object per thread count. Enough independent accumulators hide
// the FMA latency on every x86 core we target; the widest vector the
// compiler targets (-march=native) is used.
//
//===----------------------------------------------------------------------===//
#include <omp.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>

#if defined(__AVX512F__)
constexpr int kLanes = 16;
#elif defined(__AVX__)
constexpr int kLanes = 8;
#else
constexpr int kLanes = 4;
#endif
typedef float vf __attribute__((vector_size(kLanes * sizeof(float))));
constexpr int kChains = 16;

static float run(long iters) {
  vf acc[kChains];
  vf a, b;
  for (int l = 0; l < kLanes; ++l) {
    a[l] = 0.999999f;
    b[l] = 1e-7f;
  }
  for (int c = 0; c < kChains; ++c)
    acc[c] = a * (float)c;
  for (long i = 0; i < iters; ++i) {
#pragma GCC unroll 16
    for (int c = 0; c < kChains; ++c)
      acc[c] = acc[c] * a + b; // contracted to one FMA with -ffp-contract=fast
  }
  float s = 0;
  for (int c = 0; c < kChains; ++c)
    for (int l = 0; l < kLanes; ++l)
      s += acc[c][l];
  return s;
}

int main(int argc, char **argv) {
  long iters = argc > 1 ? std::atol(argv[1]) : 200000000L;
  int maxThreads = omp_get_num_procs();
  for (int t = 1; t <= maxThreads; ++t) {
    double best = 0;
    for (int rep = 0; rep < 3; ++rep) {
      float sink = 0;
      auto t0 = std::chrono::steady_clock::now();
#pragma omp parallel num_threads(t) reduction(+ : sink)
      sink += run(iters);
      auto t1 = std::chrono::steady_clock::now();
      double sec = std::chrono::duration<double>(t1 - t0).count();
      double gflops = 2.0 * kLanes * kChains * (double)iters * t / sec / 1e9;
      if (gflops > best)
        best = gflops;
      if (sink == 12345.f)
        std::puts("");
    }
    std::printf("{\"threads\": %d, \"lanes\": %d, \"peak_gflops\": %.2f}\n", t,
                kLanes, best);
  }
  return 0;
}
