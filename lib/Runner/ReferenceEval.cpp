//===- ReferenceEval.cpp - evaluate an entry function in float64 ----------===//
//
// Maps attn ops with static shapes onto the MLIR-free reference evaluator.
// Nothing here looks at a lowering: the check compares compiled code
// against the documented semantics only.
//
//===----------------------------------------------------------------------===//
#include "attn/IR/AttentionClauses.h"
#include "attn/IR/AttnOps.h"
#include "attn/Reference/BlockOps.h"
#include "attn/Runner/Runner.h"

#include "mlir/Dialect/Arith/IR/Arith.h"

#include "llvm/ADT/DenseMap.h"

#include <cmath>

using namespace mlir;
using namespace mlir::attn;

int64_t TensorDesc::numElements() const {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}

FailureOr<TensorDesc> mlir::attn::describeTensor(Type t, std::string &why,
                                                 bool allowDynamic) {
  auto rt = dyn_cast<RankedTensorType>(t);
  std::string str;
  llvm::raw_string_ostream os(str);
  os << t;
  if (!rt) {
    why = "unsupported type " + str + " (expected a ranked tensor)";
    return failure();
  }
  if (!rt.hasStaticShape() && !allowDynamic) {
    why = "tensor " + str + " has a dynamic shape; attn-run needs static shapes";
    return failure();
  }
  TensorDesc d;
  Type e = rt.getElementType();
  if (e.isF32())
    d.type = ref::ElemType::F32;
  else if (e.isF16())
    d.type = ref::ElemType::F16;
  else if (e.isBF16())
    d.type = ref::ElemType::BF16;
  else if (e.isF64())
    d.type = ref::ElemType::F64;
  else if (e.isInteger(1))
    d.type = ref::ElemType::I1;
  else if (e.isInteger(32))
    d.type = ref::ElemType::I32;
  else if (e.isInteger(64))
    d.type = ref::ElemType::I64;
  else {
    why = "unsupported element type in " + str +
          " (expected f32, f16, bf16, f64, i1, i32 or i64)";
    return failure();
  }
  d.shape.assign(rt.getShape().begin(), rt.getShape().end());
  // Guard the host allocation against absurd static shapes.
  int64_t n = 1;
  for (int64_t s : d.shape) {
    if (ShapedType::isDynamic(s))
      continue; // sized by the caller's buffers
    if (s != 0 && n > (int64_t(1) << 40) / s) {
      why = "tensor " + str + " is too large to allocate";
      return failure();
    }
    n *= s;
  }
  return d;
}

/// Rounds `v` in place to what element type `t` can hold, as the compiled
/// code stores results before a later op reads them.
static void roundTo(Type t, std::vector<double> &v) {
  Type e = cast<RankedTensorType>(t).getElementType();
  for (double &x : v) {
    if (e.isF32())
      x = static_cast<float>(x);
    else if (e.isF16())
      x = ref::halfToFloat(ref::floatToHalf(static_cast<float>(x)));
    else if (e.isBF16())
      x = ref::bf16ToFloat(ref::floatToBF16(static_cast<float>(x)));
  }
}

