/* Times one attn-aot kernel called from C (bench/python_overhead.py):
 *   call_overhead CALLS ROUNDS  -> prints the median over ROUNDS of the mean
 *   time per call in microseconds.
 * The kernel's header is "kernel.h" (symbol `kernel`, static shapes
 * 1 x H x S x D, f32); sizes come from the -D flags the script passes. */
#define _POSIX_C_SOURCE 199309L // clock_gettime under -std=c11
#include "kernel.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + 1e-9 * t.tv_nsec;
}

static int cmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

int main(int argc, char **argv) {
  int calls = argc > 1 ? atoi(argv[1]) : 1000;
  int rounds = argc > 2 ? atoi(argv[2]) : 7;
  long n = (long)H * S * D;
  float *q = malloc(n * sizeof(float)), *k = malloc(n * sizeof(float)),
        *v = malloc(n * sizeof(float)), *o = malloc(n * sizeof(float));
  for (long i = 0; i < n; ++i)
    q[i] = k[i] = v[i] = (float)(i % 17) / 17.0f;
  double *per = malloc(rounds * sizeof(double));
  for (int i = 0; i < calls; ++i) /* warm-up */
    kernel(q, k, v, o);
  for (int r = 0; r < rounds; ++r) {
    double t0 = now();
    for (int i = 0; i < calls; ++i)
      kernel(q, k, v, o);
    per[r] = (now() - t0) / calls * 1e6;
  }
  qsort(per, rounds, sizeof(double), cmp);
  printf("%.3f\n", per[rounds / 2]);
  return 0;
}
