//===- KernelDesc.cpp - text form of GPU kernel descriptions --------------===//
#include "attn/GpuRuntime/KernelDesc.h"

#include <cstdio>
#include <sstream>

using namespace attn::gpu;

static const char *kMagic = "attn-kernel-desc 1";

std::string attn::gpu::printKernelDesc(const KernelDesc &d) {
  std::ostringstream os;
  char scale[64];
  std::snprintf(scale, sizeof scale, "%.17g", d.scale);
  os << kMagic << "\n";
  os << "kernel " << d.kernel << "\n";
  os << "entry " << d.entry << "\n";
  os << "chip " << d.chip << "\n";
  os << "grid " << d.grid[0] << " " << d.grid[1] << " " << d.grid[2] << "\n";
  os << "block " << d.block[0] << " " << d.block[1] << " " << d.block[2]
     << "\n";
  os << "smem " << d.sharedBytes << "\n";
  os << "elem " << d.elem << "\n";
  os << "dims " << d.batch << " " << d.headsQ << " " << d.headsKV << " "
     << d.seqQ << " " << d.seqKV << " " << d.headDim << " " << d.headDimV
     << "\n";
  os << "layout " << d.layout << "\n";
  os << "scale " << scale << "\n";
  os << "pattern " << d.pattern;
  if (d.pattern == "sliding_window")
    os << " " << d.left << " " << d.right;
  os << "\n";
  os << "lse " << (d.lse ? 1 : 0) << "\n";
  if (d.softcap > 0) {
    char cap[64];
    std::snprintf(cap, sizeof cap, "%.17g", d.softcap);
    os << "softcap " << cap << "\n";
  }
  os << "inputs";
  for (const std::string &s : d.inputs)
    os << " " << s;
  os << "\nargs";
  for (const std::string &s : d.args)
    os << " " << s;
  os << "\n";
  return os.str();
}

bool attn::gpu::parseKernelDesc(const std::string &text, KernelDesc &d,
                                std::string &why) {
  std::istringstream in(text);
  std::string line;
  if (!std::getline(in, line) || line != kMagic) {
    why = "not a kernel description (expected '" + std::string(kMagic) +
          "' on the first line)";
    return false;
  }
  bool seen[16] = {};
  const char *required[] = {"kernel", "grid", "block", "smem", "elem",
                            "dims",   "scale", "pattern", "inputs", "args"};
  int lineNo = 1;
  while (std::getline(in, line)) {
    ++lineNo;
    if (line.empty())
      continue;
    std::istringstream ls(line);
    std::string key;
    ls >> key;
    auto bad = [&](const std::string &what) {
      why = "line " + std::to_string(lineNo) + ": " + what;
      return false;
    };
    for (int i = 0; i < 10; ++i)
      if (key == required[i])
        seen[i] = true;
    if (key == "kernel")
      ls >> d.kernel;
    else if (key == "entry")
      ls >> d.entry;
    else if (key == "chip")
      ls >> d.chip;
    else if (key == "grid" || key == "block") {
      auto &v = key == "grid" ? d.grid : d.block;
      ls >> v[0] >> v[1] >> v[2];
      if (ls.fail() || v[0] < 1 || v[1] < 1 || v[2] < 1)
        return bad(key + " needs three positive integers");
    } else if (key == "smem") {
      ls >> d.sharedBytes;
      if (ls.fail() || d.sharedBytes < 0)
        return bad("smem needs a byte count");
    } else if (key == "elem") {
      ls >> d.elem;
      if (d.elem != "f16" && d.elem != "bf16")
        return bad("elem must be f16 or bf16");
    } else if (key == "dims") {
      ls >> d.batch >> d.headsQ >> d.headsKV >> d.seqQ >> d.seqKV >>
          d.headDim >> d.headDimV;
      if (ls.fail() || d.batch < 1 || d.headsQ < 1 || d.headsKV < 1 ||
          d.seqQ < 1 || d.seqKV < 1 || d.headDim < 1 || d.headDimV < 1 ||
          d.headsQ % d.headsKV != 0)
        return bad("dims needs B Hq Hkv Sq Skv D Dv (positive, Hkv | Hq)");
    } else if (key == "layout") {
      ls >> d.layout;
      if (d.layout != "bhsd" && d.layout != "bshd")
        return bad("layout must be bhsd or bshd");
    } else if (key == "scale") {
      ls >> d.scale;
      if (ls.fail())
        return bad("scale needs a number");
    } else if (key == "pattern") {
      ls >> d.pattern;
      if (d.pattern == "sliding_window") {
        ls >> d.left >> d.right;
        if (ls.fail() || d.left < 0 || d.right < 0)
          return bad("sliding_window needs left and right (>= 0)");
      } else if (d.pattern != "none" && d.pattern != "causal") {
        return bad("unknown pattern '" + d.pattern + "'");
      }
    } else if (key == "softcap") {
      ls >> d.softcap;
      if (ls.fail() || !(d.softcap > 0))
        return bad("softcap needs a positive number");
    } else if (key == "lse") {
      int v = 0;
      ls >> v;
      d.lse = v != 0;
    } else if (key == "inputs" || key == "args") {
      auto &v = key == "inputs" ? d.inputs : d.args;
      v.clear();
      std::string s;
      while (ls >> s) {
        if (s != "q" && s != "k" && s != "v" &&
            (key == "inputs" || (s != "o" && s != "lse")))
          return bad("unknown " + key + " role '" + s + "'");
        v.push_back(s);
      }
    } else {
      return bad("unknown key '" + key + "'");
    }
  }
  for (int i = 0; i < 10; ++i)
    if (!seen[i]) {
      why = std::string("missing '") + required[i] + "' line";
      return false;
    }
  return true;
}
