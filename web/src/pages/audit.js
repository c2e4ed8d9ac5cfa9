// The audit log is rendered on the server; this page only needs the header's controls.
import { initLayout } from "../lib/layout.js";

initLayout();
