//===- read_bw.cpp - measured read bandwidth of this machine --------------===//
//
// Streams through a buffer with wide vector loads on 1..N threads (each
// thread sums its own contiguous part, first-touched by that thread) and
// prints one JSON object per (buffer size, thread count). The decode rows
// of the benchmarks divide the bytes of K and V by this to get "the time to
// read K and V once".
//
// A buffer that fits the last-level cache measures what a benchmark that
// re-reads the same K and V sees; one several times larger measures DRAM.
// Both are printed: sizes (MiB) are the arguments, default 256 and 2048.
//
//===----------------------------------------------------------------------===//
#include <omp.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#if defined(__AVX512F__)
constexpr int kLanes = 16;
#elif defined(__AVX__)
constexpr int kLanes = 8;
#else
constexpr int kLanes = 4;
#endif
typedef float vf __attribute__((vector_size(kLanes * sizeof(float))));
// Independent accumulators so that add latency never limits the loads.
constexpr int kAcc = 8;

static float sumPart(const vf *p, size_t n) {
  vf acc[kAcc] = {};
  size_t i = 0;
  for (; i + kAcc <= n; i += kAcc) {
#pragma GCC unroll 8
    for (int a = 0; a < kAcc; ++a)
      acc[a] += p[i + a];
  }
  for (; i < n; ++i)
    acc[0] += p[i];
  float s = 0;
  for (int a = 0; a < kAcc; ++a)
    for (int l = 0; l < kLanes; ++l)
      s += acc[a][l];
  return s;
}

int main(int argc, char **argv) {
  std::vector<size_t> mib;
  for (int i = 1; i < argc; ++i) {
    char *end = nullptr;
    long v = std::strtol(argv[i], &end, 10);
    if (!end || *end || v <= 0 || v > (1 << 20)) {
      std::fprintf(stderr, "usage: attn-read-bw [SIZE_MIB ...]\n");
      return 1;
    }
    mib.push_back(size_t(v));
  }
  if (mib.empty())
    mib = {256, 2048};
  int maxThreads = omp_get_num_procs();
  for (size_t m : mib) {
    size_t bytes = m << 20;
    size_t n = bytes / sizeof(vf);
    vf *buf = static_cast<vf *>(std::aligned_alloc(1 << 21, n * sizeof(vf)));
    if (!buf) {
      std::fprintf(stderr, "attn-read-bw: cannot allocate %zu MiB\n", m);
      return 1;
    }
    for (int t = 1; t <= maxThreads; ++t) {
      // First touch by the thread that reads the part later (NUMA, THP).
#pragma omp parallel num_threads(t)
      {
        int id = omp_get_thread_num();
        size_t lo = n * id / t, hi = n * (id + 1) / t;
        vf one = {};
        one += 1.0f;
        for (size_t i = lo; i < hi; ++i)
          buf[i] = one;
      }
      // Enough passes for about 8 GiB read, at least 5.
      int passes = std::max<int>(5, int((size_t(8) << 30) / bytes));
      std::vector<double> gbps;
      for (int p = 0; p < passes; ++p) {
        float sink = 0;
        auto t0 = std::chrono::steady_clock::now();
#pragma omp parallel num_threads(t) reduction(+ : sink)
        {
          int id = omp_get_thread_num();
          size_t lo = n * id / t, hi = n * (id + 1) / t;
          sink += sumPart(buf + lo, hi - lo);
        }
        auto t1 = std::chrono::steady_clock::now();
        double sec = std::chrono::duration<double>(t1 - t0).count();
        gbps.push_back(double(bytes) / sec / 1e9);
        if (sink == 12345.f)
          std::puts("");
      }
      std::sort(gbps.begin(), gbps.end());
      std::printf("{\"threads\": %d, \"mib\": %zu, \"passes\": %d, "
                  "\"best_gbps\": %.2f, \"median_gbps\": %.2f}\n",
                  t, m, passes, gbps.back(), gbps[gbps.size() / 2]);
      std::fflush(stdout);
    }
    std::free(buf);
  }
  return 0;
}
