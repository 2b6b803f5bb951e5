// Access to the Bedrock model a deployment tags with: bedrock:InvokeModel (the action the
// Converse API is authorised by) on that model only. A cross-region inference profile needs
// the profile in this region and the foundation model in every region the profile routes
// to, the latter only when called through that profile.
import { Stack } from 'aws-cdk-lib';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { INFERENCE_PROFILE_PREFIX as PROFILE_PREFIX, type BedrockTaggerSpec } from '../src/core/tracker.js';

export interface ModelArns {
  /** The inference profile, when the model id names one. */
  profile?: string;
  /** The foundation model: in this region, or in any region (through the profile only). */
  foundationModel: string;
}

export function modelArns(stack: Stack, modelId: string): ModelArns {
  const profile = PROFILE_PREFIX.test(modelId);
  if (!profile) return { foundationModel: `arn:${stack.partition}:bedrock:${stack.region}::foundation-model/${modelId}` };
  return {
    profile: `arn:${stack.partition}:bedrock:${stack.region}:${stack.account}:inference-profile/${modelId}`,
    foundationModel: `arn:${stack.partition}:bedrock:*::foundation-model/${modelId.replace(PROFILE_PREFIX, '')}`,
  };
}

/** Lets `grantee` call the spec's model, and nothing else on Bedrock. */
export function grantModelInvoke(grantee: IGrantable, stack: Stack, spec: BedrockTaggerSpec): ModelArns {
  const arns = modelArns(stack, spec.modelId);
  if (arns.profile) {
    grantee.grantPrincipal.addToPrincipalPolicy(new PolicyStatement({ actions: ['bedrock:InvokeModel'], resources: [arns.profile] }));
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['bedrock:InvokeModel'],
        resources: [arns.foundationModel],
        conditions: { StringEquals: { 'bedrock:InferenceProfileArn': arns.profile } },
      }),
    );
  } else {
    grantee.grantPrincipal.addToPrincipalPolicy(new PolicyStatement({ actions: ['bedrock:InvokeModel'], resources: [arns.foundationModel] }));
  }
  return arns;
}
