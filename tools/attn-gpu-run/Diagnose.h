//===- Diagnose.h - where a GPU kernel's result goes wrong ------*- C++ -*-===//
//
// Tells apart the usual ways a tensor-core kernel goes wrong (rows never
// written, a fragment lane mapping off, one query or key tile wrong) from
// the coordinates of its mismatches, so that one run on a scarce GPU says
// where to look.
//
//===----------------------------------------------------------------------===//
#ifndef ATTN_GPU_RUN_DIAGNOSE_H
#define ATTN_GPU_RUN_DIAGNOSE_H

#include "attn/Reference/Attention.h"
#include "attn/Reference/Data.h"

#include <vector>

namespace attn::gpu {

/// Prints a breakdown of the elements of `got` that differ from `want` by
/// more than `tol`: NaN (never written) against finite, counts by row and
/// column residue (mod 16 and mod 8, the mma.sync fragment periods), by
/// 16-row query block and by (batch, head), and the first few mismatches
/// with their coordinates. `cols` is Dv for the output, 1 for the LSE.
void diagnose(const char *what, const ref::AttentionSpec &spec, int64_t cols,
              const std::vector<double> &got, const std::vector<double> &want,
              ref::Tolerance tol);

} // namespace attn::gpu

#endif
