// The Content Security Policy admits <style> elements only with this answer's nonce, which the
// page carries in <meta name="csp-nonce"> (read through .nonce: browsers hide the attribute).
// Whatever writes a <style> element gets it: CodeMirror (editor.js) and ReDoc (redoc.js).
export const styleNonce = document.querySelector('meta[name="csp-nonce"]')?.nonce ?? "";
