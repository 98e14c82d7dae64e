//===- Io.cpp - user inputs and outputs of attn-run -----------------------===//
#include "attn/Runner/Io.h"

#include "attn/IR/AttnOps.h"

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Verifier.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace mlir::attn;

static std::string shapeString(ArrayRef<int64_t> shape) {
  std::string s;
  for (size_t i = 0; i < shape.size(); ++i)
    s += (i ? "x" : "") + (ShapedType::isDynamic(shape[i])
                               ? std::string("?")
                               : std::to_string(shape[i]));
  return s.empty() ? "scalar" : s;
}

LogicalResult mlir::attn::parseInputSpec(StringRef text, InputSpec &spec,
                                         std::string &why) {
  spec = InputSpec();
  if (text.consume_front("@")) {
    if (text.empty()) {
      why = "--input=@ needs a file name";
      return failure();
    }
    spec.path = text.str();
    return success();
  }
  SmallVector<StringRef> parts;
  text.split(parts, 'x');
  for (size_t i = 0; i < parts.size(); ++i) {
    StringRef p = parts[i];
    int64_t d;
    if (!p.getAsInteger(10, d) && d >= 0 && d <= (int64_t(1) << 40)) {
      spec.shape.push_back(d);
      continue;
    }
    // A trailing element type, checked against the argument's later.
    if (i + 1 == parts.size() && !spec.shape.empty() &&
        llvm::is_contained({"f32", "f16", "bf16", "f64", "i1", "i32", "i64"},
                           p)) {
      spec.typeName = p.str();
      break;
    }
    why = ("--input='" + text +
           "': expected @FILE.npy or a shape such as 1x8x128x64xf32")
              .str();
    return failure();
  }
  if (spec.shape.empty()) {
    why = ("--input='" + text + "': empty shape").str();
    return failure();
  }
  return success();
}

LogicalResult mlir::attn::parseFileSpec(StringRef option, StringRef text,
                                        std::string &path, std::string &why) {
  if (!text.consume_front("@") || text.empty()) {
    why = ("--" + option + " needs @FILE.npy, got '" + text + "'").str();
    return failure();
  }
  path = text.str();
  return success();
}

LogicalResult
mlir::attn::argumentShapes(func::FuncOp entry, ArrayRef<InputSpec> inputs,
                           std::vector<std::vector<int64_t>> &shapes,
                           std::string &why) {
  unsigned n = entry.getNumArguments();
  if (inputs.size() > n) {
    why = "got " + std::to_string(inputs.size()) + " --input values for " +
          std::to_string(n) + " arguments";
    return failure();
  }
  shapes.assign(n, {});
  for (unsigned i = 0; i < n; ++i) {
    auto t = dyn_cast<RankedTensorType>(entry.getArgumentTypes()[i]);
    if (!t) {
      if (i < inputs.size()) {
        why = "argument #" + std::to_string(i) + " is not a ranked tensor";
        return failure();
      }
      continue; // describeTensor reports it
    }
    std::vector<int64_t> given;
    std::string from;
    if (i < inputs.size() && !inputs[i].generated()) {
      ref::NpyArray a;
      if (std::string e = ref::readNpy(inputs[i].path, a); !e.empty()) {
        why = e;
        return failure();
      }
      given = a.shape;
      from = "'" + inputs[i].path + "' has shape ";
    } else if (i < inputs.size()) {
      given = inputs[i].shape;
      from = "--input gives shape ";
      std::string argType;
      llvm::raw_string_ostream(argType) << t.getElementType();
      if (!inputs[i].typeName.empty() && inputs[i].typeName != argType) {
        why = "argument #" + std::to_string(i) + " is " + argType +
              ", --input says " + inputs[i].typeName;
        return failure();
      }
    }
    if (from.empty()) {
      if (!t.hasStaticShape()) {
        why = "argument #" + std::to_string(i) + " has dynamic shape " +
              shapeString(t.getShape()) +
              ": give its sizes with --input=@FILE.npy or --input=SHAPE";
        return failure();
      }
      shapes[i].assign(t.getShape().begin(), t.getShape().end());
      continue;
    }
    bool ok = int64_t(given.size()) == t.getRank();
    for (size_t d = 0; ok && d < given.size(); ++d)
      ok = ShapedType::isDynamic(t.getDimSize(d)) ||
           t.getDimSize(d) == given[d];
    if (!ok) {
      why = "argument #" + std::to_string(i) + ": " + from +
            shapeString(given) + ", the function expects " +
            shapeString(t.getShape());
      return failure();
    }
    shapes[i] = given;
  }
  return success();
}

