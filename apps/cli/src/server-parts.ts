/**
 * The parts of @llmrouter/server the commands use, imported module by module. Through the package's
 * entry point, every command chunk would load Hono, ws and the Bedrock emulator (esbuild places a
 * re-exported module in every chunk that reaches the barrel). If the server ever exports a `./runtime`
 * subpath without Hono, this file is the only one to change.
 */

export { generateChat, routeChat, startChatStream } from '@llmrouter/server/src/runtime/chat-pipeline';
export { createRuntime, type Runtime } from '@llmrouter/server/src/runtime/create-runtime';
