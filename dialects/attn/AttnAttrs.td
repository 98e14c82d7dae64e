//===- AttnAttrs.td - attn attributes ----------------------*- tablegen -*-===//
#ifndef ATTN_ATTRS_TD
#define ATTN_ATTRS_TD

include "AttnDialect.td"
include "AttnInterfaces.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/EnumAttr.td"

class Attn_Attr<string name, string attrMnemonic, list<Trait> traits = []>
    : AttrDef<Attn_Dialect, name, traits> {
  let mnemonic = attrMnemonic;
}

//===----------------------------------------------------------------------===//
// Layout
//===----------------------------------------------------------------------===//

def Attn_LayoutBHSD : I32EnumAttrCase<"bhsd", 0>;
def Attn_LayoutBSHD : I32EnumAttrCase<"bshd", 1>;
def Attn_Layout : I32EnumAttr<"Layout",
    "storage order of query, key, value and output",
    [Attn_LayoutBHSD, Attn_LayoutBSHD]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::mlir::attn";
}
def Attn_LayoutAttr : EnumAttr<Attn_Dialect, Attn_Layout, "layout"> {
  let assemblyFormat = "`<` $value `>`";
}

//===----------------------------------------------------------------------===//
// Sparsity patterns
//===----------------------------------------------------------------------===//

def Attn_CausalAttr : Attn_Attr<"Causal", "causal",
    [DeclareAttrInterfaceMethods<Attn_SparsityAttrInterface>]> {
  let summary = "causal mask, aligned to the bottom-right corner";
  let description = [{
    Query `i` sees key `j` iff `j <= i + (Skv - Sq)`.

    ```mlir
    #attn.causal
    ```
  }];
}

def Attn_SlidingWindowAttr : Attn_Attr<"SlidingWindow", "sliding_window",
    [DeclareAttrInterfaceMethods<Attn_SparsityAttrInterface>]> {
  let summary = "local window around the (bottom-right aligned) diagonal";
  let description = [{
    Query `i` sees key `j` iff `p - left <= j <= p + right` with
    `p = i + (Skv - Sq)`. `right = 0` is causal local attention.

    ```mlir
    #attn.sliding_window<left = 128, right = 0>
    ```
  }];
  let parameters = (ins "int64_t":$left, "int64_t":$right);
  let assemblyFormat = "`<` `left` `=` $left `,` `right` `=` $right `>`";
  let genVerifyDecl = 1;
}

//===----------------------------------------------------------------------===//
// Tiling
//===----------------------------------------------------------------------===//

def Attn_TilingAttr : Attn_Attr<"Tiling", "tiling"> {
  let summary = "query and key tile sizes read by the lowerings";
  let description = [{
    A hint for tiled lowerings (the fused online-softmax form): the number
    of query rows and key rows processed per tile. Both must be positive.
    Lowerings that do not tile ignore it.

    ```mlir
    #attn.tiling<query = 64, key = 128>
    ```
  }];
  let parameters = (ins "int64_t":$query, "int64_t":$key);
  let assemblyFormat = "`<` `query` `=` $query `,` `key` `=` $key `>`";
  let genVerifyDecl = 1;
}

//===----------------------------------------------------------------------===//
// Feature maps of attn.linear_attention
//===----------------------------------------------------------------------===//

def Attn_FeatureMapElu1 : I32EnumAttrCase<"elu1", 0>;
def Attn_FeatureMapRelu : I32EnumAttrCase<"relu", 1>;
def Attn_FeatureMapIdentity : I32EnumAttrCase<"identity", 2>;
def Attn_FeatureMapCosine : I32EnumAttrCase<"cosine", 3>;
def Attn_FeatureMapFavor : I32EnumAttrCase<"favor", 4>;
def Attn_FeatureMap : I32EnumAttr<"FeatureMap",
    "feature map phi of linear (kernelized) attention",
    [Attn_FeatureMapElu1, Attn_FeatureMapRelu, Attn_FeatureMapIdentity,
     Attn_FeatureMapCosine, Attn_FeatureMapFavor]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::mlir::attn";
}
def Attn_FeatureMapAttr : EnumAttr<Attn_Dialect, Attn_FeatureMap,
                                   "feature_map"> {
  let assemblyFormat = "`<` $value `>`";
}

#endif // ATTN_ATTRS_TD
