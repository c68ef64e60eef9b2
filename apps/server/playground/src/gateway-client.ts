/**
 * Requests to the gateway that serves this page. A 401 asks the user for a key once (concurrent requests
 * share the question), keeps it in sessionStorage so it lives only as long as this tab, and retries.
 */
const KEY_STORAGE = 'llmrouter.playground.key';

export interface ErrorBody {
  message: string;
  type?: string;
  code?: string;
  param?: string | null;
  hint?: string;
}

export class GatewayError extends Error {
  readonly code: string | undefined;
  readonly hint: string | undefined;
  constructor(
    readonly body: ErrorBody,
    readonly status?: number,
  ) {
    super(body.message);
    this.code = body.code;
    this.hint = body.hint;
  }
}

/** Asks the user for a key; `undefined` when they decline. */
export type KeyPrompt = (reason: GatewayError) => Promise<string | undefined>;

let keyPrompt: KeyPrompt = async () => undefined;
let asking: Promise<string | undefined> | undefined;
const keyListeners = new Set<() => void>();

export function setKeyPrompt(prompt: KeyPrompt): void {
  keyPrompt = prompt;
}

export function onKeyChange(listener: () => void): void {
  keyListeners.add(listener);
}

export function storedKey(): string | undefined {
  return sessionStorage.getItem(KEY_STORAGE) ?? undefined;
}

export function forgetKey(): void {
  sessionStorage.removeItem(KEY_STORAGE);
  for (const listener of keyListeners) listener();
}

function storeKey(key: string): void {
  sessionStorage.setItem(KEY_STORAGE, key);
  for (const listener of keyListeners) listener();
}

export async function gatewayFetch(path: string, init: RequestInit = {}): Promise<Response> {
  for (;;) {
    const sentKey = storedKey();
    const headers = new Headers(init.headers);
    if (sentKey) headers.set('authorization', `Bearer ${sentKey}`);
    const response = await fetch(path, { ...init, headers });
    if (response.status !== 401) return response;
    const error = await errorFromResponse(response);
    // Another request already got a new key while this one was on its way: try that one.
    if (storedKey() !== sentKey) continue;
    // A refused key is dropped, so the page never claims to hold a key that does not work.
    if (sentKey) forgetKey();
    asking ??= keyPrompt(error).finally(() => {
      asking = undefined;
    });
    const key = await asking;
    if (!key) throw error;
    if (storedKey() === undefined) storeKey(key);
  }
}

/** The OpenAI error body plus our hint, or the best the response offers. */
export async function errorFromResponse(response: Response): Promise<GatewayError> {
  const text = await response.text().catch(() => '');
  return errorFromText(text, response.status);
}

export function errorFromText(text: string, status?: number): GatewayError {
  try {
    const parsed = JSON.parse(text) as { error?: Partial<ErrorBody> };
    if (parsed.error?.message) return new GatewayError(parsed.error as ErrorBody, status);
  } catch {
    // Not JSON: a proxy in between, or the gateway is down.
  }
  return new GatewayError(
    { message: text.trim() || `The gateway answered ${status ?? 'nothing'}.`, code: 'http_error' },
    status,
  );
}

/** Any thrown value as a GatewayError, so every view shows message and hint the same way. */
export function asGatewayError(caught: unknown): GatewayError {
  if (caught instanceof GatewayError) return caught;
  if (caught instanceof DOMException && caught.name === 'AbortError') {
    return new GatewayError({ message: 'Stopped.', code: 'aborted' });
  }
  const message = caught instanceof Error ? caught.message : String(caught);
  return new GatewayError({
    message: `Could not reach the gateway: ${message}`,
    code: 'network_error',
    hint: 'Check that the gateway is still running, then try again.',
  });
}
