//===- attn-run.cpp - execute attn IR on the CPU, time it and check it ----===//
//
//   attn-run FILE.mlir [--entry=NAME] [--pipeline=unfused|PIPELINE] [--check]
//            [--reps=N] [--warmup=N] [--threads=N] [--seed=S] [--json]
//
// Seeded inputs, lowering by a named or textual pipeline, in-process JIT,
// median timing, and a comparison against the float64 reference evaluator.
// Every failure is one "attn-run: error:" line and exit code 1.
//
//===----------------------------------------------------------------------===//
#include "attn/IR/AttnOps.h"
#include "attn/Passes.h"
#include "attn/Registration.h"
#include "attn/Runner/Io.h"
#include "attn/Runner/Equivalence.h"
#include "attn/Runner/Runner.h"
#include "attn/Runner/TileCounts.h"
#include "Inputs.h"
#include "Options.h"
#include "Report.h"
#include "attn/Runner/RunInputs.h"
#include "attn/Support/InputGuards.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Target/LLVMIR/Dialect/All.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <optional>
#include <csignal>
#include <cstdio>
#include <sys/resource.h>
#include <unistd.h>
#include <chrono>
#include <cmath>
#include <cstring>
#include <malloc.h>

extern "C" void omp_set_num_threads(int);
extern "C" int omp_get_max_threads(void);

using namespace mlir;
using namespace attn_run;
namespace ref = ::attn::ref;

Options attn_run::opt;

static const char *kUsage =
    "usage: attn-run FILE.mlir [--entry=NAME] [--pipeline=fused|unfused|PIPELINE]\n"
    "                [--check] [--reps=N] [--warmup=N] [--threads=N]\n"
    "                [--seed=S] [--json] [--cpu=host|x86-64-v3|avx512|avx512-bf16]\n"
    "                [--compare=softmax] [--keep-freed-memory]\n"
    "                [--table-density=P] [--dump=DIR] [--baseline=PIPELINE]\n"
    "                [--input=@FILE.npy|--input=SHAPE ...] [--output=@FILE.npy ...]\n"
    "                [--expected-output=@FILE.npy ...] [--distribution=DIST]\n"
    "                [--set=ARG:INDEX:VALUE]...\n"
    "                [--count-tiles[=ATTN-FUSE-OPTIONS]]\n"
    "  Generates seeded inputs for the entry function(s), lowers the module\n"
    "  with the pipeline (a short name or a pass pipeline string), JIT-compiles\n"
    "  and times it, and with --check compares every result against the\n"
    "  float64 reference evaluator. --cpu picks the code generation target\n"
    "  of the short pipelines (unfused, fused). --compare=softmax reports\n"
    "  the relative L2 error of the results against the same function with\n"
    "  every attn.linear_attention replaced by exact softmax attention.\n"
    "  Block-table arguments get\n"
    "  random valid tables listing each key block with probability P (0.5).\n"
    "  --dump writes argument #i of entry E to DIR/E.argi.npy and result #i\n"
    "  to DIR/E.i.npy (float64).\n"
    "  --input (once per argument, in order) reads the argument from a .npy\n"
    "  file or generates seeded data of the given shape (e.g. 1x8x128x64xf32);\n"
    "  dynamic sizes of the function are taken from these shapes.\n"
    "  --output writes result #i (in order) to a .npy file; --expected-output\n"
    "  compares result #i with a .npy file under the --check tolerances.\n"
    "  --baseline runs functions of any ops (linalg, TOSA, attn) lowered by\n"
    "  the baseline pipeline and by --pipeline on the same inputs, compares\n"
    "  the results and times both (short names: plain, raised).\n"
    "  --distribution draws float arguments from DIST: uniform (the default,\n"
    "  [-1, 1)), normal[:SCALE], large-logits (queries and keys normal:4),\n"
    "  or with the\n"
    "  structure of real attention: sinks[:S], local-decay[:S],\n"
    "  heavy-hitters[:S] (S: strength, 1). A run that cannot fit in memory\n"
    "  is refused before anything is allocated. --set overrides one input\n"
    "  element (repeatable), e.g. --set=1:0:nan for a NaN in argument #1.\n"
    "  --keep-freed-memory keeps memory the compiled code frees in the\n"
    "  process (like a caching allocator) instead of returning it to the OS\n"
    "  and page-faulting it back in every repetition.\n"
    "  --count-tiles fuses each entry (one attn.attention returning its output\n"
    "  and lse) with the pass attn-fuse{ATTN-FUSE-OPTIONS}, replaces every\n"
    "  attn.online_attention step by a counter of full (no score region) and\n"
    "  partial (score region) key tiles, runs it, and compares the counts of\n"
    "  every query tile with a brute-force classification of its key tiles by\n"
    "  the reference's visibility (attn/Runner/TileCounts.h).\n";

