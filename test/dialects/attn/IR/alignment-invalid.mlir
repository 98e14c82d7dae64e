// RUN: attn-opt %s -split-input-file -verify-diagnostics

// `align` takes bottom_right or top_left only.

// expected-error @+2 {{expected one of [bottom_right, top_left]}}
// expected-error @+1 {{failed to parse Attn_CausalAttr parameter 'align'}}
func.func private @f() attributes {a = #attn.causal<align = top_right>}

// -----

// expected-error @+2 {{expected one of [bottom_right, top_left]}}
// expected-error @+1 {{failed to parse Attn_SlidingWindowAttr parameter 'align'}}
func.func private @f() attributes {a = #attn.sliding_window<left = 1, right = 0, align = left>}
