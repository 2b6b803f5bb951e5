// The CDK app: `npx cdk synth` / `npx cdk deploy` run this (see cdk.json).
// Configuration comes from cdk.json "context" or `-c key=value` (infra/config.ts).
import { isAbsolute, resolve } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { loadTrackerFile } from '../src/core/tracker.js';
import { parseStackConfig } from './config.js';
import { PROJECT_ROOT } from './paths.js';
import { StanceTrackerStack, stackName } from './stack.js';

const app = new App();
try {
  const config = parseStackConfig((key) => app.node.tryGetContext(key));
  const trackerFile = isAbsolute(config.trackerFile) ? config.trackerFile : resolve(PROJECT_ROOT, config.trackerFile);
  const tracker = await loadTrackerFile(trackerFile);
  new StanceTrackerStack(app, stackName(config.stage), { config, tracker });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  app.synth();
} catch (err) {
  // A bad setting or tracker is the user's to fix: one line, no stack trace.
  if (err instanceof Error && ['ConfigError', 'TrackerError'].includes(err.name)) {
    console.error(`stance tracker: ${err.message}`);
    process.exit(1);
  }
  throw err;
}
