// RUN: attn-opt %s | FileCheck %s
// RUN: attn-opt %s | attn-opt | FileCheck %s

// The `align` parameter of the causal and window patterns: printed only when
// it is not the default (bottom_right), round-trips, and rejects other values.

// CHECK-LABEL: func.func private @causal
// CHECK-SAME: a = #attn.causal
// CHECK-SAME: b = #attn.causal<align = top_left>
// CHECK-SAME: c = #attn.causal
// CHECK-NOT: bottom_right
func.func private @causal() attributes {
  a = #attn.causal, b = #attn.causal<align = top_left>,
  c = #attn.causal<align = bottom_right>}

// CHECK-LABEL: func.func private @windows
// CHECK-SAME: a = #attn.sliding_window<left = 4, right = 0, align = top_left>
// CHECK-SAME: b = #attn.sliding_window<left = 4, right = 1>
// CHECK-SAME: c = #attn.dilated_window<left = 4, right = 0, dilation = 2, align = top_left>
// CHECK-SAME: d = #attn.dilated_window<left = 4, right = 0, dilation = 2>
func.func private @windows() attributes {
  a = #attn.sliding_window<left = 4, right = 0, align = top_left>,
  b = #attn.sliding_window<left = 4, right = 1, align = bottom_right>,
  c = #attn.dilated_window<left = 4, right = 0, dilation = 2, align = top_left>,
  d = #attn.dilated_window<left = 4, right = 0, dilation = 2>}

