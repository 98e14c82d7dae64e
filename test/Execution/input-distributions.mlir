// Execution checks on inputs beyond uniform noise (attn-run --distribution):
// large logits (queries and keys N(0, 16): scores of tens) and inputs with the structure of real attention
// (sinks, local decay, heavy hitters: a few keys take most of the weight),
// through both pipelines, against the float64 reference.
//
// RUN: for d in large-logits sinks:3 local-decay:3 heavy-hitters:3; do \
// RUN:   for p in unfused fused; do \
// RUN:     attn-run %s --distribution=$d --pipeline=$p --check --reps=1 --warmup=0 --threads=1; \
// RUN:   done; \
// RUN: done | FileCheck %s
//
// 4 distributions x 2 pipelines x 2 entries. (With values drawn as large
// as the logits, normal:8, the f32 results exceed the elementwise f32
// tolerance, atol 1e-5: the scores themselves are f32, so the weights carry
// a relative error of about |s| * 6e-8; see docs/attn-run.md.)
// CHECK-COUNT-16: check: PASSED
// CHECK-NOT: FAILED

func.func @causal_gqa(%q: tensor<1x4x96x32xf32>, %k: tensor<1x2x96x32xf32>,
    %v: tensor<1x2x96x32xf32>) -> (tensor<1x4x96x32xf32>, tensor<1x4x96xf32>) {
  %o, %lse = attn.attention %q, %k, %v {sparsity = #attn.causal}
      : tensor<1x4x96x32xf32>, tensor<1x2x96x32xf32>, tensor<1x2x96x32xf32>
      -> tensor<1x4x96x32xf32>, tensor<1x4x96xf32>
  return %o, %lse : tensor<1x4x96x32xf32>, tensor<1x4x96xf32>
}

func.func @window_bf16(%q: tensor<1x2x80x64xbf16>, %k: tensor<1x2x80x64xbf16>,
    %v: tensor<1x2x80x64xbf16>) -> tensor<1x2x80x64xbf16> {
  %o = attn.attention %q, %k, %v
      {sparsity = #attn.sliding_window<left = 16, right = 0>}
      : tensor<1x2x80x64xbf16>, tensor<1x2x80x64xbf16>, tensor<1x2x80x64xbf16>
      -> tensor<1x2x80x64xbf16>
  return %o : tensor<1x2x80x64xbf16>
}
