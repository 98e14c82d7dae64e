//===- JitRunner.cpp - lower, JIT-compile and invoke an entry function ----===//
//
// The entry function keeps its tensor signature; we add a wrapper
// `__attn_run_<entry>(inputs..., outputs...)` on plain memrefs that checks
// the sizes it is given and copies results into caller-owned buffers
// (destination passing, RunWrapper.cpp), so the runner owns every
// allocation and never frees memory the JIT allocated.
//
//===----------------------------------------------------------------------===//
#include "attn/Runner/Runner.h"
#include "passes/CPU/CpuName.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/ExecutionEngine/ExecutionEngine.h"
#include "mlir/ExecutionEngine/OptUtils.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

#include "llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace mlir::attn;

#ifndef ATTN_MLIR_LIB_DIR
#define ATTN_MLIR_LIB_DIR "/usr/lib/llvm-22/lib"
#endif

CompiledEntry::~CompiledEntry() = default;

/// Code generated for a CPU this machine cannot run would stop at an illegal
/// instruction (or make LLVM's backend abort): say so before compiling.
static LogicalResult checkRunsHere(ModuleOp module, std::string &why) {
  std::string failure;
  module.walk([&](LLVM::LLVMFuncOp f) {
    StringAttr cpu = f.getTargetCpuAttr();
    if (!cpu || !failure.empty())
      return;
    CpuTarget target;
    target.name = cpu.str();
    if (LLVM::TargetFeaturesAttr features = f.getTargetFeaturesAttr())
      target.features = features.getFeaturesString();
    SmallVector<std::string> missing = featuresMissingOnHost(target);
    if (!missing.empty())
      failure = "the code targets " + target.name +
                (target.features.empty() ? "" : " (" + target.features + ")") +
                ", which needs " + llvm::join(missing, ", ") +
                ": this machine lacks " + (missing.size() > 1 ? "them" : "it") +
                "; choose a CPU it has (cpu=host in the pipeline's "
                "attn-cpu-pipeline / attn-lower-to-llvm options, or attn-run "
                "--cpu=host)";
  });
  if (failure.empty())
    return success();
  why = failure;
  return LogicalResult::failure();
}

FailureOr<std::unique_ptr<CompiledEntry>> mlir::attn::compileEntry(
    ModuleOp module, StringRef entryName, const RunPipeline &pipeline,
    ArrayRef<TensorDesc> inputs, ArrayRef<TensorDesc> outputs,
    std::string &why) {
  auto entry = module.lookupSymbol<func::FuncOp>(entryName);
  if (!entry || entry.isExternal()) {
    why = ("no function named '" + entryName + "' with a body").str();
    return failure();
  }
  std::string wrapperName = ("__attn_run_" + entryName).str();
  if (module.lookupSymbol(wrapperName)) {
    why = "the module already defines " + wrapperName;
    return failure();
  }
  std::vector<std::string> checks;
  if (failed(addRunWrapper(module, entry, wrapperName, checks, why)))
    return failure();

  // Compile only what the entry needs: other functions of the file may use
  // ops this pipeline cannot lower, and each costs JIT time.
  for (auto f : module.getOps<func::FuncOp>())
    if (f.getSymName() != wrapperName && !f.isExternal())
      f.setPrivate();

  PassManager pm(module.getContext());
  pm.addPass(createSymbolDCEPass());
  if (failed(pipeline.populate(pm, why)))
    return failure();
  if (failed(pm.run(module))) {
    why = "lowering with pipeline '" + pipeline.name().str() + "' failed";
    return failure();
  }
  if (failed(checkRunsHere(module, why)))
    return failure();

  // Optimize and generate code for this machine's CPU: without a target
  // machine, LLVM's cost models assume no vector unit and never vectorize.
  auto tmBuilder = llvm::orc::JITTargetMachineBuilder::detectHost();
  if (!tmBuilder) {
    why = "cannot detect the host CPU: " + llvm::toString(tmBuilder.takeError());
    return failure();
  }
  tmBuilder->setCodeGenOptLevel(llvm::CodeGenOptLevel::Aggressive);
  auto tm = tmBuilder->createTargetMachine();
  if (!tm) {
    why = "cannot create a target machine: " + llvm::toString(tm.takeError());
    return failure();
  }
  ExecutionEngineOptions opts;
  auto transformer = makeOptimizingTransformer(3, 0, tm->get());
  opts.transformer = transformer;
  opts.jitCodeGenOptLevel = llvm::CodeGenOptLevel::Aggressive;
  SmallVector<StringRef> libs;
  std::string cRunner = ATTN_MLIR_LIB_DIR "/libmlir_c_runner_utils.so";
  if (llvm::sys::fs::exists(cRunner))
    libs.push_back(cRunner);
  opts.sharedLibPaths = libs;
  // Diagnostics from translation go to the caller's handler; ours only
  // needs a one-line reason.
  auto engine = ExecutionEngine::create(module, opts, std::move(*tm));
  if (!engine) {
    why = "JIT compilation failed: " + llvm::toString(engine.takeError());
    return failure();
  }
  auto compiled = std::make_unique<CompiledEntry>();
  compiled->engine = std::move(*engine);
  compiled->symbol = "_mlir_ciface_" + wrapperName;
  compiled->checks = std::move(checks);
  for (const TensorDesc &d : llvm::concat<const TensorDesc>(inputs, outputs))
    compiled->shapes.push_back(d.shape);
  return compiled;
}

