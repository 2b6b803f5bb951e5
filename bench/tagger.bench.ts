// Tagging throughput on one core over a corpus built from the seed articles:
// documents/s, sentences/s, MB/s, and peak memory. Run: npm run bench
import { readdirSync, readFileSync } from 'node:fs';
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
