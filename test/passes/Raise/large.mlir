// RUN: attn-opt %s --attn-raise | FileCheck %s
//
// Scores of 2M elements: zero-filled inits and reduction inits are read as
// fills, not evaluated element by element, so large problems raise too.
// CHECK-LABEL: func.func @large_scores
// CHECK: attn.attention %{{.*}}, %{{.*}}, %{{.*}} {scale = 1.250000e-01 : f64} : tensor<1x2x1024x64xf32>
// CHECK-NOT: linalg.batch_matmul
// CHECK-NOT: linalg.softmax
func.func @large_scores(%q: tensor<2x1024x64xf32>, %k: tensor<2x1024x64xf32>,
                        %v: tensor<2x1024x64xf32>) -> tensor<2x1024x64xf32> {
  %zero = arith.constant 0.0 : f32
  %kte = tensor.empty() : tensor<2x64x1024xf32>
  %kt = linalg.transpose ins(%k : tensor<2x1024x64xf32>)
      outs(%kte : tensor<2x64x1024xf32>) permutation = [0, 2, 1]
  %se = tensor.empty() : tensor<2x1024x1024xf32>
  %s0 = linalg.fill ins(%zero : f32) outs(%se : tensor<2x1024x1024xf32>) -> tensor<2x1024x1024xf32>
  %s = linalg.batch_matmul ins(%q, %kt : tensor<2x1024x64xf32>, tensor<2x64x1024xf32>)
      outs(%s0 : tensor<2x1024x1024xf32>) -> tensor<2x1024x1024xf32>
  %c = arith.constant dense<0.125> : tensor<2x1024x1024xf32>
  %ss = linalg.mul ins(%s, %c : tensor<2x1024x1024xf32>, tensor<2x1024x1024xf32>)
      outs(%se : tensor<2x1024x1024xf32>) -> tensor<2x1024x1024xf32>
  %p = linalg.softmax dimension(2) ins(%ss : tensor<2x1024x1024xf32>)
      outs(%se : tensor<2x1024x1024xf32>) -> tensor<2x1024x1024xf32>
  %oe = tensor.empty() : tensor<2x1024x64xf32>
  %o0 = linalg.fill ins(%zero : f32) outs(%oe : tensor<2x1024x64xf32>) -> tensor<2x1024x64xf32>
  %o = linalg.batch_matmul ins(%p, %v : tensor<2x1024x1024xf32>, tensor<2x1024x64xf32>)
      outs(%o0 : tensor<2x1024x64xf32>) -> tensor<2x1024x64xf32>
  return %o : tensor<2x1024x64xf32>
}
