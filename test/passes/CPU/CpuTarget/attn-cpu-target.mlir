// RUN: attn-opt %s --attn-cpu-target=cpu=x86-64-v3 | FileCheck %s --check-prefix=V3
// RUN: attn-opt %s --attn-cpu-target=cpu=avx512 | FileCheck %s --check-prefix=V4
// RUN: attn-opt %s --attn-cpu-target=cpu=host | FileCheck %s --check-prefix=HOST
// The default is a fixed CPU, not this machine's (reproducible output):
// RUN: attn-opt %s --attn-cpu-target | FileCheck %s --check-prefix=V4
// The CPU pipeline ends with the same tagging:
// RUN: attn-opt %s --attn-cpu-pipeline=cpu=x86-64-v3 | FileCheck %s --check-prefix=V3

// Named CPUs carry no explicit feature list; `host` lists what was detected.
// V3-LABEL: llvm.func @f()
// V3-SAME: target_cpu = "x86-64-v3"
// V3-NOT: target_features
// V4-LABEL: llvm.func @f()
// V4-SAME: target_cpu = "x86-64-v4"
// HOST-LABEL: llvm.func @f()
// HOST-SAME: target_cpu = "{{[a-z0-9-]+}}"
// HOST-SAME: target_features = #llvm.target_features<["+{{[a-z0-9.-]+}}"
llvm.func @f() {
  llvm.return
}

// Private definitions (such as the deallocation pipeline's dealloc_helper,
// which func-to-llvm gives sym_visibility = "private") become internal, so
// that objects of several kernels link together; public functions and
// declarations keep their linkage.
// RUN: attn-opt %s --attn-cpu-target=cpu=x86-64-v3 | FileCheck %s --check-prefix=LINKAGE
// LINKAGE-DAG: llvm.func @f()
// LINKAGE-DAG: llvm.func internal @helper() attributes {sym_visibility = "private"
// LINKAGE-DAG: llvm.func @external_decl() attributes {sym_visibility = "private"
llvm.func @helper() attributes {sym_visibility = "private"} {
  llvm.return
}
llvm.func @external_decl() attributes {sym_visibility = "private"}
