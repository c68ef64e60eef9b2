import type { LoadedConfig, ResolvedModel } from '@llmrouter/core';
import { LLMRouterError } from '@llmrouter/errors';
import { loadCliConfig } from '../cli-config';
import { type CliIo, print } from '../cli-io';
import { flag, type OptionValues, stringOption } from '../command-spec';
import {
  bedrockRegion,
  checkBedrockCredentials,
  checkBedrockModelId,
  checkBedrockRegion,
  checkBedrockSdk,
  checkHttpCredentials,
  type DoctorCheck,
} from '../doctor-checks';
import { EXIT_OK, EXIT_SOME_FAILED, exitCodeFor } from '../exit-codes';
import { errorRecord, usageError } from '../report-error';
import { createRuntime, type Runtime } from '../server-parts';

const CALL_TIMEOUT_MS = 30_000;

async function checkCall(runtime: Runtime, model: ResolvedModel): Promise<DoctorCheck> {
  const signal = AbortSignal.timeout(CALL_TIMEOUT_MS);
  const started = performance.now();
  try {
    if (model.kind === 'embedding') {
      const result = await runtime.embeddingModel(model.name).embed({ values: ['ping'] }, { signal });
      return {
        check: 'call',
        ok: true,
        detail: `embedded one value (${result.embeddings[0]?.length ?? 0} dimensions) in ${Math.round(performance.now() - started)} ms`,
      };
    }
    const result = await runtime
      .chatModel(model.name)
      .generate(
        { messages: [{ role: 'user', content: [{ type: 'text', text: 'ping' }] }], maxTokens: 1 },
        { signal },
      );
    return {
      check: 'call',
      ok: true,
      detail: `one-token call answered in ${Math.round(performance.now() - started)} ms by ${result.modelId}`,
    };
  } catch (error) {
    const record = errorRecord(error);
    return { check: 'call', ok: false, detail: `${record.code}: ${record.message}`, fix: record.hint };
  }
}

async function modelChecks(
  runtime: Runtime,
  model: ResolvedModel,
  io: CliIo,
  offline: boolean,
): Promise<DoctorCheck[]> {
  const checks: DoctorCheck[] = [];
  if (model.provider.id === 'bedrock') {
    checks.push(checkBedrockSdk());
    checks.push(await checkBedrockCredentials(model, io.env));
    checks.push(checkBedrockRegion(model, io.env));
    checks.push(checkBedrockModelId(model, bedrockRegion(model, io.env).region));
  } else {
    checks.push({ check: 'SDK', ok: true, detail: 'none needed (HTTP provider)' });
    checks.push(checkHttpCredentials(model, io.env));
    const baseUrl = (model.target.providerSettings as { baseUrl?: unknown }).baseUrl;
    if (typeof baseUrl === 'string') checks.push({ check: 'endpoint', ok: true, detail: baseUrl });
  }
  // A call cannot succeed when a check before it failed; its error would only repeat the cause.
  if (!offline && checks.every((check) => check.ok)) checks.push(await checkCall(runtime, model));
  return checks.map((check) => ({ model: model.name, ...check }));
}

function render(io: CliIo, checks: DoctorCheck[], models: Map<string, ResolvedModel>): void {
  let current: string | undefined;
  for (const check of checks) {
    if (check.model !== current && check.model !== undefined) {
      const model = models.get(check.model);
      print(
        io,
        io.out.bold(`${check.model}`) + io.out.dim(model ? ` (${model.provider.id}, ${model.modelId})` : ''),
      );
    }
    current = check.model;
    const indent = check.model ? '  ' : '';
    const mark = check.ok ? io.out.green('✓') : io.out.red('✗');
    print(io, `${indent}${mark} ${check.check.padEnd(13)}${check.detail}`);
    if (!check.ok && check.fix) print(io, `${indent}  ${''.padEnd(13)}${io.out.yellow('fix:')} ${check.fix}`);
  }
  const failed = checks.filter((check) => !check.ok).length;
  print(
    io,
    failed === 0
      ? io.out.green(`all ${checks.length} checks passed`)
      : io.out.red(`${failed} of ${checks.length} checks failed`),
  );
}

export async function run(values: OptionValues, _positionals: string[], io: CliIo): Promise<number> {
  const json = flag(values, 'json');
  const checks: DoctorCheck[] = [];
  let loaded: LoadedConfig;
  try {
    loaded = await loadCliConfig(stringOption(values, 'config'), io);
    checks.push({ check: 'config', ok: true, detail: `${loaded.source} is valid (${loaded.format} format)` });
  } catch (error) {
    const record = errorRecord(error);
    const failure: DoctorCheck = { check: 'config', ok: false, detail: record.message, fix: record.hint };
    if (json) print(io, JSON.stringify({ ok: false, checks: [failure] }, null, 2));
    else render(io, [failure], new Map());
    return LLMRouterError.is(error) ? exitCodeFor(error.code) : EXIT_SOME_FAILED;
  }

  let runtime: Runtime;
  try {
    runtime = await createRuntime({ loaded });
    checks.push({
      check: 'router',
      ok: true,
      detail: `${runtime.routerConfig.strategy} over ${runtime.routable.length} routable models`,
    });
  } catch (error) {
    const record = errorRecord(error);
    checks.push({ check: 'router', ok: false, detail: record.message, fix: record.hint });
    // The models can still be checked without the configured router.
    runtime = await createRuntime({ loaded, router: { strategy: 'random' } });
  }

  const wanted = (values.model as string[] | undefined) ?? [];
  for (const name of wanted) {
    if (!runtime.models.has(name))
      throw usageError(
        `"${name}" is not a configured model (${[...runtime.models.keys()].join(', ')}).`,
        'doctor',
      );
  }
  const models = [...runtime.models.values()].filter(
    (model) => wanted.length === 0 || wanted.includes(model.name),
  );
  const offline = flag(values, 'offline');
  const perModel = await Promise.all(models.map((model) => modelChecks(runtime, model, io, offline)));
  checks.push(...perModel.flat());

  const ok = checks.every((check) => check.ok);
  if (json) print(io, JSON.stringify({ ok, offline, checks }, null, 2));
  else render(io, checks, new Map(models.map((model) => [model.name, model])));
  return ok ? EXIT_OK : EXIT_SOME_FAILED;
}
