// The code editor: CodeMirror 6 with Python highlighting (the tok-* classes the stylesheet
// colours for the light and dark themes), indentation, soft-wrapped long lines and NumPy
// completions, or the same editor over plain text (a package's Markdown and YAML files).
// What it holds is kept by drafts.js, or by the package page, through `onChange`.
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
 * What both the editors and the read-only code views share: the language ("python", or
 * "text" for plain text: Markdown, YAML), colours, wrapping, and the nonce the Content
 * Security Policy asks of CodeMirror's <style> element (csp.js).
 */
export function codeView({ readOnly = false, label, language = "python" } = {}) {
  return [
    EditorView.cspNonce.of(styleNonce),
    basicSetup,
    language === "python" ? [python(), pythonLanguage.data.of({ autocomplete: numpyCompletions })] : [],
    syntaxHighlighting(classHighlighter),
    themed,
    EditorView.lineWrapping,
    EditorState.readOnly.of(readOnly),
    EditorView.contentAttributes.of({ "aria-label": label }),
  ];
}

export const pythonView = (options = {}) => codeView({ ...options, language: "python" });

/**
 * Mounts the editor in `parent`. `onRun` and `onSubmit`, when given, are bound to
 * Mod-Shift-Enter and Mod-Enter; `onChange(code)` hears every change of the text.
 * `language` is "python" (the default) or "text".
 */
export function createEditor({ parent, initial, label, language = "python", onRun, onSubmit, onChange }) {
  const bindings = [];
  if (onSubmit) bindings.push({ key: "Mod-Enter", run: () => (onSubmit(), true) });
  if (onRun) bindings.push({ key: "Mod-Shift-Enter", run: () => (onRun(), true) });
  const changes = EditorView.updateListener.of((update) => {
    if (update.docChanged) onChange?.(update.state.doc.toString());
  });
  const createDocument = (text, options = {}) =>
    EditorState.create({
      doc: text,
      extensions: [
        Prec.highest(keymap.of(bindings)),
        codeView({ label, language, ...options }),
        indentUnit.of("    "),
        EditorState.tabSize.of(4),
        keymap.of([indentWithTab]),
        changes,
      ],
    });
  const view = new EditorView({ parent, state: createDocument(initial) });
  return {
    view,
    getCode: () => view.state.doc.toString(),
    /** Replaces the text as one undoable change (Ctrl/⌘+Z brings the previous text back). */
    setCode(text) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    },
    focus: () => view.focus(),
    /**
     * Another document for this editor, with its own undo history (`{ label, language }`
     * override the editor's): `show` it, and keep `current()` to come back to it later.
     */
    createDocument,
    show: (document) => view.setState(document),
    current: () => view.state,
  };
}
