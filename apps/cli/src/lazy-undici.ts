import { createRequire } from 'node:module';
import type * as Undici from 'undici';

/**
 * Build-time stand-in for `undici` inside the bundled HTTP provider (tsup.config.ts redirects the
 * provider's import here). undici is a megabyte of JavaScript that the provider needs only when it sends
 * a request, and loading it at start-up would cost `infer --route-only` (which never calls a model) about
 * a third of its start-up time. The real module is required on first use, from the CLI's own dependency.
 */
const UNDICI = 'undici';
let loaded: typeof Undici | undefined;

function undici(): typeof Undici {
  loaded ??= createRequire(import.meta.url)(UNDICI) as typeof Undici;
  return loaded;
}

export const Agent = function Agent(options?: Undici.Agent.Options) {
  return new (undici().Agent)(options);
} as unknown as typeof Undici.Agent;

export const request = ((...args: Parameters<typeof Undici.request>) =>
  undici().request(...args)) as typeof Undici.request;

/** undici's error classes, looked up on use (the provider makes one when it abandons a request). */
export const errors = new Proxy({} as typeof Undici.errors, {
  get: (_target, name) => undici().errors[name as keyof typeof Undici.errors],
});
