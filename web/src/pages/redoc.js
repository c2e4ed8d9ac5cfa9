// /redoc: ReDoc from the bundle (its standalone build, loaded before this module as a plain
// script). ReDoc writes its styles into <style> elements (styled-components): it is handed
// the answer's Content Security Policy nonce, which it puts on each of them.
import { styleNonce } from "../lib/csp.js";

const root = document.getElementById("redoc");
window.Redoc.init(root.dataset.openapiUrl, { nonce: styleNonce }, root);
