/* Calls the dynamic-size `window` kernel (kernels.mlir) with sizes that do
 * not fit: each call must return a nonzero status with a message and touch
 * no memory (the test runs this under AddressSanitizer with buffers of
 * exactly the sizes given), then a correct call returns 0. */
#include "window.h"

#include <stdio.h>
#include <stdlib.h>

/* A buffer of exactly `rows` rows (one float for a negative count). */
static float *buffer(long rows) {
  return calloc(rows > 0 ? 2 * rows * 32 : 1, sizeof(float));
}

static void call(const char *what, long sq, long sk, long sv, long so) {
  float *q = buffer(sq), *k = buffer(sk), *v = buffer(sv), *o = buffer(so);
  int32_t status = window(q, sq, k, sk, v, sv, o, so);
  printf("%s: status %d: %s\n", what, (int)status, window_error(status));
  free(q);
  free(k);
  free(v);
  free(o);
}

int main(void) {
  call("output too small", 13, 29, 29, 7);
  call("output too large", 13, 29, 29, 20);
  call("key and value lengths differ", 13, 17, 29, 13);
  call("negative length", -1, 29, 29, -1);
  call("sizes that fit", 13, 29, 29, 13);
  return 0;
}
