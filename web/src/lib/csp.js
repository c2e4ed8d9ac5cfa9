// The Content Security Policy admits <style> elements only with this answer's nonce, which the
// page carries in <meta name="csp-nonce"> (read through .nonce: browsers hide the attribute).
// CodeMirror writes its theme into a <style> element: give it the nonce.
import { EditorView } from "@codemirror/view";

const nonce = document.querySelector('meta[name="csp-nonce"]')?.nonce ?? "";

export const styleNonce = EditorView.cspNonce.of(nonce);