/// A memref descriptor {allocated, aligned, offset, sizes[N], strides[N]}
/// laid out as 64-bit words, which is what the C interface expects.
static std::vector<int64_t> makeDescriptor(void *data,
                                           ArrayRef<int64_t> shape) {
  size_t rank = shape.size();
  std::vector<int64_t> d(3 + 2 * rank);
  std::memcpy(&d[0], &data, sizeof(void *));
  std::memcpy(&d[1], &data, sizeof(void *));
  d[2] = 0;
  int64_t stride = 1;
  for (size_t i = rank; i-- > 0;) {
    d[3 + i] = shape[i];
    d[3 + rank + i] = stride;
    stride *= shape[i];
  }
  return d;
}

static std::vector<int64_t> makeDescriptor(HostBuffer &buf) {
  return makeDescriptor(buf.bytes.data(), buf.desc.shape);
}

/// Calls the packed entry with one memref descriptor per argument:
/// invokePacked takes a pointer to each argument, each argument being a
/// pointer to a descriptor, then a pointer to the wrapper's status.
LogicalResult CompiledEntry::invoke(std::vector<std::vector<int64_t>> &descs,
                                    std::string &why) {
  std::vector<void *> descPtrs, args;
  for (auto &d : descs)
    descPtrs.push_back(d.data());
  for (void *&p : descPtrs)
    args.push_back(&p);
  int32_t status = 0;
  args.push_back(&status);
  if (llvm::Error err = engine->invokePacked(symbol, args)) {
    why = "invocation failed: " + llvm::toString(std::move(err));
    return failure();
  }
  if (status == 0)
    return success();
  why = status > 0 && size_t(status) <= checks.size()
            ? checks[status - 1]
            : "the kernel returned status " + std::to_string(status);
  return failure();
}

/// The buffers' shapes against the signature's (dynamic sizes: any; the
/// wrapper checks how they relate).
static LogicalResult checkShapes(ArrayRef<std::vector<int64_t>> expected,
                                 ArrayRef<std::vector<int64_t>> given,
                                 std::string &why) {
  if (given.size() != expected.size()) {
    why = "expected " + std::to_string(expected.size()) + " buffers, got " +
          std::to_string(given.size());
    return failure();
  }
  for (auto [i, want, got] : llvm::enumerate(expected, given)) {
    bool ok = want.size() == got.size();
    for (size_t d = 0; ok && d < want.size(); ++d)
      ok = ShapedType::isDynamic(want[d]) ? got[d] >= 0 : got[d] == want[d];
    if (ok)
      continue;
    auto text = [](ArrayRef<int64_t> s) {
      std::string t;
      for (int64_t x : s)
        t += (t.empty() ? "" : "x") +
             (ShapedType::isDynamic(x) ? std::string("?") : std::to_string(x));
      return "[" + t + "]";
    };
    why = "buffer #" + std::to_string(i) + " has shape " + text(got) +
          ", the function's is " + text(want);
    return failure();
  }
  return success();
}

LogicalResult CompiledEntry::run(ArrayRef<void *> buffers,
                                 ArrayRef<std::vector<int64_t>> bufferShapes,
                                 std::string &why) {
  if (buffers.size() != bufferShapes.size()) {
    why = "one shape per buffer";
    return failure();
  }
  if (failed(checkShapes(shapes, bufferShapes, why)))
    return failure();
  std::vector<std::vector<int64_t>> descs;
  for (auto [p, shape] : llvm::zip(buffers, bufferShapes))
    descs.push_back(makeDescriptor(p, shape));
  return invoke(descs, why);
}

LogicalResult CompiledEntry::run(std::vector<HostBuffer> &inputs,
                                 std::vector<HostBuffer> &outputs,
                                 std::string &why) {
  std::vector<std::vector<int64_t>> descs, given;
  for (HostBuffer &b : llvm::concat<HostBuffer>(inputs, outputs)) {
    descs.push_back(makeDescriptor(b));
    given.push_back(b.desc.shape);
  }
  if (failed(checkShapes(shapes, given, why)))
    return failure();
  return invoke(descs, why);
}
