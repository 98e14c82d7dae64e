// RUN: attn-run %s --check --reps=1 --warmup=0 --threads=1 | FileCheck %s
// RUN: attn-run %s --check --reps=1 --warmup=0 --threads=2 --seed=7 --pipeline=fused | FileCheck %s
// RUN: attn-run %s --check --reps=1 --warmup=0 --threads=1 --pipeline=fused | FileCheck %s

// Execution tests of the score_mod / mask_mod regions (docs/semantics.md,
// "Score and mask functions") through the unfused and the fused lowerings,
// against the reference's own evaluation of the regions: prefix-LM,
// document-causal with a sink, a relative-position bias read from a table
// argument, a sliding window with sinks, a hand-written softcap, fully
// masked rows, GQA with per-head and per-batch functions, -inf from
// score_mod, and regions next to the built-in modifiers. Sizes are ragged
// against 8x8 tiles, so that the fused lowering evaluates the regions in
// padded tiles too. Every function returns the lse.

// CHECK-LABEL: entry prefix_lm (
// CHECK: result #0 (f32): {{.*}}, 0 mismatches
// CHECK: result #1 (f32): {{.*}}, 0 mismatches
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @prefix_lm(%q: tensor<1x2x20x16xf32>, %k: tensor<1x2x20x16xf32>,
    %v: tensor<1x2x20x16xf32>) -> (tensor<1x2x20x16xf32>, tensor<1x2x20xf32>) {
  %o, %l = attn.attention %q, %k, %v mask_mod {
    ^bb0(%b: index, %h: index, %i: index, %j: index):
      %c5 = arith.constant 5 : index
      %prefix = arith.cmpi slt, %j, %c5 : index
      %causal = arith.cmpi sle, %j, %i : index
      %vis = arith.ori %prefix, %causal : i1
      attn.yield %vis : i1
  } {tiling = #attn.tiling<query = 8, key = 8>}
      : tensor<1x2x20x16xf32>, tensor<1x2x20x16xf32>, tensor<1x2x20x16xf32>
      -> tensor<1x2x20x16xf32>, tensor<1x2x20xf32>
  return %o, %l : tensor<1x2x20x16xf32>, tensor<1x2x20xf32>
}

// Document ids from a constant table; key 0 is a sink every query sees.
// CHECK-LABEL: entry document_causal_sink (
// CHECK: result #0 (f32): {{.*}}, 0 mismatches
// CHECK: result #1 (f32): {{.*}}, 0 mismatches
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @document_causal_sink(%q: tensor<1x2x20x16xf32>,
    %k: tensor<1x2x20x16xf32>, %v: tensor<1x2x20x16xf32>)
    -> (tensor<1x2x20x16xf32>, tensor<1x2x20xf32>) {
  %docs = arith.constant dense<[0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 2, 2, 3, 3, 3,
                                3, 3, 3, 3, 3]> : tensor<20xi32>
  %o, %l = attn.attention %q, %k, %v mask_mod {
    ^bb0(%b: index, %h: index, %i: index, %j: index):
      %di = tensor.extract %docs[%i] : tensor<20xi32>
      %dj = tensor.extract %docs[%j] : tensor<20xi32>
      %same = arith.cmpi eq, %di, %dj : i32
      %causal = arith.cmpi sle, %j, %i : index
      %doc = arith.andi %same, %causal : i1
      %c0 = arith.constant 0 : index
      %sink = arith.cmpi eq, %j, %c0 : index
      %vis = arith.ori %doc, %sink : i1
      attn.yield %vis : i1
  } {tiling = #attn.tiling<query = 8, key = 8>}
      : tensor<1x2x20x16xf32>, tensor<1x2x20x16xf32>, tensor<1x2x20x16xf32>
      -> tensor<1x2x20x16xf32>, tensor<1x2x20xf32>
  return %o, %l : tensor<1x2x20x16xf32>, tensor<1x2x20xf32>
}

// A relative-position bias table[i - j + Skv - 1] read from an argument
// (Sq = 12, Skv = 20: 31 entries), causal bottom-right by the built-in
// pattern.
// CHECK-LABEL: entry relative_bias_table (
// CHECK: result #0 (f32): {{.*}}, 0 mismatches
// CHECK: result #1 (f32): {{.*}}, 0 mismatches
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @relative_bias_table(%q: tensor<1x2x12x16xf32>,
    %k: tensor<1x2x20x16xf32>, %v: tensor<1x2x20x16xf32>,
    %table: tensor<31xf32>) -> (tensor<1x2x12x16xf32>, tensor<1x2x12xf32>) {
  %o, %l = attn.attention %q, %k, %v score_mod {
    ^bb0(%s: f32, %b: index, %h: index, %i: index, %j: index):
      %c19 = arith.constant 19 : index
      %d = arith.subi %i, %j : index
      %r = arith.addi %d, %c19 : index
      %x = tensor.extract %table[%r] : tensor<31xf32>
      %y = arith.addf %s, %x : f32
      attn.yield %y : f32
  } {sparsity = #attn.causal, tiling = #attn.tiling<query = 8, key = 8>}
      : tensor<1x2x12x16xf32>, tensor<1x2x20x16xf32>, tensor<1x2x20x16xf32>
      -> tensor<1x2x12x16xf32>, tensor<1x2x12xf32>
  return %o, %l : tensor<1x2x12x16xf32>, tensor<1x2x12xf32>
}

// Sliding window of 4 keys back, plus two sink keys.
// CHECK-LABEL: entry sliding_window_sinks (
// CHECK: result #0 (f32): {{.*}}, 0 mismatches
// CHECK: result #1 (f32): {{.*}}, 0 mismatches
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @sliding_window_sinks(%q: tensor<1x1x24x16xf32>,
    %k: tensor<1x1x24x16xf32>, %v: tensor<1x1x24x16xf32>)
    -> (tensor<1x1x24x16xf32>, tensor<1x1x24xf32>) {
  %o, %l = attn.attention %q, %k, %v mask_mod {
    ^bb0(%b: index, %h: index, %i: index, %j: index):
      %c2 = arith.constant 2 : index
      %c4 = arith.constant 4 : index
      %d = arith.subi %i, %j : index
      %near = arith.cmpi sle, %d, %c4 : index
      %causal = arith.cmpi sle, %j, %i : index
      %win = arith.andi %near, %causal : i1
      %sink = arith.cmpi slt, %j, %c2 : index
      %vis = arith.ori %win, %sink : i1
      attn.yield %vis : i1
  } {tiling = #attn.tiling<query = 8, key = 8>}
      : tensor<1x1x24x16xf32>, tensor<1x1x24x16xf32>, tensor<1x1x24x16xf32>
      -> tensor<1x1x24x16xf32>, tensor<1x1x24xf32>
  return %o, %l : tensor<1x1x24x16xf32>, tensor<1x1x24xf32>
}

// c * tanh(s / c) written out, with scale = 1 so that c = 2 bites.
// CHECK-LABEL: entry softcap_by_hand (
// CHECK: result #0 (f32): {{.*}}, 0 mismatches
// CHECK: result #1 (f32): {{.*}}, 0 mismatches
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @softcap_by_hand(%q: tensor<1x2x20x16xf32>, %k: tensor<1x2x20x16xf32>,
    %v: tensor<1x2x20x16xf32>) -> (tensor<1x2x20x16xf32>, tensor<1x2x20xf32>) {
  %o, %l = attn.attention %q, %k, %v score_mod {
    ^bb0(%s: f32, %b: index, %h: index, %i: index, %j: index):
      %c = arith.constant 2.0 : f32
      %x = arith.divf %s, %c : f32
      %t = math.tanh %x : f32
      %y = arith.mulf %t, %c : f32
      attn.yield %y : f32
  } {scale = 1.0 : f64, tiling = #attn.tiling<query = 8, key = 8>}
      : tensor<1x2x20x16xf32>, tensor<1x2x20x16xf32>, tensor<1x2x20x16xf32>
      -> tensor<1x2x20x16xf32>, tensor<1x2x20xf32>
  return %o, %l : tensor<1x2x20x16xf32>, tensor<1x2x20xf32>
}

// Rows i < 10 see no key (a whole query tile and part of the next): output
// 0, lse -inf.
// CHECK-LABEL: entry fully_masked_rows (
// CHECK: result #0 (f32): {{.*}}, 0 mismatches
// CHECK: result #1 (f32): {{.*}}, 0 mismatches
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @fully_masked_rows(%q: tensor<1x1x20x16xf32>,
    %k: tensor<1x1x20x16xf32>, %v: tensor<1x1x20x16xf32>)
    -> (tensor<1x1x20x16xf32>, tensor<1x1x20xf32>) {
  %o, %l = attn.attention %q, %k, %v mask_mod {
    ^bb0(%b: index, %h: index, %i: index, %j: index):
      %c10 = arith.constant 10 : index
      %late = arith.cmpi sge, %i, %c10 : index
      %causal = arith.cmpi sle, %j, %i : index
      %vis = arith.andi %late, %causal : i1
      attn.yield %vis : i1
  } {tiling = #attn.tiling<query = 8, key = 8>}
      : tensor<1x1x20x16xf32>, tensor<1x1x20x16xf32>, tensor<1x1x20x16xf32>
      -> tensor<1x1x20x16xf32>, tensor<1x1x20xf32>
  return %o, %l : tensor<1x1x20x16xf32>, tensor<1x1x20xf32>
}

// GQA (Hq = 4, Hkv = 2), B = 2: the window grows with the query head, batch
// 1 hides key 0, and score_mod is ALiBi with a slope per head written out.
// CHECK-LABEL: entry gqa_head_batch (
// CHECK: result #0 (f32): {{.*}}, 0 mismatches
// CHECK: result #1 (f32): {{.*}}, 0 mismatches
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @gqa_head_batch(%q: tensor<2x4x20x16xf32>, %k: tensor<2x2x20x16xf32>,
    %v: tensor<2x2x20x16xf32>) -> (tensor<2x4x20x16xf32>, tensor<2x4x20xf32>) {
  %o, %l = attn.attention %q, %k, %v score_mod {
    ^bb0(%s: f32, %b: index, %h: index, %i: index, %j: index):
      %d = arith.subi %i, %j : index
      %di = arith.index_cast %d : index to i64
      %df = arith.sitofp %di : i64 to f32
      %dist = math.absf %df : f32
      %hi = arith.index_cast %h : index to i64
      %hf = arith.sitofp %hi : i64 to f32
      %c1 = arith.constant 1.0 : f32
      %h1 = arith.addf %hf, %c1 : f32
      %quarter = arith.constant 0.25 : f32
      %slope = arith.mulf %h1, %quarter : f32
      %pen = arith.mulf %slope, %dist : f32
      %y = arith.subf %s, %pen : f32
      attn.yield %y : f32
  } mask_mod {
    ^bb0(%b: index, %h: index, %i: index, %j: index):
      %c2 = arith.constant 2 : index
      %w = arith.muli %h, %c2 : index
      %lo = arith.subi %i, %w : index
      %inWin = arith.cmpi sge, %j, %lo : index
      %causal = arith.cmpi sle, %j, %i : index
      %win = arith.andi %inWin, %causal : i1
      %c0 = arith.constant 0 : index
      %b0 = arith.cmpi eq, %b, %c0 : index
      %notFirst = arith.cmpi ne, %j, %c0 : index
      %keep = arith.ori %b0, %notFirst : i1
      %vis = arith.andi %win, %keep : i1
      attn.yield %vis : i1
  } {tiling = #attn.tiling<query = 8, key = 8>}
      : tensor<2x4x20x16xf32>, tensor<2x2x20x16xf32>, tensor<2x2x20x16xf32>
      -> tensor<2x4x20x16xf32>, tensor<2x4x20xf32>
  return %o, %l : tensor<2x4x20x16xf32>, tensor<2x4x20xf32>
}

// score_mod masks by yielding -inf (keys 3 and 11), next to a mask operand,
// a bias, a softcap and the built-in causal pattern.
// CHECK-LABEL: entry with_builtin_modifiers (
// CHECK: result #0 (f32): {{.*}}, 0 mismatches
// CHECK: result #1 (f32): {{.*}}, 0 mismatches
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @with_builtin_modifiers(%q: tensor<1x2x20x16xf32>,
    %k: tensor<1x2x20x16xf32>, %v: tensor<1x2x20x16xf32>,
    %m: tensor<20x20xi1>, %bias: tensor<1x2x20x20xf32>)
    -> (tensor<1x2x20x16xf32>, tensor<1x2x20xf32>) {
  %o, %l = attn.attention %q, %k, %v mask(%m : tensor<20x20xi1>)
      bias(%bias : tensor<1x2x20x20xf32>) score_mod {
    ^bb0(%s: f32, %b: index, %h: index, %i: index, %j: index):
      %c8 = arith.constant 8 : index
      %r = arith.remsi %j, %c8 : index
      %c3 = arith.constant 3 : index
      %hit = arith.cmpi eq, %r, %c3 : index
      %ninf = arith.constant 0xFF800000 : f32
      %y = arith.select %hit, %ninf, %s : f32
      attn.yield %y : f32
  } {sparsity = #attn.causal, softcap = 3.0 : f64,
     tiling = #attn.tiling<query = 8, key = 8>}
      : tensor<1x2x20x16xf32>, tensor<1x2x20x16xf32>, tensor<1x2x20x16xf32>
      -> tensor<1x2x20x16xf32>, tensor<1x2x20xf32>
  return %o, %l : tensor<1x2x20x16xf32>, tensor<1x2x20xf32>
}

// i1 extended to integers: extsi makes true -1, extui 1.
// CHECK-LABEL: entry bool_extensions (
// CHECK: result #0 (f32): {{.*}}, 0 mismatches
// CHECK: result #1 (f32): {{.*}}, 0 mismatches
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @bool_extensions(%q: tensor<1x1x12x16xf32>, %k: tensor<1x1x12x16xf32>,
    %v: tensor<1x1x12x16xf32>) -> (tensor<1x1x12x16xf32>, tensor<1x1x12xf32>) {
  %o, %l = attn.attention %q, %k, %v score_mod {
    ^bb0(%s: f32, %b: index, %h: index, %i: index, %j: index):
      %le = arith.cmpi sle, %j, %i : index
      %sx = arith.extsi %le : i1 to i32
      %ux = arith.extui %le : i1 to i32
      %d = arith.muli %sx, %ux : i32
      %f = arith.sitofp %d : i32 to f32
      %y = arith.addf %s, %f : f32
      attn.yield %y : f32
  } {tiling = #attn.tiling<query = 8, key = 8>}
      : tensor<1x1x12x16xf32>, tensor<1x1x12x16xf32>, tensor<1x1x12x16xf32>
      -> tensor<1x1x12x16xf32>, tensor<1x1x12xf32>
  return %o, %l : tensor<1x1x12x16xf32>, tensor<1x1x12xf32>
}
