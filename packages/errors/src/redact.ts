/**
 * Secret redaction. Errors travel to logs, HTTP responses and terminals, so anything that looks like a
 * credential is replaced before an error is built, printed or serialised. Two defences: shapes
 * (AWS keys, bearer tokens, vendor API keys) and exact values registered at runtime (every secret the
 * config loader resolved), so even a secret of no known shape never leaks.
 */
export const REDACTED = '[REDACTED]';

// Shared through globalThis so that duplicate copies of this package redact the same registered values.
const registryKey = Symbol.for('llmrouter.errors.secretValues');
type SecretRegistry = Set<string>;
function registry(): SecretRegistry {
  const holder = globalThis as unknown as Record<symbol, SecretRegistry | undefined>;
  let values = holder[registryKey];
  if (!values) {
    values = new Set();
    holder[registryKey] = values;
  }
  return values;
}

/** Registers a secret value (an API key read from the environment, say) so it is redacted wherever it appears. */
export function registerSecret(value: string | undefined | null): void {
  // Very short values would redact ordinary words; they are not credentials anyway.
  if (typeof value === 'string' && value.length >= 8) registry().add(value);
}

/** Key names whose values are secrets, whatever they look like. */
// Token counts (`inputTokens`, `max_tokens`) are not secrets, so only whole-word `token` matches.
const SECRET_KEY =
  /(secret|password|passwd|api[-_]?key|apikey|authorization|credential|private[-_]?key|session[-_]?token|access[-_]?token|auth[-_]?token|bearer|master[-_]?key|signature|^token$)/i;

export const SHAPES: readonly RegExp[] = [
  // `Authorization: Bearer …`, `Bearer …` anywhere.
  /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/g,
  // key=value and "key": "value" forms for secret-looking keys.
  // (An `Authorization: Bearer …` value is the scheme word, left to the Bearer shape above.)
  /\b((?:aws_)?(?:secret_access_key|session_token|secretAccessKey|sessionToken|api[_-]?key|apiKey|password|token|x-api-key|master_key|authorization))(\s*["']?\s*[:=]\s*["']?)(?!(?:Bearer|Basic)\b)([^\s"',;&}]{4,})/gi,
  // AWS access key ids (long-term and temporary).
  /(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Z0-9])/g,
  // Bedrock API keys.
  /ABSK[A-Za-z0-9+/=]{20,}/g,
  // Vendor API keys: OpenAI, Anthropic, NVIDIA, Groq, OpenRouter, Together, Hugging Face, GitHub, Slack.
  /(?<![A-Za-z0-9])(?:sk-(?:ant-|proj-|or-)?|nvapi-|gsk_|hf_|ghp_|gho_|xox[abpr]-)[A-Za-z0-9_-]{12,}/g,
  // JWTs.
  /(?<![A-Za-z0-9])eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g,
  // AWS secret access keys: exactly 40 base64 characters with mixed classes.
  /(?<![A-Za-z0-9+/])(?=[A-Za-z0-9+/]{40}(?![A-Za-z0-9+/=]))(?=[A-Za-z0-9+/]*[A-Z])(?=[A-Za-z0-9+/]*[a-z])(?=[A-Za-z0-9+/]*[0-9])[A-Za-z0-9+/]{40}/g,
  // Session tokens and other long opaque blobs (100+ base64 characters).
  /[A-Za-z0-9+/]{100,}={0,2}/g,
];

// The shortest match of any shape (`token=abcd`) has this many characters; shorter text (most log fields) skips the regexes.
const SHORTEST_SHAPE = 10;

// Registered values, longest first (so a secret containing another is replaced whole). The registry only
// grows, so its size tells whether this copy is current; redaction runs on every log line.
let longestFirst: { size: number; values: string[] } = { size: 0, values: [] };
function registeredLongestFirst(): string[] {
  const secrets = registry();
  if (longestFirst.size !== secrets.size) {
    longestFirst = {
      size: secrets.size,
      values: [...secrets].sort((left, right) => right.length - left.length),
    };
  }
  return longestFirst.values;
}

/**
 * True when `text` may hold one of SHAPES: each shape needs one of these words or prefixes, or a run of 40
 * base64 characters. Two plain scans instead of eight replacing ones; most text (request ids, model names,
 * timestamps) holds none. Must stay a superset of SHAPES (checked by a property test).
 */
const SHAPE_PREFIX = /Bearer|Basic|AKIA|ASIA|ABIA|ACCA|ABSK|eyJ|sk-|nvapi-|gsk_|hf_|ghp_|gho_|xox/;
const SECRET_WORD = /key|token|password|authorization/i;
// Tried only on text long enough to hold it: the run is the slow part of the scan.
const BASE64_RUN = /[A-Za-z0-9+/]{40}/;
export function mayHoldShape(text: string): boolean {
  return SHAPE_PREFIX.test(text) || SECRET_WORD.test(text) || (text.length >= 40 && BASE64_RUN.test(text));
}

export function redactText(text: string): string {
  let result = text;
  for (const value of registeredLongestFirst()) {
    if (result.includes(value)) result = result.split(value).join(REDACTED);
  }
  if (result.length < SHORTEST_SHAPE || !mayHoldShape(result)) return result;
  for (const shape of SHAPES) {
    result = result.replace(shape, (match, ...groups: unknown[]) => {
      // The key=value shape keeps its key so the reader knows what was removed.
      if (typeof groups[0] === 'string' && typeof groups[1] === 'string' && typeof groups[2] === 'string') {
        return `${groups[0]}${groups[1]}${REDACTED}`;
      }
      if (match.startsWith('Bearer') || match.startsWith('Basic'))
        return `${match.split(/\s+/)[0]} ${REDACTED}`;
      return REDACTED;
    });
  }
  return result;
}

// Log lines repeat the same few key names, so each name is tested once (bounded, for odd inputs).
const secretKeyNames = new Map<string, boolean>();
function isSecretKey(key: string): boolean {
  let secret = secretKeyNames.get(key);
  if (secret === undefined) {
    secret = SECRET_KEY.test(key);
    if (secretKeyNames.size < 1024) secretKeyNames.set(key, secret);
  }
  return secret;
}

/** Redacts a JSON-like value: secret-named keys lose their values, strings lose secret shapes. */
export function redactValue(value: unknown, seen: WeakSet<object> = new WeakSet()): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[Circular]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, seen));
  if (value instanceof Error) return { name: value.name, message: redactText(value.message) };
  // A copy first, then only the fields that change: cheaper than building an object key by key, and
  // every request's log line passes through here.
  const result: Record<string, unknown> = { ...value };
  for (const key in result) {
    const item = result[key];
    if (isSecretKey(key) && item !== null && item !== undefined && item !== '') result[key] = REDACTED;
    else if (typeof item === 'string') result[key] = redactText(item);
    else if (item !== null && typeof item === 'object') result[key] = redactValue(item, seen);
  }
  return result;
}
