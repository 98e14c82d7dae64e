//===- AttnAttrs.td - attn attributes ----------------------*- tablegen -*-===//
#ifndef ATTN_ATTRS_TD
#define ATTN_ATTRS_TD

include "attn/IR/AttnDialect.td"
include "attn/IR/AttnInterfaces.td"
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

//===----------------------------------------------------------------------===//
// Alignment of the causal and window patterns
//===----------------------------------------------------------------------===//

def Attn_AlignBottomRight : I32EnumAttrCase<"bottom_right", 0>;
def Attn_AlignTopLeft : I32EnumAttrCase<"top_left", 1>;
def Attn_Alignment : I32EnumAttr<"Alignment",
    "where the diagonal of a causal or window pattern starts when Sq != Skv",
    [Attn_AlignBottomRight, Attn_AlignTopLeft]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::mlir::attn";
}
class Attn_AlignParameter : DefaultValuedParameter<"::mlir::attn::Alignment",
    "::mlir::attn::Alignment::bottom_right",
    "diagonal alignment: bottom_right (p = i + Skv - Sq) or top_left (p = i)">;

def Attn_CausalAttr : Attn_Attr<"Causal", "causal",
    [DeclareAttrInterfaceMethods<Attn_SparsityAttrInterface>]> {
  let summary = "causal mask, bottom-right (default) or top-left aligned";
  let description = [{
    Query `i` sees key `j` iff `j <= p`, where the diagonal `p` is
    `i + (Skv - Sq)` (bottom_right, the default; FlashAttention >= 2.1) or
    `i` (top_left: PyTorch's `is_causal=True`, FlexAttention's
    `q_idx >= kv_idx`). The two agree when Sq = Skv.

    ```mlir
    #attn.causal
    #attn.causal<align = top_left>
    ```
  }];
  let parameters = (ins Attn_AlignParameter<>:$align);
  let assemblyFormat = "(`<` `align` `=` $align^ `>`)?";
  let builders = [
    AttrBuilder<(ins CArg<"::mlir::attn::Alignment",
                          "::mlir::attn::Alignment::bottom_right">:$align), [{
      return $_get($_ctxt, align);
    }]>
  ];
  let skipDefaultBuilders = 1;
  let extraClassDeclaration = [{
    /// Skv - Sq for bottom_right, 0 for top_left.
    int64_t diagonalOffset(int64_t seqQ, int64_t seqKV) const {
      return getAlign() == ::mlir::attn::Alignment::top_left ? 0
                                                             : seqKV - seqQ;
    }
  }];
}

def Attn_SlidingWindowAttr : Attn_Attr<"SlidingWindow", "sliding_window",
    [DeclareAttrInterfaceMethods<Attn_SparsityAttrInterface>]> {
  let summary = "local window around the diagonal";
  let description = [{
    Query `i` sees key `j` iff `p - left <= j <= p + right` with the
    diagonal `p = i + (Skv - Sq)` (bottom_right, the default) or `p = i`
    (`align = top_left`). `right = 0` is causal local attention.

    ```mlir
    #attn.sliding_window<left = 128, right = 0>
    #attn.sliding_window<left = 128, right = 0, align = top_left>
    ```
  }];
  let parameters = (ins "int64_t":$left, "int64_t":$right,
                        Attn_AlignParameter<>:$align);
  let assemblyFormat = [{
    `<` `left` `=` $left `,` `right` `=` $right (`,` `align` `=` $align^)? `>`
  }];
  let builders = [
    AttrBuilder<(ins "int64_t":$left, "int64_t":$right,
                     CArg<"::mlir::attn::Alignment",
                          "::mlir::attn::Alignment::bottom_right">:$align), [{
      return $_get($_ctxt, left, right, align);
    }]>
  ];
  let skipDefaultBuilders = 1;
  let genVerifyDecl = 1;
  let extraClassDeclaration = [{
    int64_t diagonalOffset(int64_t seqQ, int64_t seqKV) const {
      return getAlign() == ::mlir::attn::Alignment::top_left ? 0
                                                             : seqKV - seqQ;
    }
  }];
}

