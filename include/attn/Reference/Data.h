//===- Data.h - seeded inputs, low-precision storage, comparison -*- C++ -*-===//
//
// MLIR-free helpers shared by attn-run and (later) the GPU launcher.
//
//===----------------------------------------------------------------------===//
#ifndef ATTN_REFERENCE_DATA_H
#define ATTN_REFERENCE_DATA_H

#include <cstdint>
#include <string>
#include <vector>

namespace attn {
namespace ref {

enum class ElemType { F32, F16, BF16, F64, I1, I32, I64 };

/// Bytes one element of `t` occupies in memory (I1 is one byte).
unsigned storageBytes(ElemType t);
const char *elemTypeName(ElemType t);

/// IEEE binary16 and bfloat16 conversions, round to nearest even.
uint16_t floatToHalf(float f);
float halfToFloat(uint16_t h);
uint16_t floatToBF16(float f);
float bf16ToFloat(uint16_t b);

/// Deterministic generator (splitmix64); identical on every machine.
class Rng {
public:
  explicit Rng(uint64_t seed);
  uint64_t next();
  double uniform(); // [0, 1)
private:
  uint64_t state;
};

/// Fills `values` with `n` numbers uniform in [lo, hi), already rounded to
/// what `t` can represent (so the reference sees exactly what the kernel
/// sees), and `storage` with their in-memory encoding for `t`.
/// For I1, values are 1.0 (visible) with probability `trueProb`, else 0.0.
void generate(ElemType t, int64_t n, Rng &rng, double lo, double hi,
              double trueProb, std::vector<double> &values,
              std::vector<uint8_t> &storage);

/// The runners' default inputs (attn-run, attn-gpu-run, the equivalence
/// check): uniform in [-1, 1), masks (I1) visible with probability 0.85.
inline void generateDefault(ElemType t, int64_t n, Rng &rng,
                            std::vector<double> &values,
                            std::vector<uint8_t> &storage) {
  generate(t, n, rng, -1.0, 1.0, 0.85, values, storage);
}

/// Rounds `values` in place to what `t` can represent and writes their
/// in-memory encoding to `storage` (inputs drawn by other means than
/// generate()).
void encode(ElemType t, std::vector<double> &values,
            std::vector<uint8_t> &storage);

/// Document offsets for #attn.documents: `n` (>= 2) sorted integers of
/// type `t` (I32 or I64) from 0 to `total`, the interior ones uniform in
/// [0, total] (so empty documents occur too).
void generateOffsets(ElemType t, int64_t n, int64_t total, Rng &rng,
                     std::vector<double> &values,
                     std::vector<uint8_t> &storage);

/// A random valid block table (BSR) for `tables` (batch x table heads)
/// tables of `rows` query blocks over `nKB` key blocks, at most `nnz`
/// entries per table: each key block is listed with probability `density`
/// (in increasing order) while entries remain; unused column entries are
/// -1; full flags are set with probability 1/2. Values are returned as
/// doubles (row pointers [tables, rows + 1], columns and flags
/// [tables, nnz]) and as i32 / i1 storage.
void generateBlockTable(int64_t tables, int64_t rows, int64_t nnz, int64_t nKB,
                        double density, Rng &rng, std::vector<double> &rowPtr,
                        std::vector<double> &cols, std::vector<double> &full,
                        std::vector<uint8_t> &rowPtrBytes,
                        std::vector<uint8_t> &colsBytes,
                        std::vector<uint8_t> &fullBytes);

/// Block tables come from their own stream (so that adding a table leaves
/// the other inputs as they were), drawn with this density by default.
inline uint64_t blockTableSeed(uint64_t seed) { return seed ^ 0x5eedb10cull; }
constexpr double kDefaultTableDensity = 0.5;

/// Decodes `n` elements of in-memory storage of type `t` into doubles.
void decode(ElemType t, const void *storage, int64_t n,
            std::vector<double> &values);

/// Result of comparing computed values against the float64 reference.
struct Comparison {
  double maxAbsErr = 0.0;
  /// max |got - ref| / max |ref| (normwise, robust to near-zero refs).
  double maxRelErr = 0.0;
  int64_t mismatches = 0; // elements with |got-ref| > atol + rtol*|ref|
  int64_t firstMismatch = -1;
  bool ok = true;
};

struct Tolerance {
  double atol, rtol;
};
/// The default tolerance for results stored in `t` (accumulation in f32).
Tolerance defaultTolerance(ElemType t);

/// Compares element-wise. Equal infinities match, and so do NaN and NaN
/// (the semantics defines where NaN goes); NaN against a number never does.
Comparison compare(const std::vector<double> &got,
                   const std::vector<double> &ref, Tolerance tol);

} // namespace ref
} // namespace attn

#endif // ATTN_REFERENCE_DATA_H
