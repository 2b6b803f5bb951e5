// `stance calibrate`: the confidence model's data and its fit (src/core/calibration.ts).
// `--gold GOLD --tagger LABEL RECORDS.jsonl...` prints one sample line per record (its shape
// and whether the gold has it); `--fit SAMPLES.jsonl` prints lexicon/calibration.json's content.
import * as z from 'zod';
import { shapeOf } from '../core/calibration.js';
import { CalibrationSampleSchema, fitCalibration } from '../core/calibration-fit.js';
import { EvidenceSchema } from '../core/records.js';
import { parseJsonLines, parseRecordLines } from '../core/score.js';
import { StanceSchema } from '../core/tracker.js';
import { UsageError } from '../errors.js';
import { parseCommandLine, readNamedFile } from './args.js';

export const summary = 'build confidence-calibration samples from tagged records, or fit the model on them';
export const usage = `usage: stance calibrate --gold GOLD --tagger LABEL RECORDS.jsonl...
       stance calibrate --fit SAMPLES.jsonl... [--l2 N] [--fitted-on TEXT]

The first form reads records a tagger made (stance tag --format jsonl, any version) and
prints one sample a line: {document, actor, term, stance, sentences, rules, tagger, right},
where right means GOLD has the record's actor, term and stance. Use records made on texts
no rule was written from (a batch the day it arrived), or the fit learns the tuning.
The second form fits the logistic model over the samples and prints the JSON that
src/core/lexicon/calibration.json holds (news/README.md, "Confidence").
  --l2 N          the penalty on the weights (default 2)
  --fitted-on T   the provenance line written into the JSON`;

const TaggedRecordSchema = z.object({
  document: z.string(),
  actor: z.string(),
  term: z.string(),
  stance: StanceSchema,
  evidence: z.array(EvidenceSchema.pick({ start: true, stance: true, rule: true })),
}).loose();

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine('calibrate', args, {
    gold: { type: 'string' }, tagger: { type: 'string' }, fit: { type: 'boolean' }, l2: { type: 'string' }, 'fitted-on': { type: 'string' },
  });
  if (positionals.length === 0) throw new UsageError('stance calibrate needs at least one FILE; see "stance calibrate --help"');
  if (values.fit) {
    const samples = (await Promise.all(positionals.map(async (file) => parseJsonLines(await readNamedFile(file), file, CalibrationSampleSchema)))).flat();
    const l2 = values.l2 === undefined ? 2 : Number(values.l2);
    if (!Number.isFinite(l2) || l2 < 0) throw new UsageError(`--l2 must be a number >= 0, not "${values.l2}"`);
    const fitted = fitCalibration(samples, l2, values['fitted-on'] ?? `${samples.length} samples from ${positionals.join(', ')}`);
    process.stdout.write(`${JSON.stringify(fitted, null, 2)}\n`);
    return 0;
  }
  if (!values.gold || !values.tagger) throw new UsageError('stance calibrate needs --gold GOLD and --tagger LABEL (or --fit); see "stance calibrate --help"');
  const gold = new Map(parseRecordLines(await readNamedFile(values.gold), values.gold).map((g) => [`${g.document}\t${g.actor}\t${g.term}`, g.stance]));
  const out: string[] = [];
  for (const file of positionals) {
    for (const r of parseJsonLines(await readNamedFile(file), file, TaggedRecordSchema)) {
      const shape = shapeOf(r);
      const sample = { document: r.document, actor: r.actor, term: r.term, stance: r.stance, sentences: shape.sentences, rules: shape.rules, tagger: values.tagger, right: gold.get(`${r.document}\t${r.actor}\t${r.term}`) === r.stance };
      out.push(`${JSON.stringify(sample)}\n`);
    }
  }
  process.stdout.write(out.join(''));
  return 0;
}
