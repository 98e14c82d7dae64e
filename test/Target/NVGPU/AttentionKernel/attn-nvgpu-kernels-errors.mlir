// What --attn-nvgpu-kernels cannot take is an error at the op, never a crash.
// RUN: attn-opt %s --attn-nvgpu-kernels -split-input-file -verify-diagnostics

func.func @f32(%q: tensor<1x1x64x64xf32>, %k: tensor<1x1x64x64xf32>,
               %v: tensor<1x1x64x64xf32>) -> tensor<1x1x64x64xf32> {
  // expected-error @+1 {{cannot be lowered by --attn-nvgpu-kernels: Q, K and V must be f16 or bf16}}
  %o = attn.attention %q, %k, %v
      : tensor<1x1x64x64xf32>, tensor<1x1x64x64xf32>, tensor<1x1x64x64xf32>
      -> tensor<1x1x64x64xf32>
  return %o : tensor<1x1x64x64xf32>
}

// -----

func.func @mask(%q: tensor<1x1x64x64xf16>, %k: tensor<1x1x64x64xf16>,
                %v: tensor<1x1x64x64xf16>, %m: tensor<64x64xi1>) -> tensor<1x1x64x64xf16> {
  // expected-error @+1 {{mask, bias, ALiBi, document and block-table operands are not supported}}
  %o = attn.attention %q, %k, %v mask(%m : tensor<64x64xi1>)
      : tensor<1x1x64x64xf16>, tensor<1x1x64x64xf16>, tensor<1x1x64x64xf16>
      -> tensor<1x1x64x64xf16>
  return %o : tensor<1x1x64x64xf16>
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

func.func @pattern(%q: tensor<1x1x64x64xf16>, %k: tensor<1x1x64x64xf16>,
                   %v: tensor<1x1x64x64xf16>) -> tensor<1x1x64x64xf16> {
  // expected-error @+1 {{only causal and sliding_window patterns are supported}}
  %o = attn.attention %q, %k, %v
      {sparsity = #attn.dilated_window<left = 4, right = 0, dilation = 2>}
      : tensor<1x1x64x64xf16>, tensor<1x1x64x64xf16>, tensor<1x1x64x64xf16>
      -> tensor<1x1x64x64xf16>
  return %o : tensor<1x1x64x64xf16>
}

// -----

func.func @shared_arg(%q: tensor<1x1x64x64xf16>, %kv: tensor<1x1x64x64xf16>,
                      %x: tensor<1x1x64x64xf16>) -> tensor<1x1x64x64xf16> {
  // expected-error @+1 {{the entry function's arguments must be used as Q, K, V}}
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
