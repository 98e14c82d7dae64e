// The edge cases of the online-softmax update (passes/Tiling/OnlineSoftmax.h)
// through both CPU step kernels, forced by --attn-cpu-lower-step's kernel
// option, against the float64 reference (NaN matches NaN only):
//   - a key tile in which rows see no key (sliding windows: rows 2-15 of the
//     first query tile, rows 1-3 of the 4-row one), so that they enter the
//     next step with m = -inf (alpha = 1, P = exp(-inf - 0) = 0);
//   - a key tile masked for every row (a mask operand: the linalg form,
//     which the registers run falls back to), with a NaN in a masked key;
//   - NaN scores: a NaN key (a NaN score in every row that sees it), a NaN
//     query row (a row of NaN scores: its max stays -inf, P = exp(NaN)).
// The register kernel has two cases: 16-query tiles (lanes over queries)
// and the short-tile case (4 rows: lanes over D and keys).
//
// DEFINE: %{reg} = attn-fuse{split-kv=never query-tile=16 key-tile=16},attn-cpu-lower-step{kernel=registers vector-bits=256},attn-cpu-pipeline{cpu=x86-64-v3}
// DEFINE: %{lin} = attn-fuse{split-kv=never query-tile=16 key-tile=16},attn-cpu-lower-step{kernel=linalg vector-bits=256},attn-cpu-pipeline{cpu=x86-64-v3}
// DEFINE: %{run} = attn-run %s --check --reps=1 --warmup=0 --threads=1
//
// Rows without a visible key in a tile.
// RUN: %{run} --entry=window --pipeline="%{reg}" | FileCheck %s --check-prefix=OK
// RUN: %{run} --entry=window --pipeline="%{lin}" | FileCheck %s --check-prefix=OK
// RUN: %{run} --entry=window_short --pipeline="%{reg}" | FileCheck %s --check-prefix=OK
// RUN: %{run} --entry=window_short --pipeline="%{lin}" | FileCheck %s --check-prefix=OK
// OK: result #0 (f32): {{.*}}, 0 mismatches
// OK-NOT: NaN
// OK: check: PASSED
//
// NaN in key 20 (element 20 * 16 of k): rows 4-6 see it (row i sees keys
// [i + 14, i + 16]), 3 rows x 16 outputs NaN.
// RUN: %{run} --entry=window --set=1:320:nan --pipeline="%{reg}" | FileCheck %s --check-prefix=KNAN
// RUN: %{run} --entry=window --set=1:320:nan --pipeline="%{lin}" | FileCheck %s --check-prefix=KNAN
// KNAN: result #0 (f32): {{.*}}, 0 mismatches, 48 NaN
// KNAN: result #1 (f32): {{.*}}, 0 mismatches, 3 NaN
// KNAN: check: PASSED
//
// NaN in query row 5 (element 5 * 16 of q): that row only.
// RUN: %{run} --entry=window --set=0:80:nan --pipeline="%{reg}" | FileCheck %s --check-prefix=QNAN
// RUN: %{run} --entry=window --set=0:80:nan --pipeline="%{lin}" | FileCheck %s --check-prefix=QNAN
// RUN: %{run} --entry=window_short --set=0:16:nan --pipeline="%{reg}" | FileCheck %s --check-prefix=QNAN
// RUN: %{run} --entry=window_short --set=0:16:nan --pipeline="%{lin}" | FileCheck %s --check-prefix=QNAN
// QNAN: result #0 (f32): {{.*}}, 0 mismatches, 16 NaN
// QNAN: result #1 (f32): {{.*}}, 0 mismatches, 1 NaN
// QNAN: check: PASSED
//
// NaN in key 40 for the short tile (row 0 sees keys 31-44, rows 1-3 keys
// 32-47 onwards): every row, 4 x 16 outputs.
// RUN: %{run} --entry=window_short --set=1:640:nan --pipeline="%{reg}" | FileCheck %s --check-prefix=SNAN
// RUN: %{run} --entry=window_short --set=1:640:nan --pipeline="%{lin}" | FileCheck %s --check-prefix=SNAN
// SNAN: result #0 (f32): {{.*}}, 0 mismatches, 64 NaN
// SNAN: result #1 (f32): {{.*}}, 0 mismatches, 4 NaN
// SNAN: check: PASSED
//
// The first key tile masked for every row (mask elements 0-15 false), a
// NaN in masked key 3: nothing is NaN.
// RUN: %{run} --entry=masked --pipeline="%{reg}" --set=1:48:nan \
// RUN:   --set=3:0:0 --set=3:1:0 --set=3:2:0 --set=3:3:0 --set=3:4:0 --set=3:5:0 \
// RUN:   --set=3:6:0 --set=3:7:0 --set=3:8:0 --set=3:9:0 --set=3:10:0 --set=3:11:0 \
// RUN:   --set=3:12:0 --set=3:13:0 --set=3:14:0 --set=3:15:0 | FileCheck %s --check-prefix=OK
// RUN: %{run} --entry=masked --pipeline="%{lin}" --set=1:48:nan \
// RUN:   --set=3:0:0 --set=3:1:0 --set=3:2:0 --set=3:3:0 --set=3:4:0 --set=3:5:0 \
// RUN:   --set=3:6:0 --set=3:7:0 --set=3:8:0 --set=3:9:0 --set=3:10:0 --set=3:11:0 \
// RUN:   --set=3:12:0 --set=3:13:0 --set=3:14:0 --set=3:15:0 | FileCheck %s --check-prefix=OK

