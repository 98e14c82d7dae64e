// A downstream dialect whose ODS builds on attn's: it includes the
// installed (or in-tree) "attn/IR/AttnOps.td" and uses its attribute and
// type constraints. test/Install/downstream-td.test builds it.
#ifndef DOWN_OPS_TD
#define DOWN_OPS_TD

include "attn/IR/AttnOps.td"

def Down_Dialect : Dialect {
  let name = "down";
  let cppNamespace = "::down";
  let dependentDialects = ["::mlir::attn::AttnDialect"];
}

def Down_RelayoutOp : Op<Down_Dialect, "relayout", [Pure]> {
  let summary = "Moves an attention operand to another attn layout";
  let arguments = (ins Attn_FloatTensor:$input, Attn_LayoutAttr:$layout);
  let results = (outs Attn_FloatTensor:$output);
  let assemblyFormat = "$input $layout attr-dict `:` type($input) `->` type($output)";
}

#endif // DOWN_OPS_TD
