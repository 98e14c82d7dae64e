//===- Passes.td - NVGPU codegen passes of attn --------------*- tablegen -*-===//
#ifndef ATTN_TARGET_NVGPU_PASSES_TD
#define ATTN_TARGET_NVGPU_PASSES_TD

include "mlir/Pass/PassBase.td"

def AttnNvgpuKernels : Pass<"attn-nvgpu-kernels", "::mlir::ModuleOp"> {
  let summary = "Turn each attn.attention entry function into a tensor-core "
                "GPU kernel (gpu.module with nvgpu ops)";
  let description = [{
    For every func.func whose body is one attn.attention (f16 or bf16,
    static shapes) on its arguments, builds a `gpu.module` holding one
    kernel: one thread block per (batch, head, query tile of 64 rows),
    four warps each owning 16 query rows. Q K^T and P V run on
    `nvgpu.mma.sync` m16n8k16 (f32 accumulate) with operands read from
    shared memory by `nvgpu.ldmatrix`; K/V tiles of 64 keys arrive by
    `nvgpu.device_async_copy` (cp.async) into two buffers so the next tile
    loads while the current one is used. P stays in the score registers
    (the accumulator fragment of Q K^T is the A fragment of P V). The
    online softmax runs in registers: row max with two `gpu.shuffle xor`
    steps across the four lanes that share a row, exp2 with log2(e) folded
    into the scale, one rescale per key tile, the row sum reduced once at
    the end.

    Key tiles no query row of the block can see are never visited (loop
    bounds from the causal / sliding-window pattern); tiles every row sees
    whole run a step without any element mask; only the others mask.

    The entry function is replaced by the kernel: the kernel description
    (grid, block, dynamic shared memory, argument order, problem) is
    stored in the module attribute `attn.nvgpu.kernels` and written next
    to the cubin by --attn-nvgpu-write-bundle. Host launch code is not
    generated: attn-gpu-run launches the kernels.
  }];
  let options = [
    Option<"chip", "chip", "::mlir::attn::nvgpu::Chip",
           "::mlir::attn::nvgpu::Chip::sm_80",
           "GPU architecture the kernels are built for",
           [{::llvm::cl::values(
               clEnumValN(::mlir::attn::nvgpu::Chip::sm_80, "sm_80",
                          "Ampere (A100): mma.sync, ldmatrix, cp.async"),
               clEnumValN(::mlir::attn::nvgpu::Chip::sm_90a, "sm_90a",
                          "Hopper (H100/H200): the sm_80 kernel, built "
                          "for sm_90a"))}]>
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::gpu::GPUDialect",
    "::mlir::LLVM::LLVMDialect",
    "::mlir::math::MathDialect",
    "::mlir::memref::MemRefDialect",
    "::mlir::NVVM::NVVMDialect",
    "::mlir::nvgpu::NVGPUDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::vector::VectorDialect"
  ];
}

def AttnNvgpuWriteBundle : Pass<"attn-nvgpu-write-bundle", "::mlir::ModuleOp"> {
  let summary = "Write each kernel's binary and description into a folder";
  let description = [{
    After --attn-nvgpu-pipeline: for each kernel described in the module
    attribute `attn.nvgpu.kernels`, writes `<dir>/<kernel>.cubin` (or
    `.ptx` when the gpu.binary holds PTX text, format=isa) and
    `<dir>/<kernel>.kdesc`, the files attn-gpu-run reads.
  }];
  let options = [
    Option<"dir", "dir", "std::string", "\".\"",
           "Folder the files are written to (created if missing)">
  ];
}

#endif // ATTN_TARGET_NVGPU_PASSES_TD
