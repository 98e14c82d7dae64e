//===- attn-gpu-run.cpp - run an attn-opt GPU kernel and check it ---------===//
//
// attn-gpu-run KERNEL.kdesc [--binary=FILE] [--check] [--reps=N]
//              [--warmup=N] [--seed=S] [--json]
// attn-gpu-run --probe
//
// Reads a kernel description and its cubin (or PTX) written by
// `attn-opt --attn-nvgpu-pipeline ... --attn-nvgpu-write-bundle`, makes the
// same seeded inputs as attn-run, launches the kernel through the CUDA
// driver (loaded with dlopen), times it with CUDA events and, with --check,
// compares the output (and LSE) with the float64 reference (lib/Reference).
// No MLIR: it runs on GPU machines that have only the CUDA driver.
//
// Exit codes: 0 success, 1 error or mismatch, 77 no usable GPU (lit maps
// this to UNSUPPORTED through the `cuda-gpu` feature; see test/lit.cfg.py).
//
//===----------------------------------------------------------------------===//
#include "CudaDriver.h"
#include "Diagnose.h"

#include "attn/GpuRuntime/KernelDesc.h"
#include "attn/Reference/Attention.h"
#include "attn/Reference/Data.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

using namespace attn;
using namespace attn::gpu;

namespace {

constexpr int kExitNoGpu = 77;

struct Options {
  std::string desc, binary;
  bool check = false, json = false, probe = false, diagnose = false;
  long reps = 10, warmup = 2;
  unsigned long long seed = 0;
};

const char *kUsage =
    "usage: attn-gpu-run KERNEL.kdesc [--binary=FILE] [--check] [--reps=N]\n"
    "                    [--warmup=N] [--seed=S] [--json] [--diagnose]\n"
    "       attn-gpu-run --probe\n"
    "  Runs a kernel written by attn-opt --attn-nvgpu-write-bundle on the\n"
    "  GPU with attn-run's seeded inputs; --check compares with the float64\n"
    "  reference; --diagnose also breaks mismatches down by coordinates.\n"
    "  The binary defaults to KERNEL.cubin, else KERNEL.ptx.\n"
    "  Exit status 77: no usable GPU (nothing was run).\n";

int usage(const std::string &why) {
  std::fprintf(stderr, "attn-gpu-run: %s\n%s", why.c_str(), kUsage);
  return 1;
}

bool parseCount(const std::string &s, long lo, long hi, long &out) {
  char *end = nullptr;
  long v = std::strtol(s.c_str(), &end, 10);
  if (s.empty() || *end || v < lo || v > hi)
    return false;
  out = v;
  return true;
}

bool parseArgs(int argc, char **argv, Options &o, std::string &why) {
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&](const char *flag, std::string &out) {
      size_t n = std::strlen(flag);
      if (a.compare(0, n, flag) != 0 || a.size() <= n || a[n] != '=')
        return false;
      out = a.substr(n + 1);
      return true;
    };
    std::string v;
    if (a == "--check")
      o.check = true;
    else if (a == "--diagnose")
      o.check = o.diagnose = true;
    else if (a == "--json")
      o.json = true;
    else if (a == "--probe")
      o.probe = true;
    else if (a == "--help" || a == "-h") {
      std::fputs(kUsage, stdout);
      std::exit(0);
    } else if (value("--binary", v))
      o.binary = v;
    else if (value("--reps", v)) {
      if (!parseCount(v, 1, 100000, o.reps))
        return why = "--reps takes an integer in [1, 100000]", false;
    } else if (value("--warmup", v)) {
      if (!parseCount(v, 0, 100000, o.warmup))
        return why = "--warmup takes an integer in [0, 100000]", false;
    } else if (value("--seed", v)) {
      long s;
      if (!parseCount(v, 0, 0x7fffffffL, s))
        return why = "--seed takes a non-negative integer", false;
      o.seed = (unsigned long long)s;
    } else if (!a.empty() && a[0] == '-')
      return why = "unknown option '" + a + "'", false;
    else if (o.desc.empty())
      o.desc = a;
    else
      return why = "more than one kernel description given", false;
  }
  if (!o.probe && o.desc.empty())
    return why = "no kernel description given", false;
  return true;
}

bool readFile(const std::string &path, std::string &out) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return true;
}

