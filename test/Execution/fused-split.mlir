// RUN: attn-run %s --check --reps=1 --warmup=0 --threads=2 \
// RUN:   --pipeline='attn-fuse{split-kv=always kv-splits=3},attn-cpu-pipeline{cpu=host}' | FileCheck %s
// RUN: attn-run %s --check --reps=1 --warmup=0 --threads=1 --seed=7 \
// RUN:   --pipeline='attn-fuse{split-kv=never},attn-cpu-pipeline{cpu=host}' | FileCheck %s
// RUN: attn-run %s --check --reps=1 --warmup=0 --threads=2 --seed=3 \
// RUN:   --pipeline='attn-fuse{split-kv=always query-tile=5 key-tile=7},attn-cpu-pipeline{cpu=host}' | FileCheck %s
// RUN: attn-run %s --check --reps=1 --warmup=0 --threads=2 --seed=11 \
// RUN:   --pipeline='attn-fuse{split-kv=auto num-threads=64 query-tile=16 key-tile=32},attn-cpu-pipeline{cpu=host}' | FileCheck %s

// Execution tests of split-KV (flash-decoding) in the fused lowering: the
// key range of each query tile is split into parts computed in parallel,
// each with its normalized output and lse, then merged. The same functions
// run without splitting (split-kv=never), with the pass options
// query-tile=5 key-tile=7 (tiles that divide nothing here), and with the
// auto heuristic assuming 64 threads (every function here splits). Parts
// that see no visible key (windows, causal with Sq > Skv) have lse = -inf
// and must get weight 0 in the merge; rows no part sees give 0 and -inf.

// Decode: Sq = 1 against 2000 keys (32 key tiles of 64: parts of 11, 11, 10).
// CHECK-LABEL: entry decode_skv2000 (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 4096000 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @decode_skv2000(%q: tensor<1x8x1x64xf32>, %k: tensor<1x8x2000x64xf32>,
    %v: tensor<1x8x2000x64xf32>)
    -> (tensor<1x8x1x64xf32>, tensor<1x8x1xf32>) {
  %o, %lse = attn.attention %q, %k, %v
      : tensor<1x8x1x64xf32>, tensor<1x8x2000x64xf32>, tensor<1x8x2000x64xf32>
      -> tensor<1x8x1x64xf32>, tensor<1x8x1xf32>
  return %o, %lse : tensor<1x8x1x64xf32>, tensor<1x8x1xf32>
}

// f16 decode, GQA 8:2, Skv = 777, D != Dv.
// CHECK-LABEL: entry decode_gqa_f16 (
// CHECK: result #0 (f16): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 1193472 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @decode_gqa_f16(%q: tensor<1x8x1x64xf16>, %k: tensor<1x2x777x64xf16>,
    %v: tensor<1x2x777x32xf16>)
    -> (tensor<1x8x1x32xf16>, tensor<1x8x1xf32>) {
  %o, %lse = attn.attention %q, %k, %v
      : tensor<1x8x1x64xf16>, tensor<1x2x777x64xf16>, tensor<1x2x777x32xf16>
      -> tensor<1x8x1x32xf16>, tensor<1x8x1xf32>
  return %o, %lse : tensor<1x8x1x32xf16>, tensor<1x8x1xf32>
}

// bf16 decode, MQA 4:1, B = 2.
// CHECK-LABEL: entry decode_bf16_mqa (
// CHECK: result #0 (bf16): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 512000 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @decode_bf16_mqa(%q: tensor<2x4x1x32xbf16>,
    %k: tensor<2x1x500x32xbf16>, %v: tensor<2x1x500x32xbf16>)
    -> (tensor<2x4x1x32xbf16>, tensor<2x4x1xf32>) {
  %o, %lse = attn.attention %q, %k, %v
      : tensor<2x4x1x32xbf16>, tensor<2x1x500x32xbf16>, tensor<2x1x500x32xbf16>
      -> tensor<2x4x1x32xbf16>, tensor<2x4x1xf32>
  return %o, %lse : tensor<2x4x1x32xbf16>, tensor<2x4x1xf32>
}

