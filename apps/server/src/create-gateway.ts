import { LLMRouterError } from '@llmrouter/errors';
import { Hono } from 'hono';
import { errorAnswer } from './error-answer';
import { closeRecord, type GatewayContext, type GatewayEnv, openRecord } from './gateway-context';
import { exchangeOf } from './http/hono-exchange';
import { createGatewayMetrics } from './metrics/gateway-metrics';
import { auth, gatewayKeys } from './middleware/auth';
import { type CorsPolicy, cors, corsPolicy } from './middleware/cors';
import { openAIErrorBody } from './openai/openai-error';
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
  /** Accepted keys; empty means auth is off. */
  keys: readonly string[];
  /** Set when server.cors is. */
  cors: CorsPolicy | undefined;
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
  const policy = server.cors
    ? corsPolicy({ origins: server.cors.origins, exposeHeaders: EXPOSED_HEADERS })
    : undefined;
  const app = new Hono<GatewayEnv>();

  app.use(async function requestRecord(c, next) {
    const record = openRecord(context, exchangeOf(c));
    c.set('record', record);
    try {
      await next();
    } finally {
      closeRecord(context, record, c.res.status);
    }
  });
  if (policy) app.use(cors(policy));

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
    const answer = errorAnswer(context, caught, c.get('record'));
    return c.json(answer.body, answer.status as 400, answer.headers);
  });

  return { app, context, keys, cors: policy };
}
