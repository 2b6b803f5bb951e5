// One Lambda function per handler in functions/: bundled by the local esbuild
// (no Docker), with its own log group and its own role, so every grant it gets
// is visible in the stack that calls grant*() on it.
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { BuildOptions } from 'esbuild';
import { PROJECT_ROOT } from './paths.js';

export type HandlerName = 'ingest' | 'tag' | 'query' | 'reingest' | 'cells' | 'article';

export interface HandlerFunctionProps {
  name: HandlerName;
  /** The handler module; functions/<name>.ts unless given (tests bundle a probe). */
  entry?: string;
  description: string;
  timeout: Duration;
  memorySize: number;
  environment: Record<string, string>;
  logRetention: RetentionDays;
  /** Whether the log group goes with the stack. */
  logRemovalPolicy: RemovalPolicy;
  /** Shell commands that add files to the bundle (the query function's dashboard). */
  afterBundling?: (outputDir: string) => string[];
}

/**
 * ESM output lets the bundle keep the packages' ESM builds; the banner gives
 * CommonJS dependencies that call `require` (for node: built-ins) a real one.
 */
const ESM_REQUIRE_BANNER = "import { createRequire as __stanceCreateRequire } from 'node:module'; const require = __stanceCreateRequire(import.meta.url);";

/**
 * Packages left out of the bundles for the Lambda runtime to provide: the AWS SDK v3, which the
 * Node.js 18+ runtimes ship (aws-cdk-lib's own default for them). Each bundle is about 350 KB
 * smaller and every function fits in its BUNDLE_LIMIT_KB; the price is that a function runs the runtime's SDK
 * version, not the one the tests ran (docs/deploy.md, "Function bundles", says what is pinned
 * instead). Off Lambda, the tests and the benchmark link these from node_modules
 * (linkRuntimeModules); `test/infra.bundle-size.test.ts` lists the runtime packages the
 * bundles import. `[]` would bundle the SDK again.
 */
export const LEFT_TO_RUNTIME: string[] = ['@aws-sdk/*', '@smithy/*'];

/**
 * The largest minified bundle each function may deploy, in KB, so that cold starts stay small
 * (test/infra.bundle-size.test.ts holds every asset to it). The tag function carries the rules
 * and their lexicons, which grow with each tagger version: the common 300 KB left it 2 KB at v10,
 * and v11 took it to 313 KB with no measurable cost at import (docs/deploy.md, "Function bundles").
 */
export const BUNDLE_LIMIT_KB: Record<HandlerName, number> = { ingest: 300, tag: 350, query: 300, reingest: 300, cells: 300, article: 300 };

/** Every handler's bundling, in esbuild's terms: NodejsFunction gets it below, the benchmark gives it to esbuild. */
export const HANDLER_BUNDLING = {
  format: 'esm',
  target: 'node22',
  platform: 'node',
  mainFields: ['module', 'main'],
  banner: ESM_REQUIRE_BANNER,
  minify: true,
  sourcemap: true,
  sourcesContent: false,
  external: LEFT_TO_RUNTIME,
} as const;

/** esbuild's options for one handler, as NodejsFunction runs esbuild for it. */
export function handlerBuildOptions(entry: string, outfile: string): BuildOptions {
  const { banner, mainFields, external, ...rest } = HANDLER_BUNDLING;
  return { ...rest, entryPoints: [entry], outfile, bundle: true, banner: { js: banner }, mainFields: [...mainFields], external: [...external], logLevel: 'error' };
}

/**
 * Off Lambda (tests, the benchmark), what LEFT_TO_RUNTIME names comes from this project's
 * node_modules: `<dir>/node_modules/<scope>` links there, so a bundle in a folder under
 * `dir` imports it as it would the runtime's on Lambda.
 */
export function linkRuntimeModules(dir: string, modules: readonly string[] = LEFT_TO_RUNTIME): void {
  mkdirSync(join(dir, 'node_modules'), { recursive: true });
  for (const scope of new Set(modules.map((m) => m.split('/')[0]!))) {
    symlinkSync(join(PROJECT_ROOT, 'node_modules', scope), join(dir, 'node_modules', scope), 'dir');
  }
}

export class HandlerFunction extends Construct {
  readonly fn: NodejsFunction;
  /** The handler module bundled. */
  readonly entry: string;
  /** Which handler it runs (functions/<name>.ts unless `entry` says otherwise). */
  readonly name: HandlerName;
  readonly logGroup: LogGroup;
  readonly role: Role;

  constructor(scope: Construct, id: string, props: HandlerFunctionProps) {
    super(scope, id);
    this.name = props.name;
    this.entry = props.entry ?? join(PROJECT_ROOT, 'functions', `${props.name}.ts`);
    this.logGroup = new LogGroup(this, 'Logs', { retention: props.logRetention, removalPolicy: props.logRemovalPolicy });
    // Our own role instead of the default one with the AWSLambdaBasicExecutionRole
    // managed policy: it may write to its own log group and nothing else until granted.
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `stance tracker ${props.name} function`,
    });
    this.logGroup.grantWrite(this.role);

    this.fn = new NodejsFunction(this, 'Function', {
      entry: this.entry,
      handler: 'handler',
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: join(PROJECT_ROOT, 'package-lock.json'),
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize,
      timeout: props.timeout,
      role: this.role,
      logGroup: this.logGroup,
      environment: { ...props.environment, NODE_OPTIONS: '--enable-source-maps' },
      bundling: {
        format: OutputFormat.ESM,
        target: HANDLER_BUNDLING.target,
        mainFields: [...HANDLER_BUNDLING.mainFields],
        banner: HANDLER_BUNDLING.banner,
        minify: HANDLER_BUNDLING.minify,
        sourceMap: HANDLER_BUNDLING.sourcemap,
        sourcesContent: HANDLER_BUNDLING.sourcesContent,
        externalModules: [...HANDLER_BUNDLING.external],
        bundleAwsSDK: HANDLER_BUNDLING.external.length === 0,
        forceDockerBundling: false,
        logLevel: LogLevel.ERROR,
        ...(props.afterBundling
          ? { commandHooks: { beforeBundling: () => [], beforeInstall: () => [], afterBundling: (_inputDir: string, outputDir: string) => props.afterBundling!(outputDir) } }
          : {}),
      },
    });
  }
}
