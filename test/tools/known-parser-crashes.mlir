// RUN: not attn-opt %s 2>&1 | FileCheck %s
// RUN: not attn-opt %s --attn-fuse --attn-cpu-pipeline 2>&1 | FileCheck %s
// RUN: not attn-run %s --check 2>&1 | FileCheck %s --check-prefix=ERR

// The MLIR 22 parser itself segfaults on dense arrays of index type (also
// in mlir-opt-22); attn-opt and attn-run reject them with an error and exit
// code 1 instead (found by fuzzing, see lib/Support/InputGuards.cpp).
// CHECK: known-parser-crashes.mlir: error: line 12: dense arrays of index type (array<index: ...>) crash the MLIR 22 parser; use an integer type such as i64
// ERR: attn-run: error: {{.*}}known-parser-crashes.mlir: line 12: dense arrays of index type
// Not matched: identifiers that merely end in "array", other element types.
func.func @f() attributes {my_array = array<i64: 1, 2>,
                           a = array <index: 1>} {
  return
}