/// attn.block_score / attn.block_select on values in `env` (their work is
/// not counted in the flops).
static LogicalResult
evaluateBlockOp(Operation *opPtr,
                llvm::DenseMap<Value, const std::vector<double> *> &env,
                std::vector<std::unique_ptr<std::vector<double>>> &storage,
                std::string &why, bool flopsOnly) {
  auto get = [&](Value v) -> const double * {
    auto it = env.find(v);
    return it == env.end() ? nullptr : it->second->data();
  };
  auto keep = [&](Value v, std::vector<double> &&vals) {
    auto p = std::make_unique<std::vector<double>>(std::move(vals));
    roundTo(v.getType(), *p);
    env[v] = p.get();
    storage.push_back(std::move(p));
  };
  if (auto op = dyn_cast<BlockScoreOp>(opPtr)) {
    auto qT = cast<RankedTensorType>(op.getQuery().getType());
    auto kT = cast<RankedTensorType>(op.getKey().getType());
    ref::BlockScoreSpec s;
    s.batch = qT.getDimSize(0);
    s.headsQ = qT.getDimSize(1);
    s.seqQ = qT.getDimSize(2);
    s.headDim = qT.getDimSize(3);
    s.headsKV = kT.getDimSize(1);
    s.seqKV = kT.getDimSize(2);
    s.blockQ = op.getBlockSize().getQuery();
    s.blockK = op.getBlockSize().getKey();
    s.stride = op.getEffectiveStride();
    s.scale = op.getScaleAttr() ? op.getScaleAttr().getValueAsDouble()
                                : 1.0 / std::sqrt(double(s.headDim));
    s.causal = op.getCausal();
    std::vector<double> out;
    if (!flopsOnly) {
      const double *q = get(op.getQuery()), *k = get(op.getKey());
      if (!q || !k) {
        why = "the operands of attn.block_score must be arguments or earlier "
              "results";
        return failure();
      }
      ref::blockScore(s, q, k, out);
    } else {
      out.assign(cast<RankedTensorType>(op.getType()).getNumElements(), 0.0);
    }
    keep(op.getScores(), std::move(out));
    return success();
  }
  if (auto op = dyn_cast<BlockMaskOp>(opPtr)) {
    auto rpT = cast<RankedTensorType>(op.getRowPtr().getType());
    ref::BlockMaskSpec s;
    s.batch = rpT.getDimSize(0);
    s.tables = rpT.getDimSize(1);
    s.headsPerTable = op.getHeadsPerTable();
    s.seqQ = op.getSeqQ();
    s.seqKV = op.getSeqKv();
    s.blockQ = op.getBlockSize().getQuery();
    s.blockK = op.getBlockSize().getKey();
    FailureOr<ref::ModProgram> mask =
        modProgramOf(op.getMaskMod(), 0, get, why);
    if (failed(mask))
      return failure();
    std::vector<double> rp, cols, full;
    ref::blockMask(s, *mask, rp, cols, full);
    if (!mask->error.empty()) {
      why = "the reference cannot evaluate attn.block_mask: " + mask->error;
      return failure();
    }
    keep(op.getRowPtr(), std::move(rp));
    keep(op.getCols(), std::move(cols));
    keep(op.getFull(), std::move(full));
    return success();
  }
  auto op = cast<BlockSelectOp>(opPtr);
  auto sT = cast<RankedTensorType>(op.getScores().getType());
  ref::BlockSelectSpec s;
  s.batch = sT.getDimSize(0);
  s.heads = sT.getDimSize(1);
  s.rows = sT.getDimSize(2);
  s.cols = sT.getDimSize(3);
  if (op.getTopKAttr())
    s.topK = *op.getTopK();
  if (op.getThresholdAttr())
    s.threshold = op.getThresholdAttr().getValueAsDouble();
  s.keepDiagonal = op.getKeepDiagonal();
  s.keepSink = op.getKeepSink();
  s.local = op.getLocal();
  const double *scores = get(op.getScores());
  if (!scores) {
    why = "the scores of attn.block_select must be an argument or an earlier "
          "result";
    return failure();
  }
  std::vector<double> rp, cols;
  ref::blockSelect(s, scores, rp, cols);
  keep(op.getRowPtr(), std::move(rp));
  keep(op.getCols(), std::move(cols));
  return success();
}

