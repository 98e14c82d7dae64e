//===- SanitizerDefaults.cpp - runtime options of the sanitizer build -----===//
//
// Compiled into the executables of a build with ATTN_SANITIZE set (see the
// top-level CMakeLists.txt and scripts/gcc-sanitize.sh), never into the
// release build. The sanitizer runtimes call these before main; options in
// the environment (ASAN_OPTIONS, UBSAN_OPTIONS) are applied after them.
//
//===----------------------------------------------------------------------===//

// AddressSanitizer.
//  - allow_user_poisoning=0: only our code is instrumented, not the Debian
//    libMLIR/libLLVM it links. LLVM's BumpPtrAllocator (llvm/Support/
//    Allocator.h) poisons the unused rest of each slab when compiled with
//    ASan, and unpoisons what it hands out. Our instrumented copy of
//    `Allocate` (e.g. StorageUniquer::get<...AttrStorage> of our attributes)
//    and libMLIR's uninstrumented copy share the context's allocator, so
//    libMLIR allocates from a slab our copy poisoned and its first write is
//    reported as use-after-poison (FileLineColRange::get while parsing,
//    DenseIntOrFPElementsAttr::getRaw). Nothing in attn-opt's own code
//    poisons memory, so this turns off only LLVM's allocator annotations;
//    out-of-bounds, use-after-free etc. are still reported.
//  - detect_leaks=0: LLVM's singletons (ManagedStatic, the registered
//    dialects and passes) are deliberately never freed.
//  - exitcode=86: a report fails the run with an exit code no tool uses.
extern "C" __attribute__((visibility("default"), used)) const char *
__asan_default_options() {
  return "allow_user_poisoning=0:detect_leaks=0:exitcode=86";
}

// UndefinedBehaviorSanitizer: stop at the first report, with a stack.
extern "C" __attribute__((visibility("default"), used)) const char *
__ubsan_default_options() {
  return "print_stacktrace=1:halt_on_error=1:exitcode=86";
}
