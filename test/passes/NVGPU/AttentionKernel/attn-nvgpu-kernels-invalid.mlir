// --attn-nvgpu-kernels on hand-written IR it does not expect: each shape
// assumption of the converter is checked, and what does not fit is an error
// naming the op (at its location), never a crash or a wrong kernel. Each
// case is the fused structure of a 64 x 16 f16 problem with one change.
// RUN: attn-opt %s --attn-nvgpu-kernels -split-input-file -verify-diagnostics

// An extra op on the state in a step body.
#map1 = affine_map<(d0, d1) -> (d0, d1)>
func.func @k(%q: tensor<1x1x64x16xf16>, %k: tensor<1x1x64x16xf16>, %v: tensor<1x1x64x16xf16>) -> tensor<1x1x64x16xf16> attributes {attn.nvgpu.problem = {dims = array<i64: 1, 1, 1, 64, 64, 16, 16>, elem = f16, entry = "k", inputs = ["q", "k", "v"], kernel = "k", layout = "bhsd", lse = false, scale = 2.500000e-01 : f64}} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  %init = tensor.empty() : tensor<1x1x64x16xf16>
  %r = scf.forall (%b, %h, %t) in (1, 1, 1) shared_outs(%out = %init) -> (tensor<1x1x64x16xf16>) {
    %q0 = arith.muli %t, %c64 : index
    %qt = tensor.extract_slice %q[%b, %h, %q0, 0] [1, 1, 64, 16] [1, 1, 1, 1] : tensor<1x1x64x16xf16> to tensor<64x16xf16>
    %ninf = arith.constant 0xFF800000 : f32
    %zero = arith.constant 0.000000e+00 : f32
    %e0 = tensor.empty() : tensor<64xf32>
    %m0 = linalg.fill ins(%ninf : f32) outs(%e0 : tensor<64xf32>) -> tensor<64xf32>
    %l0 = linalg.fill ins(%zero : f32) outs(%e0 : tensor<64xf32>) -> tensor<64xf32>
    %e1 = tensor.empty() : tensor<64x16xf32>
    %a0 = linalg.fill ins(%zero : f32) outs(%e1 : tensor<64x16xf32>) -> tensor<64x16xf32>
    %s:3 = scf.for %j = %c0 to %c1 step %c1 iter_args(%m = %m0, %l = %l0, %a = %a0) -> (tensor<64xf32>, tensor<64xf32>, tensor<64x16xf32>) {
      %k0 = arith.muli %j, %c64 : index
      %kt = tensor.extract_slice %k[%b, %h, %k0, 0] [1, 1, 64, 16] [1, 1, 1, 1] : tensor<1x1x64x16xf16> to tensor<64x16xf16>
      %vt = tensor.extract_slice %v[%b, %h, %k0, 0] [1, 1, 64, 16] [1, 1, 1, 1] : tensor<1x1x64x16xf16> to tensor<64x16xf16>
      // expected-error @+1 {{'arith.addf' op is not supported by the NVGPU kernel (in the fused structure's parallel loop)}}
      %x = arith.addf %m, %l : tensor<64xf32>
      %nm, %nl, %na = attn.online_attention ins(%qt, %kt, %vt : tensor<64x16xf16>, tensor<64x16xf16>, tensor<64x16xf16>) state(%m, %l, %a : tensor<64xf32>, tensor<64xf32>, tensor<64x16xf32>) at(%q0, %k0) {p_type = f16, scale = 2.500000e-01 : f64} : tensor<64xf32>, tensor<64xf32>, tensor<64x16xf32>
      scf.yield %nm, %nl, %na : tensor<64xf32>, tensor<64xf32>, tensor<64x16xf32>
    } {attn.key_tiles = "full"}
    %e2 = tensor.empty() : tensor<64x16xf16>
    %o = linalg.generic {indexing_maps = [#map1, #map1], iterator_types = ["parallel", "parallel"]} ins(%s#2 : tensor<64x16xf32>) outs(%e2 : tensor<64x16xf16>) {
    ^bb0(%in: f32, %x: f16):
      %tr = arith.truncf %in : f32 to f16
      linalg.yield %tr : f16
    } -> tensor<64x16xf16>
    scf.forall.in_parallel {
      tensor.parallel_insert_slice %o into %out[%b, %h, %q0, 0] [1, 1, 64, 16] [1, 1, 1, 1] : tensor<64x16xf16> into tensor<1x1x64x16xf16>
    }
  } {mapping = [#gpu.block<z>, #gpu.block<y>, #gpu.block<x>]}
  return %r : tensor<1x1x64x16xf16>
}

// -----

// An unexpected loop in a step body.
#map1 = affine_map<(d0, d1) -> (d0, d1)>
func.func @k(%q: tensor<1x1x64x16xf16>, %k: tensor<1x1x64x16xf16>, %v: tensor<1x1x64x16xf16>) -> tensor<1x1x64x16xf16> attributes {attn.nvgpu.problem = {dims = array<i64: 1, 1, 1, 64, 64, 16, 16>, elem = f16, entry = "k", inputs = ["q", "k", "v"], kernel = "k", layout = "bhsd", lse = false, scale = 2.500000e-01 : f64}} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  %init = tensor.empty() : tensor<1x1x64x16xf16>
  %r = scf.forall (%b, %h, %t) in (1, 1, 1) shared_outs(%out = %init) -> (tensor<1x1x64x16xf16>) {
    %q0 = arith.muli %t, %c64 : index
    %qt = tensor.extract_slice %q[%b, %h, %q0, 0] [1, 1, 64, 16] [1, 1, 1, 1] : tensor<1x1x64x16xf16> to tensor<64x16xf16>
    %ninf = arith.constant 0xFF800000 : f32
    %zero = arith.constant 0.000000e+00 : f32
    %e0 = tensor.empty() : tensor<64xf32>
    %m0 = linalg.fill ins(%ninf : f32) outs(%e0 : tensor<64xf32>) -> tensor<64xf32>
    %l0 = linalg.fill ins(%zero : f32) outs(%e0 : tensor<64xf32>) -> tensor<64xf32>
    %e1 = tensor.empty() : tensor<64x16xf32>
    %a0 = linalg.fill ins(%zero : f32) outs(%e1 : tensor<64x16xf32>) -> tensor<64x16xf32>
    %s:3 = scf.for %j = %c0 to %c1 step %c1 iter_args(%m = %m0, %l = %l0, %a = %a0) -> (tensor<64xf32>, tensor<64xf32>, tensor<64x16xf32>) {
      %k0 = arith.muli %j, %c64 : index
      %kt = tensor.extract_slice %k[%b, %h, %k0, 0] [1, 1, 64, 16] [1, 1, 1, 1] : tensor<1x1x64x16xf16> to tensor<64x16xf16>
      %vt = tensor.extract_slice %v[%b, %h, %k0, 0] [1, 1, 64, 16] [1, 1, 1, 1] : tensor<1x1x64x16xf16> to tensor<64x16xf16>
      // expected-error @+1 {{'scf.while' op is not supported by the NVGPU kernel}}
      %w = scf.while (%i = %c0) : (index) -> index {
        %cc = arith.cmpi slt, %i, %c1 : index
        scf.condition(%cc) %i : index
      } do {
      ^bb0(%i2: index):
        scf.yield %i2 : index
      }
      %nm, %nl, %na = attn.online_attention ins(%qt, %kt, %vt : tensor<64x16xf16>, tensor<64x16xf16>, tensor<64x16xf16>) state(%m, %l, %a : tensor<64xf32>, tensor<64xf32>, tensor<64x16xf32>) at(%q0, %k0) {p_type = f16, scale = 2.500000e-01 : f64} : tensor<64xf32>, tensor<64xf32>, tensor<64x16xf32>
      scf.yield %nm, %nl, %na : tensor<64xf32>, tensor<64xf32>, tensor<64x16xf32>
    } {attn.key_tiles = "full"}
    %e2 = tensor.empty() : tensor<64x16xf16>
    %o = linalg.generic {indexing_maps = [#map1, #map1], iterator_types = ["parallel", "parallel"]} ins(%s#2 : tensor<64x16xf32>) outs(%e2 : tensor<64x16xf16>) {
    ^bb0(%in: f32, %x: f16):
      %tr = arith.truncf %in : f32 to f16
      linalg.yield %tr : f16
    } -> tensor<64x16xf16>
    scf.forall.in_parallel {
      tensor.parallel_insert_slice %o into %out[%b, %h, %q0, 0] [1, 1, 64, 16] [1, 1, 1, 1] : tensor<64x16xf16> into tensor<1x1x64x16xf16>
    }
  } {mapping = [#gpu.block<z>, #gpu.block<y>, #gpu.block<x>]}
  return %r : tensor<1x1x64x16xf16>
}

// -----

// A loop that carries something other than the softmax state.
#map1 = affine_map<(d0, d1) -> (d0, d1)>
func.func @k(%q: tensor<1x1x64x16xf16>, %k: tensor<1x1x64x16xf16>, %v: tensor<1x1x64x16xf16>) -> tensor<1x1x64x16xf16> attributes {attn.nvgpu.problem = {dims = array<i64: 1, 1, 1, 64, 64, 16, 16>, elem = f16, entry = "k", inputs = ["q", "k", "v"], kernel = "k", layout = "bhsd", lse = false, scale = 2.500000e-01 : f64}} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  %init = tensor.empty() : tensor<1x1x64x16xf16>
  %r = scf.forall (%b, %h, %t) in (1, 1, 1) shared_outs(%out = %init) -> (tensor<1x1x64x16xf16>) {
    %q0 = arith.muli %t, %c64 : index
    %qt = tensor.extract_slice %q[%b, %h, %q0, 0] [1, 1, 64, 16] [1, 1, 1, 1] : tensor<1x1x64x16xf16> to tensor<64x16xf16>
    %ninf = arith.constant 0xFF800000 : f32
    %zero = arith.constant 0.000000e+00 : f32
    %e0 = tensor.empty() : tensor<64xf32>
    %m0 = linalg.fill ins(%ninf : f32) outs(%e0 : tensor<64xf32>) -> tensor<64xf32>
    %l0 = linalg.fill ins(%zero : f32) outs(%e0 : tensor<64xf32>) -> tensor<64xf32>
    %e1 = tensor.empty() : tensor<64x16xf32>
    %a0 = linalg.fill ins(%zero : f32) outs(%e1 : tensor<64x16xf32>) -> tensor<64x16xf32>
    %s:3 = scf.for %j = %c0 to %c1 step %c1 iter_args(%m = %m0, %l = %l0, %a = %a0) -> (tensor<64xf32>, tensor<64xf32>, tensor<64x16xf32>) {
      %k0 = arith.muli %j, %c64 : index
      %kt = tensor.extract_slice %k[%b, %h, %k0, 0] [1, 1, 64, 16] [1, 1, 1, 1] : tensor<1x1x64x16xf16> to tensor<64x16xf16>
      %vt = tensor.extract_slice %v[%b, %h, %k0, 0] [1, 1, 64, 16] [1, 1, 1, 1] : tensor<1x1x64x16xf16> to tensor<64x16xf16>
      // expected-error @+1 {{'scf.for' op cannot be carried into the NVGPU kernel: loop values must be the softmax state}}
      %sl = scf.for %i = %c0 to %c1 step %c1 iter_args(%x = %c0) -> (index) {
        scf.yield %x : index
      }
      %nm, %nl, %na = attn.online_attention ins(%qt, %kt, %vt : tensor<64x16xf16>, tensor<64x16xf16>, tensor<64x16xf16>) state(%m, %l, %a : tensor<64xf32>, tensor<64xf32>, tensor<64x16xf32>) at(%q0, %k0) {p_type = f16, scale = 2.500000e-01 : f64} : tensor<64xf32>, tensor<64xf32>, tensor<64x16xf32>
      scf.yield %nm, %nl, %na : tensor<64xf32>, tensor<64xf32>, tensor<64x16xf32>
    } {attn.key_tiles = "full"}
    %e2 = tensor.empty() : tensor<64x16xf16>
    %o = linalg.generic {indexing_maps = [#map1, #map1], iterator_types = ["parallel", "parallel"]} ins(%s#2 : tensor<64x16xf32>) outs(%e2 : tensor<64x16xf16>) {
    ^bb0(%in: f32, %x: f16):
      %tr = arith.truncf %in : f32 to f16
      linalg.yield %tr : f16
    } -> tensor<64x16xf16>
    scf.forall.in_parallel {
      tensor.parallel_insert_slice %o into %out[%b, %h, %q0, 0] [1, 1, 64, 16] [1, 1, 1, 1] : tensor<64x16xf16> into tensor<1x1x64x16xf16>
    }
  } {mapping = [#gpu.block<z>, #gpu.block<y>, #gpu.block<x>]}
  return %r : tensor<1x1x64x16xf16>
}

// -----

// An op the step's score region cannot inline.
#map1 = affine_map<(d0, d1) -> (d0, d1)>
func.func @k(%q: tensor<1x1x64x16xf16>, %k: tensor<1x1x64x16xf16>, %v: tensor<1x1x64x16xf16>) -> tensor<1x1x64x16xf16> attributes {attn.nvgpu.problem = {dims = array<i64: 1, 1, 1, 64, 64, 16, 16>, elem = f16, entry = "k", inputs = ["q", "k", "v"], kernel = "k", layout = "bhsd", lse = false, scale = 2.500000e-01 : f64}} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  %init = tensor.empty() : tensor<1x1x64x16xf16>
  %r = scf.forall (%b, %h, %t) in (1, 1, 1) shared_outs(%out = %init) -> (tensor<1x1x64x16xf16>) {
    %q0 = arith.muli %t, %c64 : index
    %qt = tensor.extract_slice %q[%b, %h, %q0, 0] [1, 1, 64, 16] [1, 1, 1, 1] : tensor<1x1x64x16xf16> to tensor<64x16xf16>
    %ninf = arith.constant 0xFF800000 : f32
    %zero = arith.constant 0.000000e+00 : f32
    %e0 = tensor.empty() : tensor<64xf32>
    %m0 = linalg.fill ins(%ninf : f32) outs(%e0 : tensor<64xf32>) -> tensor<64xf32>
    %l0 = linalg.fill ins(%zero : f32) outs(%e0 : tensor<64xf32>) -> tensor<64xf32>
    %e1 = tensor.empty() : tensor<64x16xf32>
    %a0 = linalg.fill ins(%zero : f32) outs(%e1 : tensor<64x16xf32>) -> tensor<64x16xf32>
    %s:3 = scf.for %j = %c0 to %c1 step %c1 iter_args(%m = %m0, %l = %l0, %a = %a0) -> (tensor<64xf32>, tensor<64xf32>, tensor<64x16xf32>) {
      %k0 = arith.muli %j, %c64 : index
      %kt = tensor.extract_slice %k[%b, %h, %k0, 0] [1, 1, 64, 16] [1, 1, 1, 1] : tensor<1x1x64x16xf16> to tensor<64x16xf16>
      %vt = tensor.extract_slice %v[%b, %h, %k0, 0] [1, 1, 64, 16] [1, 1, 1, 1] : tensor<1x1x64x16xf16> to tensor<64x16xf16>
      %nm, %nl, %na = attn.online_attention ins(%qt, %kt, %vt : tensor<64x16xf16>, tensor<64x16xf16>, tensor<64x16xf16>) state(%m, %l, %a : tensor<64xf32>, tensor<64xf32>, tensor<64x16xf32>) at(%q0, %k0) {p_type = f16, scale = 2.500000e-01 : f64} score {
      ^bb0(%sc: f32, %i: index, %jj: index):
        // expected-error @+1 {{'memref.alloca' op cannot be inlined into the NVGPU step}}
        %al = memref.alloca() : memref<f32>
        attn.yield %sc : f32
      } : tensor<64xf32>, tensor<64xf32>, tensor<64x16xf32>
      scf.yield %nm, %nl, %na : tensor<64xf32>, tensor<64xf32>, tensor<64x16xf32>
    } {attn.key_tiles = "full"}
    %e2 = tensor.empty() : tensor<64x16xf16>
    %o = linalg.generic {indexing_maps = [#map1, #map1], iterator_types = ["parallel", "parallel"]} ins(%s#2 : tensor<64x16xf32>) outs(%e2 : tensor<64x16xf16>) {
    ^bb0(%in: f32, %x: f16):
      %tr = arith.truncf %in : f32 to f16
      linalg.yield %tr : f16
    } -> tensor<64x16xf16>
    scf.forall.in_parallel {
      tensor.parallel_insert_slice %o into %out[%b, %h, %q0, 0] [1, 1, 64, 16] [1, 1, 1, 1] : tensor<64x16xf16> into tensor<1x1x64x16xf16>
    }
  } {mapping = [#gpu.block<z>, #gpu.block<y>, #gpu.block<x>]}
  return %r : tensor<1x1x64x16xf16>
}

// -----

// A step whose Q tile is not a slice of an input.
#map1 = affine_map<(d0, d1) -> (d0, d1)>
func.func @k(%q: tensor<1x1x64x16xf16>, %k: tensor<1x1x64x16xf16>, %v: tensor<1x1x64x16xf16>) -> tensor<1x1x64x16xf16> attributes {attn.nvgpu.problem = {dims = array<i64: 1, 1, 1, 64, 64, 16, 16>, elem = f16, entry = "k", inputs = ["q", "k", "v"], kernel = "k", layout = "bhsd", lse = false, scale = 2.500000e-01 : f64}} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  %init = tensor.empty() : tensor<1x1x64x16xf16>
  %r = scf.forall (%b, %h, %t) in (1, 1, 1) shared_outs(%out = %init) -> (tensor<1x1x64x16xf16>) {
    %q0 = arith.muli %t, %c64 : index
    %qt = tensor.extract_slice %q[%b, %h, %q0, 0] [1, 1, 64, 16] [1, 1, 1, 1] : tensor<1x1x64x16xf16> to tensor<64x16xf16>
    %ninf = arith.constant 0xFF800000 : f32
    %zero = arith.constant 0.000000e+00 : f32
    %e0 = tensor.empty() : tensor<64xf32>
    %m0 = linalg.fill ins(%ninf : f32) outs(%e0 : tensor<64xf32>) -> tensor<64xf32>
    %l0 = linalg.fill ins(%zero : f32) outs(%e0 : tensor<64xf32>) -> tensor<64xf32>
    %e1 = tensor.empty() : tensor<64x16xf32>
    %a0 = linalg.fill ins(%zero : f32) outs(%e1 : tensor<64x16xf32>) -> tensor<64x16xf32>
    %s:3 = scf.for %j = %c0 to %c1 step %c1 iter_args(%m = %m0, %l = %l0, %a = %a0) -> (tensor<64xf32>, tensor<64xf32>, tensor<64x16xf32>) {
      %k0 = arith.muli %j, %c64 : index
      %kt = tensor.extract_slice %k[%b, %h, %k0, 0] [1, 1, 64, 16] [1, 1, 1, 1] : tensor<1x1x64x16xf16> to tensor<64x16xf16>
      %vt = tensor.extract_slice %v[%b, %h, %k0, 0] [1, 1, 64, 16] [1, 1, 1, 1] : tensor<1x1x64x16xf16> to tensor<64x16xf16>
      %qe = tensor.empty() : tensor<64x16xf16>
      // expected-error @+1 {{'attn.online_attention' op cannot be lowered by --attn-nvgpu-kernels: its tiles must be slices of the inputs and its state the loop's}}
      %nm, %nl, %na = attn.online_attention ins(%qe, %kt, %vt : tensor<64x16xf16>, tensor<64x16xf16>, tensor<64x16xf16>) state(%m, %l, %a : tensor<64xf32>, tensor<64xf32>, tensor<64x16xf32>) at(%q0, %k0) {p_type = f16, scale = 2.500000e-01 : f64} : tensor<64xf32>, tensor<64xf32>, tensor<64x16xf32>
      scf.yield %nm, %nl, %na : tensor<64xf32>, tensor<64xf32>, tensor<64x16xf32>
    } {attn.key_tiles = "full"}
    %e2 = tensor.empty() : tensor<64x16xf16>
    %o = linalg.generic {indexing_maps = [#map1, #map1], iterator_types = ["parallel", "parallel"]} ins(%s#2 : tensor<64x16xf32>) outs(%e2 : tensor<64x16xf16>) {
    ^bb0(%in: f32, %x: f16):
      %tr = arith.truncf %in : f32 to f16
      linalg.yield %tr : f16
    } -> tensor<64x16xf16>
    scf.forall.in_parallel {
      tensor.parallel_insert_slice %o into %out[%b, %h, %q0, 0] [1, 1, 64, 16] [1, 1, 1, 1] : tensor<64x16xf16> into tensor<1x1x64x16xf16>
    }
  } {mapping = [#gpu.block<z>, #gpu.block<y>, #gpu.block<x>]}
  return %r : tensor<1x1x64x16xf16>
}

// -----

// A description that does not match the function: the LSE.
#map1 = affine_map<(d0, d1) -> (d0, d1)>
func.func @k(%q: tensor<1x1x64x16xf16>, %k: tensor<1x1x64x16xf16>, %v: tensor<1x1x64x16xf16>) -> tensor<1x1x64x16xf16> attributes {attn.nvgpu.problem = {dims = array<i64: 1, 1, 1, 64, 64, 16, 16>, elem = f16, entry = "k", inputs = ["q", "k", "v"], kernel = "k", layout = "bhsd", lse = true, scale = 2.500000e-01 : f64}} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  %init = tensor.empty() : tensor<1x1x64x16xf16>
  // expected-error @+1 {{'scf.forall' op must compute the output and the LSE as its kernel description says, found 1 results}}
  %r = scf.forall (%b, %h, %t) in (1, 1, 1) shared_outs(%out = %init) -> (tensor<1x1x64x16xf16>) {
    %q0 = arith.muli %t, %c64 : index
    %qt = tensor.extract_slice %q[%b, %h, %q0, 0] [1, 1, 64, 16] [1, 1, 1, 1] : tensor<1x1x64x16xf16> to tensor<64x16xf16>
    %ninf = arith.constant 0xFF800000 : f32
    %zero = arith.constant 0.000000e+00 : f32
    %e0 = tensor.empty() : tensor<64xf32>
    %m0 = linalg.fill ins(%ninf : f32) outs(%e0 : tensor<64xf32>) -> tensor<64xf32>
    %l0 = linalg.fill ins(%zero : f32) outs(%e0 : tensor<64xf32>) -> tensor<64xf32>
    %e1 = tensor.empty() : tensor<64x16xf32>
    %a0 = linalg.fill ins(%zero : f32) outs(%e1 : tensor<64x16xf32>) -> tensor<64x16xf32>
    %s:3 = scf.for %j = %c0 to %c1 step %c1 iter_args(%m = %m0, %l = %l0, %a = %a0) -> (tensor<64xf32>, tensor<64xf32>, tensor<64x16xf32>) {
      %k0 = arith.muli %j, %c64 : index
      %kt = tensor.extract_slice %k[%b, %h, %k0, 0] [1, 1, 64, 16] [1, 1, 1, 1] : tensor<1x1x64x16xf16> to tensor<64x16xf16>
      %vt = tensor.extract_slice %v[%b, %h, %k0, 0] [1, 1, 64, 16] [1, 1, 1, 1] : tensor<1x1x64x16xf16> to tensor<64x16xf16>
      %nm, %nl, %na = attn.online_attention ins(%qt, %kt, %vt : tensor<64x16xf16>, tensor<64x16xf16>, tensor<64x16xf16>) state(%m, %l, %a : tensor<64xf32>, tensor<64xf32>, tensor<64x16xf32>) at(%q0, %k0) {p_type = f16, scale = 2.500000e-01 : f64} : tensor<64xf32>, tensor<64xf32>, tensor<64x16xf32>
      scf.yield %nm, %nl, %na : tensor<64xf32>, tensor<64xf32>, tensor<64x16xf32>
    } {attn.key_tiles = "full"}
    %e2 = tensor.empty() : tensor<64x16xf16>
    %o = linalg.generic {indexing_maps = [#map1, #map1], iterator_types = ["parallel", "parallel"]} ins(%s#2 : tensor<64x16xf32>) outs(%e2 : tensor<64x16xf16>) {
    ^bb0(%in: f32, %x: f16):
      %tr = arith.truncf %in : f32 to f16
      linalg.yield %tr : f16
    } -> tensor<64x16xf16>
    scf.forall.in_parallel {
      tensor.parallel_insert_slice %o into %out[%b, %h, %q0, 0] [1, 1, 64, 16] [1, 1, 1, 1] : tensor<64x16xf16> into tensor<1x1x64x16xf16>
    }
  } {mapping = [#gpu.block<z>, #gpu.block<y>, #gpu.block<x>]}
  return %r : tensor<1x1x64x16xf16>
}

// -----

// A description that does not match the function: the inputs.
#map1 = affine_map<(d0, d1) -> (d0, d1)>
// expected-error @+1 {{'func.func' op takes 3 arguments but its kernel description names 2 inputs}}
func.func @k(%q: tensor<1x1x64x16xf16>, %k: tensor<1x1x64x16xf16>, %v: tensor<1x1x64x16xf16>) -> tensor<1x1x64x16xf16> attributes {attn.nvgpu.problem = {dims = array<i64: 1, 1, 1, 64, 64, 16, 16>, elem = f16, entry = "k", inputs = ["q", "k"], kernel = "k", layout = "bhsd", lse = false, scale = 2.500000e-01 : f64}} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  %init = tensor.empty() : tensor<1x1x64x16xf16>
  %r = scf.forall (%b, %h, %t) in (1, 1, 1) shared_outs(%out = %init) -> (tensor<1x1x64x16xf16>) {
    %q0 = arith.muli %t, %c64 : index
    %qt = tensor.extract_slice %q[%b, %h, %q0, 0] [1, 1, 64, 16] [1, 1, 1, 1] : tensor<1x1x64x16xf16> to tensor<64x16xf16>
    %ninf = arith.constant 0xFF800000 : f32
    %zero = arith.constant 0.000000e+00 : f32
    %e0 = tensor.empty() : tensor<64xf32>
    %m0 = linalg.fill ins(%ninf : f32) outs(%e0 : tensor<64xf32>) -> tensor<64xf32>
    %l0 = linalg.fill ins(%zero : f32) outs(%e0 : tensor<64xf32>) -> tensor<64xf32>
    %e1 = tensor.empty() : tensor<64x16xf32>
    %a0 = linalg.fill ins(%zero : f32) outs(%e1 : tensor<64x16xf32>) -> tensor<64x16xf32>
    %s:3 = scf.for %j = %c0 to %c1 step %c1 iter_args(%m = %m0, %l = %l0, %a = %a0) -> (tensor<64xf32>, tensor<64xf32>, tensor<64x16xf32>) {
      %k0 = arith.muli %j, %c64 : index
      %kt = tensor.extract_slice %k[%b, %h, %k0, 0] [1, 1, 64, 16] [1, 1, 1, 1] : tensor<1x1x64x16xf16> to tensor<64x16xf16>
      %vt = tensor.extract_slice %v[%b, %h, %k0, 0] [1, 1, 64, 16] [1, 1, 1, 1] : tensor<1x1x64x16xf16> to tensor<64x16xf16>
      %nm, %nl, %na = attn.online_attention ins(%qt, %kt, %vt : tensor<64x16xf16>, tensor<64x16xf16>, tensor<64x16xf16>) state(%m, %l, %a : tensor<64xf32>, tensor<64xf32>, tensor<64x16xf32>) at(%q0, %k0) {p_type = f16, scale = 2.500000e-01 : f64} : tensor<64xf32>, tensor<64xf32>, tensor<64x16xf32>
      scf.yield %nm, %nl, %na : tensor<64xf32>, tensor<64xf32>, tensor<64x16xf32>
    } {attn.key_tiles = "full"}
    %e2 = tensor.empty() : tensor<64x16xf16>
    %o = linalg.generic {indexing_maps = [#map1, #map1], iterator_types = ["parallel", "parallel"]} ins(%s#2 : tensor<64x16xf32>) outs(%e2 : tensor<64x16xf16>) {
    ^bb0(%in: f32, %x: f16):
      %tr = arith.truncf %in : f32 to f16
      linalg.yield %tr : f16
    } -> tensor<64x16xf16>
    scf.forall.in_parallel {
      tensor.parallel_insert_slice %o into %out[%b, %h, %q0, 0] [1, 1, 64, 16] [1, 1, 1, 1] : tensor<64x16xf16> into tensor<1x1x64x16xf16>
    }
  } {mapping = [#gpu.block<z>, #gpu.block<y>, #gpu.block<x>]}
  return %r : tensor<1x1x64x16xf16>
}

// -----

// A description in text form (the passes carry a typed dictionary).
#map1 = affine_map<(d0, d1) -> (d0, d1)>
// expected-error @+1 {{'func.func' op has a attn.nvgpu.problem that is not a dictionary}}
func.func @k(%q: tensor<1x1x64x16xf16>, %k: tensor<1x1x64x16xf16>, %v: tensor<1x1x64x16xf16>) -> tensor<1x1x64x16xf16> attributes {attn.nvgpu.problem = "attn-kernel-desc 1"} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  %init = tensor.empty() : tensor<1x1x64x16xf16>
  %r = scf.forall (%b, %h, %t) in (1, 1, 1) shared_outs(%out = %init) -> (tensor<1x1x64x16xf16>) {
    %q0 = arith.muli %t, %c64 : index
    %qt = tensor.extract_slice %q[%b, %h, %q0, 0] [1, 1, 64, 16] [1, 1, 1, 1] : tensor<1x1x64x16xf16> to tensor<64x16xf16>
    %ninf = arith.constant 0xFF800000 : f32
    %zero = arith.constant 0.000000e+00 : f32
    %e0 = tensor.empty() : tensor<64xf32>
    %m0 = linalg.fill ins(%ninf : f32) outs(%e0 : tensor<64xf32>) -> tensor<64xf32>
    %l0 = linalg.fill ins(%zero : f32) outs(%e0 : tensor<64xf32>) -> tensor<64xf32>
    %e1 = tensor.empty() : tensor<64x16xf32>
    %a0 = linalg.fill ins(%zero : f32) outs(%e1 : tensor<64x16xf32>) -> tensor<64x16xf32>
    %s:3 = scf.for %j = %c0 to %c1 step %c1 iter_args(%m = %m0, %l = %l0, %a = %a0) -> (tensor<64xf32>, tensor<64xf32>, tensor<64x16xf32>) {
      %k0 = arith.muli %j, %c64 : index
      %kt = tensor.extract_slice %k[%b, %h, %k0, 0] [1, 1, 64, 16] [1, 1, 1, 1] : tensor<1x1x64x16xf16> to tensor<64x16xf16>
      %vt = tensor.extract_slice %v[%b, %h, %k0, 0] [1, 1, 64, 16] [1, 1, 1, 1] : tensor<1x1x64x16xf16> to tensor<64x16xf16>
      %nm, %nl, %na = attn.online_attention ins(%qt, %kt, %vt : tensor<64x16xf16>, tensor<64x16xf16>, tensor<64x16xf16>) state(%m, %l, %a : tensor<64xf32>, tensor<64xf32>, tensor<64x16xf32>) at(%q0, %k0) {p_type = f16, scale = 2.500000e-01 : f64} : tensor<64xf32>, tensor<64xf32>, tensor<64x16xf32>
      scf.yield %nm, %nl, %na : tensor<64xf32>, tensor<64xf32>, tensor<64x16xf32>
    } {attn.key_tiles = "full"}
    %e2 = tensor.empty() : tensor<64x16xf16>
    %o = linalg.generic {indexing_maps = [#map1, #map1], iterator_types = ["parallel", "parallel"]} ins(%s#2 : tensor<64x16xf32>) outs(%e2 : tensor<64x16xf16>) {
    ^bb0(%in: f32, %x: f16):
      %tr = arith.truncf %in : f32 to f16
      linalg.yield %tr : f16
    } -> tensor<64x16xf16>
    scf.forall.in_parallel {
      tensor.parallel_insert_slice %o into %out[%b, %h, %q0, 0] [1, 1, 64, 16] [1, 1, 1, 1] : tensor<64x16xf16> into tensor<1x1x64x16xf16>
    }
  } {mapping = [#gpu.block<z>, #gpu.block<y>, #gpu.block<x>]}
  return %r : tensor<1x1x64x16xf16>
}

// -----

// A description entry missing or of the wrong type.
#map1 = affine_map<(d0, d1) -> (d0, d1)>
// expected-error @+1 {{'func.func' op has an incomplete kernel description: no 'dims' entry}}
func.func @k(%q: tensor<1x1x64x16xf16>, %k: tensor<1x1x64x16xf16>, %v: tensor<1x1x64x16xf16>) -> tensor<1x1x64x16xf16> attributes {attn.nvgpu.problem = {elem = f16, entry = "k", inputs = ["q", "k", "v"], kernel = "k", layout = "bhsd", lse = false, scale = 2.500000e-01 : f64}} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  %init = tensor.empty() : tensor<1x1x64x16xf16>
  %r = scf.forall (%b, %h, %t) in (1, 1, 1) shared_outs(%out = %init) -> (tensor<1x1x64x16xf16>) {
    %q0 = arith.muli %t, %c64 : index
    %qt = tensor.extract_slice %q[%b, %h, %q0, 0] [1, 1, 64, 16] [1, 1, 1, 1] : tensor<1x1x64x16xf16> to tensor<64x16xf16>
    %ninf = arith.constant 0xFF800000 : f32
    %zero = arith.constant 0.000000e+00 : f32
    %e0 = tensor.empty() : tensor<64xf32>
    %m0 = linalg.fill ins(%ninf : f32) outs(%e0 : tensor<64xf32>) -> tensor<64xf32>
    %l0 = linalg.fill ins(%zero : f32) outs(%e0 : tensor<64xf32>) -> tensor<64xf32>
    %e1 = tensor.empty() : tensor<64x16xf32>
    %a0 = linalg.fill ins(%zero : f32) outs(%e1 : tensor<64x16xf32>) -> tensor<64x16xf32>
    %s:3 = scf.for %j = %c0 to %c1 step %c1 iter_args(%m = %m0, %l = %l0, %a = %a0) -> (tensor<64xf32>, tensor<64xf32>, tensor<64x16xf32>) {
      %k0 = arith.muli %j, %c64 : index
      %kt = tensor.extract_slice %k[%b, %h, %k0, 0] [1, 1, 64, 16] [1, 1, 1, 1] : tensor<1x1x64x16xf16> to tensor<64x16xf16>
      %vt = tensor.extract_slice %v[%b, %h, %k0, 0] [1, 1, 64, 16] [1, 1, 1, 1] : tensor<1x1x64x16xf16> to tensor<64x16xf16>
      %nm, %nl, %na = attn.online_attention ins(%qt, %kt, %vt : tensor<64x16xf16>, tensor<64x16xf16>, tensor<64x16xf16>) state(%m, %l, %a : tensor<64xf32>, tensor<64xf32>, tensor<64x16xf32>) at(%q0, %k0) {p_type = f16, scale = 2.500000e-01 : f64} : tensor<64xf32>, tensor<64xf32>, tensor<64x16xf32>
      scf.yield %nm, %nl, %na : tensor<64xf32>, tensor<64xf32>, tensor<64x16xf32>
    } {attn.key_tiles = "full"}
    %e2 = tensor.empty() : tensor<64x16xf16>
    %o = linalg.generic {indexing_maps = [#map1, #map1], iterator_types = ["parallel", "parallel"]} ins(%s#2 : tensor<64x16xf32>) outs(%e2 : tensor<64x16xf16>) {
    ^bb0(%in: f32, %x: f16):
      %tr = arith.truncf %in : f32 to f16
      linalg.yield %tr : f16
    } -> tensor<64x16xf16>
    scf.forall.in_parallel {
      tensor.parallel_insert_slice %o into %out[%b, %h, %q0, 0] [1, 1, 64, 16] [1, 1, 1, 1] : tensor<64x16xf16> into tensor<1x1x64x16xf16>
    }
  } {mapping = [#gpu.block<z>, #gpu.block<y>, #gpu.block<x>]}
  return %r : tensor<1x1x64x16xf16>
}

// -----

#map1 = affine_map<(d0, d1) -> (d0, d1)>
// expected-error @+1 {{'func.func' op has an unreadable kernel description: 'elem' must be f16 or bf16}}
func.func @k(%q: tensor<1x1x64x16xf16>, %k: tensor<1x1x64x16xf16>, %v: tensor<1x1x64x16xf16>) -> tensor<1x1x64x16xf16> attributes {attn.nvgpu.problem = {dims = array<i64: 1, 1, 1, 64, 64, 16, 16>, elem = f32, entry = "k", inputs = ["q", "k", "v"], kernel = "k", layout = "bhsd", lse = false, scale = 2.500000e-01 : f64}} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  %init = tensor.empty() : tensor<1x1x64x16xf16>
  %r = scf.forall (%b, %h, %t) in (1, 1, 1) shared_outs(%out = %init) -> (tensor<1x1x64x16xf16>) {
    %q0 = arith.muli %t, %c64 : index
    %qt = tensor.extract_slice %q[%b, %h, %q0, 0] [1, 1, 64, 16] [1, 1, 1, 1] : tensor<1x1x64x16xf16> to tensor<64x16xf16>
    %ninf = arith.constant 0xFF800000 : f32
    %zero = arith.constant 0.000000e+00 : f32
    %e0 = tensor.empty() : tensor<64xf32>
    %m0 = linalg.fill ins(%ninf : f32) outs(%e0 : tensor<64xf32>) -> tensor<64xf32>
    %l0 = linalg.fill ins(%zero : f32) outs(%e0 : tensor<64xf32>) -> tensor<64xf32>
    %e1 = tensor.empty() : tensor<64x16xf32>
    %a0 = linalg.fill ins(%zero : f32) outs(%e1 : tensor<64x16xf32>) -> tensor<64x16xf32>
    %s:3 = scf.for %j = %c0 to %c1 step %c1 iter_args(%m = %m0, %l = %l0, %a = %a0) -> (tensor<64xf32>, tensor<64xf32>, tensor<64x16xf32>) {
      %k0 = arith.muli %j, %c64 : index
      %kt = tensor.extract_slice %k[%b, %h, %k0, 0] [1, 1, 64, 16] [1, 1, 1, 1] : tensor<1x1x64x16xf16> to tensor<64x16xf16>
      %vt = tensor.extract_slice %v[%b, %h, %k0, 0] [1, 1, 64, 16] [1, 1, 1, 1] : tensor<1x1x64x16xf16> to tensor<64x16xf16>
      %nm, %nl, %na = attn.online_attention ins(%qt, %kt, %vt : tensor<64x16xf16>, tensor<64x16xf16>, tensor<64x16xf16>) state(%m, %l, %a : tensor<64xf32>, tensor<64xf32>, tensor<64x16xf32>) at(%q0, %k0) {p_type = f16, scale = 2.500000e-01 : f64} : tensor<64xf32>, tensor<64xf32>, tensor<64x16xf32>
      scf.yield %nm, %nl, %na : tensor<64xf32>, tensor<64xf32>, tensor<64x16xf32>
    } {attn.key_tiles = "full"}
    %e2 = tensor.empty() : tensor<64x16xf16>
    %o = linalg.generic {indexing_maps = [#map1, #map1], iterator_types = ["parallel", "parallel"]} ins(%s#2 : tensor<64x16xf32>) outs(%e2 : tensor<64x16xf16>) {
    ^bb0(%in: f32, %x: f16):
      %tr = arith.truncf %in : f32 to f16
      linalg.yield %tr : f16
    } -> tensor<64x16xf16>
    scf.forall.in_parallel {
      tensor.parallel_insert_slice %o into %out[%b, %h, %q0, 0] [1, 1, 64, 16] [1, 1, 1, 1] : tensor<64x16xf16> into tensor<1x1x64x16xf16>
    }
  } {mapping = [#gpu.block<z>, #gpu.block<y>, #gpu.block<x>]}
  return %r : tensor<1x1x64x16xf16>
}

// -----

#map1 = affine_map<(d0, d1) -> (d0, d1)>
// expected-error @+1 {{'func.func' op has an unreadable kernel description: 'dims' must hold 7 values}}
func.func @k(%q: tensor<1x1x64x16xf16>, %k: tensor<1x1x64x16xf16>, %v: tensor<1x1x64x16xf16>) -> tensor<1x1x64x16xf16> attributes {attn.nvgpu.problem = {dims = array<i64: 1, 64, 16>, elem = f16, entry = "k", inputs = ["q", "k", "v"], kernel = "k", layout = "bhsd", lse = false, scale = 2.500000e-01 : f64}} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  %init = tensor.empty() : tensor<1x1x64x16xf16>
  %r = scf.forall (%b, %h, %t) in (1, 1, 1) shared_outs(%out = %init) -> (tensor<1x1x64x16xf16>) {
    %q0 = arith.muli %t, %c64 : index
    %qt = tensor.extract_slice %q[%b, %h, %q0, 0] [1, 1, 64, 16] [1, 1, 1, 1] : tensor<1x1x64x16xf16> to tensor<64x16xf16>
    %ninf = arith.constant 0xFF800000 : f32
    %zero = arith.constant 0.000000e+00 : f32
    %e0 = tensor.empty() : tensor<64xf32>
    %m0 = linalg.fill ins(%ninf : f32) outs(%e0 : tensor<64xf32>) -> tensor<64xf32>
    %l0 = linalg.fill ins(%zero : f32) outs(%e0 : tensor<64xf32>) -> tensor<64xf32>
    %e1 = tensor.empty() : tensor<64x16xf32>
    %a0 = linalg.fill ins(%zero : f32) outs(%e1 : tensor<64x16xf32>) -> tensor<64x16xf32>
    %s:3 = scf.for %j = %c0 to %c1 step %c1 iter_args(%m = %m0, %l = %l0, %a = %a0) -> (tensor<64xf32>, tensor<64xf32>, tensor<64x16xf32>) {
      %k0 = arith.muli %j, %c64 : index
      %kt = tensor.extract_slice %k[%b, %h, %k0, 0] [1, 1, 64, 16] [1, 1, 1, 1] : tensor<1x1x64x16xf16> to tensor<64x16xf16>
      %vt = tensor.extract_slice %v[%b, %h, %k0, 0] [1, 1, 64, 16] [1, 1, 1, 1] : tensor<1x1x64x16xf16> to tensor<64x16xf16>
      %nm, %nl, %na = attn.online_attention ins(%qt, %kt, %vt : tensor<64x16xf16>, tensor<64x16xf16>, tensor<64x16xf16>) state(%m, %l, %a : tensor<64xf32>, tensor<64xf32>, tensor<64x16xf32>) at(%q0, %k0) {p_type = f16, scale = 2.500000e-01 : f64} : tensor<64xf32>, tensor<64xf32>, tensor<64x16xf32>
      scf.yield %nm, %nl, %na : tensor<64xf32>, tensor<64xf32>, tensor<64x16xf32>
    } {attn.key_tiles = "full"}
    %e2 = tensor.empty() : tensor<64x16xf16>
    %o = linalg.generic {indexing_maps = [#map1, #map1], iterator_types = ["parallel", "parallel"]} ins(%s#2 : tensor<64x16xf32>) outs(%e2 : tensor<64x16xf16>) {
    ^bb0(%in: f32, %x: f16):
      %tr = arith.truncf %in : f32 to f16
      linalg.yield %tr : f16
    } -> tensor<64x16xf16>
    scf.forall.in_parallel {
      tensor.parallel_insert_slice %o into %out[%b, %h, %q0, 0] [1, 1, 64, 16] [1, 1, 1, 1] : tensor<64x16xf16> into tensor<1x1x64x16xf16>
    }
  } {mapping = [#gpu.block<z>, #gpu.block<y>, #gpu.block<x>]}
  return %r : tensor<1x1x64x16xf16>
}