/// `spec` (from specFromOp) completed with the clauses' data operands.
static FailureOr<ref::AttentionSpec>
withOperands(FailureOr<ref::AttentionSpec> spec, const AttentionClauses &c,
             function_ref<const double *(Value)> lookup, std::string &why) {
  if (failed(spec))
    return failure();
  if (c.blockRowPtr) {
    const double *rp = lookup(c.blockRowPtr);
    const double *cols = lookup(c.blockCols);
    const double *full = lookup(c.blockFull);
    if (!rp || !cols || (c.blockFull && !full)) {
      why = "the block table of attn.attention must be function arguments "
            "or earlier results";
      return failure();
    }
    auto count = [](Value v) {
      return cast<RankedTensorType>(v.getType()).getNumElements();
    };
    spec->hasBlockTable = true;
    spec->rowPtr.assign(rp, rp + count(c.blockRowPtr));
    spec->cols.assign(cols, cols + count(c.blockCols));
    if (full)
      for (int64_t n = 0, e = count(c.blockFull); n < e; ++n)
        spec->full.push_back(full[n] != 0.0);
    std::string invalid = ref::validate(*spec);
    if (!invalid.empty()) {
      why = "reference spec rejected: " + invalid;
      return failure();
    }
  }
  if (Value offs = c.docOffsets) {
    const double *o = lookup(offs);
    if (!o) {
      why = "the document offsets of attn.attention must be a function "
            "argument or an earlier result";
      return failure();
    }
    int64_t n = cast<RankedTensorType>(offs.getType()).getDimSize(0);
    spec->docOffsets.assign(o, o + n);
    std::string invalid = ref::validate(*spec);
    if (!invalid.empty()) {
      why = "reference spec rejected: " + invalid;
      return failure();
    }
  }
  return spec;
}

FailureOr<ref::AttentionSpec>
mlir::attn::specWithOperands(AttentionOp op,
                             function_ref<const double *(Value)> lookup,
                             std::string &why) {
  FailureOr<ref::AttentionSpec> spec =
      withOperands(specFromOp(op, why), AttentionClauses::of(op), lookup, why);
  if (failed(spec))
    return failure();
  // The regions, with the tables they capture.
  if (op.hasScoreMod()) {
    FailureOr<ref::ModProgram> p = modProgramOf(op.getScoreMod(), 1, lookup,
                                                why);
    if (failed(p))
      return failure();
    spec->scoreMod = std::move(*p);
  }
  if (op.hasMaskMod()) {
    FailureOr<ref::ModProgram> p = modProgramOf(op.getMaskMod(), 0, lookup,
                                                why);
    if (failed(p))
      return failure();
    spec->maskMod = std::move(*p);
  }
  return spec;
}

FailureOr<ref::AttentionSpec>
mlir::attn::specWithOperands(AttentionGradOp op,
                             function_ref<const double *(Value)> lookup,
                             std::string &why) {
  return withOperands(specFromOp(op, why), AttentionClauses::of(op), lookup,
                      why);
}

/// The mask operand's values as the reference reads them (one byte per
/// element), empty when absent or unknown.
static std::vector<uint8_t> maskBytes(const double *m,
                                      const ref::AttentionSpec &spec) {
  std::vector<uint8_t> mask;
  if (m) {
    mask.resize(ref::maskElements(spec));
    for (size_t i = 0; i < mask.size(); ++i)
      mask[i] = m[i] != 0.0;
  }
  return mask;
}

