# -*- Python -*-
import os

import lit.formats
from lit.llvm import llvm_config

config.name = "ATTN"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".test"]
config.excludes = ["CMakeLists.txt", "README.md", "lit.cfg.py", "lit.site.cfg.py", "Inputs",
                   "regressions"]  # kept fuzz findings: replayed by Fuzz/fuzz-regressions.test
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.attn_obj_root, "test")

config.substitutions.append(("%PATH%", config.environment["PATH"]))
config.substitutions.append(("%attn_src_root", config.attn_src_root))
config.substitutions.append(("%examples", os.path.join(config.attn_src_root, "examples")))
config.substitutions.append(("%python", config.python_executable))

llvm_config.with_system_environment(["HOME", "INCLUDE", "LIB", "TMP", "TEMP"])
llvm_config.use_default_substitutions()
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)

tool_dirs = [config.attn_tools_dir, config.llvm_tools_dir]
tools = ["attn-opt", "attn-run", "attn-ref-selftest", "attn-linear-selftest"]
llvm_config.add_tool_substitutions(tools, tool_dirs)

# Host CPU features, for execution tests of target-specific code paths.
try:
    with open("/proc/cpuinfo") as f:
        cpu_flags = next(
            (l.split(":", 1)[1].split() for l in f if l.startswith("flags")), [])
except OSError:
    cpu_flags = []
for flag, feature in [("avx512_bf16", "avx512bf16"), ("avx2", "avx2")]:
    if flag in cpu_flags:
        config.available_features.add(feature)

# Sanitizer builds (scripts/sanitize.sh): AddressSanitizer reserves terabytes
# of address space, so tests that limit it (ulimit -v) cannot run there.
if "address" in getattr(config, "attn_sanitize", ""):
    config.available_features.add("asan")