// Sq = 32, Skv = 48: row i sees keys [i + 14, i + 16].
func.func @window(%q: tensor<1x1x32x16xf32>, %k: tensor<1x1x48x16xf32>,
                  %v: tensor<1x1x48x16xf32>)
    -> (tensor<1x1x32x16xf32>, tensor<1x1x32xf32>) {
  %o, %lse = attn.attention %q, %k, %v
      {sparsity = #attn.sliding_window<left = 2, right = 0>}
      : tensor<1x1x32x16xf32>, tensor<1x1x48x16xf32>, tensor<1x1x48x16xf32>
      -> tensor<1x1x32x16xf32>, tensor<1x1x32xf32>
  return %o, %lse : tensor<1x1x32x16xf32>, tensor<1x1x32xf32>
}

// Sq = 4, Skv = 48: row i sees keys [i + 31, i + 44].
func.func @window_short(%q: tensor<1x1x4x16xf32>, %k: tensor<1x1x48x16xf32>,
                        %v: tensor<1x1x48x16xf32>)
    -> (tensor<1x1x4x16xf32>, tensor<1x1x4xf32>) {
  %o, %lse = attn.attention %q, %k, %v
      {sparsity = #attn.sliding_window<left = 13, right = 0>}
      : tensor<1x1x4x16xf32>, tensor<1x1x48x16xf32>, tensor<1x1x48x16xf32>
      -> tensor<1x1x4x16xf32>, tensor<1x1x4xf32>
  return %o, %lse : tensor<1x1x4x16xf32>, tensor<1x1x4xf32>
}

// The mask [1, 1, 1, 48] broadcasts over rows: element j is key j.
func.func @masked(%q: tensor<1x1x32x16xf32>, %k: tensor<1x1x48x16xf32>,
                  %v: tensor<1x1x48x16xf32>, %m: tensor<1x1x1x48xi1>)
    -> tensor<1x1x32x16xf32> {
  %o = attn.attention %q, %k, %v mask(%m : tensor<1x1x1x48xi1>)
      : tensor<1x1x32x16xf32>, tensor<1x1x48x16xf32>, tensor<1x1x48x16xf32>
      -> tensor<1x1x32x16xf32>
  return %o : tensor<1x1x32x16xf32>
}
