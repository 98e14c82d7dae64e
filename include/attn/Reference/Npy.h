//===- Npy.h - NumPy .npy files -----------------------------*- C++ -*-===//
//
// Reading and writing NumPy's .npy format (versions 1-3, little-endian,
// C order), MLIR-free like the rest of the reference library, so that
// attn-run, the C API and other hosts exchange tensors with NumPy.
//
//===----------------------------------------------------------------------===//
#ifndef ATTN_REFERENCE_NPY_H
#define ATTN_REFERENCE_NPY_H

#include "attn/Reference/Data.h"

#include <cstdint>
#include <string>
#include <vector>

namespace attn {
namespace ref {

/// A .npy array: its dtype descriptor (e.g. "<f4", "|b1"), shape and raw
/// little-endian, C-order data.
struct NpyArray {
  std::string descr;
  std::vector<int64_t> shape;
  std::vector<uint8_t> data;
  int64_t numElements() const;
};

/// Reads `path`; returns an empty string or the reason it failed (not a
/// .npy file, Fortran order, big-endian or unsupported dtype, truncated).
std::string readNpy(const std::string &path, NpyArray &array);

/// Writes `array` to `path` (format version 1.0); empty string or why not.
std::string writeNpy(const std::string &path, const NpyArray &array);

/// The dtype descriptor for storage of `t`; bf16 has none in NumPy: "".
const char *npyDescr(ElemType t);

/// Decodes the elements of `array` (any supported float, integer or bool
/// dtype) to doubles; empty string or why not.
std::string npyValues(const NpyArray &array, std::vector<double> &values);

/// Encodes `values` into storage of type `t`, rounding to nearest even
/// (integers: truncated toward zero; i1: non-zero is true).
void encode(ElemType t, const std::vector<double> &values,
            std::vector<uint8_t> &storage);

/// An array holding `storage` of type `t` with `shape`: in that dtype when
/// NumPy has it, bf16 widened to float32 (exactly).
NpyArray npyFromStorage(ElemType t, const std::vector<int64_t> &shape,
                        const std::vector<uint8_t> &storage);

/// A float64 array of `values` with `shape`.
NpyArray npyFromValues(const std::vector<int64_t> &shape,
                       const std::vector<double> &values);

} // namespace ref
} // namespace attn

#endif // ATTN_REFERENCE_NPY_H
