import { checkBedrockModelIdForm } from '@llmrouter/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inferenceProfileIdFor, profileGeosForRegion } from './bedrock-inference-profile';
import { bedrockModelCatalog } from './bedrock-model-catalog';
import { INFERENCE_PROFILE_GEOS, parseBedrockModelId } from './bedrock-model-id';
import { closestBedrockModelIds, editDistance, findBedrockModel } from './find-bedrock-model';

describe('parseBedrockModelId', () => {
  it.each([
    ['anthropic.claude-3-sonnet-20240229-v1:0', 'foundation-model'],
    ['anthropic.claude-3-sonnet-20240229-v1:0:200k', 'foundation-model'],
    ['amazon.titan-text-express-v1', 'foundation-model'],
    ['anthropic.claude-opus-4-6-v1', 'foundation-model'],
    ['us.anthropic.claude-opus-4-6-v1', 'inference-profile'],
    ['global.anthropic.claude-sonnet-4-5-20250929-v1:0', 'inference-profile'],
    ['us-gov.anthropic.claude-3-haiku-20240307-v1:0', 'inference-profile'],
    ['apac.amazon.nova-pro-v1:0', 'inference-profile'],
    ['jp.anthropic.claude-sonnet-4-5-20250929-v1:0', 'inference-profile'],
    ['au.anthropic.claude-haiku-4-5-20251001-v1:0', 'inference-profile'],
    ['arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0', 'arn'],
    [
      'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-haiku-20240307-v1:0',
      'arn',
    ],
    ['arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6', 'arn'],
    ['arn:aws:bedrock:us-west-2:123456789012:provisioned-model/abcdefghij12', 'arn'],
    ['arn:aws:bedrock:us-west-2:123456789012:custom-model/amazon.titan-text-express-v1:0:8k/abcd1234', 'arn'],
    ['arn:aws:bedrock:us-west-2:123456789012:imported-model/abcd1234efgh', 'arn'],
    ['arn:aws:bedrock:us-west-2:123456789012:default-prompt-router/anthropic.claude:1', 'arn'],
    ['arn:aws-us-gov:bedrock:us-gov-west-1:123456789012:prompt-router/abcd', 'arn'],
  ])('parses %s as %s', (id, kind) => {
    const parsed = parseBedrockModelId(id);
    expect('problem' in parsed ? parsed.problem : parsed.kind).toBe(kind);
    expect(checkBedrockModelIdForm(id)).toBeUndefined();
  });

  it('finds the foundation model inside profiles and ARNs', () => {
    const base = 'anthropic.claude-3-haiku-20240307-v1:0';
    for (const id of [
      base,
      `eu.${base}`,
      `arn:aws:bedrock:us-east-1::foundation-model/${base}`,
      `arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.${base}`,
    ]) {
      expect(findBedrockModel(id)?.id).toBe(base);
    }
  });

  it.each([
    ['', 'empty'],
    ['claude-3-haiku', 'vendor'],
    ['anthropic.claude 3', 'spaces'],
    ['Anthropic.Claude-3-Haiku', 'lower case'],
    ['us.eu.anthropic.claude-3-haiku-20240307-v1:0', 'two inference-profile prefixes'],
    ['arn:aws:bedrock:us-east-1:123456789012:widget/x', 'unknown Bedrock ARN resource type'],
    [
      'arn:aws:bedrock:us-east-1:123456789012:foundation-model/anthropic.claude-3-haiku-20240307-v1:0',
      'empty account',
    ],
  ])('rejects %j (%s)', (id, problem) => {
    const parsed = parseBedrockModelId(id);
    expect('problem' in parsed && parsed.problem).toContain(problem);
  });

  it('property: every catalog id, with any geo prefix it offers, parses back to itself', () => {
    const entries = fc.constantFrom(...bedrockModelCatalog);
    fc.assert(
      fc.property(entries, fc.constantFrom(undefined, ...INFERENCE_PROFILE_GEOS), (entry, geo) => {
        const id = geo === undefined ? entry.id : `${geo}.${entry.id}`;
        const parsed = parseBedrockModelId(id);
        expect('problem' in parsed).toBe(false);
        if (!('problem' in parsed)) expect(parsed.baseModelId).toBe(entry.id);
        expect(checkBedrockModelIdForm(id)).toBeUndefined();
      }),
      { numRuns: 200 },
    );
  });

  it('property: ids with whitespace or upper case are always rejected', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...bedrockModelCatalog.map((entry) => entry.id)),
        fc.integer({ min: 0, max: 40 }),
        (id, at) => {
          const position = at % (id.length + 1);
          const spaced = `${id.slice(0, position)} ${id.slice(position)}`;
          expect('problem' in parseBedrockModelId(spaced)).toBe(true);
          expect('problem' in parseBedrockModelId(id.toUpperCase())).toBe(true);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('bedrockModelCatalog', () => {
  it('lists at least 30 models with prices, regions and capabilities, ids unique', () => {
    expect(bedrockModelCatalog.length).toBeGreaterThanOrEqual(30);
    expect(new Set(bedrockModelCatalog.map((entry) => entry.id)).size).toBe(bedrockModelCatalog.length);
    for (const entry of bedrockModelCatalog) {
      expect(entry.inputPrice).toBeGreaterThan(0);
      expect(entry.regions.length).toBeGreaterThan(0);
      if (entry.requiresInferenceProfile) expect(entry.inferenceProfiles.length).toBeGreaterThan(0);
      expect(entry.capabilities.embeddings || entry.capabilities.converse).toBe(true);
    }
  });

  it('suggests the closest ids for a typo, keeping the profile prefix', () => {
    expect(closestBedrockModelIds('anthropic.claude-3-haiku-20240307-v1')[0]).toBe(
      'anthropic.claude-3-haiku-20240307-v1:0',
    );
    expect(closestBedrockModelIds('us.anthropic.claude-sonet-4-5-20250929-v1:0')[0]).toBe(
      'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
    );
  });

  it('property: edit distance is a metric on ids', () => {
    const id = fc.string({ maxLength: 20 });
    fc.assert(
      fc.property(id, id, id, (a, b, c) => {
        expect(editDistance(a, a)).toBe(0);
        expect(editDistance(a, b)).toBe(editDistance(b, a));
        expect(editDistance(a, c)).toBeLessThanOrEqual(editDistance(a, b) + editDistance(b, c));
      }),
      { numRuns: 100 },
    );
  });
});

describe('inference profiles', () => {
  it.each([
    [
      'us-east-1',
      'anthropic.claude-sonnet-4-5-20250929-v1:0',
      'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
    ],
    [
      'eu-west-1',
      'anthropic.claude-sonnet-4-5-20250929-v1:0',
      'eu.anthropic.claude-sonnet-4-5-20250929-v1:0',
    ],
    [
      'ap-northeast-1',
      'anthropic.claude-sonnet-4-5-20250929-v1:0',
      'jp.anthropic.claude-sonnet-4-5-20250929-v1:0',
    ],
    [
      'ap-southeast-2',
      'anthropic.claude-haiku-4-5-20251001-v1:0',
      'au.anthropic.claude-haiku-4-5-20251001-v1:0',
    ],
    [
      'ap-south-1',
      'anthropic.claude-3-7-sonnet-20250219-v1:0',
      'apac.anthropic.claude-3-7-sonnet-20250219-v1:0',
    ],
    [
      'ap-northeast-1',
      'anthropic.claude-3-7-sonnet-20250219-v1:0',
      'apac.anthropic.claude-3-7-sonnet-20250219-v1:0',
    ],
    ['us-gov-west-1', 'anthropic.claude-3-haiku-20240307-v1:0', undefined],
    ['eu-central-1', 'anthropic.claude-opus-4-6-v1', 'eu.anthropic.claude-opus-4-6-v1'],
    ['us-east-1', 'us.anthropic.claude-opus-4-6-v1', undefined],
  ])('from %s, %s goes through %s', (region, modelId, expected) => {
    expect(inferenceProfileIdFor(modelId, region)).toBe(expected);
  });

  it('property: a profile id is the foundation id with a prefix that serves the region', () => {
    const regions = fc.constantFrom(
      'us-east-1',
      'us-west-2',
      'eu-west-3',
      'ap-northeast-1',
      'ap-southeast-2',
      'ap-south-1',
      'ca-central-1',
      'us-gov-east-1',
      'sa-east-1',
    );
    fc.assert(
      fc.property(fc.constantFrom(...bedrockModelCatalog), regions, (entry, region) => {
        const profile = inferenceProfileIdFor(entry.id, region);
        if (profile === undefined) return;
        const geo = profile.slice(0, profile.length - entry.id.length - 1);
        expect(profile.endsWith(`.${entry.id}`)).toBe(true);
        expect(entry.inferenceProfiles).toContain(geo);
        expect(profileGeosForRegion(region)).toContain(geo);
      }),
      { numRuns: 200 },
    );
  });
});
