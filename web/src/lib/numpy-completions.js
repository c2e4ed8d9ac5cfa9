// NumPy completions for the editor: after "np." (or "numpy."), "np.linalg." and
// "np.random." the editor offers the names a from-scratch ML solution uses, with their
// signature. A fixed list (the sandbox's NumPy is the only library there is), not an index
// of all of NumPy: enough to save typing and catch misspellings.

const fn = (label, detail) => ({ label, detail, type: "function" });
const constant = (label, detail) => ({ label, detail, type: "constant" });
const namespace = (label, detail) => ({ label, detail, type: "namespace" });
const type = (label, detail) => ({ label, detail, type: "class" });

const TOP_LEVEL = [
  namespace("linalg", "linear algebra"), namespace("random", "random numbers"),
  type("ndarray", "the array type"), type("float64", "64-bit float"), type("float32", "32-bit float"),
  type("int64", "64-bit integer"), type("bool_", "boolean"), constant("newaxis", "adds an axis when indexing"),
  constant("pi", "3.14159…"), constant("e", "2.71828…"), constant("inf", "infinity"), constant("nan", "not a number"),
  fn("array", "(object, dtype=None)"), fn("asarray", "(a, dtype=None)"), fn("zeros", "(shape, dtype=float)"),
  fn("zeros_like", "(a)"), fn("ones", "(shape, dtype=float)"), fn("ones_like", "(a)"), fn("full", "(shape, fill_value)"),
  fn("full_like", "(a, fill_value)"), fn("empty", "(shape)"), fn("eye", "(N, M=None)"), fn("identity", "(n)"),
  fn("arange", "([start,] stop[, step])"), fn("linspace", "(start, stop, num=50)"), fn("logspace", "(start, stop, num=50)"),
  fn("copy", "(a)"), fn("reshape", "(a, newshape)"), fn("ravel", "(a)"), fn("transpose", "(a, axes=None)"),
  fn("expand_dims", "(a, axis)"), fn("squeeze", "(a, axis=None)"), fn("concatenate", "((a1, a2, …), axis=0)"),
  fn("stack", "(arrays, axis=0)"), fn("vstack", "(tup)"), fn("hstack", "(tup)"), fn("column_stack", "(tup)"),
  fn("tile", "(A, reps)"), fn("repeat", "(a, repeats, axis=None)"), fn("broadcast_to", "(array, shape)"),
  fn("dot", "(a, b)"), fn("matmul", "(a, b)"), fn("inner", "(a, b)"), fn("outer", "(a, b)"), fn("einsum", "(subscripts, *operands)"),
  fn("sum", "(a, axis=None, keepdims=False)"), fn("mean", "(a, axis=None, keepdims=False)"), fn("average", "(a, axis=None, weights=None)"),
  fn("var", "(a, axis=None, ddof=0)"), fn("std", "(a, axis=None, ddof=0)"), fn("median", "(a, axis=None)"),
  fn("min", "(a, axis=None)"), fn("max", "(a, axis=None)"), fn("amin", "(a, axis=None)"), fn("amax", "(a, axis=None)"),
  fn("argmin", "(a, axis=None)"), fn("argmax", "(a, axis=None)"), fn("argsort", "(a, axis=-1)"), fn("sort", "(a, axis=-1)"),
  fn("cumsum", "(a, axis=None)"), fn("prod", "(a, axis=None)"), fn("diff", "(a, n=1, axis=-1)"),
  fn("exp", "(x)"), fn("expm1", "(x)"), fn("log", "(x)"), fn("log1p", "(x)"), fn("log2", "(x)"), fn("log10", "(x)"),
  fn("logaddexp", "(x1, x2): log(exp(x1) + exp(x2)), stably"), fn("sqrt", "(x)"), fn("square", "(x)"), fn("power", "(x1, x2)"),
  fn("abs", "(x)"), fn("absolute", "(x)"), fn("sign", "(x)"), fn("tanh", "(x)"), fn("sin", "(x)"), fn("cos", "(x)"),
  fn("maximum", "(x1, x2): element-wise"), fn("minimum", "(x1, x2): element-wise"), fn("clip", "(a, a_min, a_max)"),
  fn("where", "(condition, x, y)"), fn("nonzero", "(a)"), fn("argwhere", "(a)"), fn("unique", "(ar, return_counts=False)"),
  fn("bincount", "(x, weights=None, minlength=0)"), fn("isnan", "(x)"), fn("isinf", "(x)"), fn("isfinite", "(x)"),
  fn("nan_to_num", "(x, nan=0.0)"), fn("allclose", "(a, b, rtol=1e-05, atol=1e-08)"), fn("isclose", "(a, b)"),
  fn("all", "(a, axis=None)"), fn("any", "(a, axis=None)"), fn("round", "(a, decimals=0)"), fn("floor", "(x)"), fn("ceil", "(x)"),
  fn("shape", "(a)"), fn("ndim", "(a)"), fn("size", "(a)"), fn("take", "(a, indices, axis=None)"),
  fn("take_along_axis", "(arr, indices, axis)"), fn("add", "(x1, x2)"), fn("subtract", "(x1, x2)"),
  fn("multiply", "(x1, x2)"), fn("divide", "(x1, x2)"), fn("errstate", "(**kwargs): context manager"),
  fn("finfo", "(dtype): eps, max, tiny"), fn("atleast_2d", "(*arys)"), fn("pad", "(array, pad_width)"),
  fn("searchsorted", "(a, v)"), fn("histogram", "(a, bins=10)"), fn("cov", "(m)"), fn("trace", "(a)"),
];

const LINALG = [
  fn("norm", "(x, ord=None, axis=None, keepdims=False)"), fn("inv", "(a)"), fn("pinv", "(a)"), fn("solve", "(a, b)"),
  fn("lstsq", "(a, b, rcond=None)"), fn("det", "(a)"), fn("eig", "(a)"), fn("eigh", "(a)"), fn("svd", "(a, full_matrices=True)"),
  fn("qr", "(a)"), fn("cholesky", "(a)"), fn("matrix_rank", "(A)"),
];

const RANDOM = [
  fn("default_rng", "(seed=None): a Generator"), type("Generator", "random number generator"),
  fn("seed", "(seed): the legacy global state"), fn("rand", "(d0, d1, …)"), fn("randn", "(d0, d1, …)"),
  fn("randint", "(low, high=None, size=None)"), fn("normal", "(loc=0.0, scale=1.0, size=None)"),
  fn("uniform", "(low=0.0, high=1.0, size=None)"), fn("choice", "(a, size=None, replace=True, p=None)"),
  fn("permutation", "(x)"), fn("shuffle", "(x)"), fn("RandomState", "(seed=None): legacy generator"),
];

const NAMESPACES = { np: TOP_LEVEL, "np.linalg": LINALG, "np.random": RANDOM };
const BEFORE_CURSOR = /(?:^|[^\w.])(np|numpy)((?:\.(?:linalg|random))?)\.\w*$/;

/** A CodeMirror completion source: attach with `pythonLanguage.data.of({ autocomplete })`. */
export function numpyCompletions(context) {
  const line = context.state.doc.lineAt(context.pos);
  const before = line.text.slice(0, context.pos - line.from);
  const match = BEFORE_CURSOR.exec(before);
  if (!match) return null;
  const options = NAMESPACES[`np${match[2]}`];
  const word = /\w*$/.exec(before)[0];
  return { from: context.pos - word.length, options, validFor: /^\w*$/ };
}