namespace {

/// Short pipeline names (the library's pipeline builder for this run's
/// --cpu and threads); anything else is taken as a pipeline string.
mlir::attn::RunPipeline resolvePipeline(StringRef name) {
  int threads = opt.threads > 0 ? int(opt.threads) : omp_get_max_threads();
  return mlir::attn::resolveRunPipeline(name, opt.cpu, unsigned(threads));
}

/// Peak resident memory of this process so far, in MiB.
double peakRssMb() {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss / 1024.0; // ru_maxrss is in KiB on Linux
}

struct EntryReport {
  std::string entry;
  double medianMs = 0, minMs = 0;
  uint64_t flops = 0;
  bool checked = false, ok = true;
  double maxAbs = 0, maxRel = 0;
  bool compared = false;
  double softmaxRelL2 = 0;
  bool expectedFailed = false; // a result differs from --expected-output
  bool countsFailed = false;   // --count-tiles found a mismatch
};

/// Compiled code stops at a failed run-time check (cf.assert: invalid
/// document offsets or block table) by printing the check's message and
/// calling abort(): report it as an ordinary error.
extern "C" void onRuntimeCheckAbort(int) {
  static const char msg[] =
      "attn-run: error: the compiled code stopped at a failed run-time check "
      "(message above)\n";
  (void)!write(2, msg, sizeof(msg) - 1);
  _exit(1);
}

/// --warmup runs, then --reps timed runs: their median and minimum.
LogicalResult timeRuns(mlir::attn::CompiledEntry &compiled, RunData &d,
                       EntryReport &report, std::string &why) {
  auto err = [&](const llvm::Twine &msg) {
    why = msg.str();
    return failure();
  };
  auto &inputs = d.inputs;
  auto &outputs = d.outputs;
  llvm::outs().flush();
  std::signal(SIGABRT, onRuntimeCheckAbort);
  for (unsigned i = 0; i < opt.warmup; ++i)
    if (failed(compiled.run(inputs, outputs, why)))
      return err(why);
  std::vector<double> times;
  for (unsigned i = 0; i < std::max(1u, unsigned(opt.reps)); ++i) {
    auto t0 = std::chrono::steady_clock::now();
    if (failed(compiled.run(inputs, outputs, why)))
      return err(why);
    auto t1 = std::chrono::steady_clock::now();
    times.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
  }
  std::sort(times.begin(), times.end());
  size_t n = times.size();
  report.medianMs =
      n % 2 ? times[n / 2] : 0.5 * (times[n / 2 - 1] + times[n / 2]);
  report.minMs = times.front();

  return success();
}

/// --compare=softmax: the relative L2 error against the softmax reference.
void compareWithSoftmax(RunData &d,
                        const std::vector<std::vector<double>> &softmaxResults,
                        EntryReport &report) {
  auto &outDescs = d.outDescs;
  auto &outputs = d.outputs;
  {
    // ||got - softmax|| / ||softmax|| over all results together; equal
    // infinities (a fully masked row's lse) add nothing.
    mlir::attn::RelL2 norm;
    for (size_t i = 0; i < outputs.size(); ++i) {
      std::vector<double> got;
      ref::decode(outDescs[i].type, outputs[i].bytes.data(),
                  outDescs[i].numElements(), got);
      for (size_t e = 0; e < got.size(); ++e)
        norm.add(got[e], softmaxResults[i][e]);
    }
    report.compared = true;
    report.softmaxRelL2 = norm.value();
    if (!opt.json)
      llvm::outs() << "  softmax_rel_l2 " << jsonNumber(report.softmaxRelL2)
                   << "\n";
  }

}

/// --count-tiles: the fused structure's visited tiles against a brute-force
/// classification.
LogicalResult reportTileCounts(func::FuncOp entry, RunData &d,
                               const mlir::attn::TileShape &tiles,
                               EntryReport &report, std::string &why) {
  auto &outDescs = d.outDescs;
  auto &outputs = d.outputs;
  auto &inputValues = d.inputValues;
  auto err = [&](const llvm::Twine &msg) {
    why = msg.str();
    return failure();
  };
  {
    std::vector<double> out, lse;
    ref::decode(outDescs[0].type, outputs[0].bytes.data(),
                outDescs[0].numElements(), out);
    ref::decode(outDescs[1].type, outputs[1].bytes.data(),
                outDescs[1].numElements(), lse);
    mlir::attn::TileCountReport c;
    if (failed(mlir::attn::checkTileCounts(entry, inputValues, tiles, out, lse,
                                           c, why)))
      return err(why);
    llvm::outs() << "  tiles " << tiles.query << "x" << tiles.key
                 << ": brute force " << c.empty << " empty, " << c.full
                 << " full, " << c.partial << " partial; emitted loops visit "
                 << c.visitedFull << " full, " << c.visitedPartial
                 << " partial\n";
    for (const std::string &m : c.firstMismatches)
      llvm::outs() << "  mismatch: " << m << "\n";
    llvm::outs() << "  count-tiles: " << (c.mismatches ? "FAILED" : "PASSED")
                 << "\n";
    report.countsFailed = c.mismatches != 0;
  }

  return success();
}

/// --check: every result against the float64 reference.
void checkResults(RunData &d, const std::vector<std::vector<double>> &refResults,
                  EntryReport &report) {
  auto &outDescs = d.outDescs;
  auto &outputs = d.outputs;
  {
    report.checked = true;
    for (size_t i = 0; i < outputs.size(); ++i) {
      std::vector<double> got;
      ref::decode(outDescs[i].type, outputs[i].bytes.data(),
                        outDescs[i].numElements(), got);
      auto cmp = ref::compare(
          got, refResults[i], ref::defaultTolerance(outDescs[i].type));
      report.maxAbs = std::max(report.maxAbs, cmp.maxAbsErr);
      report.maxRel = std::max(report.maxRel, cmp.maxRelErr);
      if (std::isnan(cmp.maxAbsErr))
        report.maxAbs = report.maxRel = NAN;
      report.ok &= cmp.ok;
      if (!opt.json)
        llvm::outs() << "  result #" << i << " ("
                     << ref::elemTypeName(outDescs[i].type)
                     << "): max_abs_err " << jsonNumber(cmp.maxAbsErr)
                     << ", max_rel_err " << jsonNumber(cmp.maxRelErr) << ", "
                     << cmp.mismatches << " mismatches"
                     << (cmp.ok ? "" : " (first at element " +
                                           std::to_string(cmp.firstMismatch) +
                                           ")")
                     << nanNote(got)
                     << "\n";
    }
  }
}

/// Runs one entry; returns 0 on success, 1 after printing an error.
int runEntry(ModuleOp original, func::FuncOp entry, EntryReport &report) {
  std::string why;
  report.entry = entry.getSymName().str();
  auto err = [&](const llvm::Twine &msg) {
    return fail("entry '" + report.entry + "': " + msg);
  };
  // Sizes from --input (and dynamic sizes) specialize a copy of the module.
  OwningOpRef<ModuleOp> specialized;
  std::vector<std::vector<int64_t>> argShapes;
  if (failed(mlir::attn::argumentShapes(entry, opt.inputs, argShapes, why)))
    return err(why);
  if (!opt.inputs.empty() || mlir::attn::hasDynamicSizes(entry)) {
    specialized = original.clone();
    original = *specialized;
    entry = original.lookupSymbol<func::FuncOp>(report.entry);
    if (failed(mlir::attn::specializeEntry(entry, argShapes, why)))
      return err(why);
  }

  RunData d;
  if (failed(describeRun(entry, d, why)) || failed(generateInputs(entry, d, why)))
    return err(why);
  auto &inputs = d.inputs;
  auto &outputs = d.outputs;
  auto &inputValues = d.inputValues;
  // Reference first: it reads the attn-level IR before lowering.
  std::vector<std::vector<double>> refResults;
  // Without --check only the work is counted: the float64 evaluation of a
  // large problem costs far more than the compiled run.
  bool haveRef = succeeded(mlir::attn::evaluateReference(
      entry, inputValues, refResults, report.flops, why, !opt.check));
  if (opt.check && !haveRef)
    return err("cannot check: " + why);
  std::vector<std::vector<double>> softmaxResults;
  if (!opt.compare.empty()) {
    uint64_t ignored;
    if (failed(mlir::attn::evaluateReference(entry, inputValues,
                                             softmaxResults, ignored, why,
                                             /*flopsOnly=*/false,
                                             /*linearAsSoftmax=*/true)))
      return err("cannot compare with softmax: " + why);
  }
  if (!haveRef)
    report.flops = 0; // unknown: not a partial count

  OwningOpRef<ModuleOp> module(original.clone());
  mlir::attn::TileShape tiles;
  if (opt.countTiles &&
      failed(mlir::attn::instrumentTileCounts(*module, report.entry,
                                              *opt.countTiles, tiles, why)))
    return err(why);
  auto compiled = mlir::attn::compileEntry(
      *module, report.entry,
      resolvePipeline(opt.countTiles ? "fused" : opt.pipelineName), d.inDescs,
      d.outDescs, why);
  if (failed(compiled))
    return err(why);

  if (failed(timeRuns(**compiled, d, report, why)))
    return err(why);
  if (!opt.compare.empty())
    compareWithSoftmax(d, softmaxResults, report);
  if (opt.countTiles && failed(reportTileCounts(entry, d, tiles, report, why)))
    return err(why);
  if (!opt.dumpDir.empty() &&
      failed(mlir::attn::dumpTensors(opt.dumpDir, report.entry, inputs,
                                     outputs, why)))
    return err(why);
  if (failed(mlir::attn::writeOutputs(opt.outputs, outputs, why)))
    return err(why);
  std::vector<mlir::attn::ExpectedComparison> expected;
  if (failed(mlir::attn::compareExpected(opt.expected, outputs, expected, why)))
    return err(why);
  for (auto &e : expected) {
    report.expectedFailed |= !e.cmp.ok;
    if (!opt.json)
      llvm::outs() << "  expected #" << e.result << ": max_abs_err "
                   << jsonNumber(e.cmp.maxAbsErr) << ", " << e.cmp.mismatches
                   << " mismatches" << (e.cmp.ok ? "" : " (FAILED)") << "\n";
  }
  if (opt.check)
    checkResults(d, refResults, report);
  return 0;
}

/// Parses `--name=value`, `--name value` and flags into `opt`.
LogicalResult parseArgs(int argc, char **argv) {
  bool haveFile = false;
  for (int i = 1; i < argc; ++i) {
    StringRef arg = argv[i];
    if (arg == "-h" || arg == "--help" || arg == "-help") {
      llvm::outs() << kUsage;
      std::exit(0);
    }
    if (!arg.starts_with("-") || arg == "-") {
      if (haveFile)
        return failure(fail("more than one input file ('" + opt.inputFile +
                            "' and '" + arg + "')") != 0);
      opt.inputFile = arg.str();
      haveFile = true;
      continue;
    }
    StringRef name = arg.ltrim('-'), value;
    bool hasValue = name.contains('=');
    if (hasValue)
      std::tie(name, value) = name.split('=');
    if (name == "count-tiles") {
      opt.countTiles = value.str();
      continue;
    }
    if (name == "check" || name == "json" || name == "keep-freed-memory") {
      if (hasValue)
        return failure(fail("--" + name + " takes no value") != 0);
      (name == "check"  ? opt.check
       : name == "json" ? opt.json
                        : opt.keepFreedMemory) = true;
      continue;
    }
    if (name == "table-density") {
      if (!hasValue && i + 1 < argc)
        value = argv[++i];
      double d;
      if (value.getAsDouble(d) || !(d >= 0.0 && d <= 1.0))
        return failure(fail("--table-density needs a number in [0, 1], got '" +
                            value + "'") != 0);
      opt.tableDensity = d;
      continue;
    }
    if (name == "set") {
      if (!hasValue && i + 1 < argc)
        value = argv[++i];
      std::string why;
      auto o = mlir::attn::parseInputOverride(value, why);
      if (failed(o))
        return failure(fail(why) != 0);
      opt.overrides.push_back(*o);
      continue;
    }
    if (name == "distribution") {
      if (!hasValue && i + 1 < argc)
        value = argv[++i];
      std::string why;
      auto d = mlir::attn::parseInputDistribution(value, why);
      if (failed(d))
        return failure(fail(why) != 0);
      opt.distribution = *d;
      continue;
    }
    if (name == "dump") {
      if (!hasValue && i + 1 < argc)
        value = argv[++i];
      opt.dumpDir = value.str();
      continue;
    }
    if (name == "input" || name == "output" || name == "expected-output") {
      if (!hasValue && i + 1 < argc)
        value = argv[++i];
      std::string why;
      if (name == "input") {
        opt.inputs.emplace_back();
        if (failed(mlir::attn::parseInputSpec(value, opt.inputs.back(), why)))
          return failure(fail(why) != 0);
      } else {
        auto &list = name == "output" ? opt.outputs : opt.expected;
        list.emplace_back();
        if (failed(mlir::attn::parseFileSpec(name, value, list.back(), why)))
          return failure(fail(why) != 0);
      }
      continue;
    }
    bool known = name == "entry" || name == "pipeline" || name == "cpu" ||
                 name == "baseline" ||
                 name == "compare" ||
                 name == "reps" ||
                 name == "warmup" || name == "threads" || name == "seed";
    if (!known)
      return failure(fail("unknown option '" + arg + "' (see --help)") != 0);
    if (!hasValue) {
      if (i + 1 >= argc)
        return failure(fail("--" + name + " needs a value") != 0);
      value = argv[++i];
    }
    if (name == "entry") {
      opt.entryName = value.str();
    } else if (name == "pipeline") {
      opt.pipelineName = value.str();
    } else if (name == "baseline") {
      opt.baseline = value.str();
    } else if (name == "cpu") {
      std::string why;
      if (failed(mlir::attn::checkCpuName(value, why)))
        return failure(fail("--cpu: " + why) != 0);
      opt.cpu = value.str();
    } else if (name == "compare") {
      if (value != "softmax")
        return failure(fail("--compare supports only 'softmax', got '" +
                            value + "'") != 0);
      opt.compare = value.str();
    } else {
      uint64_t n;
      uint64_t most = name == "seed"      ? ~uint64_t(0)
                      : name == "threads" ? 4096u
                                          : 1000000u;
      if (value.getAsInteger(10, n) || n > most)
        return failure(fail("--" + name + " needs an integer in [0, " +
                            std::to_string(most) + "]" +
                            (name == "threads" ? " (0: all cores)" : "") +
                            ", got '" + value + "'") != 0);
      if (name == "reps")
        opt.reps = n;
      else if (name == "warmup")
        opt.warmup = n;
      else if (name == "threads")
        opt.threads = n;
      else
        opt.seed = n;
    }
  }
  if (opt.pipelineName.empty())
    return failure(fail("--pipeline must not be empty") != 0);
  if (opt.countTiles && (opt.check || !opt.compare.empty() ||
                         !opt.baseline.empty() || opt.json))
    return failure(fail("--count-tiles replaces the attention by counters: it "
                        "cannot be combined with --check, --compare, "
                        "--baseline or --json") != 0);
  return success();
}

} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM initLLVM(argc, argv);
  llvm::InitializeNativeTarget();
  llvm::InitializeNativeTargetAsmPrinter();
  registerAllPasses();
  ::attn::registerPasses();
  if (failed(parseArgs(argc, argv)))
    return 1;

  // The message of a failed run-time check is written with puts() right
  // before abort(): unbuffered, so that it is not lost.
  std::setvbuf(stdout, nullptr, _IONBF, 0);
  if (opt.keepFreedMemory) {
    // Buffers the compiled code allocates and frees every call (the output,
    // per-iteration tiles) otherwise go back to the OS and fault in again.
    // (No mmap at all: M_MMAP_THRESHOLD is capped at 32 MiB.)
    mallopt(M_MMAP_MAX, 0);
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
  }
  if (opt.threads > 0)
    omp_set_num_threads(opt.threads);
  int numThreads = opt.threads > 0 ? int(opt.threads) : omp_get_max_threads();

  DialectRegistry registry;
  registerAllDialects(registry);
  registerAllExtensions(registry);
  registerAllToLLVMIRTranslations(registry);
  ::attn::registerDialects(registry);
  MLIRContext context(registry);
  context.loadAllAvailableDialects();

  std::string errorMessage;
  auto file = openInputFile(opt.inputFile, &errorMessage);
  if (!file)
    return fail(errorMessage);
  if (auto why = ::attn::findKnownParserCrash(file->getBuffer()))
    return fail(opt.inputFile + ": " + *why);
  llvm::SourceMgr sourceMgr;
  sourceMgr.AddNewSourceBuffer(std::move(file), llvm::SMLoc());
  SourceMgrDiagnosticHandler diagHandler(sourceMgr, &context);
  OwningOpRef<ModuleOp> module = parseSourceFile<ModuleOp>(sourceMgr, &context);
  if (!module)
    return fail("cannot parse '" + opt.inputFile + "'");

  std::vector<func::FuncOp> entries;
  if (!opt.entryName.empty()) {
    auto f = module->lookupSymbol<func::FuncOp>(opt.entryName);
    if (!f || f.isExternal())
      return fail("no function named '" + opt.entryName + "' with a body");
    entries.push_back(f);
  } else {
    for (auto f : module->getOps<func::FuncOp>())
      if (f.isPublic() && !f.isExternal())
        entries.push_back(f);
    if (entries.empty())
      return fail("'" + opt.inputFile + "' has no public function to run");
  }
  if (entries.size() > 1 &&
      (!opt.inputs.empty() || !opt.outputs.empty() || !opt.expected.empty()))
    return fail("--input, --output and --expected-output name the tensors "
                "of one function: pick it with --entry");

  int status = 0;
  if (!opt.baseline.empty()) {
    EquivalenceRun er;
    er.baselineName = opt.baseline;
    er.pipelineName = opt.pipelineName;
    er.options.baseline = resolvePipeline(opt.baseline);
    er.options.pipeline = resolvePipeline(opt.pipelineName);
    er.options.reps = opt.reps, er.options.warmup = opt.warmup;
    er.options.seed = opt.seed;
    er.json = opt.json;
    return runEquivalenceEntries(*module, entries, er);
  }
  for (func::FuncOp entry : entries) {
    EntryReport r;
    if (!opt.json)
      llvm::outs() << "entry " << entry.getSymName() << " (pipeline "
                   << (opt.countTiles ? "count-tiles" : opt.pipelineName)
                   << ", " << numThreads << " threads)\n";
    if (runEntry(*module, entry, r)) {
      status = 1;
      continue;
    }
    double gflops = r.medianMs > 0 ? r.flops / (r.medianMs * 1e6) : 0.0;
    if (opt.json) {
      llvm::outs() << "{\"entry\": " << jsonString(r.entry)
                   << ", \"pipeline\": " << jsonString(opt.pipelineName)
                   << ", \"threads\": " << numThreads
                   << ", \"reps\": " << std::max(1u, unsigned(opt.reps))
                   << ", \"time_ms_median\": " << jsonNumber(r.medianMs)
                   << ", \"time_ms_min\": " << jsonNumber(r.minMs)
                   << ", \"flops\": " << r.flops
                   << ", \"gflops_per_s\": " << jsonNumber(gflops)
                   << ", \"checked\": " << (r.checked ? "true" : "false")
                   << ", \"max_abs_err\": "
                   << (r.checked ? jsonNumber(r.maxAbs) : "null")
                   << ", \"max_rel_err\": "
                   << (r.checked ? jsonNumber(r.maxRel) : "null")
                   << ", \"peak_rss_mb\": " << jsonNumber(peakRssMb());
      if (r.compared)
        llvm::outs() << ", \"softmax_rel_l2\": "
                     << jsonNumber(r.softmaxRelL2);
      llvm::outs()
                   << ", \"ok\": " << (r.ok ? "true" : "false") << "}\n";
    } else {
      llvm::outs() << "  time: median " << jsonNumber(r.medianMs)
                   << " ms, min " << jsonNumber(r.minMs) << " ms over "
                   << std::max(1u, unsigned(opt.reps)) << " reps; " << r.flops
                   << " flops, " << jsonNumber(gflops) << " GFLOP/s\n";
      if (r.checked)
        llvm::outs() << "  check: " << (r.ok ? "PASSED" : "FAILED") << "\n";
    }
    if (r.countsFailed) {
      status = 1;
      llvm::errs() << "attn-run: error: entry '" << r.entry
                   << "': the emitted key loops do not visit the tiles a "
                      "brute-force classification finds\n";
    }
    if (r.expectedFailed) {
      status = 1;
      llvm::errs() << "attn-run: error: entry '" << r.entry
                   << "': results differ from --expected-output beyond "
                      "tolerance\n";
    }
    if (!r.ok) {
      status = 1;
      llvm::errs() << "attn-run: error: entry '" << r.entry
                   << "': results differ from the float64 reference beyond "
                      "tolerance\n";
    }
  }
  return status;
}
