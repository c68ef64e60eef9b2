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

const SHAPES: RegExp[] = [
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

export function redactText(text: string): string {
  let result = text;
  const secrets = registry();
  if (secrets.size > 0) {
    const values = [...secrets].sort((left, right) => right.length - left.length);
    for (const value of values) {
      if (result.includes(value)) result = result.split(value).join(REDACTED);
    }
  }
  if (result.length < SHORTEST_SHAPE) return result;
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

/** Redacts a JSON-like value: secret-named keys lose their values, strings lose secret shapes. */
export function redactValue(value: unknown, seen: WeakSet<object> = new WeakSet()): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[Circular]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, seen));
  if (value instanceof Error) return { name: value.name, message: redactText(value.message) };
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    result[key] =
      SECRET_KEY.test(key) && item !== null && item !== undefined && item !== ''
        ? REDACTED
        : redactValue(item, seen);
  }
  return result;
}
