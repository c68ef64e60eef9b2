import { ERROR_CODES, type ErrorCode } from './error-codes';
import { redactText, redactValue } from './redact';

// A registered symbol, not `instanceof`, so that errors thrown by a second copy of this package
// (two versions in one node_modules tree) are still recognised.
const marker = Symbol.for('llmrouter.error');
const inspectSymbol = Symbol.for('nodejs.util.inspect.custom');

export interface LLMRouterErrorOptions {
  code: ErrorCode;
  message: string;
  /** One line telling the user how to fix it. */
  hint?: string;
  retryable?: boolean;
  retryAfterMs?: number;
  provider?: string;
  modelId?: string;
  cause?: unknown;
  details?: Record<string, unknown>;
}

export interface LLMRouterErrorJSON {
  name: 'LLMRouterError';
  code: ErrorCode;
  message: string;
  hint: string;
  retryable: boolean;
  retryAfterMs?: number;
  provider?: string;
  modelId?: string;
  details?: Record<string, unknown>;
  cause?: { name: string; message: string };
}

export class LLMRouterError extends Error {
  override readonly name = 'LLMRouterError';
  readonly code: ErrorCode;
  readonly hint: string;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  readonly provider: string | undefined;
  readonly modelId: string | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(options: LLMRouterErrorOptions) {
    super(redactText(options.message), options.cause === undefined ? undefined : { cause: options.cause });
    this.code = options.code;
    this.hint = redactText(options.hint ?? ERROR_CODES[options.code].summary);
    this.retryable = options.retryable ?? ERROR_CODES[options.code].retryable;
    this.retryAfterMs = options.retryAfterMs;
    this.provider = options.provider;
    this.modelId = options.modelId;
    this.details =
      options.details === undefined ? undefined : (redactValue(options.details) as Record<string, unknown>);
    Object.defineProperty(this, marker, { value: true });
  }

  /** True for any LLMRouterError, including one from a duplicate copy of this package. */
  static is(value: unknown): value is LLMRouterError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true;
  }

  /** True when `value` is an LLMRouterError with one of the given codes. */
  static hasCode<C extends ErrorCode>(value: unknown, ...codes: C[]): value is LLMRouterError & { code: C } {
    return LLMRouterError.is(value) && (codes as string[]).includes(value.code);
  }

  toJSON(): LLMRouterErrorJSON {
    const json: LLMRouterErrorJSON = {
      name: 'LLMRouterError',
      code: this.code,
      message: this.message,
      hint: this.hint,
      retryable: this.retryable,
    };
    if (this.retryAfterMs !== undefined) json.retryAfterMs = this.retryAfterMs;
    if (this.provider !== undefined) json.provider = this.provider;
    if (this.modelId !== undefined) json.modelId = this.modelId;
    if (this.details !== undefined) json.details = this.details;
    if (this.cause instanceof Error)
      json.cause = { name: this.cause.name, message: redactText(this.cause.message) };
    return json;
  }

  /** What `console.log` and `util.inspect` print: the redacted fields and the stack, never the raw cause. */
  [inspectSymbol](): string {
    const { name: _name, message: _message, ...fields } = this.toJSON();
    const stack = redactText(this.stack ?? `${this.name}: ${this.message}`);
    return `${stack}\n${JSON.stringify(fields, null, 2)}`;
  }
}

/** Wraps anything thrown into an LLMRouterError, keeping one that already is. */
export function toLLMRouterError(
  value: unknown,
  fallback: Omit<LLMRouterErrorOptions, 'message' | 'cause'> & { message?: string },
): LLMRouterError {
  if (LLMRouterError.is(value)) return value;
  const message = fallback.message ?? (value instanceof Error ? value.message : String(value));
  return new LLMRouterError({ ...fallback, message, cause: value });
}