/// The reference's view of the described problem (attn-gpu-run converts
/// the description itself: lib/GpuRuntime does not know the reference).
ref::AttentionSpec specOf(const KernelDesc &d) {
  ref::AttentionSpec s;
  s.batch = d.batch, s.headsQ = d.headsQ, s.headsKV = d.headsKV;
  s.seqQ = d.seqQ, s.seqKV = d.seqKV, s.headDim = d.headDim,
  s.headDimV = d.headDimV;
  s.layout = d.layout == "bshd" ? ref::Layout::BSHD : ref::Layout::BHSD;
  s.scale = d.scale;
  s.pattern = d.pattern;
  if (d.blockTable) {
    s.hasBlockTable = true, s.hasBlockFull = d.blockFull;
    s.blockQ = d.blockQ, s.blockK = d.blockK;
    s.tableHeads = d.tableHeads, s.tableNnz = d.tableNnz;
  }
  s.withLse = d.lse;
  s.hasSoftcap = d.softcap > 0;
  s.softcap = d.softcap;
  // Operand shapes right-aligned into rank 4 (document offsets are values:
  // makeInputs fills them in).
  for (const KernelDesc::Operand &o : d.operands) {
    std::array<int64_t, 4> shape4 = {1, 1, 1, 1};
    for (size_t i = 0; i < o.shape.size(); ++i)
      shape4[4 - o.shape.size() + i] = o.shape[i];
    if (o.role == "mask")
      s.hasMask = true, s.maskShape = shape4;
    else if (o.role == "bias")
      s.hasBias = true, s.biasShape = shape4;
    else if (o.role == "alibi")
      s.hasAlibi = true;
  }
  return s;
}

struct Gpu {
  CudaDriver cu;
  CUdevice dev = 0;
  std::string name;
  int major = 0, minor = 0, smemOptin = 0;
};

/// Loads the driver and selects device 0; false when there is no GPU.
bool openGpu(Gpu &g, std::string &why) {
  if (!g.cu.load(why))
    return false;
  int count = 0;
  CUresult r = g.cu.cuInit(0);
  if (r == 0)
    r = g.cu.cuDeviceGetCount(&count);
  if (r != 0 || count == 0) {
    why = r != 0 ? "cuInit failed: " + g.cu.errorText(r)
                 : std::string("the CUDA driver sees no device");
    return false;
  }
  char name[256] = {};
  CUcontext ctx = nullptr;
  if ((r = g.cu.cuDeviceGet(&g.dev, 0)) != 0 ||
      (r = g.cu.cuDeviceGetName(name, sizeof name - 1, g.dev)) != 0 ||
      (r = g.cu.cuDeviceGetAttribute(&g.major, kAttrComputeCapabilityMajor,
                                     g.dev)) != 0 ||
      (r = g.cu.cuDeviceGetAttribute(&g.minor, kAttrComputeCapabilityMinor,
                                     g.dev)) != 0 ||
      (r = g.cu.cuDeviceGetAttribute(&g.smemOptin, kAttrMaxSharedPerBlockOptin,
                                     g.dev)) != 0 ||
      (r = g.cu.cuDevicePrimaryCtxRetain(&ctx, g.dev)) != 0 ||
      (r = g.cu.cuCtxSetCurrent(ctx)) != 0) {
    why = "cannot open device 0: " + g.cu.errorText(r);
    return false;
  }
  g.name = name;
  return true;
}

ref::ElemType elemTypeOf(const std::string &t) {
  return t == "i1"    ? ref::ElemType::I1
         : t == "i32" ? ref::ElemType::I32
         : t == "i64" ? ref::ElemType::I64
         : t == "f16" ? ref::ElemType::F16
         : t == "bf16" ? ref::ElemType::BF16
                       : ref::ElemType::F32;
}

int fail(const std::string &msg) {
  std::fprintf(stderr, "attn-gpu-run: error: %s\n", msg.c_str());
  return 1;
}

struct Result {
  double msMedian = 0, msMin = 0, tflops = 0;
  bool checked = false, ok = true;
  ref::Comparison out, lse;
};

/// Compares the kernel's output (and LSE) with the float64 reference.
/// The reference's inputs (float64 values; the mask as stored bytes).
struct RefInputs {
  const double *q, *k, *v;
  const uint8_t *mask;
  const double *bias, *alibi;
};

