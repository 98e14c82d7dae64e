//===- Inputs.cpp - attn-run's tensors: descriptions and seeded inputs ----===//
#include "Inputs.h"
#include "Options.h"

#include "attn/IR/AttnOps.h"
#include "attn/Reference/Attention.h"
#include "attn/Reference/LinearAttention.h"

#include "llvm/ADT/DenseMap.h"

using namespace mlir;
using namespace attn_run;
namespace ref = ::attn::ref;

/// Skv of the first attn.attention that reads `arg` as its document
/// offsets, or -1.
static int64_t docOffsetsTotal(Value arg) {
  for (Operation *user : arg.getUsers())
    if (auto op = dyn_cast<mlir::attn::AttentionOp>(user))
      if (op.getDocOffsets() == arg)
        return op.getSeqKV();
  return -1;
}


/// Describes the entry's arguments and results; refuses a run that cannot
/// fit before anything is allocated.
LogicalResult attn_run::describeRun(func::FuncOp entry, RunData &d, std::string &why) {
  auto err = [&](const llvm::Twine &msg) {
    why = msg.str();
    return failure();
  };
  auto &inDescs = d.inDescs;
  auto &outDescs = d.outDescs;
  for (Type t : entry.getArgumentTypes()) {
    auto d = mlir::attn::describeTensor(t, why);
    if (failed(d))
      return err("argument: " + why);
    inDescs.push_back(*d);
  }
  for (Type t : entry.getResultTypes()) {
    auto d = mlir::attn::describeTensor(t, why);
    if (failed(d))
      return err("result: " + why);
    outDescs.push_back(*d);
  }
  // Refuse a run that cannot fit before allocating anything.
  uint64_t need = mlir::attn::estimateRunBytes(
      entry, inDescs, outDescs, opt.check || !opt.compare.empty(),
      opt.pipelineName == "unfused");
  uint64_t avail = mlir::attn::availableBytes();
  if (need > avail)
    return err("out of memory: the run needs about " +
               std::to_string(need >> 20) + " MiB, more than the " +
               std::to_string(avail >> 20) + " MiB this process can get");
  return success();
}

/// Block tables: generated jointly (row pointers, columns, full flags) for
/// the ops that read them from arguments.
static void generateBlockTables(func::FuncOp entry, RunData &d) {
  auto &inputs = d.inputs;
  auto &inputValues = d.inputValues;
  ref::Rng tableRng(ref::blockTableSeed(opt.seed));
  entry.walk([&](mlir::attn::AttentionOp op) {
    auto rp = dyn_cast_or_null<BlockArgument>(op.getBlockRowPtr());
    auto cols = dyn_cast_or_null<BlockArgument>(op.getBlockCols());
    auto full = dyn_cast_or_null<BlockArgument>(op.getBlockFull());
    if (!rp || !cols || rp.getOwner() != &entry.front())
      return;
    auto rpT = cast<RankedTensorType>(rp.getType());
    auto cT = cast<RankedTensorType>(cols.getType());
    int64_t bk = op.getBlockSizeAttr().getKey();
    std::vector<double> r, c, f;
    std::vector<uint8_t> rb, cb, fb;
    ref::generateBlockTable(rpT.getDimSize(0) * rpT.getDimSize(1),
                            rpT.getDimSize(2) - 1, cT.getDimSize(2),
                            (op.getSeqKV() + bk - 1) / bk, opt.tableDensity,
                            tableRng, r, c, f, rb, cb, fb);
    unsigned ri = rp.getArgNumber(), ci = cols.getArgNumber();
    inputValues[ri] = r, inputs[ri].bytes = rb;
    inputValues[ci] = c, inputs[ci].bytes = cb;
    if (full && full.getOwner() == &entry.front()) {
      inputValues[full.getArgNumber()] = f;
      inputs[full.getArgNumber()].bytes = fb;
    }
  });
}

