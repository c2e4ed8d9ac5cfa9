// The code editor: CodeMirror 6 with Python highlighting (the tok-* classes the stylesheet
// colours for the light and dark themes), indentation, soft-wrapped long lines and NumPy
// completions. What it holds is kept by drafts.js, through `onChange`.
import { indentWithTab } from "@codemirror/commands";
import { python, pythonLanguage } from "@codemirror/lang-python";
import { indentUnit, syntaxHighlighting } from "@codemirror/language";
import { EditorState, Prec } from "@codemirror/state";
import { EditorView, keymap } from "@codemirror/view";
import { classHighlighter } from "@lezer/highlight";
import { basicSetup } from "codemirror";
import { styleNonce } from "./csp.js";
import { numpyCompletions } from "./numpy-completions.js";

/** The editor's look, from the page's colours (app.css), so it follows the theme. */
const themed = EditorView.theme({
  "&": { color: "var(--fg)", backgroundColor: "var(--bg)" },
  ".cm-content": { caretColor: "var(--fg)" },
  ".cm-cursor, .cm-dropCursor": { borderLeftColor: "var(--fg)" },
  ".cm-gutters": { backgroundColor: "var(--panel)", color: "var(--muted)", borderRightColor: "var(--border)" },
  ".cm-activeLine": { backgroundColor: "var(--active-line)" },
  ".cm-activeLineGutter": { backgroundColor: "var(--active-line)" },
  "&.cm-focused .cm-selectionBackground, .cm-selectionBackground, .cm-content ::selection": {
    backgroundColor: "var(--selection) !important",
  },
  ".cm-tooltip": { backgroundColor: "var(--panel)", color: "var(--fg)", border: "1px solid var(--border)" },
  ".cm-tooltip-autocomplete ul li[aria-selected]": { backgroundColor: "var(--accent)", color: "var(--accent-fg)" },
  ".cm-completionDetail": { color: "var(--muted)", fontStyle: "normal", marginLeft: "0.75em" },
  ".cm-matchingBracket, &.cm-focused .cm-matchingBracket": { backgroundColor: "var(--match)", outline: "none" },
});

/**
 * What both the editor and the read-only code views share: Python, colours, wrapping, and
 * the nonce the Content Security Policy asks of CodeMirror's <style> element (csp.js).
 */
export function pythonView({ readOnly = false, label } = {}) {
  return [
    EditorView.cspNonce.of(styleNonce),
    basicSetup,
    python(),
    syntaxHighlighting(classHighlighter),
    themed,
    EditorView.lineWrapping,
    EditorState.readOnly.of(readOnly),
    EditorView.contentAttributes.of({ "aria-label": label }),
  ];
}

/**
 * Mounts the editor in `parent`. `onRun` and `onSubmit` are bound to Mod-Shift-Enter and
 * Mod-Enter; `onChange(code)` hears every change of the text.
 */
export function createEditor({ parent, initial, label, onRun, onSubmit, onChange }) {
  const shortcuts = Prec.highest(
    keymap.of([
      { key: "Mod-Enter", run: () => (onSubmit(), true) },
      { key: "Mod-Shift-Enter", run: () => (onRun(), true) },
    ]),
  );
  const changes = EditorView.updateListener.of((update) => {
    if (update.docChanged) onChange?.(update.state.doc.toString());
  });
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: initial,
      extensions: [
        shortcuts,
        pythonView({ label }),
        pythonLanguage.data.of({ autocomplete: numpyCompletions }),
        indentUnit.of("    "),
        EditorState.tabSize.of(4),
        keymap.of([indentWithTab]),
        changes,
      ],
    }),
  });
  return {
    view,
    getCode: () => view.state.doc.toString(),
    /** Replaces the text as one undoable change (Ctrl/⌘+Z brings the previous text back). */
    setCode(text) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    },
    focus: () => view.focus(),
  };
}
