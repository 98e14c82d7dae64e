// NaN in attn.linear_attention (docs/semantics.md, "Non-finite values and
// overflow"; issue 13) through both pipelines against the float64
// reference: a NaN reaches the rows whose sums include it and no other,
// and a NaN normalizer is never taken for the zero normalizer (output 0).
// Shapes [1, 1, 12, 8], chunks of 4 rows; element n of an argument is
// row n / 8, column n % 8.
//
// Causal, NaN in key 5: rows 5..11 (7 x 8 outputs), not row 4, which
// shares key 5's chunk (hidden pairs are selected away, not multiplied by
// 0).
// RUN: attn-run --pipeline=unfused %s --entry=causal --check --reps=1 --warmup=0 --set=1:40:nan | FileCheck %s --check-prefix=CK
// RUN: attn-run %s --entry=causal --pipeline=fused --check --reps=1 --warmup=0 --set=1:40:nan | FileCheck %s --check-prefix=CK
// CK: result #0 (f32): {{.*}}, 0 mismatches, 56 NaN
// CK: check: PASSED
//
// Causal, NaN in query row 3: that row only.
// RUN: attn-run --pipeline=unfused %s --entry=causal --check --reps=1 --warmup=0 --set=0:24:nan | FileCheck %s --check-prefix=Q
// RUN: attn-run %s --entry=full --pipeline=fused --check --reps=1 --warmup=0 --set=0:24:nan | FileCheck %s --check-prefix=Q
// Q: result #0 (f32): {{.*}}, 0 mismatches, 8 NaN
// Q: check: PASSED
//
// Causal, NaN in V of key 4 (the first row of a chunk), column 3: column 3
// of rows 4..11.
// RUN: attn-run --pipeline=unfused %s --entry=causal --check --reps=1 --warmup=0 --set=2:35:nan | FileCheck %s --check-prefix=CV
// CV: result #0 (f32): {{.*}}, 0 mismatches, 8 NaN
// CV: check: PASSED
//
// Not causal: a NaN key reaches every row; a NaN in V column 3 of every
// row's column 3.
// RUN: attn-run --pipeline=unfused %s --entry=full --check --reps=1 --warmup=0 --set=1:40:nan | FileCheck %s --check-prefix=FK
// FK: result #0 (f32): {{.*}}, 0 mismatches, 96 NaN
// FK: check: PASSED
// RUN: attn-run %s --entry=full --pipeline=fused --check --reps=1 --warmup=0 --set=2:43:nan | FileCheck %s --check-prefix=FV
// FV: result #0 (f32): {{.*}}, 0 mismatches, 12 NaN
// FV: check: PASSED
//
// relu and cosine feature maps keep a NaN (relu(NaN) is NaN, as in
// PyTorch; a NaN norm is not a zero row).
// RUN: attn-run --pipeline=unfused %s --entry=relu --check --reps=1 --warmup=0 --set=0:24:nan | FileCheck %s --check-prefix=Q
// RUN: attn-run --pipeline=unfused %s --entry=cosine --check --reps=1 --warmup=0 --set=0:24:nan | FileCheck %s --check-prefix=Q
//
// Normalized favor: a NaN exponent never becomes a key shift or a query's
// row maximum (docs/semantics.md, "FAVOR+ stabilizers"), so it reaches the
// same rows, and with causal not row 4 of key 5's chunk.
// RUN: attn-run --pipeline=unfused %s --entry=favor_causal --check --reps=1 --warmup=0 --set=1:40:nan | FileCheck %s --check-prefix=CK
// RUN: attn-run --pipeline=unfused %s --entry=favor_causal --check --reps=1 --warmup=0 --set=0:24:nan | FileCheck %s --check-prefix=Q
// RUN: attn-run --pipeline=unfused %s --entry=favor_full --check --reps=1 --warmup=0 --set=1:40:nan | FileCheck %s --check-prefix=FK
// RUN: attn-run --pipeline=unfused %s --entry=favor_full --check --reps=1 --warmup=0 --set=0:24:nan | FileCheck %s --check-prefix=Q

func.func @causal(%q: tensor<1x1x12x8xf32>, %k: tensor<1x1x12x8xf32>,
    %v: tensor<1x1x12x8xf32>) -> tensor<1x1x12x8xf32> {
  %o = attn.linear_attention %q, %k, %v
      {feature_map = #attn.feature_map<elu1>, causal, chunk_size = 4}
      : tensor<1x1x12x8xf32>, tensor<1x1x12x8xf32>, tensor<1x1x12x8xf32>
      -> tensor<1x1x12x8xf32>
  return %o : tensor<1x1x12x8xf32>
}

func.func @full(%q: tensor<1x1x12x8xf32>, %k: tensor<1x1x12x8xf32>,
    %v: tensor<1x1x12x8xf32>) -> tensor<1x1x12x8xf32> {
  %o = attn.linear_attention %q, %k, %v
      {feature_map = #attn.feature_map<elu1>, chunk_size = 4}
      : tensor<1x1x12x8xf32>, tensor<1x1x12x8xf32>, tensor<1x1x12x8xf32>
      -> tensor<1x1x12x8xf32>
  return %o : tensor<1x1x12x8xf32>
}

func.func @relu(%q: tensor<1x1x12x8xf32>, %k: tensor<1x1x12x8xf32>,
    %v: tensor<1x1x12x8xf32>) -> tensor<1x1x12x8xf32> {
  %o = attn.linear_attention %q, %k, %v
      {feature_map = #attn.feature_map<relu>, normalize = false}
      : tensor<1x1x12x8xf32>, tensor<1x1x12x8xf32>, tensor<1x1x12x8xf32>
      -> tensor<1x1x12x8xf32>
  return %o : tensor<1x1x12x8xf32>
}

func.func @cosine(%q: tensor<1x1x12x8xf32>, %k: tensor<1x1x12x8xf32>,
    %v: tensor<1x1x12x8xf32>) -> tensor<1x1x12x8xf32> {
  %o = attn.linear_attention %q, %k, %v
      {feature_map = #attn.feature_map<cosine>, normalize = false}
      : tensor<1x1x12x8xf32>, tensor<1x1x12x8xf32>, tensor<1x1x12x8xf32>
      -> tensor<1x1x12x8xf32>
  return %o : tensor<1x1x12x8xf32>
}

func.func @favor_causal(%q: tensor<1x1x12x8xf32>, %k: tensor<1x1x12x8xf32>,
    %v: tensor<1x1x12x8xf32>, %w: tensor<8x16xf32>) -> tensor<1x1x12x8xf32> {
  %o = attn.linear_attention %q, %k, %v projection(%w : tensor<8x16xf32>)
      {feature_map = #attn.feature_map<favor>, causal, chunk_size = 4}
      : tensor<1x1x12x8xf32>, tensor<1x1x12x8xf32>, tensor<1x1x12x8xf32>
      -> tensor<1x1x12x8xf32>
  return %o : tensor<1x1x12x8xf32>
}

func.func @favor_full(%q: tensor<1x1x12x8xf32>, %k: tensor<1x1x12x8xf32>,
    %v: tensor<1x1x12x8xf32>, %w: tensor<8x16xf32>) -> tensor<1x1x12x8xf32> {
  %o = attn.linear_attention %q, %k, %v projection(%w : tensor<8x16xf32>)
      {feature_map = #attn.feature_map<favor>, chunk_size = 4}
      : tensor<1x1x12x8xf32>, tensor<1x1x12x8xf32>, tensor<1x1x12x8xf32>
      -> tensor<1x1x12x8xf32>
  return %o : tensor<1x1x12x8xf32>
}
