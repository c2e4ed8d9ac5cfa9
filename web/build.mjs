// Bundles web/src into web/static/dist: one minified ES module per page (shared code split
// into chunks, KaTeX and uPlot loaded only when a page needs them) and one stylesheet with
// KaTeX's fonts beside it; copies the API documentation viewers (Swagger UI, ReDoc) from
// their npm packages into dist/vendor (ReDoc patched to load nothing from a CDN and to give
// its styles the page's CSP nonce) and the favicon into dist; then writes a gzip copy of
// every text file, which the server sends to browsers that accept gzip (api/static.py).
// Nothing is loaded from a CDN at run time.
import * as esbuild from "esbuild";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { constants, gzipSync } from "node:zlib";

const watch = process.argv.includes("--watch");
const outdir = "static/dist";
const require = createRequire(import.meta.url);

// The viewers are prebuilt, minified bundles: copied as they are, with their licences.
const VENDOR = [
  ["swagger-ui-dist/swagger-ui-bundle.js", "swagger-ui-bundle.js"],
  ["swagger-ui-dist/swagger-ui-bundle.js.LICENSE.txt", "swagger-ui-bundle.js.LICENSE.txt"],
  ["swagger-ui-dist/swagger-ui.css", "swagger-ui.css"],
  ["swagger-ui-dist/LICENSE", "swagger-ui.LICENSE.txt"],
  ["redoc/bundles/redoc.standalone.js", "redoc.standalone.js"],
  ["redoc/bundles/redoc.standalone.js.LICENSE.txt", "redoc.standalone.js.LICENSE.txt"],
  ["redoc/LICENSE", "redoc.LICENSE.txt"],
];
// ReDoc draws Redocly's logo from their CDN in its sidebar: pointed at an empty local image.
const REDOC_CDN_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg";
const LOCAL_LOGO = "vendor/redoc-logo-mini.svg";
const EMPTY_SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>\n';
// ReDoc's webpack runtime starts with no nonce for the <style> elements it writes while the
// script loads (perfect-scrollbar's CSS), which the Content Security Policy would refuse:
// it starts with the page's nonce instead (<meta name="csp-nonce">, see src/lib/csp.js).
const REDOC_NO_NONCE = /\b([A-Za-z_$][\w$]*)\.nc=void 0/;
const PAGE_NONCE = "document.querySelector('meta[name=\"csp-nonce\"]')?.nonce";
const COMPRESSIBLE = /\.(js|css|map|svg|txt|ttf|json)$/;

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
    rejudges: "src/pages/rejudges.js",
    rejudge: "src/pages/rejudge.js",
    packages: "src/pages/packages.js",
    package: "src/pages/package.js",
    password_reset: "src/pages/password_reset.js",
    invite: "src/pages/invite.js",
    take: "src/pages/take.js",
    interviews: "src/pages/interviews.js",
    assessment: "src/pages/assessment.js",
    review: "src/pages/review.js",
    docs: "src/pages/docs.js",
    redoc: "src/pages/redoc.js",
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

function packageFile(name) {
  // Resolve through the package's directory: not every file is in its "exports".
  const [scope, pkg] = name.startsWith("@") ? name.split("/") : [null, name.split("/")[0]];
  const packageName = scope ? `${scope}/${pkg}` : pkg;
  const root = dirname(require.resolve(`${packageName}/package.json`));
  return join(root, name.slice(packageName.length + 1));
}

function copyStatic() {
  mkdirSync(join(outdir, "vendor"), { recursive: true });
  for (const [source, target] of VENDOR) copyFileSync(packageFile(source), join(outdir, "vendor", target));
  const redoc = join(outdir, "vendor", "redoc.standalone.js");
  const script = readFileSync(redoc, "utf8");
  if (!script.includes(REDOC_CDN_LOGO)) {
    console.warn(`build: ${REDOC_CDN_LOGO} is no longer in ReDoc; check that it loads nothing from a CDN`);
  }
  if (!REDOC_NO_NONCE.test(script)) {
    console.warn("build: ReDoc's bundle no longer sets its style nonce (.nc=void 0); /redoc may break the CSP");
  }
  const patched = script
    .replaceAll(REDOC_CDN_LOGO, `/static/dist/${LOCAL_LOGO}`)
    .replace(REDOC_NO_NONCE, (_, runtime) => `${runtime}.nc=${PAGE_NONCE}`);
  writeFileSync(redoc, patched);
  writeFileSync(join(outdir, LOCAL_LOGO), EMPTY_SVG);
  copyFileSync("src/favicon.svg", join(outdir, "favicon.svg"));
}

function* files(directory) {
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else yield path;
  }
}

function compressAll() {
  let plain = 0;
  let packed = 0;
  for (const path of files(outdir)) {
    if (!COMPRESSIBLE.test(path)) continue;
    const data = readFileSync(path);
    const gzipped = gzipSync(data, { level: constants.Z_BEST_COMPRESSION });
    writeFileSync(`${path}.gz`, gzipped);
    if (!path.endsWith(".map")) {
      plain += statSync(path).size;
      packed += gzipped.length;
    }
  }
  if (!process.argv.includes("--quiet")) {
    console.log(`gzip: ${(plain / 1024).toFixed(0)} KiB of scripts, styles and fonts → ${(packed / 1024).toFixed(0)} KiB`);
  }
}

rmSync(outdir, { recursive: true, force: true });
if (watch) {
  copyStatic();
  const context = await esbuild.context(options);
  await context.watch();
} else {
  await esbuild.build(options);
  copyStatic();
  compressAll();
}
