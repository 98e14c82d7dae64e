// RUN: attn-opt %s --attn-cpu-check-allocations | FileCheck %s
// RUN: attn-opt %s --attn-cpu-check-allocations=min-bytes=0 | FileCheck %s --check-prefix=ALL

// Allocations of at least 1 MiB (default) and of dynamic size get a null
// check right after them; a failed malloc then stops with a message.
// CHECK-LABEL: func.func @allocs
// CHECK: %[[BIG:.*]] = memref.alloc() : memref<1024x1024xf32>
// CHECK-NEXT: %[[P:.*]] = memref.extract_aligned_pointer_as_index %[[BIG]]
// CHECK-NEXT: %[[Z:.*]] = arith.constant 0 : index
// CHECK-NEXT: %[[OK:.*]] = arith.cmpi ne, %[[P]], %[[Z]] : index
// CHECK-NEXT: cf.assert %[[OK]], "attn: out of memory (a buffer of the compiled code could not be allocated)"
// CHECK: %[[SMALL:.*]] = memref.alloc() : memref<16xf32>
// CHECK-NOT: cf.assert
// CHECK: %[[DYN:.*]] = memref.alloc(%{{.*}}) : memref<?xf32>
// CHECK-NEXT: memref.extract_aligned_pointer_as_index %[[DYN]]
// CHECK: cf.assert
// CHECK: return
// ALL-COUNT-3: cf.assert
func.func @allocs(%n: index) -> (memref<1024x1024xf32>, memref<16xf32>, memref<?xf32>) {
  %a = memref.alloc() : memref<1024x1024xf32>
  %b = memref.alloc() : memref<16xf32>
  %c = memref.alloc(%n) : memref<?xf32>
  return %a, %b, %c : memref<1024x1024xf32>, memref<16xf32>, memref<?xf32>
}
