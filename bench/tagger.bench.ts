// Tagging throughput on one core over a corpus built from the seed articles:
// documents/s, sentences/s, MB/s, and peak memory, in process and for the whole
// `stance tag` command (start-up, reading files, writing JSON lines), with its start-up
// share. Run: npm run bench
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileTracker, tagDocument } from '../src/core/tagger.js';
import { loadTrackerFile } from '../src/core/tracker.js';
import { splitSentences } from '../src/core/text.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const seedDir = join(root, 'seeds');
const seeds = readdirSync(seedDir).filter((f) => f.endsWith('.txt')).sort().map((f) => readFileSync(join(seedDir, f), 'utf8'));
const compiled = compileTracker(await loadTrackerFile(join(seedDir, 'tracker.json')));

// 2,000 documents: every seed, and every seed with its paragraphs rotated, so the
// corpus is not five texts repeated verbatim (caches see new sentences in new places).
const corpus: string[] = [];
for (let i = 0; corpus.length < 2000; i++) {
  const text = seeds[i % seeds.length]!;
  const paragraphs = text.split('\n');
  const shift = Math.floor(i / seeds.length) % paragraphs.length;
  corpus.push([...paragraphs.slice(shift), ...paragraphs.slice(0, shift)].join('\n'));
}
const bytes = corpus.reduce((n, t) => n + Buffer.byteLength(t, 'utf8'), 0);
const sentences = corpus.reduce((n, t) => n + splitSentences(t).length, 0);

let peakRss = process.memoryUsage().rss;
let peakHeap = process.memoryUsage().heapUsed;
const sample = (): void => {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
};

// Warm-up pass (JIT, stem cache), then timed passes.
let records = 0;
for (const [i, text] of corpus.slice(0, 200).entries()) tagDocument({ id: `w${i}`, text }, compiled);
const passes = 3;
const started = process.hrtime.bigint();
const cpuStarted = process.cpuUsage();
for (let pass = 0; pass < passes; pass++) {
  records = 0;
  for (const [i, text] of corpus.entries()) {
    records += tagDocument({ id: `d${i}`, text }, compiled).length;
    if (i % 250 === 0) sample();
  }
}
const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
const cpu = process.cpuUsage(cpuStarted);
// Rates are per CPU second of this process: on a shared machine, wall time also counts other work.
const seconds = (cpu.user + cpu.system) / 1e6;
sample();

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
console.log(`corpus        ${fmt(corpus.length)} documents, ${fmt(sentences)} sentences, ${(bytes / 1e6).toFixed(2)} MB (from ${seeds.length} seeds), ${passes} passes`);
console.log(`time          ${seconds.toFixed(2)} s CPU on one core (${wallSeconds.toFixed(2)} s wall)`);
console.log(`documents/s   ${fmt((corpus.length * passes) / seconds)}`);
console.log(`sentences/s   ${fmt((sentences * passes) / seconds)}`);
console.log(`MB/s          ${((bytes * passes) / 1e6 / seconds).toFixed(2)}`);
console.log(`records/doc   ${(records / corpus.length).toFixed(2)}`);
console.log(`peak RSS      ${(peakRss / 2 ** 20).toFixed(1)} MiB`);
console.log(`peak heap     ${(peakHeap / 2 ** 20).toFixed(1)} MiB`);

// The whole `stance tag` process over the same 2,000 documents as files: what a user runs
// (bin/stance.mjs, as `npx stance` does), pinned to one core with taskset where the machine has it.
// CPU seconds of the process (user + sys, from the shell's `time`), so other work on a shared
// machine does not count; peak RSS from /usr/bin/time where the machine has it. The median of
// three runs, after one untimed run that builds the CLI's bundle if the sources changed; the
// start-up share is the same command on one empty file (start-up, tracker, no tagging).
const dir = mkdtempSync(join(tmpdir(), 'stance-bench-'));
try {
  const files = corpus.map((text, i) => {
    const file = join(dir, `d${String(i).padStart(4, '0')}.txt`);
    writeFileSync(file, text);
    return file;
  });
  const empty = join(dir, 'empty.txt');
  writeFileSync(empty, '');
  const pin = spawnSync('taskset', ['-c', '0', 'true']).status === 0 ? 'taskset -c 0 ' : '';
  const wholeProcess = (inputs: string[]): { cpu: number; wall: number; rss: number | undefined } => {
    const argv = [join(root, 'bin/stance.mjs'), 'tag', '--format', 'jsonl', ...inputs];
    const quoted = argv.map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
    const rssFile = join(dir, 'rss');
    rmSync(rssFile, { force: true });
    const timer = existsSync('/usr/bin/time') ? `/usr/bin/time -f 'rss %M' -o '${rssFile}' ` : '';
    const run = spawnSync('bash', ['-c', `TIMEFORMAT='cpu %U %S wall %R'; time ${pin}${timer}'${process.execPath}' ${quoted} > /dev/null 2>/dev/null`], { encoding: 'utf8' });
    const cpuLine = /cpu ([\d.]+) ([\d.]+) wall ([\d.]+)/.exec(run.stderr);
    const rss = existsSync(rssFile) ? /rss (\d+)/.exec(readFileSync(rssFile, 'utf8')) : null;
    if (run.status !== 0 || !cpuLine) throw new Error(`stance tag failed: ${run.stderr}`);
    return { cpu: Number(cpuLine[1]) + Number(cpuLine[2]), wall: Number(cpuLine[3]), rss: rss ? Number(rss[1]) / 1024 : undefined };
  };
  const median = <T>(runs: T[], by: (r: T) => number): T => [...runs].sort((a, b) => by(a) - by(b))[Math.floor(runs.length / 2)]!;
  wholeProcess([empty]);
  const startUp = median([0, 1, 2].map(() => wholeProcess([empty])), (r) => r.cpu);
  const whole = median([0, 1, 2].map(() => wholeProcess(files)), (r) => r.cpu);
  console.log(`start-up      ${startUp.cpu.toFixed(2)} s CPU for \`stance tag\` on one empty file (${((100 * startUp.cpu) / whole.cpu).toFixed(0)}% of the run below)${startUp.rss ? `, peak RSS ${startUp.rss.toFixed(1)} MiB` : ''}`);
  console.log(`stance tag    ${fmt(sentences / whole.cpu)} sentences/s, ${fmt(corpus.length / whole.cpu)} documents/s for the whole process over ${fmt(corpus.length)} files${pin ? ' on one core' : ''} (${whole.cpu.toFixed(2)} s CPU, ${whole.wall.toFixed(2)} s wall${whole.rss ? `, peak RSS ${whole.rss.toFixed(1)} MiB` : ''}; median of 3)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
