//===- MaskPattern.cpp - checks of structured mask pattern parameters ----===//
#include "attn/Reference/MaskPattern.h"

namespace attn {
namespace ref {

std::string validatePattern(const MaskPattern &p) {
  switch (p.kind) {
  case PatternKind::SlidingWindow:
  case PatternKind::DilatedWindow:
    if (p.left < 0 || p.right < 0 || p.dilation < 1)
      return "window left and right must be >= 0 and dilation >= 1";
    break;
  case PatternKind::Global:
    if (p.keys < 0 || p.queries < 0)
      return "global token counts must be >= 0";
    break;
  case PatternKind::Neighborhood:
    if (p.height < 1 || p.width < 1 || p.kernelH < 1 || p.kernelW < 1 ||
        p.dilationH < 1 || p.dilationW < 1)
      return "neighborhood sizes must be positive";
    break;
  case PatternKind::BlockLayout:
    if (p.blockQ < 1 || p.blockK < 1 || p.rows < 1 || p.cols < 1 ||
        static_cast<int64_t>(p.layout.size()) != p.rows * p.cols)
      return "block layout sizes are inconsistent";
    break;
  case PatternKind::Union:
  case PatternKind::Intersect:
    if (p.children.empty())
      return "union/intersect need at least one pattern";
    for (const MaskPattern &c : p.children) {
      std::string err = validatePattern(c);
      if (!err.empty())
        return err;
    }
    break;
  default:
    break;
  }
  return "";
}

bool patternUsesDocuments(const MaskPattern &p) {
  if (p.kind == PatternKind::Documents)
    return true;
  for (const MaskPattern &c : p.children)
    if (patternUsesDocuments(c))
      return true;
  return false;
}

} // namespace ref
} // namespace attn
