// One Lambda function per handler in functions/: bundled by the local esbuild
// (no Docker), with its own log group and its own role, so every grant it gets
// is visible in the stack that calls grant*() on it.
import { join } from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { PROJECT_ROOT } from './paths.js';

export type HandlerName = 'ingest' | 'tag' | 'query' | 'reingest' | 'cells';

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

export class HandlerFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly logGroup: LogGroup;
  readonly role: Role;

  constructor(scope: Construct, id: string, props: HandlerFunctionProps) {
    super(scope, id);
    this.logGroup = new LogGroup(this, 'Logs', { retention: props.logRetention, removalPolicy: props.logRemovalPolicy });
    // Our own role instead of the default one with the AWSLambdaBasicExecutionRole
    // managed policy: it may write to its own log group and nothing else until granted.
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `stance tracker ${props.name} function`,
    });
    this.logGroup.grantWrite(this.role);

    this.fn = new NodejsFunction(this, 'Function', {
      entry: props.entry ?? join(PROJECT_ROOT, 'functions', `${props.name}.ts`),
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
        target: 'node22',
        mainFields: ['module', 'main'],
        banner: ESM_REQUIRE_BANNER,
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        // Bundle the AWS SDK rather than use the runtime's copy: the functions then
        // run the exact SDK version the tests ran against DynamoDB Local.
        externalModules: [],
        bundleAwsSDK: true,
        forceDockerBundling: false,
        logLevel: LogLevel.ERROR,
        ...(props.afterBundling
          ? { commandHooks: { beforeBundling: () => [], beforeInstall: () => [], afterBundling: (_inputDir: string, outputDir: string) => props.afterBundling!(outputDir) } }
          : {}),
      },
    });
  }
}
