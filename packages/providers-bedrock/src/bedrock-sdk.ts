import { LLMRouterError } from '@llmrouter/errors';

export type ImportModule = (specifier: string) => Promise<unknown>;

/** Internal options for tests, under a symbol so strict settings validation never sees them. */
export const BEDROCK_INTERNALS = Symbol.for('llmrouter.providers-bedrock.internals');
export interface BedrockInternals {
  importModule?: ImportModule;
  /** Called with the cache key whenever a new SDK client is built (tests check reuse). */
  onClientCreated?: (key: string) => void;
  /** The environment to read instead of process.env. */
  env?: () => NodeJS.ProcessEnv;
}

const defaultImport: ImportModule = (specifier) => import(specifier);

// The npm package each lazily loaded module comes from, for the install command.
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] ?? specifier);
}

function isMissingModule(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND' || code === 'ERR_PACKAGE_PATH_NOT_EXPORTED'
  );
}

/**
 * Loads part of the AWS SDK on first use. Lazy, so importing the provider costs nothing (the CLI starts
 * fast) and a missing package becomes `provider_sdk_missing` with the command that installs it.
 */
export async function loadBedrockModule<T>(
  specifier: string,
  importModule: ImportModule = defaultImport,
): Promise<T> {
  try {
    return (await importModule(specifier)) as T;
  } catch (error) {
    const name = packageOf(specifier);
    if (
      !isMissingModule(error) &&
      !(error instanceof Error && /cannot find (module|package)/i.test(error.message))
    ) {
      throw new LLMRouterError({
        code: 'internal',
        message: `Loading ${name} failed: ${error instanceof Error ? error.message : String(error)}`,
        hint: `Reinstall it: npm install ${name}`,
        provider: 'bedrock',
        cause: error,
      });
    }
    throw new LLMRouterError({
      code: 'provider_sdk_missing',
      message: `The AWS SDK package ${name} is not installed; Bedrock needs it.`,
      hint: `Install it next to @llmrouter/providers-bedrock: npm install ${name}`,
      provider: 'bedrock',
      cause: error,
    });
  }
}
