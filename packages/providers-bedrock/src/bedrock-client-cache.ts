import type * as BedrockSdk from '@aws-sdk/client-bedrock-runtime';
import { type BedrockAuth, resolveBedrockAuth } from './bedrock-credentials';
import { createBedrockHttpHandler } from './bedrock-http-handler';
import type { BedrockProviderSettings } from './bedrock-provider-settings';
import { type RegionSource, resolveBedrockRegion } from './bedrock-region';
import { type BedrockInternals, loadBedrockModule } from './bedrock-sdk';

export type BedrockSdkModule = typeof BedrockSdk;

/** Everything a call needs: the SDK module, a client for the region and how it authenticates. */
export interface BedrockRuntime {
  sdk: BedrockSdkModule;
  client: BedrockSdk.BedrockRuntimeClient;
  region: string;
  regionSource: RegionSource;
  auth: BedrockAuth;
}

/** Raw response headers, attached to each command output by a middleware (InvokeModel token counts). */
export const RESPONSE_HEADERS = Symbol('bedrock.responseHeaders');

function attachResponseHeaders(client: BedrockSdk.BedrockRuntimeClient): void {
  client.middlewareStack.add(
    (next) => async (args) => {
      const result = await next(args);
      const headers = (result.response as { headers?: Record<string, string> } | undefined)?.headers;
      if (headers && typeof result.output === 'object' && result.output !== null) {
        Object.defineProperty(result.output, RESPONSE_HEADERS, { value: headers, enumerable: false });
      }
      return result;
    },
    { step: 'deserialize', name: 'llmrouterResponseHeaders', priority: 'high' },
  );
}

/**
 * One SDK client per (region, credential identity, endpoint, handler), created on first use and
 * reused, so connections and credential caches are shared by every model of the provider.
 */
export class BedrockClientCache {
  private readonly clients = new Map<string, BedrockSdk.BedrockRuntimeClient>();
  private readonly runtimes = new Map<string, Promise<BedrockRuntime>>();

  constructor(
    private readonly settings: BedrockProviderSettings,
    private readonly internals: BedrockInternals,
    private readonly env: () => NodeJS.ProcessEnv = () => process.env,
  ) {}

  runtime(modelRegion: string | undefined): Promise<BedrockRuntime> {
    const key = modelRegion ?? '';
    let runtime = this.runtimes.get(key);
    if (!runtime) {
      runtime = this.create(modelRegion);
      this.runtimes.set(key, runtime);
      // A failure (no region yet, SDK missing) must not stick: the user may fix the environment.
      runtime.catch(() => this.runtimes.delete(key));
    }
    return runtime;
  }

  get size(): number {
    return this.clients.size;
  }

  private async create(modelRegion: string | undefined): Promise<BedrockRuntime> {
    const env = this.env();
    const { importModule } = this.internals;
    const sdk = await loadBedrockModule<BedrockSdkModule>('@aws-sdk/client-bedrock-runtime', importModule);
    const { region, source } = await resolveBedrockRegion(
      { modelRegion, settingsRegion: this.settings.region, profile: this.settings.profile, env },
      importModule,
    );
    const auth = await resolveBedrockAuth(this.settings, env, importModule);
    const endpoint = this.settings.endpoint;
    const key = [region, auth.identity, endpoint ?? '', this.settings.httpHandler ?? 'default'].join('|');
    let client = this.clients.get(key);
    if (!client) {
      const requestHandler = (await createBedrockHttpHandler(this.settings, importModule)) as NonNullable<
        BedrockSdk.BedrockRuntimeClientConfig['requestHandler']
      >;
      const config: BedrockSdk.BedrockRuntimeClientConfig = { region, requestHandler };
      if (endpoint !== undefined) config.endpoint = endpoint;
      if (this.settings.maxRetries !== undefined) config.maxAttempts = this.settings.maxRetries + 1;
      if (auth.kind === 'bearer') {
        config.token = { token: auth.token };
        config.authSchemePreference = ['httpBearerAuth'];
      } else {
        config.credentials = auth.credentials as NonNullable<
          BedrockSdk.BedrockRuntimeClientConfig['credentials']
        >;
        // Without this, AWS_BEARER_TOKEN_BEDROCK in the environment would override explicit credentials.
        config.authSchemePreference = ['sigv4'];
      }
      client = new sdk.BedrockRuntimeClient(config);
      attachResponseHeaders(client);
      this.clients.set(key, client);
      this.internals.onClientCreated?.(key);
    }
    return { sdk, client, region, regionSource: source, auth };
  }

  destroy(): void {
    for (const client of this.clients.values()) client.destroy();
    this.clients.clear();
    this.runtimes.clear();
  }
}
