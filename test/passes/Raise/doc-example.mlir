// The example of docs/raise.md, as written there.
// RUN: attn-opt %s --attn-raise --canonicalize | FileCheck %s
// RUN: attn-run %s --baseline=plain --pipeline=raised --reps=1 --warmup=0 | FileCheck %s --check-prefix=EQUIV
// CHECK-LABEL: func.func @causal
// CHECK-NEXT: %[[O:.*]] = attn.attention %arg0, %arg1, %arg2 {scale = 0.1767766922712326 : f64, sparsity = #attn.causal} : tensor<1x4x64x32xf32>, tensor<1x4x64x32xf32>, tensor<1x4x64x32xf32> -> tensor<1x4x64x32xf32>
// CHECK-NEXT: return %[[O]]
// EQUIV: equivalence: PASSED
// RUN: attn-run %s --baseline=plain --pipeline=raised --reps=1 --warmup=0 --json | FileCheck %s --check-prefix=JSON
// JSON: {"entry": "causal", "baseline": "plain", "pipeline": "raised", "baseline_ms": {{[0-9.e+-]+}}, "pipeline_ms": {{[0-9.e+-]+}}, "max_abs_diff": {{[0-9.e+-]+}}, "mismatches": 0, "ok": true}
// A baseline that does not lower the function is an error, not a pass.
// RUN: not attn-run %s --baseline=attn-decompose --pipeline=raised --reps=1 --warmup=0 2>&1 | FileCheck %s --check-prefix=BAD
// BAD: attn-run: error: entry 'causal': baseline:

#id = affine_map<(b, h, i, j) -> (b, h, i, j)>
func.func @causal(%q: tensor<1x4x64x32xf32>, %k: tensor<1x4x64x32xf32>,
                  %v: tensor<1x4x64x32xf32>) -> tensor<1x4x64x32xf32> {
  %zero = arith.constant 0.0 : f32
  %ninf = arith.constant 0xFF800000 : f32
  // S = Q K^T / sqrt(32)
  %kte = tensor.empty() : tensor<1x4x32x64xf32>
  %kt = linalg.transpose ins(%k : tensor<1x4x64x32xf32>)
      outs(%kte : tensor<1x4x32x64xf32>) permutation = [0, 1, 3, 2]
  %q3 = tensor.collapse_shape %q [[0, 1], [2], [3]] : tensor<1x4x64x32xf32> into tensor<4x64x32xf32>
  %k3 = tensor.collapse_shape %kt [[0, 1], [2], [3]] : tensor<1x4x32x64xf32> into tensor<4x32x64xf32>
  %se = tensor.empty() : tensor<4x64x64xf32>
  %s0 = linalg.fill ins(%zero : f32) outs(%se : tensor<4x64x64xf32>) -> tensor<4x64x64xf32>
  %s3 = linalg.batch_matmul ins(%q3, %k3 : tensor<4x64x32xf32>, tensor<4x32x64xf32>)
      outs(%s0 : tensor<4x64x64xf32>) -> tensor<4x64x64xf32>
  %s = tensor.expand_shape %s3 [[0, 1], [2], [3]] output_shape [1, 4, 64, 64]
      : tensor<4x64x64xf32> into tensor<1x4x64x64xf32>
  %e = tensor.empty() : tensor<1x4x64x64xf32>
  %m = linalg.generic {indexing_maps = [#id, #id],
                       iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%s : tensor<1x4x64x64xf32>) outs(%e : tensor<1x4x64x64xf32>) {
  ^bb0(%x: f32, %o: f32):
    %c = arith.constant 0.17677669 : f32
    %xs = arith.mulf %x, %c : f32
    linalg.yield %xs : f32
  } -> tensor<1x4x64x64xf32>
  // additive causal mask: key j is visible to query i iff j <= i
  %vis = linalg.generic {indexing_maps = [#id],
                         iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      outs(%e : tensor<1x4x64x64xf32>) {
  ^bb0(%o: f32):
    %i = linalg.index 2 : index
    %j = linalg.index 3 : index
    %ok = arith.cmpi ule, %j, %i : index
    %f = arith.select %ok, %zero, %ninf : f32
    linalg.yield %f : f32
  } -> tensor<1x4x64x64xf32>
  %masked = linalg.add ins(%m, %vis : tensor<1x4x64x64xf32>, tensor<1x4x64x64xf32>)
      outs(%e : tensor<1x4x64x64xf32>) -> tensor<1x4x64x64xf32>
  %p = linalg.softmax dimension(3) ins(%masked : tensor<1x4x64x64xf32>)
      outs(%e : tensor<1x4x64x64xf32>) -> tensor<1x4x64x64xf32>
  // O = P V
  %p3 = tensor.collapse_shape %p [[0, 1], [2], [3]] : tensor<1x4x64x64xf32> into tensor<4x64x64xf32>
  %v3 = tensor.collapse_shape %v [[0, 1], [2], [3]] : tensor<1x4x64x32xf32> into tensor<4x64x32xf32>
  %oe = tensor.empty() : tensor<4x64x32xf32>
  %o0 = linalg.fill ins(%zero : f32) outs(%oe : tensor<4x64x32xf32>) -> tensor<4x64x32xf32>
  %o3 = linalg.batch_matmul ins(%p3, %v3 : tensor<4x64x64xf32>, tensor<4x64x32xf32>)
      outs(%o0 : tensor<4x64x32xf32>) -> tensor<4x64x32xf32>
  %o = tensor.expand_shape %o3 [[0, 1], [2], [3]] output_shape [1, 4, 64, 32]
      : tensor<4x64x32xf32> into tensor<1x4x64x32xf32>
  return %o : tensor<1x4x64x32xf32>
}
