from sandbox.static import precheck
from sandbox.verdict import Verdict

METHODS = ("fit", "predict")


def test_syntax_errors_name_line_and_column() -> None:
    result = precheck("class M:\n    def fit(self:\n", "M", METHODS)
    assert result.verdict is Verdict.SYNTAX_ERROR
    assert result.message.startswith("line 2, column")


def test_forbidden_imports_are_listed_with_what_is_allowed() -> None:
    result = precheck("import numpy\nimport scipy.linalg\nfrom os import path\n", "M", METHODS)
    assert result.verdict is Verdict.FORBIDDEN_IMPORT
    assert "line 2: 'import scipy.linalg' is not allowed" in result.message
    assert "line 3: 'import os' is not allowed" in result.message
    assert "Only numpy" in result.message


def test_missing_class_and_missing_methods() -> None:
    assert precheck("x = 1\n", "M", METHODS).verdict is Verdict.MISSING_INTERFACE
    result = precheck("class M:\n    def fit(self, X, y):\n        return self\n", "M", METHODS)
    assert result.verdict is Verdict.MISSING_INTERFACE
    assert result.missing_methods == ("predict",)


def test_methods_inherited_from_a_base_in_the_file_count() -> None:
    source = (
        "class Base:\n    def predict(self, X): ...\nclass M(Base):\n    def fit(self, X, y): ...\n"
    )
    assert precheck(source, "M", METHODS).verdict is None


def test_oversized_code_is_rejected() -> None:
    assert precheck("#" * 70_000, "M", METHODS).verdict is Verdict.SYNTAX_ERROR


def test_a_module_of_functions_needs_each_function_and_no_class() -> None:
    functions = ("softmax", "logsumexp")
    source = "import numpy as np\n\ndef softmax(x):\n    return x\n\nlogsumexp = softmax\n"
    assert precheck(source, "", (), functions).verdict is None
    missing = precheck("def softmax(x):\n    return x\n", "", (), functions)
    assert missing.verdict is Verdict.MISSING_INTERFACE
    assert missing.missing_methods == ("logsumexp",)
    assert "no top-level function logsumexp()" in missing.message
    nested = precheck("class Helper:\n    def softmax(self, x): ...\n", "", (), ("softmax",))
    assert nested.verdict is Verdict.MISSING_INTERFACE  # a method is not a function
