import { z } from 'zod';

/**
 * The native config, as the user writes it in YAML or JSON (snake_case keys, like the OpenClaw and
 * LLMRouter formats it replaces). Objects are strict, so a typo'd key is an error that names it.
 */

// Numbers may arrive as strings from `${PORT:-8000}` references.
const numberLike = z.preprocess(
  (value) => (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value) ? Number(value) : value),
  z.number(),
);
const price = numberLike.pipe(z.number().nonnegative());
const positiveInteger = numberLike.pipe(z.number().int().positive());
const name = z.string().min(1);

export const TIERS = ['top', 'mid', 'low'] as const;
export const AUTH_MODES = ['bearer', 'api-key', 'none', 'auto'] as const;

export const modelEntrySchema = z.strictObject({
  provider: name,
  /** The provider's own model id. */
  model: name,
  kind: z.enum(['chat', 'embedding']).optional(),
  description: z.string().optional(),
  size: z.union([z.string(), z.number().transform(String)]).optional(),
  aws_region: z
    .string()
    .regex(/^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/, 'an AWS region such as us-east-1')
    .optional(),
  input_price: price.optional(),
  output_price: price.optional(),
  cache_read_price: price.optional(),
  cache_write_price: price.optional(),
  context_window: positiveInteger.optional(),
  max_tokens: positiveInteger.optional(),
  tags: z.array(z.string()).optional(),
  tier: z.enum(TIERS).optional(),
  /** false keeps a model out of routing (a router model, an embedding model used by a strategy). */
  routable: z.boolean().optional(),
  base_url: z.url().optional(),
  api_key: z.string().optional(),
  api_key_env: z.string().optional(),
  auth_mode: z.enum(AUTH_MODES).optional(),
  chat_path: z.string().optional(),
  /** Further provider settings for this model only (snake_case; e.g. `profile`, `timeout_ms`). */
  settings: z.record(z.string(), z.unknown()).optional(),
});

/** Provider blocks are checked by the provider itself when created; core only needs `type`. */
export const providerEntrySchema = z.looseObject({ type: z.string().optional() });

const embedderSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('hashed-tfidf'), dimensions: positiveInteger.optional() }),
  z.strictObject({ type: z.literal('use-lite') }),
  z.strictObject({ type: z.literal('model'), model: name }),
]);

export const ruleSchema = z.strictObject({
  model: name,
  keywords: z.array(z.string().min(1)).optional(),
  patterns: z.array(z.string().min(1)).optional(),
  min_length: numberLike.pipe(z.number().int().nonnegative()).optional(),
  max_length: numberLike.pipe(z.number().int().nonnegative()).optional(),
  has_tools: z.boolean().optional(),
  has_images: z.boolean().optional(),
  metadata: z.record(z.string(), z.string()).optional(),
  headers: z.record(z.string(), z.string()).optional(),
});

const commonRouterFields = {
  fallback_models: z.array(name).optional(),
  cost_weight: numberLike.pipe(z.number().nonnegative()).optional(),
  preset: z.enum(['quality_first', 'balanced', 'cost_first']).optional(),
  candidates: z.array(name).optional(),
};
const weights = z.record(z.string(), numberLike.pipe(z.number().nonnegative())).optional();

export const routerConfigSchema = z.discriminatedUnion('strategy', [
  z.strictObject({ strategy: z.literal('random'), weights, ...commonRouterFields }),
  z.strictObject({ strategy: z.literal('round_robin'), weights, ...commonRouterFields }),
  z.strictObject({
    strategy: z.literal('rules'),
    rules: z.array(ruleSchema),
    default: name,
    ...commonRouterFields,
  }),
  z.strictObject({
    strategy: z.literal('llm'),
    router_model: name,
    default: name,
    timeout_ms: positiveInteger.optional(),
    cache_ttl_ms: numberLike.pipe(z.number().int().nonnegative()).optional(),
    prompt: z.string().optional(),
    ...commonRouterFields,
  }),
  z.strictObject({
    strategy: z.literal('llmrouter'),
    artifact: name,
    default: name.optional(),
    k: positiveInteger.optional(),
    embedder: embedderSchema.optional(),
    ...commonRouterFields,
  }),
]);

export const serverConfigSchema = z.strictObject({
  host: z.string().default('127.0.0.1'),
  port: numberLike.pipe(z.number().int().min(0).max(65535)).default(8000),
  show_model_prefix: z.boolean().default(false),
  cors: z.strictObject({ origins: z.array(z.string()).default(['*']) }).optional(),
  auth: z
    .strictObject({
      master_key: z.string().optional(),
      /** Further accepted client keys. */
      keys: z.array(z.string()).optional(),
    })
    .optional(),
  limits: z
    .strictObject({
      max_body_bytes: positiveInteger.default(4 * 1024 * 1024),
      max_concurrency_per_model: positiveInteger.default(64),
      request_timeout_ms: positiveInteger.default(600_000),
      shutdown_timeout_ms: positiveInteger.default(10_000),
    })
    .prefault({}),
});

export const configSchema = z.strictObject({
  version: z.literal(1).default(1),
  server: serverConfigSchema.prefault({}),
  providers: z.record(z.string(), providerEntrySchema).default({}),
  models: z.record(z.string(), modelEntrySchema),
  router: routerConfigSchema.default({ strategy: 'random' }),
});

export type LLMRouterConfig = z.output<typeof configSchema>;
export type LLMRouterConfigInput = z.input<typeof configSchema>;
export type ModelEntry = z.output<typeof modelEntrySchema>;
export type ProviderEntry = z.output<typeof providerEntrySchema>;
export type ServerConfig = z.output<typeof serverConfigSchema>;
export type RouterConfig = z.output<typeof routerConfigSchema>;
export type RuleConfig = z.output<typeof ruleSchema>;
export type EmbedderConfig = z.output<typeof embedderSchema>;
export type Tier = (typeof TIERS)[number];

/** The keys each strict object accepts, for "did you mean" suggestions on a typo. */
export const KNOWN_KEYS = {
  root: Object.keys(configSchema.shape),
  server: Object.keys(serverConfigSchema.shape),
  limits: ['max_body_bytes', 'max_concurrency_per_model', 'request_timeout_ms', 'shutdown_timeout_ms'],
  auth: ['master_key', 'keys'],
  cors: ['origins'],
  model: Object.keys(modelEntrySchema.shape),
  rule: Object.keys(ruleSchema.shape),
  router: [...new Set(routerConfigSchema.options.flatMap((option) => Object.keys(option.shape)))],
} as const;
