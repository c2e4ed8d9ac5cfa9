// The code editor: CodeMirror 6 with Python highlighting and indentation, the draft kept in
// localStorage per user and problem so a reload, a crash or a closed tab loses nothing.
import { indentWithTab } from "@codemirror/commands";
import { python } from "@codemirror/lang-python";
import { indentUnit } from "@codemirror/language";
import { EditorState, Prec } from "@codemirror/state";
import { EditorView, keymap } from "@codemirror/view";
import { basicSetup } from "codemirror";
import { styleNonce } from "./csp.js";

const SAVE_DELAY_MS = 250;

export function draftKey(user, slug) {
  return `numjudge:draft:${user}:${slug}`;
}

export function loadDraft(key) {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null; // storage disabled: the editor still works, drafts just aren't kept
  }
}

function saveDraft(key, text) {
  try {
    window.localStorage.setItem(key, text);
    return true;
  } catch {
    return false;
  }
}

export function clearDraft(key) {
  try {
    window.localStorage.removeItem(key);
  } catch {
    // nothing stored, nothing to clear
  }
}

/**
 * Mounts the editor in `parent`. `onRun` and `onSubmit` are bound to Mod-Shift-Enter and
 * Mod-Enter; `onSaved(saved)` reports each autosave so the page can show it.
 */
export function createEditor({ parent, initial, storageKey, label, onRun, onSubmit, onSaved }) {
  let timer = null;
  const flush = (view) => {
    clearTimeout(timer);
    timer = null;
    onSaved?.(saveDraft(storageKey, view.state.doc.toString()));
  };
  const autosave = EditorView.updateListener.of((update) => {
    if (!update.docChanged) return;
    clearTimeout(timer);
    timer = setTimeout(() => flush(update.view), SAVE_DELAY_MS);
  });
  const shortcuts = Prec.highest(
    keymap.of([
      { key: "Mod-Enter", run: () => (onSubmit(), true) },
      { key: "Mod-Shift-Enter", run: () => (onRun(), true) },
    ]),
  );
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: initial,
      extensions: [
        shortcuts,
        basicSetup,
        python(),
        indentUnit.of("    "),
        EditorState.tabSize.of(4),
        keymap.of([indentWithTab]),
        autosave,
        EditorView.contentAttributes.of({ "aria-label": label }),
        styleNonce,
      ],
    }),
  });
  // A reload within the debounce window must not lose the last keystrokes.
  window.addEventListener("pagehide", () => flush(view));
  return {
    view,
    getCode: () => view.state.doc.toString(),
    setCode(text) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    },
    focus: () => view.focus(),
  };
}
