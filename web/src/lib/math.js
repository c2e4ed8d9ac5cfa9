// KaTeX over the server's sanitized statement HTML: $$...$$ for display, $...$ inline. KaTeX
// is loaded only when the statement has math in it.
//
// A few of KaTeX's constructs (\oiint, tall stacked delimiters, and in the MathML it adds for
// screen readers \pmb and \fcolorbox) come with a style attribute, which the Content
// Security Policy refuses. The same declarations set through the CSSOM (element.style) are
// allowed, so while KaTeX renders — synchronously — a style attribute is set that way.
const DELIMITERS = [
  { left: "$$", right: "$$", display: true },
  { left: "$", right: "$", display: false },
  { left: "\\(", right: "\\)", display: false },
  { left: "\\[", right: "\\]", display: true },
];

export async function renderMath(element) {
  const text = element.textContent;
  if (!DELIMITERS.some(({ left }) => text.includes(left))) return;
  const { default: renderMathInElement } = await import("katex/contrib/auto-render");
  withStyleAttributesThroughCssom(() =>
    renderMathInElement(element, {
      delimiters: DELIMITERS,
      ignoredTags: ["script", "noscript", "style", "textarea", "pre", "code", "option"],
      throwOnError: false,
    }),
  );
}

function withStyleAttributesThroughCssom(render) {
  const { setAttribute } = Element.prototype;
  Element.prototype.setAttribute = function setStyleThroughCssom(name, value) {
    if (String(name).toLowerCase() === "style" && this.style) {
      this.style.cssText = value;
    } else {
      setAttribute.call(this, name, value);
    }
  };
  try {
    render();
  } finally {
    Element.prototype.setAttribute = setAttribute;
  }
}
