// RUN: attn-opt %s -split-input-file -verify-diagnostics

// Unprefixed attributes an attn op does not define are errors (a misspelled
// `sparsty` would otherwise give dense attention silently); attributes of
// other dialects (with a `.`) are kept.

func.func @typo(%q: tensor<1x1x4x8xf32>) -> tensor<1x1x4x8xf32> {
  // expected-error @+1 {{'attn.attention' op has unknown attribute 'sparsty' (did you mean 'sparsity'?)}}
  %o = attn.attention %q, %q, %q {sparsty = #attn.causal}
      : tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32> -> tensor<1x1x4x8xf32>
  return %o : tensor<1x1x4x8xf32>
}

// -----

func.func @unrelated(%q: tensor<1x1x4x8xf32>) -> tensor<1x1x4x8xf32> {
  // expected-error @+1 {{'attn.linear_attention' op has unknown attribute 'foo' (known: }}
  %o = attn.linear_attention %q, %q, %q {feature_map = #attn.feature_map<elu1>, foo = 1 : i64}
      : tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32> -> tensor<1x1x4x8xf32>
  return %o : tensor<1x1x4x8xf32>
}

// -----

// A dialect-prefixed attribute is another dialect's business: accepted.
func.func @prefixed(%q: tensor<1x1x4x8xf32>) -> tensor<1x1x4x8xf32> {
  %o = attn.attention %q, %q, %q {sparsity = #attn.causal, my.note = "kept"}
      : tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32> -> tensor<1x1x4x8xf32>
  return %o : tensor<1x1x4x8xf32>
}
