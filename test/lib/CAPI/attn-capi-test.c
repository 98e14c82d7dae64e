/* C test of the attn C API (attn-c/Attn.h, attn-c/Runtime.h); run by
 * test/lib/CAPI/capi.test, which checks its output. Plain C11. */
#include "attn-c/Attn.h"
#include "attn-c/Passes.h"
#include "attn-c/Runtime.h"
#include "mlir-c/IR.h"
#include "mlir-c/Pass.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void printCallback(MlirStringRef s, void *user) {
  (void)user;
  fwrite(s.data, 1, s.length, stdout);
}

static void printAttr(const char *label, MlirAttribute a) {
  printf("%s: ", label);
  if (mlirAttributeIsNull(a))
    printf("(null)");
  else
    mlirAttributePrint(a, printCallback, NULL);
  printf("\n");
}

static void testAttributes(MlirContext ctx) {
  MlirAttribute causal = mlirAttnCausalAttrGet(ctx, MlirAttnAlignmentTopLeft);
  printAttr("causal", causal);
  printf("causal is causal %d, is pattern %d, align %d\n",
         mlirAttributeIsAAttnCausal(causal),
         mlirAttributeIsAAttnSparsityPattern(causal),
         (int)mlirAttnCausalAttrGetAlign(causal));
  /* Top-left: with Sq = 2, Skv = 4 query 0 sees key 0 only. */
  printf("top_left visible(0,0) %d visible(0,1) %d\n",
         mlirAttnSparsityPatternIsVisible(causal, 0, 0, 2, 4),
         mlirAttnSparsityPatternIsVisible(causal, 0, 1, 2, 4));
  MlirAttribute br = mlirAttnCausalAttrGet(ctx, MlirAttnAlignmentBottomRight);
  printAttr("bottom_right", br);
  printf("bottom_right visible(0,2) %d\n",
         mlirAttnSparsityPatternIsVisible(br, 0, 2, 2, 4));

  MlirAttribute win =
      mlirAttnSlidingWindowAttrGet(ctx, 128, 0, MlirAttnAlignmentBottomRight);
  printAttr("window", win);
  printf("window left %lld right %lld\n",
         (long long)mlirAttnSlidingWindowAttrGetLeft(win),
         (long long)mlirAttnSlidingWindowAttrGetRight(win));
  /* Invalid parameters: a diagnostic and a null attribute. */
  printAttr("bad window",
            mlirAttnSlidingWindowAttrGet(ctx, -1, 0, MlirAttnAlignmentTopLeft));

  MlirAttribute dil =
      mlirAttnDilatedWindowAttrGet(ctx, 8, 0, 4, MlirAttnAlignmentTopLeft);
  printAttr("dilated", dil);
  MlirAttribute glob = mlirAttnGlobalAttrGet(ctx, 4, 0);
  MlirAttribute parts[2] = {glob, win};
  MlirAttribute u = mlirAttnUnionAttrGet(ctx, 2, parts);
  printAttr("union", u);
  printf("union has %ld patterns, second is window %d\n",
         (long)mlirAttnCombinedAttrGetNumPatterns(u),
         mlirAttributeIsAAttnSlidingWindow(mlirAttnCombinedAttrGetPattern(u, 1)));
  int64_t layout[4] = {1, 0, 1, 1};
  MlirAttribute bl = mlirAttnBlockLayoutAttrGet(ctx, 64, 64, 2, 2, layout);
  printAttr("block_layout", bl);
  printf("block_layout entry(0,1) %lld entry(1,0) %lld\n",
         (long long)mlirAttnBlockLayoutAttrGetEntry(bl, 0, 1),
         (long long)mlirAttnBlockLayoutAttrGetEntry(bl, 1, 0));
  printAttr("neighborhood", mlirAttnNeighborhoodAttrGet(ctx, 8, 8, 3, 3, 1, 1));
  printAttr("documents", mlirAttnDocumentsAttrGet(ctx));
  MlirAttribute tiling = mlirAttnTilingAttrGet(ctx, 64, 128);
  printAttr("tiling", tiling);
  printf("tiling query %lld key %lld is tiling %d is pattern %d\n",
         (long long)mlirAttnTilingAttrGetQuery(tiling),
         (long long)mlirAttnTilingAttrGetKey(tiling),
         mlirAttributeIsAAttnTiling(tiling),
         mlirAttributeIsAAttnSparsityPattern(tiling));
  printAttr("bad tiling", mlirAttnTilingAttrGet(ctx, 0, 128));
  printAttr("layout", mlirAttnLayoutAttrGet(ctx, true));
}

