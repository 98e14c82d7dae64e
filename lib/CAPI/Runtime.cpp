//===- Runtime.cpp - compile and run attn functions from C -----------------===//
#include "attn-c/Runtime.h"

#include "attn/Registration.h"
#include "attn/Runner/Runner.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Target/LLVMIR/Dialect/All.h"

#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdlib>
#include <cstring>
#include <mutex>

using namespace mlir;

struct AttnKernelImpl {
  std::unique_ptr<MLIRContext> context;
  std::unique_ptr<mlir::attn::CompiledEntry> compiled;
  int numInputs = 0, numOutputs = 0;
};

namespace {

void setError(char **error, const std::string &msg) {
  if (!error)
    return;
  *error = static_cast<char *>(std::malloc(msg.size() + 1));
  if (*error)
    std::memcpy(*error, msg.c_str(), msg.size() + 1);
}

void initOnce() {
  static std::once_flag once;
  std::call_once(once, [] {
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
    registerAllPasses();
    ::attn::registerPasses();
  });
}

std::unique_ptr<MLIRContext> makeContext() {
  DialectRegistry registry;
  registerAllDialects(registry);
  registerAllExtensions(registry);
  registerAllToLLVMIRTranslations(registry);
  ::attn::registerDialects(registry);
  auto ctx = std::make_unique<MLIRContext>(registry);
  ctx->loadAllAvailableDialects();
  return ctx;
}

/// Parses `ir` and finds `entry`; diagnostics are collected into `why`.
OwningOpRef<ModuleOp> parse(MLIRContext &ctx, const char *ir,
                            const char *entry, func::FuncOp &fn,
                            std::string &why) {
  std::string diags;
  llvm::raw_string_ostream os(diags);
  ScopedDiagnosticHandler handler(&ctx, [&](Diagnostic &d) {
    os << d.getLocation() << ": " << d << "\n";
    return success();
  });
  OwningOpRef<ModuleOp> module =
      parseSourceString<ModuleOp>(ir ? ir : "", &ctx);
  if (!module) {
    why = "cannot parse the module:\n" + diags;
    return nullptr;
  }
  fn = module->lookupSymbol<func::FuncOp>(entry ? entry : "");
  if (!fn || fn.isExternal()) {
    why = std::string("no function named '") + (entry ? entry : "") +
          "' with a body";
    return nullptr;
  }
  return module;
}

LogicalResult describe(func::FuncOp fn,
                       std::vector<mlir::attn::TensorDesc> &ins,
                       std::vector<mlir::attn::TensorDesc> &outs,
                       std::string &why, bool allowDynamic = false) {
  for (Type t : fn.getArgumentTypes()) {
    auto d = mlir::attn::describeTensor(t, why, allowDynamic);
    if (failed(d))
      return failure();
    ins.push_back(*d);
  }
  for (Type t : fn.getResultTypes()) {
    auto d = mlir::attn::describeTensor(t, why, allowDynamic);
    if (failed(d))
      return failure();
    outs.push_back(*d);
  }
  return success();
}

} // namespace

AttnKernel attnKernelCompile(const char *ir, const char *entry,
                             const char *pipeline, char **error) {
  initOnce();
  auto kernel = std::make_unique<AttnKernelImpl>();
  kernel->context = makeContext();
  std::string why;
  func::FuncOp fn;
  OwningOpRef<ModuleOp> module = parse(*kernel->context, ir, entry, fn, why);
  std::vector<mlir::attn::TensorDesc> ins, outs;
  if (!module || failed(describe(fn, ins, outs, why, /*allowDynamic=*/true))) {
    setError(error, why);
    return nullptr;
  }
  // Short names are the library's pipelines for this machine.
  mlir::attn::RunPipeline pipe = mlir::attn::resolveRunPipeline(
      pipeline && *pipeline ? pipeline : "fused", "host", /*numThreads=*/0);
  std::string diags;
  llvm::raw_string_ostream os(diags);
  ScopedDiagnosticHandler handler(kernel->context.get(), [&](Diagnostic &d) {
    os << d.getLocation() << ": " << d << "\n";
    return success();
  });
  auto compiled =
      mlir::attn::compileEntry(*module, entry, pipe, ins, outs, why);
  if (failed(compiled)) {
    setError(error, why + (diags.empty() ? "" : ":\n" + diags));
    return nullptr;
  }
  kernel->compiled = std::move(*compiled);
  kernel->numInputs = int(ins.size());
  kernel->numOutputs = int(outs.size());
  return kernel.release();
}

