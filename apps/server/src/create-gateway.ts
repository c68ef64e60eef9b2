import { LLMRouterError, toLLMRouterError } from '@llmrouter/errors';
import { Hono } from 'hono';
import { type GatewayContext, type GatewayEnv, type RequestRecord, writeRecord } from './gateway-context';
import { createGatewayMetrics } from './metrics/gateway-metrics';
import { auth, gatewayKeys } from './middleware/auth';
import { cors } from './middleware/cors';
import { requestHeader, setResponseHeader } from './node-request';
import { httpStatus } from './openai/error-status';
import { errorHeaders, openAIErrorBody } from './openai/openai-error';
import { chatCompletionsRoute } from './routes/chat-completions';
import { embeddingsRoute } from './routes/embeddings';
import { healthRoutes } from './routes/health';
import { modelsRoute } from './routes/models';
import { playgroundRoute } from './routes/playground';
import type { Runtime } from './runtime/create-runtime';
import { createConsoleLogger, type GatewayLogger } from './runtime/gateway-logger';

const EXPOSED_HEADERS = [
  'x-llmrouter-model',
  'x-llmrouter-provider',
  'x-llmrouter-strategy',
  'x-llmrouter-reason',
  'x-llmrouter-cost',
  'x-llmrouter-overhead-ms',
  'x-request-id',
];

export interface GatewayOptions {
  runtime: Runtime;
  logger?: GatewayLogger;
  /** Overrides `server.show_model_prefix` (the CLI's `--no-prefix`). */
  showModelPrefix?: boolean;
}

export interface Gateway {
  app: Hono<GatewayEnv>;
  context: GatewayContext;
  keys: readonly string[];
}

/** The Hono app: OpenAI-compatible routes, auth, CORS, limits, metrics and one log line per request. */
export function createGateway(options: GatewayOptions): Gateway {
  const { runtime } = options;
  const server = runtime.loaded.config.server;
  const context: GatewayContext = {
    runtime,
    metrics: createGatewayMetrics(),
    logger: options.logger ?? createConsoleLogger(),
    showModelPrefix: options.showModelPrefix ?? server.show_model_prefix,
    modelNames: [...runtime.models.keys()],
  };
  const keys = gatewayKeys(server.auth);
  const app = new Hono<GatewayEnv>();

  app.use(async function requestRecord(c, next) {
    const record: RequestRecord = {
      requestId: requestHeader(c, 'x-request-id') ?? crypto.randomUUID(),
      method: c.req.method,
      path: c.req.path,
      startedAt: performance.now(),
    };
    c.set('record', record);
    // Before the handler: a header set on a finished response makes Hono copy it into a web stream.
    setResponseHeader(c, 'x-request-id', record.requestId);
    context.metrics.inFlight.inc({}, 1);
    try {
      await next();
    } finally {
      context.metrics.inFlight.inc({}, -1);
      record.status ??= c.res.status;
      if (!record.deferred) writeRecord(context, record);
    }
  });
  if (server.cors) app.use(cors({ origins: server.cors.origins, exposeHeaders: EXPOSED_HEADERS }));

  app.route('/', healthRoutes(context, keys));
  app.get('/metrics', (c) =>
    c.text(context.metrics.registry.render(), 200, { 'content-type': 'text/plain; version=0.0.4' }),
  );

  const v1 = new Hono<GatewayEnv>();
  v1.use(auth({ keys }));
  v1.route('/', chatCompletionsRoute(context));
  v1.route('/', modelsRoute(context));
  v1.route('/', embeddingsRoute(context));
  app.route('/v1', v1);
  app.route('/', playgroundRoute());

  app.notFound((c) => {
    const error = new LLMRouterError({
      code: 'request_invalid',
      message: `No route for ${c.req.method} ${c.req.path}.`,
      hint: 'The gateway serves POST /v1/chat/completions, GET /v1/chat/ws, GET /v1/models, POST /v1/embeddings, GET /health, GET /health/models, GET /metrics and the playground at /.',
    });
    return c.json(openAIErrorBody(error), 404);
  });

  app.onError((caught, c) => {
    const error = toLLMRouterError(caught, { code: 'internal', message: 'Unexpected error.' });
    const record = c.get('record');
    if (record) {
      record.errorCode = error.code;
      record.status = httpStatus(error.code);
    }
    if (
      error.provider !== undefined ||
      error.code.startsWith('provider_') ||
      error.code === 'all_targets_failed'
    ) {
      context.metrics.upstreamErrors.inc({ model: record?.model ?? error.modelId ?? '', code: error.code });
    }
    if (error.code === 'internal')
      context.logger.info(`internal error: ${String((caught as Error)?.stack ?? caught)}`);
    // 499 is not a status a Response may carry; the client is gone anyway.
    const status = httpStatus(error.code) === 499 ? 400 : httpStatus(error.code);
    return c.json(openAIErrorBody(error), status as 400, errorHeaders(error));
  });

  return { app, context, keys };
}