/// attn.attention_grad: dQ, dK, dV from ref::attentionBackward. Its work is
/// counted as 2.5 times the forward's (five products of the forward's
/// sizes against two: S, dP, dV, dQ, dK against S, O).
static LogicalResult
evaluateGradOp(AttentionGradOp op,
               llvm::DenseMap<Value, const std::vector<double> *> &env,
               std::vector<std::unique_ptr<std::vector<double>>> &storage,
               function_ref<const double *(Value)> lookup, uint64_t &flops,
               std::string &why, bool flopsOnly) {
  FailureOr<ref::AttentionSpec> spec = specWithOperands(op, lookup, why);
  if (failed(spec))
    return failure();
  if (flopsOnly && op.getMask() && !isa<BlockArgument>(op.getMask())) {
    why = "the work of an op whose mask is computed is not counted";
    return failure();
  }
  std::vector<uint8_t> mask = maskBytes(lookup(op.getMask()), *spec);
  const uint8_t *maskPtr = mask.empty() ? nullptr : mask.data();
  flops += ref::attentionFlops(*spec, maskPtr) * 5 / 2;
  if (flopsOnly)
    return success();
  for (Value v : op->getOperands())
    if (!env.count(v)) {
      why = "an operand of attn.attention_grad is not an argument or an "
            "earlier attn result";
      return failure();
    }
  auto dq = std::make_unique<std::vector<double>>(ref::queryElements(*spec));
  auto dk = std::make_unique<std::vector<double>>(ref::keyElements(*spec));
  auto dv = std::make_unique<std::vector<double>>(ref::valueElements(*spec));
  ref::attentionBackward(
      *spec, lookup(op.getQuery()), lookup(op.getKey()), lookup(op.getValue()),
      lookup(op.getOutput()), lookup(op.getLse()), lookup(op.getGradOutput()),
      maskPtr, lookup(op.getBias()), lookup(op.getAlibiSlopes()), dq->data(),
      dk->data(), dv->data());
  for (auto [result, values] :
       llvm::zip(op->getResults(), std::array<std::vector<double> *, 3>{
                                       dq.get(), dk.get(), dv.get()})) {
    if (llvm::any_of(result.getUsers(),
                     [](Operation *u) { return !isa<func::ReturnOp>(u); }))
      roundTo(result.getType(), *values);
    env[result] = values;
  }
  storage.push_back(std::move(dq));
  storage.push_back(std::move(dk));
  storage.push_back(std::move(dv));
  return success();
}