void attnKernelDestroy(AttnKernel kernel) { delete kernel; }

int attnKernelNumInputs(AttnKernel kernel) { return kernel->numInputs; }
int attnKernelNumOutputs(AttnKernel kernel) { return kernel->numOutputs; }

int attnKernelCall(AttnKernel kernel, const AttnBuffer *inputs, int numInputs,
                   const AttnBuffer *outputs, int numOutputs, char **error) {
  if (!kernel || numInputs != kernel->numInputs ||
      numOutputs != kernel->numOutputs) {
    setError(error, kernel ? "expected " + std::to_string(kernel->numInputs) +
                                 " inputs and " +
                                 std::to_string(kernel->numOutputs) +
                                 " outputs, got " + std::to_string(numInputs) +
                                 " and " + std::to_string(numOutputs)
                           : std::string("no kernel"));
    return 1;
  }
  std::vector<void *> buffers;
  std::vector<std::vector<int64_t>> shapes;
  for (int i = 0; i < numInputs + numOutputs; ++i) {
    const AttnBuffer &b = i < numInputs ? inputs[i] : outputs[i - numInputs];
    if (b.rank < 0 || (b.rank > 0 && !b.shape)) {
      setError(error, "buffer #" + std::to_string(i) + " has no shape");
      return 1;
    }
    buffers.push_back(b.data);
    shapes.emplace_back(b.shape, b.shape + b.rank);
  }
  std::string why;
  if (failed(kernel->compiled->run(buffers, shapes, why))) {
    setError(error, why);
    return 1;
  }
  return 0;
}

int attnKernelRun(AttnKernel kernel, void *const *inputs, void *const *outputs,
                  char **error) {
  ArrayRef<std::vector<int64_t>> signature = kernel->compiled->signature();
  for (const std::vector<int64_t> &shape : signature)
    if (llvm::any_of(shape, ShapedType::isDynamic)) {
      setError(error, "the function has dynamic sizes: call attnKernelCall "
                      "with the buffers' shapes");
      return 1;
    }
  std::vector<void *> buffers(inputs, inputs + kernel->numInputs);
  buffers.insert(buffers.end(), outputs, outputs + kernel->numOutputs);
  std::string why;
  if (failed(kernel->compiled->run(buffers, signature, why))) {
    setError(error, why);
    return 1;
  }
  return 0;
}

int attnReferenceEvaluate(const char *ir, const char *entry,
                          const double *const *inputs, double *const *outputs,
                          char **error) {
  initOnce();
  std::unique_ptr<MLIRContext> ctx = makeContext();
  std::string why;
  func::FuncOp fn;
  OwningOpRef<ModuleOp> module = parse(*ctx, ir, entry, fn, why);
  std::vector<mlir::attn::TensorDesc> ins, outs;
  if (!module || failed(describe(fn, ins, outs, why))) {
    setError(error, why);
    return 1;
  }
  std::vector<std::vector<double>> args;
  for (size_t i = 0; i < ins.size(); ++i)
    args.emplace_back(inputs[i], inputs[i] + ins[i].numElements());
  std::vector<std::vector<double>> results;
  uint64_t flops = 0;
  if (failed(mlir::attn::evaluateReference(fn, args, results, flops, why))) {
    setError(error, why);
    return 1;
  }
  for (size_t i = 0; i < outs.size(); ++i)
    std::memcpy(outputs[i], results[i].data(),
                results[i].size() * sizeof(double));
  return 0;
}

void attnFreeString(char *s) { std::free(s); }
