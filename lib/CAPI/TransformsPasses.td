//===- TransformsPasses.td - the C API's AttnTransforms passes -*- tablegen -*-===//
// The target-neutral stages (raising and the form choices) keep one C API
// prefix, mlirCreateAttnTransforms<Pass>() / mlirRegisterAttnTransformsPasses(),
// whichever stage folder defines each pass.
include "passes/Raise/Passes.td"
include "passes/Forms/Passes.td"
