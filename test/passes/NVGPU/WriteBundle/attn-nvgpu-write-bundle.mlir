// --attn-nvgpu-write-bundle writes each kernel's binary and description,
// and refuses IR that has not been through --attn-nvgpu-pipeline.
// RUN: rm -rf %t && attn-opt %s --attn-nvgpu-pipeline="format=isa" \
// RUN:   --attn-nvgpu-write-bundle="dir=%t/sub/dir" -o /dev/null
// RUN: FileCheck %s --check-prefix=PTX < %t/sub/dir/wb.ptx
// RUN: FileCheck %s --check-prefix=DESC < %t/sub/dir/wb.kdesc
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
