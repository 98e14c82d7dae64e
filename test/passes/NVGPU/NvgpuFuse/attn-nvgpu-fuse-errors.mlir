// What the NVGPU target cannot take is an error at the op naming it, never
// a crash and never a silently different kernel: --attn-nvgpu-fuse checks
// each entry function before it builds the shared structure.
// RUN: attn-opt %s --attn-nvgpu-fuse -split-input-file -verify-diagnostics

func.func @f32(%q: tensor<1x1x64x64xf32>, %k: tensor<1x1x64x64xf32>,
               %v: tensor<1x1x64x64xf32>) -> tensor<1x1x64x64xf32> {
  // expected-error @+1 {{cannot be lowered by the NVGPU target: Q, K and V must be f16 or bf16}}
  %o = attn.attention %q, %k, %v
      : tensor<1x1x64x64xf32>, tensor<1x1x64x64xf32>, tensor<1x1x64x64xf32>
      -> tensor<1x1x64x64xf32>
  return %o : tensor<1x1x64x64xf32>
}

// -----

func.func @head_dim(%q: tensor<1x1x64x40xf16>, %k: tensor<1x1x64x40xf16>,
                    %v: tensor<1x1x64x40xf16>) -> tensor<1x1x64x40xf16> {
  // expected-error @+1 {{head dimensions must be multiples of 16 (mma.sync k = 16), got D = 40, Dv = 40}}
  %o = attn.attention %q, %k, %v
      : tensor<1x1x64x40xf16>, tensor<1x1x64x40xf16>, tensor<1x1x64x40xf16>
      -> tensor<1x1x64x40xf16>
  return %o : tensor<1x1x64x40xf16>
}

// -----

func.func @dynamic(%q: tensor<1x1x?x64xf16>, %k: tensor<1x1x64x64xf16>,
                   %v: tensor<1x1x64x64xf16>) -> tensor<1x1x?x64xf16> {
  // expected-error @+1 {{the kernel needs static shapes}}
  %o = attn.attention %q, %k, %v
      : tensor<1x1x?x64xf16>, tensor<1x1x64x64xf16>, tensor<1x1x64x64xf16>
      -> tensor<1x1x?x64xf16>
  return %o : tensor<1x1x?x64xf16>
}

// -----

func.func @shared_arg(%q: tensor<1x1x64x64xf16>, %kv: tensor<1x1x64x64xf16>,
                      %x: tensor<1x1x64x64xf16>) -> tensor<1x1x64x64xf16> {
  // expected-error @+1 {{the entry function's arguments must be used as the op's tensor operands}}
  %o = attn.attention %q, %kv, %kv
      : tensor<1x1x64x64xf16>, tensor<1x1x64x64xf16>, tensor<1x1x64x64xf16>
      -> tensor<1x1x64x64xf16>
  return %o : tensor<1x1x64x64xf16>
}

// -----

func.func @not_returned(%q: tensor<1x1x64x64xf16>, %k: tensor<1x1x64x64xf16>,
                        %v: tensor<1x1x64x64xf16>) -> tensor<1x1x64x64xf16> {
  // expected-error @+1 {{the entry function must return the op's results in order}}
  %o = attn.attention %q, %k, %v
      : tensor<1x1x64x64xf16>, tensor<1x1x64x64xf16>, tensor<1x1x64x64xf16>
      -> tensor<1x1x64x64xf16>
  return %q : tensor<1x1x64x64xf16>
}

// -----

// expected-error @+1 {{holds 2 attn.attention ops}}
func.func @two(%q: tensor<1x1x64x64xf16>, %k: tensor<1x1x64x64xf16>,
               %v: tensor<1x1x64x64xf16>) -> tensor<1x1x64x64xf16> {
  %o = attn.attention %q, %k, %v
      : tensor<1x1x64x64xf16>, tensor<1x1x64x64xf16>, tensor<1x1x64x64xf16>
      -> tensor<1x1x64x64xf16>
  %p = attn.attention %o, %k, %v
      : tensor<1x1x64x64xf16>, tensor<1x1x64x64xf16>, tensor<1x1x64x64xf16>
      -> tensor<1x1x64x64xf16>
  return %p : tensor<1x1x64x64xf16>
}

// -----

