// Compiles the C++ that mlir-tblgen generated from DownOps.td against
// attn's headers: the downstream op's accessors return attn's types.
#include "attn/IR/AttnOps.h"

#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "DownDialect.h.inc"
#define GET_OP_CLASSES
#include "DownOps.h.inc"

void down::DownDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "DownOps.cpp.inc"
      >();
}
#include "DownDialect.cpp.inc"
#define GET_OP_CLASSES
#include "DownOps.cpp.inc"

// The generated accessor gives attn's enum.
mlir::attn::Layout layoutOf(down::RelayoutOp op) { return op.getLayout(); }