def Attn_DilatedWindowAttr : Attn_Attr<"DilatedWindow", "dilated_window",
    [DeclareAttrInterfaceMethods<Attn_SparsityAttrInterface>]> {
  let summary = "sliding window that keeps every d-th key";
  let description = [{
    With the diagonal `p = i + (Skv - Sq)` (bottom_right, the default) or
    `p = i` (`align = top_left`) and `t = p - j`: query `i` sees key `j` iff
    `-right * d <= t <= left * d` and `t % d == 0`. With `left = right = L`
    and Sq = Skv this is `|i - j| <= L * d and (i - j) % d == 0`.

    ```mlir
    #attn.dilated_window<left = 64, right = 0, dilation = 4>
    ```
  }];
  let parameters = (ins "int64_t":$left, "int64_t":$right,
                        "int64_t":$dilation, Attn_AlignParameter<>:$align);
  let assemblyFormat = [{
    `<` `left` `=` $left `,` `right` `=` $right `,` `dilation` `=` $dilation
    (`,` `align` `=` $align^)? `>`
  }];
  let builders = [
    AttrBuilder<(ins "int64_t":$left, "int64_t":$right, "int64_t":$dilation,
                     CArg<"::mlir::attn::Alignment",
                          "::mlir::attn::Alignment::bottom_right">:$align), [{
      return $_get($_ctxt, left, right, dilation, align);
    }]>
  ];
  let skipDefaultBuilders = 1;
  let genVerifyDecl = 1;
  let extraClassDeclaration = [{
    int64_t diagonalOffset(int64_t seqQ, int64_t seqKV) const {
      return getAlign() == ::mlir::attn::Alignment::top_left ? 0
                                                             : seqKV - seqQ;
    }
  }];
}

def Attn_GlobalAttr : Attn_Attr<"Global", "global",
    [DeclareAttrInterfaceMethods<Attn_SparsityAttrInterface>]> {
  let summary = "global / sink tokens: the first keys (and queries) see all";
  let description = [{
    Query `i` sees key `j` iff `j < keys` or `p < queries`, with
    `p = i + (Skv - Sq)`: the first `keys` keys are visible to every query
    (attention sinks), and the queries at the first `queries` positions see
    every key (global tokens). Usually combined with a local pattern:
    `#attn.union<[#attn.global<keys = 4>, #attn.sliding_window<...>]>`.

    ```mlir
    #attn.global<keys = 4>
    #attn.global<keys = 16, queries = 16>
    ```
  }];
  let parameters = (ins "int64_t":$keys,
                        DefaultValuedParameter<"int64_t", "0">:$queries);
  let assemblyFormat = [{
    `<` `keys` `=` $keys (`,` `queries` `=` $queries^)? `>`
  }];
  let genVerifyDecl = 1;
}

def Attn_NeighborhoodAttr : Attn_Attr<"Neighborhood", "neighborhood",
    [DeclareAttrInterfaceMethods<Attn_SparsityAttrInterface>]> {
  let summary = "2-d neighborhood attention over an H x W grid of tokens";
  let description = [{
    Positions are the row-major cells of a `height x width` grid: position
    `x` is cell `(x / width, x % width)`. The query at position
    `p = i + (Skv - Sq)` sees the key at position `j` iff both are on the
    grid and, along each axis (coordinate r of the query, rj of the key,
    length L, kernel k (odd), dilation d): `rj % d == r % d` and
    `s <= rj / d < s + k` where `s = clamp(r / d - k / 2, 0, n - k)` and
    `n = ceil((L - r % d) / d)` is the number of cells of the query's
    dilation group: a k-wide window on the dilated grid, centred on the
    query and shifted inwards at the border (NATTEN).
    Requires `k * d <= L` on both axes and `Skv = height * width`.

    ```mlir
    #attn.neighborhood<grid = 32 x 32, kernel = 7 x 7>
    #attn.neighborhood<grid = 32 x 32, kernel = 5 x 5, dilation = 2 x 2>
    ```
  }];
  let parameters = (ins "int64_t":$height, "int64_t":$width,
                        "int64_t":$kernelH, "int64_t":$kernelW,
                        "int64_t":$dilationH, "int64_t":$dilationW);
  let hasCustomAssemblyFormat = 1;
  let genVerifyDecl = 1;
}

