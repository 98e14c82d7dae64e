//===- KernelDesc.cpp - text form of GPU kernel descriptions --------------===//
#include "attn/GpuRuntime/KernelDesc.h"

#include <cstdio>
#include <sstream>

using namespace attn::gpu;

static const char *kMagic = "attn-kernel-desc 1";

std::string attn::gpu::printPattern(const ref::MaskPattern &p) {
  using K = ref::PatternKind;
  std::ostringstream os;
  const char *align = p.topLeft ? " tl" : " br";
  switch (p.kind) {
  case K::None:
    os << "none";
    break;
  case K::Causal:
    os << "causal" << align;
    break;
  case K::SlidingWindow:
    os << "sliding_window " << p.left << " " << p.right << align;
    break;
  case K::DilatedWindow:
    os << "dilated_window " << p.left << " " << p.right << " " << p.dilation
       << align;
    break;
  case K::Global:
    os << "global " << p.keys << " " << p.queries;
    break;
  case K::Neighborhood:
    os << "neighborhood " << p.height << " " << p.width << " " << p.kernelH
       << " " << p.kernelW << " " << p.dilationH << " " << p.dilationW;
    break;
  case K::BlockLayout:
    os << "block_layout " << p.blockQ << " " << p.blockK << " " << p.rows
       << " " << p.cols << " ";
    for (uint8_t bit : p.layout)
      os << (bit ? '1' : '0');
    break;
  case K::Documents:
    os << "documents";
    break;
  case K::Union:
  case K::Intersect:
    os << (p.kind == K::Union ? "union " : "intersect ") << p.children.size();
    for (const ref::MaskPattern &c : p.children)
      os << " " << printPattern(c);
    break;
  }
  return os.str();
}

bool attn::gpu::parsePattern(std::istream &in, ref::MaskPattern &p,
                             std::string &why, int depth) {
  using K = ref::PatternKind;
  std::string kind;
  if (depth > 16)
    return why = "pattern nested too deeply", false;
  if (!(in >> kind))
    return why = "pattern expected", false;
  auto align = [&]() {
    std::string a;
    in >> a;
    if (a != "br" && a != "tl")
      return why = "alignment must be br or tl", false;
    p.topLeft = a == "tl";
    return true;
  };
  auto ints = [&](std::initializer_list<int64_t *> out) {
    for (int64_t *o : out)
      if (!(in >> *o))
        return why = kind + ": integer parameter expected", false;
    return true;
  };
  if (kind == "none") {
    p.kind = K::None;
  } else if (kind == "causal") {
    p.kind = K::Causal;
    if (!align())
      return false;
  } else if (kind == "sliding_window" || kind == "dilated_window") {
    bool dil = kind == "dilated_window";
    p.kind = dil ? K::DilatedWindow : K::SlidingWindow;
    if (!ints({&p.left, &p.right}) || (dil && !ints({&p.dilation})) ||
        !align())
      return false;
  } else if (kind == "documents") {
    p.kind = K::Documents; // offsets: the docs operand
  } else if (kind == "global") {
    p.kind = K::Global;
    if (!ints({&p.keys, &p.queries}))
      return false;
  } else if (kind == "neighborhood") {
    p.kind = K::Neighborhood;
    if (!ints({&p.height, &p.width, &p.kernelH, &p.kernelW, &p.dilationH,
               &p.dilationW}))
      return false;
  } else if (kind == "block_layout") {
    p.kind = K::BlockLayout;
    std::string bits;
    if (!ints({&p.blockQ, &p.blockK, &p.rows, &p.cols}) || !(in >> bits))
      return false;
    if (p.rows < 0 || p.cols < 0 || int64_t(bits.size()) != p.rows * p.cols)
      return why = "block_layout needs rows * cols 0/1 digits", false;
    for (char c : bits) {
      if (c != '0' && c != '1')
        return why = "block_layout needs rows * cols 0/1 digits", false;
      p.layout.push_back(c == '1');
    }
  } else if (kind == "union" || kind == "intersect") {
    p.kind = kind == "union" ? K::Union : K::Intersect;
    int64_t n = 0;
    if (!ints({&n}))
      return false;
    if (n < 1 || n > 64)
      return why = kind + " needs 1 to 64 patterns", false;
    p.children.resize(size_t(n));
    for (ref::MaskPattern &c : p.children)
      if (!parsePattern(in, c, why, depth + 1))
        return false;
  } else {
    return why = "unknown pattern '" + kind + "'", false;
  }
  if (depth == 0) {
    std::string v = ref::validatePattern(p);
    if (!v.empty())
      return why = "invalid pattern: " + v, false;
  }
  return true;
}

int64_t KernelDesc::Operand::elements() const {
  int64_t n = 1;
  for (int64_t x : shape)
    n *= x;
  return n;
}

const KernelDesc::Operand *KernelDesc::operand(const std::string &role) const {
  for (const Operand &o : operands)
    if (o.role == role)
      return &o;
  return nullptr;
}

static bool isOperandRole(const std::string &s) {
  return s == "mask" || s == "bias" || s == "alibi" || s == "docs";
}

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
  os << "pattern " << printPattern(d.pattern) << "\n";
  if (d.blockTable)
    os << "block_table " << d.blockQ << " " << d.blockK << " " << d.tableHeads
       << " " << d.tableNnz << " " << (d.blockFull ? 1 : 0) << "\n";
  for (const KernelDesc::Operand &o : d.operands) {
    os << "operand " << o.role << " " << o.type;
    for (int64_t x : o.shape)
      os << " " << x;
    os << "\n";
  }
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
      std::string pwhy, rest;
      if (!parsePattern(ls, d.pattern, pwhy))
        return bad(pwhy);
      if (ls >> rest)
        return bad("unexpected '" + rest + "' after the pattern");
    } else if (key == "block_table") {
      int full = 0;
      ls >> d.blockQ >> d.blockK >> d.tableHeads >> d.tableNnz >> full;
      if (ls.fail() || d.blockQ < 1 || d.blockK < 1 || d.tableHeads < 1 ||
          d.tableNnz < 1)
        return bad("block_table needs BQ BK TABLE-HEADS NNZ FULL (positive)");
      d.blockTable = true;
      d.blockFull = full != 0;
    } else if (key == "operand") {
      KernelDesc::Operand o;
      ls >> o.role >> o.type;
      if (!isOperandRole(o.role))
        return bad("unknown operand role '" + o.role + "'");
      if (o.type != "i1" && o.type != "i32" && o.type != "i64" &&
          o.type != "f16" && o.type != "bf16" && o.type != "f32")
        return bad("unknown operand type '" + o.type + "'");
      int64_t x, n = 1;
      while (ls >> x) {
        if (x < 1 || x > (int64_t(1) << 32) || n > (int64_t(1) << 40) / x)
          return bad("operand dims must be positive and the operand under "
                     "2^40 elements");
        o.shape.push_back(x), n *= x;
      }
      if (!ls.eof() || o.shape.empty() || o.shape.size() > 4)
        return bad("operand needs 1 to 4 dims");
      d.operands.push_back(o);
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
        bool input = s == "q" || s == "k" || s == "v" || s == "row_ptr" ||
                     s == "cols" || s == "full" || isOperandRole(s);
        if (!input && (key == "inputs" || (s != "o" && s != "lse")))
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
