// KaTeX over the server's sanitized statement HTML: $$...$$ for display, $...$ inline. KaTeX
// is loaded only when the statement has math in it.
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
  renderMathInElement(element, {
    delimiters: DELIMITERS,
    ignoredTags: ["script", "noscript", "style", "textarea", "pre", "code", "option"],
    throwOnError: false,
  });
}
