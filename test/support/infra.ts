// Builds the stack the way infra/app.ts does (cdk.json context, the tracker file,
// cdk-nag), into a temporary cloud assembly the caller removes. Bundling the four
// functions takes a few seconds, so each test file builds once per variant.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { vi } from 'vitest';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { PolicyValidationPluginReport } from 'aws-cdk-lib';
import { type StackConfig, parseStackConfig } from '../../infra/config.js';
import { linkRuntimeModules } from '../../infra/handler-function.js';
import { PROJECT_ROOT } from '../../infra/paths.js';
import { StanceTrackerStack, stackName } from '../../infra/stack.js';
import { type Tracker, loadTrackerFile } from '../../src/core/tracker.js';

export interface Acknowledgement {
  path: string;
  rule: string;
  reason: string;
}

/** Every `Validations.of(x).acknowledge()` in the app: where, which rule, why. */
export function acknowledgements(app: App): Acknowledgement[] {
  return app.node.findAll().flatMap((c) =>
    c.node.metadata
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((m) => Object.entries(m.data as Record<string, string>).map(([rule, reason]) => ({ path: c.node.path, rule: rule.replace(/^[A-Za-z]+::/, ''), reason }))),
  );
}

/** cdk-nag findings of the stack built with every acknowledgement ignored: "rule at construct path". */
export async function findingsWithoutAcknowledgements(settings: Record<string, unknown> = {}): Promise<string[]> {
  const ignore = vi.spyOn(Validations.prototype, 'acknowledge').mockImplementation(() => {});
  try {
    const built = await buildStack(settings, { bundle: false, cfnValidation: false });
    try {
      return built.nag().violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} at ${r.constructPath}`));
    } finally {
      built.remove();
    }
  } finally {
    ignore.mockRestore();
  }
}

/** The context `cdk synth` gets from cdk.json (feature flags and the stack settings). */
export function cdkJsonContext(): Record<string, unknown> {
  return JSON.parse(readFileSync(join(PROJECT_ROOT, 'cdk.json'), 'utf8')).context;
}

export interface BuiltStack {
  app: App;
  stack: StanceTrackerStack;
  template: Template;
  config: StackConfig;
  tracker: Tracker;
  outdir: string;
  /** What aws-cdk-lib's CloudFormation validation found, rule and resource per finding. */
  cfnFindings: () => string[];
  /** cdk-nag's AwsSolutions report for the stack, acknowledgements applied. */
  nag: () => PolicyValidationPluginReport;
  remove: () => void;
}

export async function buildStack(
  settings: Record<string, unknown> = {},
  options: { bundle?: boolean; cfnValidation?: boolean } = {},
): Promise<BuiltStack> {
  const outdir = mkdtempSync(join(tmpdir(), 'stance-cdk-'));
  const context: Record<string, unknown> = { ...cdkJsonContext(), ...settings };
  // An empty list of bundling stacks skips esbuild: for variants whose bundles are not under test.
  if (options.bundle === false) context['aws:cdk:bundling-stacks'] = [];
  // The bundles in outdir import what LEFT_TO_RUNTIME names as Lambda's runtime would provide it.
  else linkRuntimeModules(outdir);
  // aws-cdk-lib's built-in CloudFormation schema check costs seconds per synth: one file runs it.
  const app = new App({ outdir, context, builtinCloudFormationValidation: options.cfnValidation ?? true });
  const remove = () => rmSync(outdir, { recursive: true, force: true });
  let config: StackConfig, tracker: Tracker, stack: StanceTrackerStack, template: Template;
  try {
    config = parseStackConfig((key) => app.node.tryGetContext(key));
    tracker = await loadTrackerFile(resolve(PROJECT_ROOT, config.trackerFile));
    stack = new StanceTrackerStack(app, stackName(config.stage), { config, tracker });
    template = Template.fromStack(stack);
  } catch (err) {
    remove();
    throw err;
  }
  return {
    app,
    stack,
    template,
    config,
    tracker,
    outdir,
    cfnFindings: () => {
      const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8'));
      return report.pluginReports.flatMap((plugin: { violations?: { ruleName: string; violatingConstructs?: { constructPath?: string }[] }[] }) =>
        (plugin.violations ?? []).map((v) => `${v.ruleName} at ${(v.violatingConstructs ?? []).map((c) => c.constructPath).join(', ')}`),
      );
    },
    nag: () => new AwsSolutionsChecks(app).validateScope(stack),
    remove,
  };
}