// Decode with a sliding window of 100 keys at the end of a 2000-key cache:
// the key loops of the other parts are empty (lse_p = -inf, weight 0).
// CHECK-LABEL: entry decode_window (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 25856 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @decode_window(%q: tensor<1x2x1x32xf32>, %k: tensor<1x2x2000x32xf32>,
    %v: tensor<1x2x2000x32xf32>)
    -> (tensor<1x2x1x32xf32>, tensor<1x2x1xf32>) {
  %o, %lse = attn.attention %q, %k, %v
      {sparsity = #attn.sliding_window<left = 100, right = 0>}
      : tensor<1x2x1x32xf32>, tensor<1x2x2000x32xf32>, tensor<1x2x2000x32xf32>
      -> tensor<1x2x1x32xf32>, tensor<1x2x1xf32>
  return %o, %lse : tensor<1x2x1x32xf32>, tensor<1x2x1xf32>
}

// Causal, a few queries against a long cache.
// CHECK-LABEL: entry causal_sq4_skv1000 (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 1022464 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @causal_sq4_skv1000(%q: tensor<1x2x4x32xf32>,
    %k: tensor<1x2x1000x32xf32>, %v: tensor<1x2x1000x32xf32>)
    -> (tensor<1x2x4x32xf32>, tensor<1x2x4xf32>) {
  %o, %lse = attn.attention %q, %k, %v {sparsity = #attn.causal}
      : tensor<1x2x4x32xf32>, tensor<1x2x1000x32xf32>, tensor<1x2x1000x32xf32>
      -> tensor<1x2x4x32xf32>, tensor<1x2x4xf32>
  return %o, %lse : tensor<1x2x4x32xf32>, tensor<1x2x4xf32>
}

// Causal, Sq = 300 > Skv = 100: rows 0..199 see no key in any part (output 0,
// lse -inf).
// CHECK-LABEL: entry causal_sq300_skv100 (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 646400 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @causal_sq300_skv100(%q: tensor<1x2x300x16xf32>,
    %k: tensor<1x2x100x16xf32>, %v: tensor<1x2x100x16xf32>)
    -> (tensor<1x2x300x16xf32>, tensor<1x2x300xf32>) {
  %o, %lse = attn.attention %q, %k, %v {sparsity = #attn.causal}
      : tensor<1x2x300x16xf32>, tensor<1x2x100x16xf32>, tensor<1x2x100x16xf32>
      -> tensor<1x2x300x16xf32>, tensor<1x2x300xf32>
  return %o, %lse : tensor<1x2x300x16xf32>, tensor<1x2x300xf32>
}

// Sliding window with right > 0, several query tiles, parts of which see
// only some query tiles.
// CHECK-LABEL: entry window_r3_sq70_skv400 (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 393472 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @window_r3_sq70_skv400(%q: tensor<1x2x70x16xf32>,
    %k: tensor<1x2x400x16xf32>, %v: tensor<1x2x400x16xf32>)
    -> (tensor<1x2x70x16xf32>, tensor<1x2x70xf32>) {
  %o, %lse = attn.attention %q, %k, %v
      {sparsity = #attn.sliding_window<left = 40, right = 3>}
      : tensor<1x2x70x16xf32>, tensor<1x2x400x16xf32>, tensor<1x2x400x16xf32>
      -> tensor<1x2x70x16xf32>, tensor<1x2x70xf32>
  return %o, %lse : tensor<1x2x70x16xf32>, tensor<1x2x70xf32>
}

// bshd, f16, causal: the merged output is stored back in bshd order.
// CHECK-LABEL: entry bshd_f16_causal (
// CHECK: result #0 (f16): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 1149696 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @bshd_f16_causal(%q: tensor<2x3x4x32xf16>, %k: tensor<2x500x2x32xf16>,
    %v: tensor<2x500x2x16xf16>)
    -> (tensor<2x3x4x16xf16>, tensor<2x4x3xf32>) {
  %o, %lse = attn.attention %q, %k, %v
      {sparsity = #attn.causal, layout = #attn.layout<bshd>}
      : tensor<2x3x4x32xf16>, tensor<2x500x2x32xf16>, tensor<2x500x2x16xf16>
      -> tensor<2x3x4x16xf16>, tensor<2x4x3xf32>
  return %o, %lse : tensor<2x3x4x16xf16>, tensor<2x4x3xf32>
}

// bshd, f32, without the lse result.
// CHECK-LABEL: entry bshd_f32_no_lse (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 144000 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @bshd_f32_no_lse(%q: tensor<1x2x3x16xf32>, %k: tensor<1x300x3x16xf32>,
    %v: tensor<1x300x3x24xf32>)
    -> tensor<1x2x3x24xf32> {
  %o = attn.attention %q, %k, %v {layout = #attn.layout<bshd>}
      : tensor<1x2x3x16xf32>, tensor<1x300x3x16xf32>, tensor<1x300x3x24xf32>
      -> tensor<1x2x3x24xf32>
  return %o : tensor<1x2x3x24xf32>
}

// Rank-2 key-padding mask [1, Skv].
// CHECK-LABEL: entry mask_rank2_keys (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @mask_rank2_keys(%q: tensor<1x2x2x16xf32>, %k: tensor<1x2x400x16xf32>,
    %v: tensor<1x2x400x16xf32>, %m: tensor<1x400xi1>)
    -> (tensor<1x2x2x16xf32>, tensor<1x2x2xf32>) {
  %o, %lse = attn.attention %q, %k, %v mask(%m : tensor<1x400xi1>)
      : tensor<1x2x2x16xf32>, tensor<1x2x400x16xf32>, tensor<1x2x400x16xf32>
      -> tensor<1x2x2x16xf32>, tensor<1x2x2xf32>
  return %o, %lse : tensor<1x2x2x16xf32>, tensor<1x2x2xf32>
}

