// The dashboard's two files, served by the query function at GET / and GET /dashboard.js.
// The script is web/main.ts bundled by esbuild: on AWS at synth time (infra writes it next
// to the query function's bundle as dashboard.js), locally on the first request (esbuild is
// a dependency of the checkout), so `npm ci` alone leaves a working dashboard and no
// generated bundle is ever committed.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The browser code's entry point. */
export const DASHBOARD_ENTRY = fileURLToPath(new URL('../../web/main.ts', import.meta.url));
export const DASHBOARD_STYLES = fileURLToPath(new URL('../../web/styles.css', import.meta.url));

/** esbuild options, shared by the synth-time and the on-demand build. */
export const DASHBOARD_BUILD = {
  entryPoints: [DASHBOARD_ENTRY],
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
  legalComments: 'none',
  logLevel: 'error',
} as const;

/** Beside the Lambda bundle (index.mjs), the file infra wrote at synth time. */
const BUNDLED = new URL('./dashboard.js', import.meta.url);

let script: Promise<string> | undefined;

/** The bundled script: the synth-time file when there is one, else built once by esbuild. */
export function dashboardScript(): Promise<string> {
  script ??= (async () => {
    const bundled = fileURLToPath(BUNDLED);
    if (existsSync(bundled)) return readFileSync(bundled, 'utf8');
    // Not a literal: the Lambda bundle must not try to include esbuild itself.
    const name = 'esbuild';
    const esbuild = (await import(name)) as typeof import('esbuild');
    const out = await esbuild.build({ ...DASHBOARD_BUILD, entryPoints: [...DASHBOARD_BUILD.entryPoints], target: [...DASHBOARD_BUILD.target], write: false });
    return out.outputFiles[0]!.text;
  })();
  script.catch(() => {
    script = undefined;
  });
  return script;
}

const STYLES_BUNDLED = new URL('./dashboard.css', import.meta.url);
let styles: string | undefined;

function dashboardStyles(): string {
  if (styles === undefined) {
    const bundled = fileURLToPath(STYLES_BUNDLED);
    styles = readFileSync(existsSync(bundled) ? bundled : DASHBOARD_STYLES, 'utf8');
  }
  return styles;
}

/** The page's headers, wherever it is served (the query function, `stance dashboard`'s relay): everything from its own origin. */
export const DASHBOARD_PAGE_HEADERS: Readonly<Record<string, string>> = {
  'cache-control': 'no-cache',
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
};

/** The page: the styles inline, the script from the same origin, nothing from elsewhere. */
export function dashboardPage(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>stance tracker</title>
<link rel="icon" href="data:,">
<style>${dashboardStyles()}</style>
</head>
<body>
<noscript>The dashboard needs JavaScript. The same data is at <a href="matrix">/matrix</a> and <a href="openapi.json">/openapi.json</a>.</noscript>
<div id="app" aria-live="polite"><p class="state">Loading the dashboard…</p></div>
<script src="dashboard.js" defer></script>
</body>
</html>
`;
}