/// Seeded inputs (valid document offsets, FAVOR+ random features, block
/// tables), then --input files and --set overrides; zeroed outputs.
LogicalResult attn_run::generateInputs(func::FuncOp entry, RunData &d,
                             std::string &why) {
  auto err = [&](const llvm::Twine &msg) {
    why = msg.str();
    return failure();
  };
  auto &inDescs = d.inDescs;
  auto &outDescs = d.outDescs;
  auto &inputs = d.inputs;
  auto &inputValues = d.inputValues;
  inputs.resize(inDescs.size());
  inputValues.resize(inDescs.size());
  SmallVector<mlir::attn::ArgUse> uses = mlir::attn::argumentUses(entry);
  ref::Rng rng(opt.seed);
  // favor projections get FAVOR+ random features, not uniform noise.
  llvm::DenseMap<unsigned, std::pair<int64_t, int64_t>> favorArgs;
  for (auto [arg, dm] : mlir::attn::favorProjectionArguments(entry))
    favorArgs[arg] = dm;
  for (size_t i = 0; i < inDescs.size(); ++i) {
    inputs[i].desc = inDescs[i];
    // float64 copies are needed by the reference (--check) and, for masks,
    // by the flop count; otherwise generate in chunks and keep only the
    // storage, so that peak memory reflects the compiled code's needs.
    bool keepValues = opt.check || !opt.compare.empty() ||
                      inDescs[i].type == ref::ElemType::I1 ||
                      inDescs[i].type == ref::ElemType::I32 ||
                      inDescs[i].type == ref::ElemType::I64;
    // Arguments used as document offsets get valid (sorted) offsets.
    if (int64_t total = docOffsetsTotal(entry.getArgument(i)); total >= 0) {
      std::vector<uint8_t> bytes;
      ref::generateOffsets(inDescs[i].type, inDescs[i].numElements(), total,
                           rng, inputValues[i], bytes);
      inputs[i].bytes = std::move(bytes);
      continue;
    }
    if (auto it = favorArgs.find(i);
        it != favorArgs.end() && inDescs[i].type == ref::ElemType::F32) {
      std::vector<double> w = ref::favorProjection(
          it->second.first, it->second.second, opt.seed * 1000003u + i);
      inputs[i].bytes.resize(w.size() * 4);
      for (size_t e = 0; e < w.size(); ++e) {
        float f = float(w[e]);
        w[e] = f; // the reference sees the stored f32 values
        std::memcpy(inputs[i].bytes.data() + 4 * e, &f, 4);
      }
      inputValues[i] = std::move(w);
      continue;
    }
    int64_t n = inDescs[i].numElements();
    ref::ElemType et = inDescs[i].type;
    bool isFloat = et == ref::ElemType::F32 || et == ref::ElemType::F16 ||
                   et == ref::ElemType::BF16 || et == ref::ElemType::F64;
    if (isFloat && opt.distribution.kind != mlir::attn::InputDistribution::Uniform) {
      mlir::attn::drawInput(opt.distribution, uses[i], inDescs[i], rng,
                            inputValues[i]);
      ref::encode(et, inputValues[i], inputs[i].bytes);
      if (!keepValues)
        inputValues[i] = {};
      continue;
    }
    int64_t chunk = keepValues ? n : int64_t(1) << 16;
    std::vector<double> values;
    std::vector<uint8_t> bytes;
    inputs[i].bytes.reserve(n * ref::storageBytes(inDescs[i].type));
    for (int64_t done = 0; done < n; done += chunk) {
      int64_t m = std::min(chunk, n - done);
      ref::generateDefault(inDescs[i].type, m, rng, values, bytes);
      inputs[i].bytes.insert(inputs[i].bytes.end(), bytes.begin(), bytes.end());
      if (keepValues)
        inputValues[i].insert(inputValues[i].end(), values.begin(),
                              values.end());
    }
  }
  generateBlockTables(entry, d);
  if (failed(mlir::attn::loadInputs(opt.inputs, inputs, inputValues, why)))
    return err(why);
  for (const mlir::attn::InputOverride &o : opt.overrides) {
    if (o.arg >= inDescs.size() || o.index >= inDescs[o.arg].numElements())
      return err("--set: argument #" + std::to_string(o.arg) +
                 " has no element " + std::to_string(o.index));
    std::vector<double> vals;
    ref::decode(inDescs[o.arg].type, inputs[o.arg].bytes.data(),
                inDescs[o.arg].numElements(), vals);
    vals[size_t(o.index)] = o.value;
    ref::encode(inDescs[o.arg].type, vals, inputs[o.arg].bytes);
    if (!inputValues[o.arg].empty())
      inputValues[o.arg] = std::move(vals);
  }
  auto &outputs = d.outputs;
  outputs.resize(outDescs.size());
  for (size_t i = 0; i < outDescs.size(); ++i) {
    outputs[i].desc = outDescs[i];
    outputs[i].bytes.assign(outDescs[i].numElements() *
                                ref::storageBytes(outDescs[i].type),
                            0);
  }

  return success();
}