static const char *kModule =
    "func.func @f(%q: tensor<1x2x8x16xf32>, %k: tensor<1x1x12x16xf32>,\n"
    "             %v: tensor<1x1x12x16xf32>) -> tensor<1x2x8x16xf32> {\n"
    "  %o = attn.attention %q, %k, %v {sparsity = #attn.causal<align = "
    "top_left>}\n"
    "      : tensor<1x2x8x16xf32>, tensor<1x1x12x16xf32>, "
    "tensor<1x1x12x16xf32> -> tensor<1x2x8x16xf32>\n"
    "  return %o : tensor<1x2x8x16xf32>\n"
    "}\n";

static void testPasses(void) {
  MlirDialectRegistry registry = mlirDialectRegistryCreate();
  mlirAttnRegisterRequiredDialects(registry);
  MlirContext ctx = mlirContextCreateWithRegistry(registry, false);
  mlirDialectRegistryDestroy(registry);
  mlirAttnRegisterPasses();
  MlirModule module =
      mlirModuleCreateParse(ctx, mlirStringRefCreateFromCString(kModule));
  if (mlirModuleIsNull(module)) {
    printf("parse failed\n");
    exit(1);
  }
  MlirPassManager pm = mlirPassManagerCreate(ctx);
  MlirLogicalResult r = mlirParsePassPipeline(
      mlirPassManagerGetAsOpPassManager(pm),
      mlirStringRefCreateFromCString("builtin.module(attn-decompose)"),
      printCallback, NULL);
  printf("pipeline parsed %d\n", mlirLogicalResultIsSuccess(r));
  r = mlirPassManagerRunOnOp(pm, mlirModuleGetOperation(module));
  printf("pipeline ran %d\n", mlirLogicalResultIsSuccess(r));
  mlirOperationPrint(mlirModuleGetOperation(module), printCallback, NULL);
  printf("\n");
  mlirPassManagerDestroy(pm);
  mlirModuleDestroy(module);

  /* A pass created through the generated per-pass C API. */
  module = mlirModuleCreateParse(ctx, mlirStringRefCreateFromCString(kModule));
  pm = mlirPassManagerCreate(ctx);
  mlirPassManagerAddOwnedPass(pm, mlirCreateAttnTransformsAttnFuse());
  r = mlirPassManagerRunOnOp(pm, mlirModuleGetOperation(module));
  printf("created attn-fuse ran %d\n", mlirLogicalResultIsSuccess(r));
  mlirOperationPrint(mlirModuleGetOperation(module), printCallback, NULL);
  printf("\n");
  mlirPassManagerDestroy(pm);
  mlirModuleDestroy(module);
  mlirContextDestroy(ctx);
}

static void testRuntime(void) {
  enum { NQ = 2 * 8 * 16, NK = 12 * 16 };
  float q[NQ], k[NK], v[NK], o[NQ];
  double qd[NQ], kd[NK], vd[NK], od[NQ];
  unsigned s = 1;
  for (int i = 0; i < NQ; ++i) {
    s = s * 1103515245u + 12345u;
    q[i] = (float)((s >> 8) % 2001) / 1000.0f - 1.0f;
    qd[i] = q[i];
  }
  for (int i = 0; i < NK; ++i) {
    s = s * 1103515245u + 12345u;
    k[i] = (float)((s >> 8) % 2001) / 1000.0f - 1.0f;
    s = s * 1103515245u + 12345u;
    v[i] = (float)((s >> 8) % 2001) / 1000.0f - 1.0f;
    kd[i] = k[i];
    vd[i] = v[i];
  }
  char *error = NULL;
  AttnKernel kernel = attnKernelCompile(kModule, "f", NULL, &error);
  if (!kernel) {
    printf("compile failed: %s\n", error);
    exit(1);
  }
  printf("kernel inputs %d outputs %d\n", attnKernelNumInputs(kernel),
         attnKernelNumOutputs(kernel));
  void *ins[3] = {q, k, v}, *outs[1] = {o};
  if (attnKernelRun(kernel, ins, outs, &error)) {
    printf("run failed: %s\n", error);
    exit(1);
  }
  const double *rins[3] = {qd, kd, vd};
  double *routs[1] = {od};
  if (attnReferenceEvaluate(kModule, "f", rins, routs, &error)) {
    printf("reference failed: %s\n", error);
    exit(1);
  }
  int bad = 0;
  for (int i = 0; i < NQ; ++i)
    bad += !(fabs(o[i] - od[i]) <= 1e-5 + 1e-4 * fabs(od[i]));
  printf("kernel vs reference: %d mismatches\n", bad);
  attnKernelDestroy(kernel);

  /* Errors come back as messages. */
  kernel = attnKernelCompile("func.func @g(", "g", NULL, &error);
  printf("bad ir: kernel %s, error: %s\n", kernel ? "non-null" : "null",
         error ? "set" : "unset");
  attnFreeString(error);
  error = NULL;
  kernel = attnKernelCompile(kModule, "nope", NULL, &error);
  printf("bad entry: %s\n", error);
  attnFreeString(error);
  error = NULL;
}

