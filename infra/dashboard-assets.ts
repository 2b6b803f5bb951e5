// The dashboard's script and styles for the query function: bundled here at synth time by
// the same esbuild options the local stack uses on demand (src/dashboard/assets.ts), then
// copied next to the function's index.mjs, where the handler reads them.
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { DASHBOARD_BUILD, DASHBOARD_STYLES } from '../src/dashboard/assets.js';

let built: string | undefined;

/** A directory holding dashboard.js and dashboard.css (built once per synth process). */
export function dashboardAssetsDir(): string {
  if (built) return built;
  const dir = mkdtempSync(join(tmpdir(), 'stance-dashboard-'));
  const out = buildSync({ ...DASHBOARD_BUILD, entryPoints: [...DASHBOARD_BUILD.entryPoints], target: [...DASHBOARD_BUILD.target], write: false });
  writeFileSync(join(dir, 'dashboard.js'), out.outputFiles[0]!.text);
  copyFileSync(DASHBOARD_STYLES, join(dir, 'dashboard.css'));
  built = dir;
  return dir;
}

/** The shell commands that put the dashboard's files into a bundle's output directory. */
export function copyDashboardInto(outputDir: string): string[] {
  const dir = dashboardAssetsDir();
  return ['dashboard.js', 'dashboard.css'].map((file) => `cp "${join(dir, file)}" "${join(outputDir, file)}"`);
}
