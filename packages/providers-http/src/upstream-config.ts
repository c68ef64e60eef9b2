import type { CallOptionsV1 } from '@llmrouter/core';
import type { LLMRouterError } from '@llmrouter/errors';
import { type ApiKeyPool, authHeaders } from './api-key-pool';
import { CallScope } from './call-scope';
import type { HttpClient } from './http-client';
import type { AuthMode, ResolvedTransportSettings } from './http-settings';
import { type HttpErrorInput, mapHttpError, type UpstreamErrorContext } from './map-http-error';

/** Everything a model of one provider instance needs to call its upstream; shared by its models. */
export interface UpstreamConfig {
  /** The canonical provider id, used as `provider` and as the `providerOptions`/`providerMetadata` key. */
  kind: string;
  displayName: string;
  baseUrl: string;
  client: HttpClient;
  keys: ApiKeyPool;
  authMode: AuthMode;
  requiresKey: boolean;
  /** The variable to name in hints about keys. */
  keyVariable: string | undefined;
  headers: Record<string, string>;
  transport: ResolvedTransportSettings;
  /** GET this URL to list models for a 404 hint. */
  modelsUrl: string;
  /** Reads the model ids out of the models listing. */
  readModelIds: (body: unknown) => string[];
}

export function errorContext(config: UpstreamConfig, modelId: string, url: string): UpstreamErrorContext {
  return {
    provider: config.kind,
    displayName: config.displayName,
    modelId,
    url,
    baseUrl: config.baseUrl,
    keyVariable: config.keyVariable,
  };
}

/**
 * The headers of one attempt: the configured ones, the caller's, and the next key of the pool in the
 * configured auth mode. `auto` sends a bearer key when there is one and nothing otherwise.
 */
export function attemptHeaders(
  config: UpstreamConfig,
  modelId: string,
  options: CallOptionsV1 | undefined,
  defaultMode: 'bearer' | 'api-key' = 'bearer',
): () => { headers: Record<string, string>; keySource: string | undefined } {
  return () => {
    const selected = config.authMode === 'none' ? undefined : config.keys.next();
    if (selected === undefined && config.authMode !== 'none' && config.requiresKey) {
      throw config.keys.missingKeyError(config.kind, config.displayName, modelId);
    }
    const mode = config.authMode === 'auto' ? defaultMode : config.authMode;
    return {
      // Object.assign, not spread: on Node 20 a spread of several objects costs microseconds per call.
      headers: Object.assign({}, config.headers, options?.headers, authHeaders(mode, selected?.key)),
      keySource: selected?.source,
    };
  };
}

/** A 404 is more useful with the list of what the upstream does serve, when it will tell. */
export function mapErrorWithModels(
  config: UpstreamConfig,
  modelId: string,
): (input: HttpErrorInput) => Promise<LLMRouterError> {
  return async (input) => {
    if (input.status !== 404) return mapHttpError(input);
    const availableModels = await listModels(config, modelId);
    return mapHttpError({ ...input, context: { ...input.context, availableModels } });
  };
}

async function listModels(config: UpstreamConfig, modelId: string): Promise<string[] | undefined> {
  const scope = new CallScope(undefined, Math.min(5_000, config.transport.timeoutMs));
  try {
    const response = await config.client.send(
      {
        url: config.modelsUrl,
        method: 'GET',
        headers: attemptHeaders(config, modelId, undefined),
        maxRetries: 0,
      },
      scope,
      errorContext(config, modelId, config.modelsUrl),
    );
    const ids = config.readModelIds(await response.body.json());
    return ids.length > 0 ? ids : undefined;
  } catch {
    return undefined;
  } finally {
    scope.dispose();
  }
}

/** `{data: [{id}]}` (OpenAI, Anthropic) or `{models: [{name}]}` (Ollama's native listing). */
export function readOpenAIModelIds(body: unknown): string[] {
  const record = (body ?? {}) as { data?: unknown; models?: unknown };
  const list = Array.isArray(record.data) ? record.data : Array.isArray(record.models) ? record.models : [];
  return list
    .map((item) => (item as { id?: unknown; name?: unknown }).id ?? (item as { name?: unknown }).name)
    .filter((id): id is string => typeof id === 'string');
}

export function joinUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}
