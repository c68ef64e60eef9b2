import { writeFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { computeCost, type UsageV1 } from '@llmrouter/core';
import { LLMRouterError } from '@llmrouter/errors';
import { type CliIo, note, print } from '../cli-io';
import { buildCliRuntime } from '../cli-runtime';
import { flag, integerOption, type OptionValues, stringOption } from '../command-spec';
import { EXIT_OK, EXIT_SOME_FAILED } from '../exit-codes';
import { formatCost, formatDollars, formatTokens } from '../format-usage';
import { createProgressBar } from '../progress-bar';
import { type QueryItem, readQueries } from '../read-queries';
import { type ErrorRecord, errorRecord, usageError } from '../report-error';
import { chatRequest, type RequestOptions, requestOptions, userMessage } from '../request-options';
import { runPool } from '../run-pool';
import { generateChat, type Runtime, routeChat } from '../server-parts';

export interface InferRecord {
  id?: string | number;
  query: string;
  model?: string;
  strategy?: string;
  reason?: string;
  tier?: string;
  answer?: string;
  usage?: UsageV1;
  cost_usd?: number | null;
  latency_ms?: number;
  error?: ErrorRecord;
}

interface InferSettings {
  runtime: Runtime;
  model: string;
  routeOnly: boolean;
  request: RequestOptions;
}

async function inferOne(settings: InferSettings, item: QueryItem): Promise<InferRecord> {
  const base: InferRecord = { ...(item.id === undefined ? {} : { id: item.id }), query: item.query };
  const routed = await routeChat(settings.runtime, {
    model: settings.model,
    request: chatRequest([userMessage(item.query)], settings.request),
    headers: {},
    metadata: {},
  });
  const decision = {
    strategy: routed.decision.strategy,
    reason: routed.decision.reason,
    ...(routed.tier ? { tier: routed.tier } : {}),
  };
  if (settings.routeOnly) return { ...base, model: routed.decision.model, ...decision };
  const { model, result } = await generateChat(settings.runtime, routed, new AbortController().signal);
  const cost = computeCost(result.usage, model.prices);
  return {
    ...base,
    model: model.name,
    ...decision,
    answer: result.text,
    usage: result.usage,
    cost_usd: cost?.total ?? null,
    latency_ms: Math.round(result.latencyMs),
  };
}

function outputFormat(values: OptionValues, output: string | undefined): 'json' | 'jsonl' {
  const format = stringOption(values, 'output-format');
  if (format !== undefined && format !== 'json' && format !== 'jsonl') {
    throw usageError(`--output-format must be json or jsonl, not "${format}".`, 'infer');
  }
  if (format) return format;
  return output !== undefined && extname(output).toLowerCase() === '.json' ? 'json' : 'jsonl';
}

function serialize(records: InferRecord[], format: 'json' | 'jsonl'): string {
  return format === 'json'
    ? `${JSON.stringify(records, null, 2)}\n`
    : records.map((record) => `${JSON.stringify(record)}\n`).join('');
}

function describe(record: InferRecord): string {
  const parts = [`${record.model} (${record.strategy}: ${record.reason})`];
  if (record.usage) parts.push(formatTokens(record.usage));
  if (record.cost_usd !== undefined)
    parts.push(record.cost_usd === null ? formatCost(undefined) : formatDollars(record.cost_usd));
  if (record.latency_ms !== undefined) parts.push(`${(record.latency_ms / 1000).toFixed(2)} s`);
  return parts.join(' · ');
}

async function emit(io: CliIo, text: string, output: string | undefined): Promise<void> {
  if (output === undefined) io.stdout.write(text);
  else await writeFile(resolve(io.cwd, output), text);
}

export async function run(values: OptionValues, _positionals: string[], io: CliIo): Promise<number> {
  const query = stringOption(values, 'query');
  const input = stringOption(values, 'input');
  if ((query === undefined) === (input === undefined)) {
    throw usageError('Give exactly one of --query "text" or --input <file>.', 'infer');
  }
  const output = stringOption(values, 'output');
  const format = outputFormat(values, output);
  const concurrency = integerOption(values, 'concurrency', 'infer', { min: 1, max: 256 }) ?? 4;
  const request = requestOptions(values, 'infer');
  const routeOnly = flag(values, 'route-only');
  const items = query !== undefined ? [{ query }] : await readQueries(resolve(io.cwd, input as string));

  const { runtime } = await buildCliRuntime(values, io);
  const model = stringOption(values, 'model') ?? 'auto';
  if (routeOnly && runtime.routerConfig.strategy === 'llm' && !runtime.models.has(model)) {
    throw new LLMRouterError({
      code: 'unsupported_feature',
      message:
        'The llm strategy asks its router model to choose, so --route-only cannot route without calling a model.',
      hint: 'Drop --route-only to route for real, or try another strategy with --router random|round_robin|llmrouter.',
    });
  }
  const settings: InferSettings = { runtime, model, routeOnly, request };

  if (query !== undefined) {
    // A single query fails like any command: its message, hint and exit code.
    const record = await inferOne(settings, { query });
    if (output !== undefined) await emit(io, serialize([record], format), output);
    if (flag(values, 'json')) print(io, JSON.stringify(record));
    else if (output !== undefined) note(io, `wrote ${output}`);
    else if (routeOnly) print(io, `${record.model}\t${record.strategy}\t${record.reason}`);
    else {
      print(io, record.answer);
      note(io, io.err.dim(`— ${describe(record)}`));
    }
    return EXIT_OK;
  }

  const progress = createProgressBar(io, items.length, routeOnly ? 'routing' : 'answering');
  const records = await runPool(
    items,
    routeOnly ? 1 : concurrency,
    (item) =>
      inferOne(settings, item).catch(
        (error: unknown): InferRecord => ({ ...item, error: errorRecord(error) }),
      ),
    () => progress.tick(),
  );
  progress.done();
  await emit(io, serialize(records, format), output);
  const failed = records.filter((record) => record.error).length;
  const cost = records.reduce((sum, record) => sum + (record.cost_usd ?? 0), 0);
  note(
    io,
    `${records.length - failed} of ${records.length} ${routeOnly ? 'routed' : `answered${cost > 0 ? ` for ${formatDollars(cost)}` : ''}`}${output ? `; wrote ${output}` : ''}${failed ? `; ${failed} failed (see "error" in the output)` : ''}`,
  );
  return failed > 0 ? EXIT_SOME_FAILED : EXIT_OK;
}
