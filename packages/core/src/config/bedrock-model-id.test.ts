import { describe, expect, it } from 'vitest';
import { checkBedrockModelIdForm, parseBedrockModelIdForm } from './bedrock-model-id';

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
  ])('%s is a %s', (id, kind) => {
    expect(parseBedrockModelIdForm(id)?.kind).toBe(kind);
    expect(checkBedrockModelIdForm(id)).toBeUndefined();
  });

  it.each([
    ['claude-3-sonnet', 'starts with the vendor'],
    ['bedrock/us.anthropic.claude-opus-4-6-v1', 'remove the LiteLLM "bedrock/" prefix'],
    ['Anthropic.Claude-3-Haiku-20240307-v1:0', 'lower-case'],
    ['anthropic claude', 'remove the spaces'],
    ['arn:aws:bedrock:us-east-1:123:model/x', 'an ARN must look like'],
  ])('%s is rejected with a fix (%s)', (id, fix) => {
    expect(checkBedrockModelIdForm(id)).toContain(fix);
  });
});