LogicalResult mlir::attn::evaluateReference(
    func::FuncOp entry, const std::vector<std::vector<double>> &args,
    std::vector<std::vector<double>> &results, uint64_t &flops,
    std::string &why, bool flopsOnly, bool linearAsSoftmax) {
  llvm::DenseMap<Value, const std::vector<double> *> env;
  std::vector<std::unique_ptr<std::vector<double>>> storage;
  for (auto [i, a] : llvm::enumerate(entry.getArguments()))
    env[a] = &args[i];
  flops = 0;
  auto lookup = [&](Value v) -> const double * {
    if (!v)
      return nullptr;
    auto it = env.find(v);
    return it == env.end() ? nullptr : it->second->data();
  };

  for (Operation &opRef : entry.getBody().front()) {
    if (auto ret = dyn_cast<func::ReturnOp>(opRef)) {
      results.clear();
      if (flopsOnly)
        return success();
      for (Value v : ret.getOperands()) {
        auto it = env.find(v);
        if (it == env.end()) {
          why = "a returned value is not produced by an attn op or argument";
          return failure();
        }
        results.push_back(*it->second);
      }
      return success();
    }
    // A later op reads what the compiled code stored, not float64 values.
    auto readByOp = [](Value v) {
      return llvm::any_of(v.getUsers(),
                          [](Operation *u) { return !isa<func::ReturnOp>(u); });
    };
    // Dense constants are operands like arguments: float ones (e.g. the
    // favor projection --attn-linearize creates), integer and boolean ones
    // (block tables, document offsets).
    if (auto cst = dyn_cast<arith::ConstantOp>(opRef)) {
      auto fdense = dyn_cast<DenseFPElementsAttr>(cst.getValue());
      auto idense = dyn_cast<DenseIntElementsAttr>(cst.getValue());
      if ((fdense || idense) && isa<RankedTensorType>(cst.getType())) {
        auto vals = std::make_unique<std::vector<double>>();
        if (fdense) {
          for (APFloat f : fdense.getValues<APFloat>())
            vals->push_back(f.convertToDouble());
        } else {
          bool isBool = idense.getElementType().isInteger(1);
          for (APInt v : idense.getValues<APInt>())
            vals->push_back(isBool ? double(v.getBoolValue())
                                   : double(v.getSExtValue()));
        }
        env[cst.getResult()] = vals.get();
        storage.push_back(std::move(vals));
        continue;
      }
      // Index constants: query_rows(...), which the spec reads itself.
      if (cst.getType().isIndex())
        continue;
    }
    if (auto lin = dyn_cast<LinearAttentionOp>(opRef)) {
      FailureOr<ref::LinearAttentionSpec> spec = linearSpecFromOp(lin, why);
      if (failed(spec))
        return failure();
      if (flopsOnly) {
        flops += linearFlops(lin, *spec);
        continue;
      }
      for (Value v : lin->getOperands())
        if (!env.count(v)) {
          why = "an operand of attn.linear_attention is not an argument or an "
                "earlier attn result";
          return failure();
        }
      auto out = std::make_unique<std::vector<double>>(evaluateLinearOp(
          lin, *spec, lookup(lin.getQuery()), lookup(lin.getKey()),
          lookup(lin.getValue()), lookup(lin.getProjection()), linearAsSoftmax,
          flops));
      if (readByOp(lin.getOutput()))
        roundTo(lin.getOutput().getType(), *out);
      env[lin.getOutput()] = out.get();
      storage.push_back(std::move(out));
      continue;
    }
    if (isa<BlockScoreOp, BlockSelectOp, BlockMaskOp>(opRef)) {
      // The work of attention fed by a computed table depends on values a
      // flops-only run does not compute.
      if (flopsOnly) {
        why = "the work of a function with attn.block_score/block_select is "
              "only counted with --check";
        return failure();
      }
      if (failed(evaluateBlockOp(&opRef, env, storage, why, flopsOnly)))
        return failure();
      continue;
    }
    if (auto grad = dyn_cast<AttentionGradOp>(opRef)) {
      if (failed(evaluateGradOp(grad, env, storage, lookup, flops, why,
                                flopsOnly)))
        return failure();
      continue;
    }
    auto op = dyn_cast<AttentionOp>(opRef);
    if (!op) {
      why = "the reference evaluator cannot evaluate '" +
            opRef.getName().getStringRef().str() + "'";
      return failure();
    }
    FailureOr<ref::AttentionSpec> spec = specWithOperands(op, lookup, why);
    if (failed(spec))
      return failure();
    for (Value v : op->getOperands())
      if (!env.count(v) && !flopsOnly && !v.getType().isIndex()) {
        why = "an operand of attn.attention is not an argument or an earlier "
              "attn result";
        return failure();
      }
    // Masks are stored one byte per element.
    std::vector<uint8_t> mask = maskBytes(lookup(op.getMask()), *spec);
    const uint8_t *maskPtr = mask.empty() ? nullptr : mask.data();
    // Counting work needs the masks, which a flops-only run can read only
    // when they are arguments; results of earlier ops are not computed.
    if (flopsOnly && op.getMask() && !isa<BlockArgument>(op.getMask())) {
      why = "the work of an op whose mask is computed is not counted";
      return failure();
    }
    if (flopsOnly) {
      flops += ref::attentionFlops(*spec, maskPtr);
      continue;
    }
    auto out = std::make_unique<std::vector<double>>(
        ref::outputElements(*spec));
    std::unique_ptr<std::vector<double>> lse;
    if (spec->withLse)
      lse = std::make_unique<std::vector<double>>(ref::lseElements(*spec));
    ref::attentionForward(*spec, lookup(op.getQuery()), lookup(op.getKey()),
                          lookup(op.getValue()), maskPtr,
                          lookup(op.getBias()), lookup(op.getAlibiSlopes()),
                          out->data(), lse ? lse->data() : nullptr);
    flops += ref::attentionFlops(*spec, maskPtr);
    for (const ref::ModProgram *p : {&spec->scoreMod, &spec->maskMod})
      if (!p->error.empty()) {
        why = "the reference cannot evaluate the op: " + p->error;
        return failure();
      }
    if (readByOp(op.getOutput()))
      roundTo(op.getOutput().getType(), *out);
    if (lse && readByOp(op.getLse()))
      roundTo(op.getLse().getType(), *lse);
    env[op.getOutput()] = out.get();
    storage.push_back(std::move(out));
    if (lse) {
      env[op.getLse()] = lse.get();
      storage.push_back(std::move(lse));
    }
  }
  why = "the entry function has no func.return";
  return failure();
}