// Full rank-4 mask [B, Hq, Sq, Skv].
// CHECK-LABEL: entry mask_rank4_full (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @mask_rank4_full(%q: tensor<2x2x3x16xf32>, %k: tensor<2x2x200x16xf32>,
    %v: tensor<2x2x200x16xf32>, %m: tensor<2x2x3x200xi1>)
    -> (tensor<2x2x3x16xf32>, tensor<2x2x3xf32>) {
  %o, %lse = attn.attention %q, %k, %v mask(%m : tensor<2x2x3x200xi1>)
      : tensor<2x2x3x16xf32>, tensor<2x2x200x16xf32>, tensor<2x2x200x16xf32>
      -> tensor<2x2x3x16xf32>, tensor<2x2x3xf32>
  return %o, %lse : tensor<2x2x3x16xf32>, tensor<2x2x3xf32>
}

// Bias [1, Hq, Sq, Skv], ALiBi and softcap across the parts (ALiBi uses
// global key indices).
// CHECK-LABEL: entry modifiers (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 153600 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @modifiers(%q: tensor<1x4x2x16xf32>, %k: tensor<1x4x300x16xf32>,
    %v: tensor<1x4x300x16xf32>, %b: tensor<1x4x2x300xf32>, %s: tensor<4xf32>)
    -> (tensor<1x4x2x16xf32>, tensor<1x4x2xf32>) {
  %o, %lse = attn.attention %q, %k, %v
      bias(%b : tensor<1x4x2x300xf32>) alibi(%s : tensor<4xf32>)
      {scale = 0.5 : f64, softcap = 2.0 : f64}
      : tensor<1x4x2x16xf32>, tensor<1x4x300x16xf32>, tensor<1x4x300x16xf32>
      -> tensor<1x4x2x16xf32>, tensor<1x4x2xf32>
  return %o, %lse : tensor<1x4x2x16xf32>, tensor<1x4x2xf32>
}

// Only two key tiles of 64: at most two parts.
// CHECK-LABEL: entry few_key_tiles (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 44800 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @few_key_tiles(%q: tensor<1x2x5x16xf32>, %k: tensor<1x2x70x16xf32>,
    %v: tensor<1x2x70x16xf32>)
    -> (tensor<1x2x5x16xf32>, tensor<1x2x5xf32>) {
  %o, %lse = attn.attention %q, %k, %v
      : tensor<1x2x5x16xf32>, tensor<1x2x70x16xf32>, tensor<1x2x70x16xf32>
      -> tensor<1x2x5x16xf32>, tensor<1x2x5xf32>
  return %o, %lse : tensor<1x2x5x16xf32>, tensor<1x2x5xf32>
}

// A single key: one key tile, nothing to split.
// CHECK-LABEL: entry one_key (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 192 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @one_key(%q: tensor<1x2x3x8xf32>, %k: tensor<1x2x1x8xf32>,
    %v: tensor<1x2x1x8xf32>)
    -> (tensor<1x2x3x8xf32>, tensor<1x2x3xf32>) {
  %o, %lse = attn.attention %q, %k, %v
      : tensor<1x2x3x8xf32>, tensor<1x2x1x8xf32>, tensor<1x2x1x8xf32>
      -> tensor<1x2x3x8xf32>, tensor<1x2x3xf32>
  return %o, %lse : tensor<1x2x3x8xf32>, tensor<1x2x3xf32>
}

// B = 2 and several query tiles: the 4-d forall covers (b, h, tile, part).
// CHECK-LABEL: entry many_query_tiles (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 4992000 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @many_query_tiles(%q: tensor<2x2x130x16xf32>,
    %k: tensor<2x2x200x16xf32>, %v: tensor<2x2x200x8xf32>)
    -> (tensor<2x2x130x8xf32>, tensor<2x2x130xf32>) {
  %o, %lse = attn.attention %q, %k, %v
      : tensor<2x2x130x16xf32>, tensor<2x2x200x16xf32>, tensor<2x2x200x8xf32>
      -> tensor<2x2x130x8xf32>, tensor<2x2x130xf32>
  return %o, %lse : tensor<2x2x130x8xf32>, tensor<2x2x130xf32>
}

// The tiling attribute wins over the pass options: 4 x 16 tiles in every run.
// CHECK-LABEL: entry tiling_attr (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 110592 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @tiling_attr(%q: tensor<1x2x9x16xf32>, %k: tensor<1x2x100x16xf32>,
    %v: tensor<1x2x100x16xf32>)
    -> (tensor<1x2x9x16xf32>, tensor<1x2x9xf32>) {
  %o, %lse = attn.attention %q, %k, %v
      {sparsity = #attn.causal, tiling = #attn.tiling<query = 4, key = 16>}
      : tensor<1x2x9x16xf32>, tensor<1x2x100x16xf32>, tensor<1x2x100x16xf32>
      -> tensor<1x2x9x16xf32>, tensor<1x2x9xf32>
  return %o, %lse : tensor<1x2x9x16xf32>, tensor<1x2x9xf32>
}
