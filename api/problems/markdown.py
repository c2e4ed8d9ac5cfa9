"""Problem statements: Markdown to sanitized HTML, with math left for KaTeX in the browser."""

from __future__ import annotations

import functools
from typing import Any

import nh3
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from mdit_py_plugins.dollarmath import dollarmath_plugin

ALLOWED_ATTRIBUTES = {
    **{tag: set(names) for tag, names in nh3.ALLOWED_ATTRIBUTES.items()},
    "span": {"class"},
    "div": {"class"},
    "code": {"class"},
}


def _math_source(content: str, options: dict[str, Any]) -> str:
    # The delimiters stay in the text so KaTeX's auto-render finds them, untouched by Markdown.
    delimiter = "$$" if options.get("display_mode") else "$"
    return escapeHtml(f"{delimiter}{content}{delimiter}")


_renderer = MarkdownIt("js-default").use(
    dollarmath_plugin, renderer=_math_source, allow_labels=False, double_inline=True
)


# Hints and the editorial are rendered when a candidate asks for them: the same few texts,
# again and again (a package's Markdown files are bounded by sandbox.package_text).
@functools.lru_cache(maxsize=128)
def render_statement(markdown: str) -> str:
    return nh3.clean(_renderer.render(markdown), attributes=ALLOWED_ATTRIBUTES)
