// Bundles web/src into web/static/dist: one ES module per page (shared code split into
// chunks) and one stylesheet with KaTeX's fonts copied beside it. No CDN at run time.
import * as esbuild from "esbuild";
import { rmSync } from "node:fs";

const watch = process.argv.includes("--watch");
const outdir = "static/dist";

const options = {
  entryPoints: {
    login: "src/pages/login.js",
    problems: "src/pages/problems.js",
    problem: "src/pages/problem.js",
    submission: "src/pages/submission.js",
    history: "src/pages/history.js",
    account: "src/pages/account.js",
    users: "src/pages/users.js",
    audit: "src/pages/audit.js",
    password_reset: "src/pages/password_reset.js",
    app: "src/styles/app.css",
  },
  outdir,
  bundle: true,
  splitting: true,
  format: "esm",
  target: ["es2022"],
  minify: !watch,
  sourcemap: true,
  chunkNames: "chunks/[name]-[hash]",
  assetNames: "assets/[name]-[hash]",
  loader: { ".woff2": "file", ".woff": "file", ".ttf": "file" },
  logLevel: process.argv.includes("--quiet") ? "warning" : "info",
};

rmSync(outdir, { recursive: true, force: true });
if (watch) {
  const context = await esbuild.context(options);
  await context.watch();
} else {
  await esbuild.build(options);
}
