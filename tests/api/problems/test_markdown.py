from __future__ import annotations

from api.problems.markdown import render_statement


def test_math_is_left_intact_for_katex() -> None:
    html = render_statement("Minimize $a_1 * b_2 * c_3$ and\n\n$$\\sum_i x_i^2$$\n")
    assert "$a_1 * b_2 * c_3$" in html  # no <em> from the underscores and stars
    assert "$$\\sum_i x_i^2$$" in html


def test_html_and_scripts_are_not_passed_through() -> None:
    html = render_statement(
        "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1))"
    )
    assert "<script" not in html and "<img" not in html  # shown as text, never as tags
    assert 'href="javascript:' not in html


def test_markdown_is_rendered() -> None:
    html = render_statement("# Title\n\n```python\nx = 1\n```\n\n- `fit(X, y)`\n")
    assert "<h1>Title</h1>" in html
    assert '<code class="language-python">' in html
    assert "<li><code>fit(X, y)</code></li>" in html
