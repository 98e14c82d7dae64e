//===- Passes.td - NVGPU codegen passes of attn --------------*- tablegen -*-===//
#ifndef ATTN_TARGET_NVGPU_PASSES_TD
#define ATTN_TARGET_NVGPU_PASSES_TD

include "mlir/Pass/PassBase.td"

def AttnNvgpuFuse : Pass<"attn-nvgpu-fuse", "::mlir::ModuleOp"> {
  let summary = "Build the shared fused structure of each attn.attention "
                "entry function with the NVGPU target description";
  let description = [{
    Checks that each func.func whose body is one attn.attention on its
    arguments is one the tensor-core kernel and attn-gpu-run take (f16 or
    bf16, static shapes, head dims multiples of 16 up to 128, any static
    pattern, a block table, mask, bias, ALiBi slopes, softcap, LSE;
    document offsets are an error naming them), records the
    problem part of the kernel description on the function
    (`attn.nvgpu.problem`, a dictionary of typed entries: passes/NVGPU/
    Problem.h), then builds the target-neutral fused structure
    of --attn-fuse with `nvgpuFusedTarget(chip, query-tile)`: 64 (or 128)
    query rows by 64 keys per tile, the
    parallel loop mapped to #gpu.block, row-major K, 16-bit Q and P, short
    tiles passed with their size, no split-KV (docs/nvgpu.md).
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
                          "for sm_90a"))}]>,
    Option<"queryTile", "query-tile", "::mlir::attn::nvgpu::QueryTile",
           "::mlir::attn::nvgpu::QueryTile::automatic",
           "Query rows per thread block (a warp per 16 rows)",
           [{::llvm::cl::values(
               clEnumValN(::mlir::attn::nvgpu::QueryTile::automatic, "auto",
                          "128 for ops without a pattern or block table, "
                          "else 64"),
               clEnumValN(::mlir::attn::nvgpu::QueryTile::rows64, "64",
                          "4 warps; Q, K, V tiles fit 52 KiB at D = 128"),
               clEnumValN(::mlir::attn::nvgpu::QueryTile::rows128, "128",
                          "8 warps; each K/V tile serves twice the rows"))}]>
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::gpu::GPUDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::math::MathDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::tensor::TensorDialect"
  ];
}

def AttnNvgpuKernels : Pass<"attn-nvgpu-kernels", "::mlir::ModuleOp"> {
  let summary = "Turn the fused structure of each entry function into a "
                "tensor-core GPU kernel (gpu.module with nvgpu ops)";
  let description = [{
    Takes the output of --attn-nvgpu-fuse: for every func.func holding the
    shared fused structure (one scf.forall mapped to #gpu.block, with
    `attn.nvgpu.problem`), builds a `gpu.module` holding one kernel whose
    grid is the loop's trip counts: one thread block per (batch, head,
    query tile), a warp per 16 query rows. The loop body is carried over
    op by op, so the key loops, the tile skipping of the pattern (empty
    tiles never visited, full tiles without an element mask) and the GQA
    head mapping are the structure's. Each attn.online_attention step
    becomes its GPU decomposition: K/V tiles copied to shared memory by
    `nvgpu.device_async_copy` (cp.async, rows past a short tile
    zero-filled), Q K^T and P V on `nvgpu.mma.sync` m16n8k16 (f32
    accumulate) with operands read by `nvgpu.ldmatrix`, P kept in the
    score registers (the accumulator fragment of Q K^T is the A fragment
    of P V), the online softmax in registers: row max and sum over the
    four lanes that share a row with `gpu.shuffle xor`, exp2 with log2(e)
    folded into the scale, one rescale per key tile. The score region
    (pattern, softcap) is inlined per fragment element.

    The entry function is replaced by the kernel: the kernel description
    (grid, block, dynamic shared memory, argument order, problem) is
    stored, typed as `attn.nvgpu.problem` is, in the module attribute
    `attn.nvgpu.kernels`; --attn-nvgpu-write-bundle prints it next to the
    cubin. Host launch code is not
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
    `<dir>/<kernel>.kdesc` (the description's text form, printed only
    here), the files attn-gpu-run reads.
  }];
  let options = [
    Option<"dir", "dir", "std::string", "\".\"",
           "Folder the files are written to (created if missing)">
  ];
}

#endif // ATTN_TARGET_NVGPU_PASSES_TD