/* attnKernelCall: a kernel with dynamic sequence lengths takes them from the
 * buffers' shapes, and shapes that do not fit are refused with a message
 * before any buffer is touched. */
static const char *kDynamicModule =
    "func.func @d(%q: tensor<1x2x?x16xf32>, %k: tensor<1x1x?x16xf32>,\n"
    "             %v: tensor<1x1x?x16xf32>) -> tensor<1x2x?x16xf32> {\n"
    "  %o = attn.attention %q, %k, %v\n"
    "      : tensor<1x2x?x16xf32>, tensor<1x1x?x16xf32>, "
    "tensor<1x1x?x16xf32> -> tensor<1x2x?x16xf32>\n"
    "  return %o : tensor<1x2x?x16xf32>\n"
    "}\n";

static void testCall(void) {
  static float q[2 * 8 * 16], k[12 * 16], v[12 * 16], o[2 * 8 * 16];
  char *error = NULL;
  AttnKernel kernel = attnKernelCompile(kDynamicModule, "d", NULL, &error);
  if (!kernel) {
    printf("compile failed: %s\n", error);
    exit(1);
  }
  int64_t qs[4] = {1, 2, 8, 16}, ks[4] = {1, 1, 12, 16}, vs[4] = {1, 1, 12, 16},
          os[4] = {1, 2, 8, 16};
  AttnBuffer ins[3] = {{q, 4, qs}, {k, 4, ks}, {v, 4, vs}};
  AttnBuffer outs[1] = {{o, 4, os}};
  int rc = attnKernelCall(kernel, ins, 3, outs, 1, &error);
  printf("call: %d\n", rc);
  int64_t shortOut[4] = {1, 2, 5, 16};
  outs[0].shape = shortOut;
  rc = attnKernelCall(kernel, ins, 3, outs, 1, &error);
  printf("short output: %d: %s\n", rc, error);
  attnFreeString(error);
  error = NULL;
  outs[0].shape = os;
  int64_t shortV[4] = {1, 1, 10, 16};
  ins[2].shape = shortV;
  rc = attnKernelCall(kernel, ins, 3, outs, 1, &error);
  printf("short value: %d: %s\n", rc, error);
  attnFreeString(error);
  error = NULL;
  int64_t wideV[4] = {1, 1, 12, 8};
  ins[2].shape = wideV;
  rc = attnKernelCall(kernel, ins, 3, outs, 1, &error);
  printf("static size: %d: %s\n", rc, error);
  attnFreeString(error);
  error = NULL;
  rc = attnKernelRun(kernel, (void *[]){q, k, v}, (void *[]){o}, &error);
  printf("run without shapes: %d: %s\n", rc, error);
  attnFreeString(error);
  attnKernelDestroy(kernel);
}

int main(void) {
  /* Unbuffered, so that diagnostics (stderr) interleave in order. */
  setvbuf(stdout, NULL, _IONBF, 0);
  MlirContext ctx = mlirContextCreate();
  MlirDialectHandle attn = mlirGetDialectHandle__attn__();
  mlirDialectHandleRegisterDialect(attn, ctx);
  mlirDialectHandleLoadDialect(attn, ctx);
  MlirStringRef ns = mlirDialectHandleGetNamespace(attn);
  printf("dialect namespace: %.*s\n", (int)ns.length, ns.data);
  testAttributes(ctx);
  mlirContextDestroy(ctx);
  testPasses();
  testRuntime();
  testCall();
  return 0;
}