/// The result shapes of an attn op whose operands have static types.
static LogicalResult inferResultShapes(Operation *op,
                                       SmallVector<SmallVector<int64_t>> &out) {
  auto shapeOf = [](Value v) {
    auto s = cast<RankedTensorType>(v.getType()).getShape();
    return SmallVector<int64_t>(s.begin(), s.end());
  };
  auto attention = [&](Value q, Value v, Layout layout, bool lse) {
    SmallVector<int64_t> o = shapeOf(q), vs = shapeOf(v);
    if (o.size() != 4 || vs.size() != 4)
      return failure();
    o[3] = vs[3];
    out.push_back(o);
    if (lse) {
      bool bshd = layout == Layout::bshd;
      out.push_back({o[0], o[bshd ? 2 : 1], o[bshd ? 1 : 2]});
    }
    return success();
  };
  if (auto a = dyn_cast<AttentionOp>(op))
    return attention(a.getQuery(), a.getValue(), a.getLayoutOrDefault(),
                     bool(a.getLse()));
  if (auto a = dyn_cast<LinearAttentionOp>(op))
    return attention(a.getQuery(), a.getValue(), a.getLayoutOrDefault(),
                     false);
  // attn.attention_grad: dQ, dK, dV have the shapes of Q, K, V.
  if (auto g = dyn_cast<AttentionGradOp>(op)) {
    for (Value v : {g.getQuery(), g.getKey(), g.getValue()})
      out.push_back(shapeOf(v));
    return success();
  }
  return failure();
}

bool mlir::attn::hasDynamicSizes(func::FuncOp entry) {
  auto dynamic = [](Type t) {
    auto rt = dyn_cast<RankedTensorType>(t);
    return rt && !rt.hasStaticShape();
  };
  return llvm::any_of(entry.getArgumentTypes(), dynamic) ||
         llvm::any_of(entry.getResultTypes(), dynamic);
}

LogicalResult mlir::attn::specializeEntry(func::FuncOp entry,
                                          ArrayRef<std::vector<int64_t>> shapes,
                                          std::string &why) {
  Block &body = entry.front();
  for (auto [arg, shape] : llvm::zip(body.getArguments(), shapes)) {
    auto t = dyn_cast<RankedTensorType>(arg.getType());
    if (!t)
      continue; // not a tensor: describeTensor reports it
    arg.setType(RankedTensorType::get(shape, t.getElementType(),
                                      t.getEncoding()));
  }
  // Operands come before their users: one walk in order refines all.
  for (Operation &op : body.without_terminator()) {
    bool dynamic = llvm::any_of(op.getResultTypes(), [](Type t) {
      auto rt = dyn_cast<RankedTensorType>(t);
      return rt && !rt.hasStaticShape();
    });
    bool operandsStatic = llvm::all_of(op.getOperandTypes(), [](Type t) {
      auto rt = dyn_cast<RankedTensorType>(t);
      return !rt || rt.hasStaticShape();
    });
    if (!dynamic)
      continue;
    SmallVector<SmallVector<int64_t>> inferred;
    if (!operandsStatic || failed(inferResultShapes(&op, inferred)) ||
        inferred.size() != op.getNumResults()) {
      why = "cannot infer the sizes of the results of '" +
            op.getName().getStringRef().str() + "' from the input sizes";
      return failure();
    }
    for (auto [r, s] : llvm::zip(op.getResults(), inferred)) {
      auto t = cast<RankedTensorType>(r.getType());
      r.setType(RankedTensorType::get(s, t.getElementType(), t.getEncoding()));
    }
  }
  auto ret = cast<func::ReturnOp>(body.getTerminator());
  entry.setFunctionType(FunctionType::get(entry.getContext(),
                                          body.getArgumentTypes(),
                                          ret.getOperandTypes()));
  if (failed(verify(entry))) {
    why = "the function does not verify with the given input sizes "
          "(diagnostics above)";
    return failure();
  }
  return success();
}

static bool isFloat(ref::ElemType t) {
  return t == ref::ElemType::F32 || t == ref::ElemType::F16 ||
         t == ref::ElemType::BF16 || t == ref::ElemType::F64;
}

