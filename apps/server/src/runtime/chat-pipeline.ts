import type {
  CancelSignalV1,
  ChatRequestV1,
  ChatResultV1,
  ResolvedModel,
  RouteDecisionV1,
  StreamPartV1,
} from '@llmrouter/core';
import { resolveRoute, runWithFallback } from '@llmrouter/router-strategies';
import type { Runtime } from './create-runtime';

export interface RoutedChat {
  decision: RouteDecisionV1;
  /** The request as the model will see it (a tier tag removed from the prompt). */
  request: ChatRequestV1;
  tier?: string;
}

export interface RouteInput {
  model: string;
  request: ChatRequestV1;
  headers: Record<string, string>;
  metadata: Record<string, string>;
  signal?: CancelSignalV1;
}

/** Picks the model: a configured name as is, anything else through the router (with tiers). */
export function routeChat(runtime: Runtime, input: RouteInput): Promise<RoutedChat> {
  const named = runtime.models.get(input.model);
  // A configured chat model kept out of routing (`routable: false`) can still be asked for by name.
  if (named?.kind === 'chat' && !named.routable) {
    return Promise.resolve({
      decision: { model: named.name, strategy: 'direct', reason: 'requested by name' },
      request: input.request,
    });
  }
  const costHeader = input.headers['x-llmrouter-cost-weight'];
  const costWeight = costHeader === undefined ? undefined : Number(costHeader);
  return resolveRoute({
    requestedModel: input.model,
    request: input.request,
    router: runtime.router,
    candidates: runtime.routable.map((model) => model.candidate),
    headers: input.headers,
    metadata: input.metadata,
    ...(costWeight !== undefined && Number.isFinite(costWeight) ? { costWeight } : {}),
    ...(input.signal === undefined ? {} : { signal: input.signal }),
  });
}

/** The configured model's defaults (max_tokens) under what the client asked. */
function requestFor(model: ResolvedModel, request: ChatRequestV1): ChatRequestV1 {
  return model.maxTokens !== undefined && request.maxTokens === undefined
    ? { ...request, maxTokens: model.maxTokens }
    : request;
}

function fallbacksFor(runtime: Runtime, decision: RouteDecisionV1): readonly string[] {
  const configured = runtime.routerConfig.fallback_models;
  return configured?.length ? configured.filter((name) => name !== decision.model) : [];
}

/**
 * Tries the routed model, then `router.fallback_models`, holding a concurrency slot per attempt.
 * `call` runs with the model and the request as that model should see it. A plain function returning
 * a promise rather than an `async` one: each async layer adds promise turns to every answer's way back
 * (see docs/decisions/0006).
 */
function withFallback<T>(
  runtime: Runtime,
  routed: RoutedChat,
  call: (model: ResolvedModel, request: ChatRequestV1, release: () => void) => Promise<T>,
): Promise<T> {
  return runWithFallback({
    decision: routed.decision,
    fallbackModels: fallbacksFor(runtime, routed.decision),
    // Both callers commit to a model before anything reaches the client.
    contentSent: () => false,
    // runWithFallback awaits this inside its try, so a synchronous throw counts as the attempt failing.
    attempt: (name: string) => {
      const model = runtime.models.get(name);
      if (!model) throw new Error(`unknown model ${name}`);
      return call(model, requestFor(model, routed.request), runtime.limiter.acquire(name));
    },
  }).then((outcome) => outcome.value);
}

export interface GeneratedChat {
  model: ResolvedModel;
  result: ChatResultV1;
}

export function generateChat(
  runtime: Runtime,
  routed: RoutedChat,
  signal: CancelSignalV1,
): Promise<GeneratedChat> {
  return withFallback(runtime, routed, async (model, request, release) => {
    // The slot goes back however the call ends, a synchronous throw from chatModel() included.
    try {
      return { model, result: await runtime.chatModel(model.name).generate(request, { signal }) };
    } finally {
      release();
    }
  });
}

export interface StartedStream {
  model: ResolvedModel;
  /** Parts read while deciding that this model answers (up to its first content). */
  buffered: StreamPartV1[];
  rest: AsyncIterator<StreamPartV1>;
  release: () => void;
}

const CONTENT_PARTS = new Set(['text-delta', 'tool-call-delta', 'reasoning-delta', 'finish']);

/**
 * Opens the stream of the routed model, falling back on retryable errors until a model has produced
 * content. Nothing reaches the client before that, so a fallback is never seen as a second answer.
 */
export async function startChatStream(
  runtime: Runtime,
  routed: RoutedChat,
  signal: CancelSignalV1,
): Promise<StartedStream> {
  return withFallback(runtime, routed, async (model, request, release) => {
    const iterator = runtime.chatModel(model.name).stream(request, { signal })[Symbol.asyncIterator]();
    const buffered: StreamPartV1[] = [];
    try {
      while (true) {
        const next = await iterator.next();
        if (next.done) break;
        buffered.push(next.value);
        if (CONTENT_PARTS.has(next.value.type)) break;
      }
    } catch (error) {
      release();
      await iterator.return?.().catch(() => undefined);
      throw error;
    }
    return { model, buffered, rest: iterator, release };
  });
}

/** The pattern of the prefixes for one list of names; the gateway's list never changes, so it is built once. */
const prefixPatterns = new WeakMap<readonly string[], RegExp>();

function prefixPattern(names: readonly string[]): RegExp {
  let pattern = prefixPatterns.get(names);
  if (!pattern) {
    pattern = new RegExp(
      `^\\[(${names.map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})\\] `,
    );
    prefixPatterns.set(names, pattern);
  }
  return pattern;
}

/** `[name] ` prefixes the gateway added to earlier answers, removed before the history goes upstream. */
export function stripModelPrefixes(request: ChatRequestV1, names: readonly string[]): ChatRequestV1 {
  const prefix = prefixPattern(names);
  let changed = false;
  const messages = request.messages.map((message) => {
    if (message.role !== 'assistant') return message;
    const [first, ...rest] = message.content;
    if (!first || !prefix.test(first.text)) return message;
    changed = true;
    return { ...message, content: [{ ...first, text: first.text.replace(prefix, '') }, ...rest] };
  });
  return changed ? { ...request, messages } : request;
}
