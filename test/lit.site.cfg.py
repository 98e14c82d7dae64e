# Lets lit run tests by their source path: `lit test/Dialect/x.mlir` from
# the repository root, or `lit ../test/Dialect/x.mlir` from a build
# directory. lit finds this file next to the sources and is sent on to the
# site configuration CMake generated in the build: the one in the current
# directory (a build directory), else $ATTN_BUILD, else <repo>/build.
import os

_candidates = [os.path.join(os.getcwd(), "test", "lit.site.cfg.py")]
if os.environ.get("ATTN_BUILD"):
    _candidates.insert(0, os.path.join(os.environ["ATTN_BUILD"], "test",
                                       "lit.site.cfg.py"))
_candidates.append(os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "build", "test", "lit.site.cfg.py"))
for _site in _candidates:
    if os.path.isfile(_site) and os.path.realpath(_site) != os.path.realpath(__file__):
        lit_config.load_config(config, _site)
        break
else:
    lit_config.fatal("no configured build found (tried %s): run "
                     "scripts/setup.sh or set ATTN_BUILD" % ", ".join(_candidates))
