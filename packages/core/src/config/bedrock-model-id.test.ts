import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkBedrockModelIdForm, parseBedrockModelId } from './bedrock-model-id';

const kindOf = (id: string) => {
  const parsed = parseBedrockModelId(id);
  return 'problem' in parsed ? parsed.problem : parsed.kind;
};

describe('Bedrock model id forms', () => {
  it.each([
    ['anthropic.claude-3-sonnet-20240229-v1:0', 'foundation-model'],
    ['anthropic.claude-3-sonnet-20240229-v1:0:200k', 'foundation-model'],
    ['amazon.titan-text-express-v1', 'foundation-model'],
    ['us.anthropic.claude-opus-4-6-v1', 'inference-profile'],
    ['us-gov.anthropic.claude-3-5-sonnet-20240620-v1:0', 'inference-profile'],
    ['global.anthropic.claude-sonnet-4-5-20250929-v1:0', 'inference-profile'],
    ['apac.amazon.nova-pro-v1:0', 'inference-profile'],
    ['arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-v2', 'arn'],
    [
      'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-haiku-20240307-v1:0',
      'arn',
    ],
    ['arn:aws:bedrock:us-west-2:123456789012:application-inference-profile/a1b2c3', 'arn'],
    ['arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abcdef', 'arn'],
    ['arn:aws:bedrock:us-east-1:123456789012:custom-model/amazon.titan-text-express-v1:0:8k/abc', 'arn'],
    ['arn:aws:bedrock:us-east-1:123456789012:imported-model/xyz', 'arn'],
    ['arn:aws-us-gov:bedrock:us-gov-west-1:123456789012:provisioned-model/abc', 'arn'],
    ['arn:aws:bedrock:us-east-1:123456789012:prompt/PROMPT12345:1', 'arn'],
    // A Bedrock Marketplace model is called through its SageMaker endpoint.
    ['arn:aws:sagemaker:us-east-1:123456789012:endpoint/my-marketplace-endpoint', 'arn'],
  ])('%s is a %s', (id, kind) => {
    expect(kindOf(id)).toBe(kind);
    expect(checkBedrockModelIdForm(id)).toBeUndefined();
  });

  it('reads a Marketplace endpoint ARN as a SageMaker endpoint', () => {
    expect(
      parseBedrockModelId('arn:aws:sagemaker:eu-west-1:123456789012:endpoint/llama-guard'),
    ).toMatchObject({
      kind: 'arn',
      service: 'sagemaker',
      region: 'eu-west-1',
      account: '123456789012',
      resourceType: 'endpoint',
      resource: 'llama-guard',
    });
  });

  it.each([
    ['claude-3-sonnet', 'starts with the vendor'],
    ['bedrock/us.anthropic.claude-opus-4-6-v1', 'remove the LiteLLM "bedrock/" prefix'],
    ['Anthropic.Claude-3-Haiku-20240307-v1:0', 'lower-case'],
    ['anthropic claude', 'remove the spaces'],
    ['arn:aws:bedrock:us-east-1:123:model/x', 'an ARN must look like'],
    ['arn:aws:bedrock:us-east-1:123456789012:widget/x', 'unknown Bedrock ARN resource type'],
    ['arn:aws:sagemaker:us-east-1:123456789012:model/x', 'Bedrock Marketplace endpoint'],
    ['arn:aws:sagemaker:us-east-1::endpoint/x', 'Bedrock Marketplace endpoint'],
    ['arn:aws:s3:us-east-1:123456789012:bucket/x', '"s3" ARNs are not model ids'],
    ['us.eu.anthropic.claude-3-haiku-20240307-v1:0', 'two inference-profile prefixes'],
  ])('%s is rejected with a fix (%s)', (id, fix) => {
    expect(checkBedrockModelIdForm(id)).toContain(fix);
  });

  it('property: the config check and the parser agree on every id', () => {
    const piece = fc.constantFrom(
      'arn:aws:bedrock:us-east-1:',
      'arn:aws:sagemaker:us-east-1:',
      '123456789012:',
      ':',
      'endpoint/',
      'foundation-model/',
      'inference-profile/',
      'us.',
      'global.',
      'anthropic.',
      'claude-3-haiku-20240307-v1:0',
      'nova-pro-v1',
      'x',
      'X',
      ' ',
      '/',
      '.',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 6 }), (pieces) => {
        const id = pieces.join('');
        expect(checkBedrockModelIdForm(id) === undefined).toBe(!('problem' in parseBedrockModelId(id)));
      }),
      { numRuns: 300 },
    );
  });
});
