// --attn-nvgpu-write-bundle writes each kernel's binary and description,
// and refuses IR that has not been through --attn-nvgpu-pipeline.
// RUN: rm -rf %t && attn-opt %s --attn-nvgpu-pipeline="format=isa" \
// RUN:   --attn-nvgpu-write-bundle="dir=%t/sub/dir" -o /dev/null
// RUN: FileCheck %s --check-prefix=PTX < %t/sub/dir/wb.ptx
// RUN: FileCheck %s --check-prefix=DESC < %t/sub/dir/wb.kdesc
// RUN: FileCheck %s --check-prefix=PATTERN < %t/sub/dir/wb_pattern.kdesc
// RUN: not attn-opt %s --attn-nvgpu-write-bundle="dir=%t" 2>&1 | FileCheck %s --check-prefix=ERR
// RUN: not attn-opt %s --attn-nvgpu-fuse --attn-nvgpu-kernels --attn-nvgpu-write-bundle="dir=%t" 2>&1 \
// RUN:   | FileCheck %s --check-prefix=NOBIN
// RUN: touch %t/file
// RUN: not attn-opt %s --attn-nvgpu-pipeline="format=isa" \
// RUN:   --attn-nvgpu-write-bundle="dir=%t/file" 2>&1 | FileCheck %s --check-prefix=NODIR

// PTX: .visible .entry wb(
// DESC: attn-kernel-desc 1
// DESC: kernel wb
// DESC: dims 1 1 1 64 64 64 64
// The typed description's pattern, operands and softcap in the text form
// attn-gpu-run reads (lib/GpuRuntime/KernelDesc.cpp).
// PATTERN:      attn-kernel-desc 1
// PATTERN-NEXT: kernel wb_pattern
// PATTERN-NEXT: entry wb_pattern
// PATTERN-NEXT: chip sm_80
// PATTERN-NEXT: grid 3 1 1
// PATTERN-NEXT: block 128 1 1
// PATTERN-NEXT: smem 46080
// PATTERN-NEXT: elem bf16
// PATTERN-NEXT: dims 1 1 1 192 192 64 64
// PATTERN-NEXT: layout bhsd
// PATTERN-NEXT: scale 0.25
// PATTERN-NEXT: pattern union 2 block_layout 64 64 3 3 100001101 intersect 2 sliding_window 5 0 tl dilated_window 2 1 3 br
// PATTERN-NEXT: operand mask i1 1 1 192 192
// PATTERN-NEXT: lse 1
// PATTERN-NEXT: softcap 30
// PATTERN-NEXT: inputs q k v mask
// PATTERN-NEXT: args q k v mask o lse
// PATTERN-EMPTY:
// ERR: error: no attn.nvgpu.kernels attribute: run --attn-nvgpu-pipeline first
// NOBIN: error: kernel 'wb' has no gpu.binary: run --attn-nvgpu-pipeline first
// NODIR: error: cannot {{create|write}} {{.*}}file

func.func @wb(%q: tensor<1x1x64x64xf16>, %k: tensor<1x1x64x64xf16>,
              %v: tensor<1x1x64x64xf16>) -> tensor<1x1x64x64xf16> {
  %o = attn.attention %q, %k, %v
      : tensor<1x1x64x64xf16>, tensor<1x1x64x64xf16>, tensor<1x1x64x64xf16>
      -> tensor<1x1x64x64xf16>
  return %o : tensor<1x1x64x64xf16>
}

func.func @wb_pattern(%q: tensor<1x1x192x64xbf16>, %k: tensor<1x1x192x64xbf16>,
                      %v: tensor<1x1x192x64xbf16>, %m: tensor<1x1x192x192xi1>)
    -> (tensor<1x1x192x64xbf16>, tensor<1x1x192xf32>) {
  %o, %lse = attn.attention %q, %k, %v mask(%m : tensor<1x1x192x192xi1>)
      {scale = 0.25 : f64, softcap = 30.0 : f64,
       sparsity = #attn.union<[#attn.block_layout<block = 64x64, [[1, 0, 0], [0, 0, 1], [1, 0, 1]]>,
                               #attn.intersect<[#attn.sliding_window<left = 5, right = 0, align = top_left>,
                                                #attn.dilated_window<left = 2, right = 1, dilation = 3>]>]>}
      : tensor<1x1x192x64xbf16>, tensor<1x1x192x64xbf16>, tensor<1x1x192x64xbf16>
      -> tensor<1x1x192x64xbf16>, tensor<1x1x192xf32>
  return %o, %lse : tensor<1x1x192x64xbf16>, tensor<1x1x192xf32>
}