func.func @d256(%q: tensor<1x1x64x256xf16>, %k: tensor<1x1x64x256xf16>,
                %v: tensor<1x1x64x256xf16>) -> tensor<1x1x64x256xf16> {
  // expected-error @+1 {{head dimensions above 128 are not supported}}
  %o = attn.attention %q, %k, %v
      : tensor<1x1x64x256xf16>, tensor<1x1x64x256xf16>, tensor<1x1x64x256xf16>
      -> tensor<1x1x64x256xf16>
  return %o : tensor<1x1x64x256xf16>
}

// -----

func.func @linear(%q: tensor<1x2x64x32xf16>, %k: tensor<1x2x64x32xf16>,
                  %v: tensor<1x2x64x32xf16>) -> tensor<1x2x64x32xf16> {
  // expected-error @+1 {{'attn.linear_attention' op is not supported by the NVGPU target}}
  %o = attn.linear_attention %q, %k, %v {feature_map = #attn.feature_map<elu1>}
      : tensor<1x2x64x32xf16>, tensor<1x2x64x32xf16>, tensor<1x2x64x32xf16>
      -> tensor<1x2x64x32xf16>
  return %o : tensor<1x2x64x32xf16>
}

// -----

// A block table's operands are kernel inputs too, but nothing else is.
func.func @table_extra(%q: tensor<1x2x128x32xf16>, %k: tensor<1x2x128x32xf16>,
                       %v: tensor<1x2x128x32xf16>, %row_ptr: tensor<1x2x5xi32>,
                       %cols: tensor<1x2x16xi32>, %x: tensor<4xi32>) -> tensor<1x2x128x32xf16> {
  // expected-error @+1 {{the entry function must take exactly the op's Q, K, V and block table operands}}
  %o = attn.attention %q, %k, %v
      blocks(%row_ptr, %cols : tensor<1x2x5xi32>, tensor<1x2x16xi32>)
      {block_size = #attn.tiling<query = 32, key = 32>}
      : tensor<1x2x128x32xf16>, tensor<1x2x128x32xf16>, tensor<1x2x128x32xf16>
      -> tensor<1x2x128x32xf16>
  return %o : tensor<1x2x128x32xf16>
}

// -----

func.func @documents(%q: tensor<1x2x200x64xf16>, %k: tensor<1x2x200x64xf16>,
                     %v: tensor<1x2x200x64xf16>, %offs: tensor<6xi32>) -> tensor<1x2x200x64xf16> {
  // expected-error @+1 {{document offsets are not supported yet}}
  %o = attn.attention %q, %k, %v documents(%offs : tensor<6xi32>)
      {sparsity = #attn.intersect<[#attn.documents, #attn.causal]>}
      : tensor<1x2x200x64xf16>, tensor<1x2x200x64xf16>, tensor<1x2x200x64xf16>
      -> tensor<1x2x200x64xf16>
  return %o : tensor<1x2x200x64xf16>
}

// -----

// A tile of query rows (query_rows, e.g. from the TilingInterface).
func.func @query_rows(%q: tensor<1x1x64x64xf16>, %k: tensor<1x1x128x64xf16>)
    -> tensor<1x1x64x64xf16> {
  %s = arith.constant 64 : index
  %t = arith.constant 128 : index
  // expected-error @+1 {{cannot be lowered by the NVGPU target: query_rows(...) is not supported}}
  %o = attn.attention %q, %k, %k query_rows(%s, %t)
      : tensor<1x1x64x64xf16>, tensor<1x1x128x64xf16>, tensor<1x1x128x64xf16>
      -> tensor<1x1x64x64xf16>
  return %o : tensor<1x1x64x64xf16>
}

// -----

// The kernel description has no place for score_mod / mask_mod: refused,
// never dropped.
func.func @mask_mod(%q: tensor<1x1x64x64xf16>, %k: tensor<1x1x64x64xf16>,
                    %v: tensor<1x1x64x64xf16>) -> tensor<1x1x64x64xf16> {
  // expected-error @+1 {{cannot be lowered by the NVGPU target: score_mod / mask_mod regions are not supported by the NVGPU target yet}}
  %o = attn.attention %q, %k, %v mask_mod {
    ^bb0(%b: index, %h: index, %i: index, %j: index):
      %c = arith.cmpi sle, %j, %i : index
      attn.yield %c : i1
  } : tensor<1x1x64x64xf16>, tensor<1x1x64x64xf16>, tensor<1x1x64x64xf16>
      -> tensor<1x1x64x64xf16>
  return %o : tensor<1x1x64x64xf16>
}