void checkResults(const KernelDesc &d, const ref::AttentionSpec &spec,
                  ref::ElemType et, const RefInputs &in,
                  const std::vector<uint8_t> &outB,
                  const std::vector<uint8_t> &lseB, bool diag, Result &res) {
  int64_t outN = ref::outputElements(spec), lseN = ref::lseElements(spec);
  res.checked = true;
  std::vector<double> refOut(outN), refLse(d.lse ? lseN : 0), got, gotLse;
  ref::attentionForward(spec, in.q, in.k, in.v, in.mask, in.bias, in.alibi,
                        refOut.data(),
                        d.lse ? refLse.data() : nullptr);
  ref::decode(et, outB.data(), outN, got);
  res.out = ref::compare(got, refOut, ref::defaultTolerance(et));
  res.ok = res.out.ok;
  if (diag && !res.out.ok)
    diagnose("out", spec, spec.headDimV, got, refOut, ref::defaultTolerance(et));
  if (d.lse) {
    ref::decode(ref::ElemType::F32, lseB.data(), lseN, gotLse);
    res.lse = ref::compare(gotLse, refLse,
                           ref::defaultTolerance(ref::ElemType::F32));
    res.ok = res.ok && res.lse.ok;
    if (diag && !res.lse.ok)
      diagnose("lse", spec, 1, gotLse, refLse,
               ref::defaultTolerance(ref::ElemType::F32));
  }
}

bool cuOk(CudaDriver &cu, CUresult r, const char *what) {
  if (r == 0)
    return true;
  std::fprintf(stderr, "attn-gpu-run: error: %s: %s\n", what,
               cu.errorText(r).c_str());
  return false;
}

/// Loads the binary (PTX is JIT-compiled by the driver; its log goes into
/// the error) and readies `fn` for d.sharedBytes of dynamic shared memory.
int loadKernel(const KernelDesc &d, const std::string &binary, Gpu &g,
               CUfunction &fn) {
  CudaDriver &cu = g.cu;
  char errLog[8192] = {};
  int jitOpts[] = {kJitErrorLogBuffer, kJitErrorLogBufferSize};
  void *jitVals[] = {errLog, reinterpret_cast<void *>(sizeof errLog - 1)};
  CUmodule mod = nullptr;
  if (CUresult r =
          cu.cuModuleLoadDataEx(&mod, binary.data(), 2, jitOpts, jitVals)) {
    std::string msg = "cannot load the kernel binary for this GPU (sm_" +
                      std::to_string(g.major) + std::to_string(g.minor) +
                      ", kernel built for " + d.chip + "): " +
                      cu.errorText(r);
    if (errLog[0])
      msg += "\n" + std::string(errLog);
    return fail(msg);
  }
  if (!cuOk(cu, cu.cuModuleGetFunction(&fn, mod, d.kernel.c_str()),
            "cuModuleGetFunction"))
    return 1;
  if (d.sharedBytes > g.smemOptin)
    return fail("the kernel needs " + std::to_string(d.sharedBytes) +
                " bytes of shared memory; this GPU allows " +
                std::to_string(g.smemOptin));
  if (!cuOk(cu,
            cu.cuFuncSetAttribute(fn, kFuncAttrMaxDynamicShared,
                                  int(d.sharedBytes)),
            "cuFuncSetAttribute"))
    return 1;
  return 0;
}

/// The inputs as attn-run makes them, with the reference's spec of the
/// problem: storage bytes for the kernel and, with --check, float64 copies.
struct HostInputs {
  ref::AttentionSpec spec;
  ref::ElemType et = ref::ElemType::F16;
  std::vector<double> qv, kv, vv;
  std::vector<uint8_t> qb, kb, vb, rowPtrB, colsB, fullB;
  /// Mask, bias, ALiBi slopes, document offsets by role.
  std::map<std::string, std::vector<double>> extraV;
  std::map<std::string, std::vector<uint8_t>> extraB;

  /// The bytes of kernel argument `role`; null for the outputs.
  const std::vector<uint8_t> *bytes(const std::string &role) const {
    if (role == "q" || role == "k" || role == "v")
      return role == "q" ? &qb : role == "k" ? &kb : &vb;
    if (role == "row_ptr" || role == "cols" || role == "full")
      return role == "row_ptr" ? &rowPtrB : role == "cols" ? &colsB : &fullB;
    auto it = extraB.find(role);
    return it == extraB.end() ? nullptr : &it->second;
  }
  const double *values(const std::string &role) const {
    auto it = extraV.find(role);
    return it == extraV.end() ? nullptr : it->second.data();
  }
};

