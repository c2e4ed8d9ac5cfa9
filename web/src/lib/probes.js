// What the judge is checking, in words: the one place that turns a probe group's name into a
// label (the progress shows groups, never the internal probe names). Problem packages name their groups freely ("math", "stability_loss",
// "timing", ...) and the engine may rename them, so a group this table does not know is
// humanised from its own name ("stability_few_distinct" → "Stability: few distinct").

// The words for the groups the problems use, or the leading word of a group's name.
const GROUP_WORDS = {
  interface: "The class interface",
  defaults: "Default settings",
  math: "Loss and gradient values",
  loss: "Loss values",
  gradient: "Gradient values",
  fit: "Fitting sample data",
  predict: "Predictions",
  blobs: "Clustering separated blobs",
  lloyd: "Lloyd's iterations",
  convergence: "Convergence and stopping",
  history: "Loss history",
  stability: "Numerical stability",
  timing: "Speed against a vectorized baseline",
  vectorization: "Speed against a vectorized baseline",
};

function humanise(text) {
  const words = String(text).replace(/[_\-.]+/g, " ").replace(/\s+/g, " ").trim();
  return words ? words[0].toUpperCase() + words.slice(1) : "";
}

/** "stability_loss" → "Numerical stability: loss"; "timing" → "Speed against …". */
export function groupLabel(group) {
  const key = String(group ?? "").toLowerCase();
  if (!key) return "Checks";
  if (GROUP_WORDS[key]) return GROUP_WORDS[key];
  const [head, ...rest] = key.split(/[_\-.]/);
  if (GROUP_WORDS[head] && rest.length) return `${GROUP_WORDS[head]}: ${rest.join(" ")}`;
  return humanise(key);
}
