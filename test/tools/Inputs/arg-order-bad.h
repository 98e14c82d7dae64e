// Input of arg-order.test: calls the checker must flag (lines 10, 11) and
// calls it must accept. A header, as PatternIR-style builders are.
struct PatternIR {
  Value add(Value x, Value y) { return arith::AddIOp::create(b, loc, x, y); }
};
static Value cst(OpBuilder &b, int64_t v) {
  return arith::ConstantIndexOp::create(b, loc, v);
}
void f(PatternIR &r, OpBuilder &b) {
  Value bad1 = arith::AddIOp::create(b, loc, cst(b, 1), cst(b, 2));
  Value bad2 = r.add(r.add(x, y), r.add(y, x));
  Value one = cst(b, 1);
  Value two = cst(b, 2);
  Value good = arith::AddIOp::create(b, loc, one, two);
  auto t = RankedTensorType::get({2}, b.getF32Type());
  use(std::min(a, b), std::max(c, d), cst(b, 3), [&](int) { return cst(b, 4); }(0));
}