/// The block table, drawn from its own stream as attn-run draws it (before
/// the other inputs, so that validate() sees the real table).
void makeBlockTable(const Options &opt, const KernelDesc &d, HostInputs &in) {
  ref::Rng tableRng(ref::blockTableSeed(opt.seed));
  std::vector<double> r, c, f;
  int64_t rows = (d.seqQ + d.blockQ - 1) / d.blockQ;
  ref::generateBlockTable(d.batch * d.tableHeads, rows, d.tableNnz,
                          (d.seqKV + d.blockK - 1) / d.blockK,
                          ref::kDefaultTableDensity, tableRng, r, c, f,
                          in.rowPtrB, in.colsB, in.fullB);
  in.spec.rowPtr.assign(r.begin(), r.end());
  in.spec.cols.assign(c.begin(), c.end());
  for (double x : f)
    in.spec.full.push_back(x != 0.0);
}

/// Q, K or V (`role`): n elements from the stream. Without --check the
/// float64 copies are not needed: generated in chunks (the same stream as
/// one call), only the storage is kept.
void makeTensor(const Options &opt, int64_t n, ref::ElemType et, ref::Rng &rng,
                std::vector<double> &values, std::vector<uint8_t> &bytes) {
  int64_t chunk = opt.check ? n : int64_t(1) << 16;
  std::vector<double> part;
  std::vector<uint8_t> partBytes;
  bytes.reserve(n * ref::storageBytes(et));
  for (int64_t done = 0; done < n; done += chunk) {
    int64_t m = std::min(chunk, n - done);
    ref::generateDefault(et, m, rng, part, partBytes);
    bytes.insert(bytes.end(), partBytes.begin(), partBytes.end());
    if (opt.check)
      values.insert(values.end(), part.begin(), part.end());
  }
}

/// Every input of the entry function, in argument order from one seeded
/// stream (the block table from its own), and the checked spec.
int makeInputs(const Options &opt, const KernelDesc &d, HostInputs &in) {
  in.spec = specOf(d);
  in.et = d.elem == "bf16" ? ref::ElemType::BF16 : ref::ElemType::F16;
  if (d.blockTable)
    makeBlockTable(opt, d, in);
  ref::Rng rng(opt.seed);
  for (const std::string &role : d.inputs) {
    if (const KernelDesc::Operand *o = d.operand(role)) {
      ref::ElemType t = elemTypeOf(o->type);
      if (role == "docs")
        ref::generateOffsets(t, o->elements(), d.seqKV, rng, in.extraV[role],
                             in.extraB[role]);
      else
        ref::generateDefault(t, o->elements(), rng, in.extraV[role],
                             in.extraB[role]);
      continue;
    }
    if (role == "q")
      makeTensor(opt, ref::queryElements(in.spec), in.et, rng, in.qv, in.qb);
    else if (role == "k")
      makeTensor(opt, ref::keyElements(in.spec), in.et, rng, in.kv, in.kb);
    else if (role == "v")
      makeTensor(opt, ref::valueElements(in.spec), in.et, rng, in.vv, in.vb);
  }
  for (const std::string &role : d.inputs)
    if (role != "q" && role != "k" && role != "v" && !d.operand(role) &&
        role != "row_ptr" && role != "cols" && role != "full")
      return fail("input '" + role + "' has no description");
  if (d.operand("docs"))
    in.spec.docOffsets.assign(in.extraV["docs"].begin(),
                              in.extraV["docs"].end());
  std::string why = ref::validate(in.spec);
  if (!why.empty())
    return fail("invalid problem: " + why);
  return 0;
}

/// The kernel's parameters on the device: inputs copied in, outputs set to
/// NaN (a row never written cannot pass).
struct DeviceArgs {
  std::vector<CUdeviceptr> bufs;
  std::vector<size_t> sizes;
  std::vector<void *> params;
};