def Attn_BlockLayoutAttr : Attn_Attr<"BlockLayout", "block_layout",
    [DeclareAttrInterfaceMethods<Attn_SparsityAttrInterface>]> {
  let summary = "explicit static block layout";
  let description = [{
    A boolean matrix over blocks of `query x key` rows: query `i` sees key
    `j` iff `i / query < rows`, `j / key < cols` and
    `layout[i / query][j / key] = 1`. Indices are the raw row numbers of Q
    and K (no bottom-right alignment): the layout names the blocks.

    ```mlir
    #attn.block_layout<block = 64 x 64, [[1, 0, 0], [1, 1, 0], [0, 1, 1]]>
    ```
  }];
  let parameters = (ins "int64_t":$blockQ, "int64_t":$blockK,
                        "int64_t":$rows, "int64_t":$cols,
                        ArrayRefParameter<"int64_t">:$layout);
  let hasCustomAssemblyFormat = 1;
  let genVerifyDecl = 1;
}

def Attn_DocumentsAttr : Attn_Attr<"Documents", "documents",
    [DeclareAttrInterfaceMethods<Attn_SparsityAttrInterface>]> {
  let summary = "block-diagonal documents (packed variable-length batches)";
  let description = [{
    Needs the op's `doc_offsets` operand: N + 1 non-decreasing offsets
    `o[0] <= ... <= o[N]` in [0, Skv] (cu_seqlens). Key position `x` belongs to
    document `d` iff `o[d] <= x < o[d + 1]`. Query `i` sees key `j` iff the
    position `p = i + (Skv - Sq)` and `j` belong to the same document.
    Positions outside [o[0], o[N]) see and are seen by nothing.

    ```mlir
    #attn.documents
    ```
  }];
}

def Attn_UnionAttr : Attn_Attr<"Union", "union",
    [DeclareAttrInterfaceMethods<Attn_SparsityAttrInterface>]> {
  let summary = "a key is visible if any of the patterns makes it visible";
  let description = [{
    ```mlir
    #attn.union<[#attn.global<keys = 4>, #attn.sliding_window<left = 256, right = 0>]>
    ```
  }];
  let parameters = (ins
      ArrayRefParameter<"::mlir::attn::SparsityAttrInterface">:$patterns);
  let assemblyFormat = "`<` `[` $patterns `]` `>`";
  let genVerifyDecl = 1;
}

def Attn_IntersectAttr : Attn_Attr<"Intersect", "intersect",
    [DeclareAttrInterfaceMethods<Attn_SparsityAttrInterface>]> {
  let summary = "a key is visible if every pattern makes it visible";
  let description = [{
    ```mlir
    #attn.intersect<[#attn.documents, #attn.causal]>
    ```
  }];
  let parameters = (ins
      ArrayRefParameter<"::mlir::attn::SparsityAttrInterface">:$patterns);
  let assemblyFormat = "`<` `[` $patterns `]` `>`";
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

//===----------------------------------------------------------------------===//
// Block scoring methods of attn.block_score
//===----------------------------------------------------------------------===//

def Attn_ScoreMethodAntidiagonal : I32EnumAttrCase<"antidiagonal", 0>;
def Attn_ScoreMethodMeanPool : I32EnumAttrCase<"mean_pool", 1>;
def Attn_ScoreMethod : I32EnumAttr<"ScoreMethod",
    "how attn.block_score estimates a block's attention mass",
    [Attn_ScoreMethodAntidiagonal, Attn_ScoreMethodMeanPool]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::mlir::attn";
}
def Attn_ScoreMethodAttr : EnumAttr<Attn_Dialect, Attn_ScoreMethod,
                                    "score_method"> {
  let assemblyFormat = "`<` $value `>`";
}

#endif // ATTN_ATTRS_TD
