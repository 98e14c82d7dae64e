"""lit substitutions for test suites that use attn-opt's tools and plugins.

Installed as <prefix>/share/attn-opt/lit/attn_lit.py. In a downstream
lit.cfg.py:

    import sys
    sys.path.insert(0, "<prefix>/share/attn-opt/lit")
    import attn_lit
    attn_lit.add_substitutions(config, llvm_config, "<prefix>")

then RUN lines can use attn-opt, attn-run and attn-aot by name, and
`mlir-opt-22 %attn_plugins ...` (%attn_dialect_plugin, %attn_pass_plugin
for the single files). attn-opt's own suite uses it the same way.
"""
import os


def add_substitutions(config, llvm_config, prefix=None, tools_dir=None,
                      lib_dir=None):
    """Registers the tools of `tools_dir` (default <prefix>/bin) and the
    plugins of `lib_dir` (default <prefix>/lib)."""
    tools_dir = tools_dir or os.path.join(prefix, "bin")
    lib_dir = lib_dir or os.path.join(prefix, "lib")
    llvm_config.add_tool_substitutions(["attn-opt", "attn-run", "attn-aot"],
                                       [tools_dir])
    dialect = os.path.join(lib_dir, "AttnDialectPlugin.so")
    passes = os.path.join(lib_dir, "AttnPassPlugin.so")
    config.substitutions.append(("%attn_dialect_plugin", dialect))
    config.substitutions.append(("%attn_pass_plugin", passes))
    config.substitutions.append(
        ("%attn_plugins",
         "--load-dialect-plugin=%s --load-pass-plugin=%s" % (dialect, passes)))