int uploadArgs(CudaDriver &cu, const KernelDesc &d, const HostInputs &in,
               DeviceArgs &dev) {
  int64_t outN = ref::outputElements(in.spec), lseN = ref::lseElements(in.spec);
  size_t eb = ref::storageBytes(in.et);
  for (const std::string &a : d.args) {
    const std::vector<uint8_t> *host = in.bytes(a);
    size_t bytes = host ? host->size() : a == "o" ? outN * eb : lseN * 4;
    CUdeviceptr p = 0;
    if (!cuOk(cu, cu.cuMemAlloc(&p, bytes), "cuMemAlloc"))
      return 1;
    dev.bufs.push_back(p), dev.sizes.push_back(bytes);
    if (host ? !cuOk(cu, cu.cuMemcpyHtoD(p, host->data(), bytes), "copy in")
             : !cuOk(cu, cu.cuMemsetD8(p, 0xff, bytes), "cuMemsetD8"))
      return 1;
  }
  for (CUdeviceptr &p : dev.bufs)
    dev.params.push_back(&p);
  return 0;
}

/// Launches once for the checked result (copied into outB, lseB), then
/// --warmup launches and --reps timed with CUDA events.
int launchAndTime(const Options &opt, const KernelDesc &d, CudaDriver &cu,
                  CUfunction fn, DeviceArgs &dev, std::vector<uint8_t> &outB,
                  std::vector<uint8_t> &lseB, Result &res) {
  auto launch = [&]() {
    return cu.cuLaunchKernel(fn, d.grid[0], d.grid[1], d.grid[2], d.block[0],
                             d.block[1], d.block[2], d.sharedBytes, nullptr,
                             dev.params.data(), nullptr);
  };
  if (!cuOk(cu, launch(), "cuLaunchKernel") ||
      !cuOk(cu, cu.cuCtxSynchronize(), "kernel execution"))
    return 1;
  for (size_t i = 0; i < d.args.size(); ++i) {
    std::vector<uint8_t> *host = d.args[i] == "o"     ? &outB
                                 : d.args[i] == "lse" ? &lseB
                                                      : nullptr;
    if (host &&
        !cuOk(cu, cu.cuMemcpyDtoH(host->data(), dev.bufs[i], dev.sizes[i]),
              "copy out"))
      return 1;
  }
  for (long i = 0; i < opt.warmup; ++i)
    if (!cuOk(cu, launch(), "cuLaunchKernel"))
      return 1;
  std::vector<CUevent> ev(opt.reps + 1);
  for (CUevent &e : ev)
    if (!cuOk(cu, cu.cuEventCreate(&e, 0), "cuEventCreate"))
      return 1;
  cuOk(cu, cu.cuEventRecord(ev[0], nullptr), "cuEventRecord");
  for (long i = 0; i < opt.reps; ++i) {
    if (!cuOk(cu, launch(), "cuLaunchKernel"))
      return 1;
    cuOk(cu, cu.cuEventRecord(ev[i + 1], nullptr), "cuEventRecord");
  }
  if (!cuOk(cu, cu.cuEventSynchronize(ev.back()), "kernel execution"))
    return 1;
  std::vector<double> ms;
  for (long i = 0; i < opt.reps; ++i) {
    float t = 0;
    cuOk(cu, cu.cuEventElapsedTime(&t, ev[i], ev[i + 1]), "cuEventElapsedTime");
    ms.push_back(t);
  }
  for (CUevent e : ev)
    cu.cuEventDestroy(e);
  for (CUdeviceptr p : dev.bufs)
    cu.cuMemFree(p);
  std::sort(ms.begin(), ms.end());
  res.msMedian = ms[ms.size() / 2], res.msMin = ms.front();
  return 0;
}

/// Loads the kernel, makes its inputs, runs and times it, and with --check
/// compares it with the reference.
int run(const Options &opt, const KernelDesc &d, const std::string &binary,
        Gpu &g, Result &res) {
  CUfunction fn = nullptr;
  if (int rc = loadKernel(d, binary, g, fn))
    return rc;
  HostInputs in;
  if (int rc = makeInputs(opt, d, in))
    return rc;
  DeviceArgs dev;
  if (int rc = uploadArgs(g.cu, d, in, dev))
    return rc;
  int64_t outN = ref::outputElements(in.spec), lseN = ref::lseElements(in.spec);
  std::vector<uint8_t> outB(outN * ref::storageBytes(in.et)),
      lseB(d.lse ? lseN * 4 : 0);
  if (int rc = launchAndTime(opt, d, g.cu, fn, dev, outB, lseB, res))
    return rc;
  const std::vector<uint8_t> *mask = in.bytes("mask");
  const uint8_t *maskBytes = in.spec.hasMask && mask ? mask->data() : nullptr;
  double flops = double(ref::attentionFlops(in.spec, maskBytes));
  res.tflops = flops / (res.msMedian * 1e-3) / 1e12;
  if (opt.check)
    checkResults(d, in.spec, in.et,
                 {in.qv.data(), in.kv.data(), in.vv.data(), maskBytes,
                  in.spec.hasBias ? in.values("bias") : nullptr,
                  in.spec.hasAlibi ? in.values("alibi") : nullptr},
                 outB, lseB, opt.diagnose, res);
  return 0;
}

