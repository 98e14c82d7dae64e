# -*- Python -*-
import os

import lit.formats
from lit.llvm import llvm_config

config.name = "ATTN"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".test"]
config.excludes = ["CMakeLists.txt", "README.md", "lit.cfg.py", "lit.site.cfg.py", "Inputs",
                   "attn_lit.py",
                   "regressions"]  # kept fuzz findings: replayed by Fuzz/fuzz-regressions.test
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.attn_obj_root, "test")

config.substitutions.append(("%PATH%", config.environment["PATH"]))
config.substitutions.append(("%attn_src_root", config.attn_src_root))
config.substitutions.append(("%attn_obj_root", config.attn_obj_root))
config.substitutions.append(("%examples", os.path.join(config.attn_src_root, "examples")))
config.substitutions.append(("%python", config.python_executable))
config.substitutions.append(("%cc", config.c_compiler))
config.substitutions.append(("%cxx", config.cxx_compiler))
config.substitutions.append(("%cmake", config.cmake_command))
config.substitutions.append(("%nm", os.path.join(config.llvm_tools_dir, "llvm-nm")))
config.substitutions.append(("%llvm_lib_dir", config.llvm_lib_dir))
config.substitutions.append(("%attn_obj_root", config.attn_obj_root))

llvm_config.with_system_environment(["HOME", "INCLUDE", "LIB", "TMP", "TEMP"])
llvm_config.use_default_substitutions()
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)

tool_dirs = [config.attn_tools_dir, config.llvm_tools_dir]
tools = ["attn-ref-selftest", "attn-linear-selftest", "attn-capi-test",
         "attn-gpu-run"]
llvm_config.add_tool_substitutions(tools, tool_dirs)
# attn-opt, attn-run, attn-aot and the plugin substitutions, as a downstream
# suite gets them from the installed attn_lit.py.
import sys
sys.path.insert(0, os.path.dirname(__file__))
import attn_lit
attn_lit.add_substitutions(config, llvm_config, tools_dir=config.attn_tools_dir,
                           lib_dir=os.path.join(config.attn_obj_root, "lib"))
# The tree `cmake --install` writes for the tests of the installed package
# (test/CMakeLists.txt: attn-test-install).
config.substitutions.append(("%attn_prefix", os.path.join(config.attn_obj_root, "test-prefix")))
config.substitutions.append(("%mlir_opt", os.path.join(config.llvm_tools_dir, "mlir-opt")))
config.substitutions.append(("%mlir_tblgen", os.path.join(config.llvm_tools_dir, "mlir-tblgen")))
# MPI (scripts/deps.sh installs MPICH): the distributed execution tests run
# tools/attn-mpi-run under mpirun; without mpirun and libmpich they are
# unsupported.
import ctypes
import shutil
_mpirun = shutil.which("mpirun")
if _mpirun:
    try:
        ctypes.CDLL(os.environ.get("ATTN_MPI_LIBRARY", "libmpich.so.12"))
        config.available_features.add("mpi")
    except OSError:
        pass
config.substitutions.append(("%mpirun", _mpirun or "mpirun"))
config.substitutions.append(("%attn_mpi_run", "env ATTN_LIBRARY=%s %s %s --attn-opt=%s" % (
    os.path.join(config.attn_obj_root, "lib", "libAttnCAPI.so"),
    config.python_executable,
    os.path.join(config.attn_src_root, "tools", "attn-mpi-run", "attn-mpi-run.py"),
    os.path.join(config.attn_tools_dir, "attn-opt"))))
config.substitutions.append(("%llvm_include_dir",
                             os.path.join(os.path.dirname(config.llvm_lib_dir), "include")))

# Host CPU features, for execution tests of target-specific code paths.
try:
    with open("/proc/cpuinfo") as f:
        cpu_flags = next(
            (l.split(":", 1)[1].split() for l in f if l.startswith("flags")), [])
except OSError:
    cpu_flags = []
for flag, feature in [("avx512_bf16", "avx512bf16"), ("avx512f", "avx512f"),
                      ("avx2", "avx2")]:
    if flag in cpu_flags:
        config.available_features.add(feature)

# Sanitizer builds (scripts/gcc-sanitize.sh): AddressSanitizer reserves
# terabytes of address space, so tests that limit it (ulimit -v) cannot run
# there, and the fuzzer runs without its address-space limit
# (%fuzz_mem_limit_mb, 0 = none; ASan reports what the limit would catch).
asan = "address" in getattr(config, "attn_sanitize", "")
if asan:
    config.available_features.add("asan")
config.substitutions.append(("%fuzz_mem_limit_mb", "0" if asan else "8192"))

# NVGPU target. `ptxas`: the CUDA toolkit's assembler, which gpu.binary
# serialization (and so every cubin test) needs. `cuda-gpu`: attn-gpu-run
# found a usable GPU (it exits with 77 when there is none, and the tests
# that execute kernels then report UNSUPPORTED, never pass).
import shutil
import subprocess
cuda_root = os.environ.get("CUDA_ROOT", "/usr/local/cuda")
if os.path.exists(os.path.join(cuda_root, "bin", "ptxas")) or shutil.which("ptxas"):
    config.available_features.add("ptxas")
gpu_run = os.path.join(config.attn_tools_dir, "attn-gpu-run")
if os.path.exists(gpu_run):
    try:
        probe = subprocess.run([gpu_run, "--probe"], capture_output=True,
                               timeout=60)
        if probe.returncode == 0:
            config.available_features.add("cuda-gpu")
        elif probe.returncode != 77:
            lit_config.warning("attn-gpu-run --probe failed: %r" % probe.stderr)
    except (OSError, subprocess.TimeoutExpired) as e:
        lit_config.warning("attn-gpu-run --probe: %s" % e)
