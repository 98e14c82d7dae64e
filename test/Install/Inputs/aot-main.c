/* Calls the AOT kernel of causal.mlir on constant inputs: with Q = K = 0
 * every visible key has the same weight, so o[i][d] is the mean of the
 * visible rows of V, and V[j][d] = d gives o[..][5] = 5 exactly. */
#include "causal.h"
#include <stdio.h>
#include <stdlib.h>
int main(void) {
  float *q = calloc(4 * 64 * 64, 4), *k = calloc(4 * 192 * 64, 4),
        *v = calloc(4 * 192 * 64, 4), *o = calloc(4 * 64 * 64, 4);
  for (int i = 0; i < 4 * 192 * 64; ++i)
    v[i] = (float)(i % 64);
  causal(q, k, v, o);
  printf("o[5] = %g\n", o[5]);
  return 0;
}