void report(const Options &opt, const KernelDesc &d, const Gpu &g,
            const Result &res) {
  if (opt.json) {
    std::printf("{\"kernel\": \"%s\", \"gpu\": \"%s\", \"sm\": %d%d, "
                "\"ms_median\": %.6f, \"ms_min\": %.6f, \"tflops\": %.4f, "
                "\"check\": \"%s\", \"max_abs_err\": %.3g, "
                "\"lse_max_abs_err\": %.3g}\n",
                d.kernel.c_str(), g.name.c_str(), g.major, g.minor,
                res.msMedian, res.msMin, res.tflops,
                !res.checked ? "skipped" : res.ok ? "ok" : "mismatch",
                res.out.maxAbsErr, res.lse.maxAbsErr);
    return;
  }
  std::printf("%s on %s (sm_%d%d): grid %lld x %lld x %lld, block %lld, "
              "shared %lld B\n",
              d.kernel.c_str(), g.name.c_str(), g.major, g.minor,
              (long long)d.grid[0], (long long)d.grid[1], (long long)d.grid[2],
              (long long)d.block[0], (long long)d.sharedBytes);
  std::printf("time: median %.4f ms, min %.4f ms over %ld reps: %.2f TFLOP/s\n",
              res.msMedian, res.msMin, opt.reps, res.tflops);
  if (!res.checked)
    return;
  auto line = [](const char *what, const ref::Comparison &c) {
    std::printf("check %s: %s (max abs err %.3g, max rel err %.3g, %lld "
                "mismatches",
                what, c.ok ? "ok" : "MISMATCH", c.maxAbsErr, c.maxRelErr,
                (long long)c.mismatches);
    if (c.firstMismatch >= 0)
      std::printf(", first at element %lld", (long long)c.firstMismatch);
    std::printf(")\n");
  };
  line("output", res.out);
  if (d.lse)
    line("lse", res.lse);
}

} // namespace

int main(int argc, char **argv) {
  Options opt;
  std::string why;
  if (!parseArgs(argc, argv, opt, why))
    return usage(why);
  KernelDesc d;
  std::string binary;
  if (!opt.probe) {
    // Bad files are reported before looking for a GPU.
    std::string text;
    if (!readFile(opt.desc, text))
      return fail("cannot read " + opt.desc);
    if (!parseKernelDesc(text, d, why))
      return fail(opt.desc + ": " + why);
    std::string path = opt.binary;
    if (path.empty()) {
      std::string stem = opt.desc;
      if (stem.size() > 6 && stem.compare(stem.size() - 6, 6, ".kdesc") == 0)
        stem.resize(stem.size() - 6);
      path = stem + ".cubin";
      if (!readFile(path, binary))
        path = stem + ".ptx";
    }
    if (binary.empty() && !readFile(path, binary))
      return fail("cannot read the kernel binary " + path);
    // PTX text must be NUL-terminated for the driver.
    if (path.size() > 4 && path.compare(path.size() - 4, 4, ".ptx") == 0)
      binary.push_back('\0');
  }
  Gpu g;
  if (!openGpu(g, why)) {
    std::fprintf(stderr, "attn-gpu-run: no usable GPU: %s\n", why.c_str());
    return kExitNoGpu;
  }
  if (opt.probe) {
    std::printf("%s (sm_%d%d)\n", g.name.c_str(), g.major, g.minor);
    return 0;
  }
  Result res;
  if (int rc = run(opt, d, binary, g, res))
    return rc;
  report(opt, d, g, res);
  return res.ok ? 0 : 1;
}
