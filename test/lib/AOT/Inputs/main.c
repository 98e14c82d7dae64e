/* Links two AOT-compiled kernels into one program and checks both against
 * a direct float64 evaluation of docs/semantics.md (softmax(Q K^T / sqrt(D))
 * V with the kernel's pattern). Prints one line per kernel. */
#include "causal.h"
#include "window.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* visible(i, j) for pattern 0 (top-left causal) and 1 (window 5, 0,
 * bottom-right). */
static int visible(int pattern, long i, long j, long sq, long skv) {
  if (pattern == 0)
    return j <= i;
  long p = i + (skv - sq);
  return j >= p - 5 && j <= p;
}

static long check(int pattern, const float *q, const float *k, const float *v,
                  const float *o, long hq, long hkv, long sq, long skv,
                  long d) {
  long bad = 0;
  double *s = malloc(sizeof(double) * skv);
  for (long h = 0; h < hq; ++h)
    for (long i = 0; i < sq; ++i) {
      long g = h / (hq / hkv);
      double m = -INFINITY, l = 0;
      for (long j = 0; j < skv; ++j) {
        s[j] = -INFINITY;
        if (!visible(pattern, i, j, sq, skv))
          continue;
        double dot = 0;
        for (long c = 0; c < d; ++c)
          dot += (double)q[(h * sq + i) * d + c] * k[(g * skv + j) * d + c];
        s[j] = dot / sqrt((double)d);
        if (s[j] > m)
          m = s[j];
      }
      for (long j = 0; j < skv; ++j)
        l += isinf(s[j]) ? 0 : exp(s[j] - m);
      for (long c = 0; c < d; ++c) {
        double acc = 0;
        for (long j = 0; j < skv; ++j)
          if (!isinf(s[j]))
            acc += exp(s[j] - m) / l * v[(g * skv + j) * d + c];
        double got = o[(h * sq + i) * d + c];
        bad += !(fabs(got - acc) <= 1e-5 + 1e-4 * fabs(acc));
      }
    }
  free(s);
  return bad;
}

static float *fill(long n, unsigned *state) {
  float *x = malloc(sizeof(float) * n);
  for (long i = 0; i < n; ++i) {
    *state = *state * 1103515245u + 12345u;
    x[i] = (float)((*state >> 8) % 2001) / 1000.0f - 1.0f;
  }
  return x;
}

int main(void) {
  unsigned st = 7;
  float *q = fill(4 * 16 * 32, &st), *k = fill(2 * 24 * 32, &st),
        *v = fill(2 * 24 * 32, &st), *o = calloc(4 * 16 * 32, sizeof(float));
  causal(q, k, v, o);
  printf("causal: %ld mismatches\n", check(0, q, k, v, o, 4, 2, 16, 24, 32));

  long sq = 13, skv = 29;
  float *q2 = fill(2 * sq * 32, &st), *k2 = fill(2 * skv * 32, &st),
        *v2 = fill(2 * skv * 32, &st), *o2 = calloc(2 * sq * 32, sizeof(float));
  window(q2, sq, k2, skv, v2, skv, o2, sq);
  printf("window: %ld mismatches\n",
         check(1, q2, k2, v2, o2, 2, 2, sq, skv, 32));
  return 0;
}
