// RUN: not attn-opt %s --attn-fuse="split-kv=bogus" -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=BOGUS
// RUN: not attn-opt %s --pass-pipeline="builtin.module(attn-fuse{split-kv=bogus})" -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=BOGUS
// RUN: not attn-opt %s --attn-fuse="block-lists=maybe" -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=LISTS
// RUN: not attn-opt %s --pass-pipeline="builtin.module(attn-fuse{block-lists=maybe})" -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=LISTS
// RUN: not attn-opt %s --attn-fuse="mapping=gpu-thread" -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=MAPPING
// RUN: not attn-opt %s --pass-pipeline="builtin.module(attn-fuse{mapping=gpu-thread})" -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=MAPPING
// RUN: not attn-opt %s --attn-fuse="key-layout=column-major" -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=LAYOUT
// RUN: not attn-opt %s --pass-pipeline="builtin.module(attn-fuse{key-layout=column-major})" -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=LAYOUT
// RUN: not attn-opt %s --attn-fuse="query-tile=-1" -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=NEGATIVE
// RUN: not attn-opt %s --attn-fuse="key-tile=-64" -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=NEGATIVE
// RUN: not attn-opt %s --attn-fuse="split-kv=always kv-splits=-2" -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=NEGATIVE
// RUN: not attn-opt %s --attn-fuse="num-threads=-1" -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=NEGATIVE
// RUN: attn-opt %s --attn-fuse | FileCheck %s

// Bad pass options are rejected when the option is parsed (typed ODS
// options: an enum with its values, listed in the error; unsigned sizes),
// with a non-zero exit, in both spellings of the pass.
// BOGUS: for the --split-kv option: unknown value 'bogus'; allowed: auto, always, never
// LISTS: for the --block-lists option: unknown value 'maybe'; allowed: auto, static, runtime
// MAPPING: for the --mapping option: unknown value 'gpu-thread'; allowed: none, gpu-block
// LAYOUT: for the --key-layout option: unknown value 'column-major'; allowed: row-major, transposed
// NEGATIVE: value invalid for uint argument!

// --attn-fuse needs static head counts and head dims (the tiles have static
// [Tq, D] / [Tk, Dv] shapes and the group size is Hq / Hkv); it leaves the
// other ops alone, unchanged, and lowers the rest of the module.

// Dynamic D (with an explicit scale, so the op is valid).
// CHECK-LABEL: func.func @dynamic_head_dim(
// CHECK-NEXT: %[[O:.*]] = attn.attention %{{.*}}, %{{.*}}, %{{.*}} {scale = 1.250000e-01 : f64} : tensor<1x8x16x?xf32>, tensor<1x2x16x?xf32>, tensor<1x2x16x64xf32> -> tensor<1x8x16x64xf32>
// CHECK-NEXT: return %[[O]]
func.func @dynamic_head_dim(%q: tensor<1x8x16x?xf32>, %k: tensor<1x2x16x?xf32>,
                            %v: tensor<1x2x16x64xf32>) -> tensor<1x8x16x64xf32> {
  %o = attn.attention %q, %k, %v {scale = 0.125 : f64}
      : tensor<1x8x16x?xf32>, tensor<1x2x16x?xf32>, tensor<1x2x16x64xf32>
      -> tensor<1x8x16x64xf32>
  return %o : tensor<1x8x16x64xf32>
}

// Dynamic Dv.
// CHECK-LABEL: func.func @dynamic_value_head_dim(
// CHECK-NEXT: %[[O:.*]] = attn.attention
// CHECK-SAME: -> tensor<1x8x16x?xf32>
// CHECK-NEXT: return %[[O]]
func.func @dynamic_value_head_dim(%q: tensor<1x8x16x64xf32>, %k: tensor<1x2x16x64xf32>,
                                  %v: tensor<1x2x16x?xf32>) -> tensor<1x8x16x?xf32> {
  %o = attn.attention %q, %k, %v
      : tensor<1x8x16x64xf32>, tensor<1x2x16x64xf32>, tensor<1x2x16x?xf32>
      -> tensor<1x8x16x?xf32>
  return %o : tensor<1x8x16x?xf32>
}

// Dynamic query heads (bhsd) and dynamic key/value heads (bshd).
// CHECK-LABEL: func.func @dynamic_heads(
// CHECK-NEXT: %[[A:.*]] = attn.attention
// CHECK-SAME: -> tensor<1x?x16x64xf32>
// CHECK-NEXT: %[[B:.*]] = attn.attention
// CHECK-SAME: {layout = #attn.layout<bshd>}
// CHECK-SAME: -> tensor<1x16x8x64xf32>
// CHECK-NEXT: return %[[A]], %[[B]]
func.func @dynamic_heads(%q: tensor<1x?x16x64xf32>, %k: tensor<1x2x16x64xf32>,
                         %v: tensor<1x2x16x64xf32>, %q2: tensor<1x16x8x64xf32>,
                         %k2: tensor<1x16x?x64xf32>, %v2: tensor<1x16x?x64xf32>)
    -> (tensor<1x?x16x64xf32>, tensor<1x16x8x64xf32>) {
  %a = attn.attention %q, %k, %v
      : tensor<1x?x16x64xf32>, tensor<1x2x16x64xf32>, tensor<1x2x16x64xf32>
      -> tensor<1x?x16x64xf32>
  %b = attn.attention %q2, %k2, %v2 {layout = #attn.layout<bshd>}
      : tensor<1x16x8x64xf32>, tensor<1x16x?x64xf32>, tensor<1x16x?x64xf32>
      -> tensor<1x16x8x64xf32>
  return %a, %b : tensor<1x?x16x64xf32>, tensor<1x16x8x64xf32>
}

// Dynamic batch and sequence lengths are fine: only the head dims must be
// static. The static op next to an unsupported one is still lowered.
// CHECK-LABEL: func.func @dynamic_sequences(
// CHECK-NOT: attn.attention
// CHECK: tensor.dim
// CHECK: scf.forall
// CHECK-NOT: attn.attention
// CHECK: return
func.func @dynamic_sequences(%q: tensor<?x8x?x64xf32>, %k: tensor<?x2x?x64xf32>,
                             %v: tensor<?x2x?x64xf32>) -> tensor<?x8x?x64xf32> {
  %o = attn.attention %q, %k, %v {sparsity = #attn.causal}
      : tensor<?x8x?x64xf32>, tensor<?x2x?x64xf32>, tensor<?x2x?x64xf32>
      -> tensor<?x8x?x64xf32>
  return %o : tensor<?x8x?x64xf32>
}