LogicalResult mlir::attn::loadInputs(ArrayRef<InputSpec> inputs,
                                     std::vector<HostBuffer> &buffers,
                                     std::vector<std::vector<double>> &values,
                                     std::string &why) {
  for (size_t i = 0; i < inputs.size() && i < buffers.size(); ++i) {
    if (inputs[i].generated())
      continue;
    ref::NpyArray a;
    if (std::string e = ref::readNpy(inputs[i].path, a); !e.empty()) {
      why = e;
      return failure();
    }
    const TensorDesc &d = buffers[i].desc;
    if (a.shape != d.shape) {
      why = "'" + inputs[i].path + "' has shape " + shapeString(a.shape) +
            ", argument #" + std::to_string(i) + " needs " +
            shapeString(d.shape);
      return failure();
    }
    bool fileFloat = a.descr[1] == 'f';
    if (fileFloat != isFloat(d.type)) {
      why = "'" + inputs[i].path + "' has dtype '" + a.descr +
            "', argument #" + std::to_string(i) + " is " +
            ref::elemTypeName(d.type) +
            (fileFloat ? " (float data for an integer argument)"
                       : " (integer data for a float argument)");
      return failure();
    }
    std::vector<double> v;
    if (std::string e = ref::npyValues(a, v); !e.empty()) {
      why = e;
      return failure();
    }
    ref::encode(d.type, v, buffers[i].bytes);
    // The reference sees the values as stored (rounded to the argument's
    // type), exactly what the compiled code reads.
    ref::decode(d.type, buffers[i].bytes.data(), d.numElements(), values[i]);
  }
  return success();
}

LogicalResult mlir::attn::writeOutputs(ArrayRef<std::string> paths,
                                       const std::vector<HostBuffer> &outputs,
                                       std::string &why) {
  if (paths.size() > outputs.size()) {
    why = "got " + std::to_string(paths.size()) + " --output files for " +
          std::to_string(outputs.size()) + " results";
    return failure();
  }
  for (size_t i = 0; i < paths.size(); ++i) {
    ref::NpyArray a = ref::npyFromStorage(outputs[i].desc.type,
                                          outputs[i].desc.shape,
                                          outputs[i].bytes);
    if (std::string e = ref::writeNpy(paths[i], a); !e.empty()) {
      why = e;
      return failure();
    }
  }
  return success();
}

LogicalResult mlir::attn::compareExpected(
    ArrayRef<std::string> paths, const std::vector<HostBuffer> &outputs,
    std::vector<ExpectedComparison> &comparisons, std::string &why) {
  if (paths.size() > outputs.size()) {
    why = "got " + std::to_string(paths.size()) +
          " --expected-output files for " + std::to_string(outputs.size()) +
          " results";
    return failure();
  }
  for (size_t i = 0; i < paths.size(); ++i) {
    ref::NpyArray a;
    if (std::string e = ref::readNpy(paths[i], a); !e.empty()) {
      why = e;
      return failure();
    }
    const TensorDesc &d = outputs[i].desc;
    if (a.shape != d.shape) {
      why = "'" + paths[i] + "' has shape " + shapeString(a.shape) +
            ", result #" + std::to_string(i) + " has " + shapeString(d.shape);
      return failure();
    }
    std::vector<double> expected, got;
    if (std::string e = ref::npyValues(a, expected); !e.empty()) {
      why = e;
      return failure();
    }
    ref::decode(d.type, outputs[i].bytes.data(), d.numElements(), got);
    comparisons.push_back(
        {unsigned(i), ref::compare(got, expected, ref::defaultTolerance(d.type))});
  }
  return success();
}

LogicalResult mlir::attn::dumpTensors(StringRef dir, StringRef entry,
                                      const std::vector<HostBuffer> &inputs,
                                      const std::vector<HostBuffer> &outputs,
                                      std::string &why) {
  // --dump=DIR makes DIR (and its parents) when missing.
  if (std::error_code ec = llvm::sys::fs::create_directories(dir)) {
    why = ("cannot create '" + dir + "': " + ec.message()).str();
    return failure();
  }
  std::string base = (dir + "/" + entry + ".").str();
  for (size_t i = 0; i < inputs.size(); ++i) {
    ref::NpyArray a = ref::npyFromStorage(inputs[i].desc.type,
                                          inputs[i].desc.shape,
                                          inputs[i].bytes);
    if (std::string e = ref::writeNpy(base + "arg" + std::to_string(i) + ".npy", a);
        !e.empty()) {
      why = e;
      return failure();
    }
  }
  for (size_t i = 0; i < outputs.size(); ++i) {
    std::vector<double> v;
    ref::decode(outputs[i].desc.type, outputs[i].bytes.data(),
                outputs[i].desc.numElements(), v);
    ref::NpyArray a = ref::npyFromValues(outputs[i].desc.shape, v);
    if (std::string e = ref::writeNpy(base + std::to_string(i) + ".npy", a);
        !e.empty()) {
      why = e;
      return failure();
    }
  }
  return success();
}
