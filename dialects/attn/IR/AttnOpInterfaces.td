//===- AttnOpInterfaces.td - attn op interfaces ------------*- tablegen -*-===//
#ifndef ATTN_OP_INTERFACES_TD
#define ATTN_OP_INTERFACES_TD

include "mlir/IR/OpBase.td"

def Attn_AttentionShapeOpInterface : OpInterface<"AttentionShapeOpInterface"> {
  let cppNamespace = "::mlir::attn";
  let description = [{
    The shape of an attention op over query `[B, Hq, Sq, D]`, key
    `[B, Hkv, Skv, D]` and value `[B, Hkv, Skv, Dv]` tensors stored in the
    op's `layout` (bhsd, or bshd: `[B, S, H, X]`); the output has the
    query's shape with Dv last. attn.attention and attn.linear_attention
    implement it, so that passes and the runner read sizes and axes by
    role, in any layout. Sizes are ShapedType::kDynamic when unknown (or
    past an unverified operand's rank).
  }];
  let methods = [
    InterfaceMethod<"The query operand.", "::mlir::Value", "getQuery">,
    InterfaceMethod<"The key operand.", "::mlir::Value", "getKey">,
    InterfaceMethod<"The value operand.", "::mlir::Value", "getValue">,
    InterfaceMethod<"The storage layout (bhsd when the attribute is absent).",
      "::mlir::attn::Layout", "getLayoutOrDefault", (ins), [{}], [{
        if (auto attr = $_op.getLayoutAttr())
          return attr.getValue();
        return ::mlir::attn::Layout::bhsd;
      }]>,
    InterfaceMethod<"The batch axis of Q, K, V and O (0 in every layout).",
      "unsigned", "getBatchAxis", (ins), [{}], [{ return 0; }]>,
    InterfaceMethod<"The head axis of Q, K, V and O.",
      "unsigned", "getHeadAxis", (ins), [{}], [{
        return $_op.getLayoutOrDefault() == ::mlir::attn::Layout::bshd ? 2 : 1;
      }]>,
    InterfaceMethod<"The sequence axis of Q, K, V and O.",
      "unsigned", "getSeqAxis", (ins), [{}], [{
        return $_op.getLayoutOrDefault() == ::mlir::attn::Layout::bshd ? 1 : 2;
      }]>,
    InterfaceMethod<"The head-dim (D or Dv) axis of Q, K, V and O (3).",
      "unsigned", "getHeadDimAxis", (ins), [{}], [{ return 3; }]>,
    InterfaceMethod<"B.", "int64_t", "getBatch", (ins), [{}], [{
        return ::mlir::attn::dimOfValue($_op.getQuery(), $_op.getBatchAxis());
      }]>,
    InterfaceMethod<"Hq.", "int64_t", "getHeadsQ", (ins), [{}], [{
        return ::mlir::attn::dimOfValue($_op.getQuery(), $_op.getHeadAxis());
      }]>,
    InterfaceMethod<"Hkv.", "int64_t", "getHeadsKV", (ins), [{}], [{
        return ::mlir::attn::dimOfValue($_op.getKey(), $_op.getHeadAxis());
      }]>,
    InterfaceMethod<"Sq.", "int64_t", "getSeqQ", (ins), [{}], [{
        return ::mlir::attn::dimOfValue($_op.getQuery(), $_op.getSeqAxis());
      }]>,
    InterfaceMethod<"Skv.", "int64_t", "getSeqKV", (ins), [{}], [{
        return ::mlir::attn::dimOfValue($_op.getKey(), $_op.getSeqAxis());
      }]>,
    InterfaceMethod<"D.", "int64_t", "getHeadDim", (ins), [{}], [{
        return ::mlir::attn::dimOfValue($_op.getQuery(), $_op.getHeadDimAxis());
      }]>,
    InterfaceMethod<"Dv.", "int64_t", "getHeadDimV", (ins), [{}], [{
        return ::mlir::attn::dimOfValue($_op.getValue(), $_op.getHeadDimAxis());
      }]>,
    InterfaceMethod<"`scale` if given, else 1/sqrt(D); failure when D is dynamic.",
      "::mlir::FailureOr<double>", "getEffectiveScale", (ins), [{}], [{
        if (auto s = $_op.getScaleAttr())
          return s.getValueAsDouble();
        int64_t d = $_op.getHeadDim();
        if (::mlir::ShapedType::isDynamic(d))
          return ::mlir::failure();
        return 1.0 / std::sqrt(static_cast<double>(d));
      }]>
  ];
}

def Attn_AttentionDecompositionOpInterface
    : OpInterface<"AttentionDecompositionOpInterface"> {
  let cppNamespace = "::mlir::attn";
  let description = [{
    The online-attention (FlashAttention) decomposition of an attention op,
    for the target the caller describes: the model of IREE's
    AggregatedOpInterface (upstream linalg::AggregatedOpInterface), whose
    `decomposeOperation` takes no target; here the caller passes its
    FusedTargetOptions (tile sizes, split-KV, mapping, key layout, ...),
    so one op decomposes differently for the CPU and the NVGPU target.
    attn.attention gets it as an external model registered from
    passes/Tiling (the dialect does not link the passes): --attn-fuse, the
    CPU and the NVGPU pipelines reach the fused structure only through it.
  }];
  let methods = [
    InterfaceMethod<[{
        Builds the fused structure of the op at the builder's insertion
        point and returns the values that replace its results (the caller
        replaces and erases the op); failure (with a diagnostic) when the
        op cannot take the fused form.
      }],
      "::mlir::FailureOr<::llvm::SmallVector<::mlir::Value>>",
      "decomposeOperation",
      (ins "::mlir::OpBuilder &":$b,
           "const ::mlir::attn::FusedTargetOptions &":$target)>
  ];
}

#endif // ATTN_OP_INTERFACES_TD
