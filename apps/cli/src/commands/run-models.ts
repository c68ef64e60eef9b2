import type { ResolvedModel } from '@llmrouter/core';
import { findBedrockModel } from '@llmrouter/providers-bedrock';
import { loadCliConfig } from '../cli-config';
import { type CliIo, print } from '../cli-io';
import { type OptionValues, stringOption } from '../command-spec';
import { EXIT_OK } from '../exit-codes';
import { formatTable } from '../format-table';

export interface ModelRow {
  name: string;
  kind: 'chat' | 'embedding';
  provider: string;
  model_id: string;
  region: string | null;
  input_price: number | null;
  output_price: number | null;
  context_window: number | null;
  routable: boolean;
  tier: string | null;
  /** From the Bedrock catalog for Bedrock models; null when unknown. */
  capabilities: string[] | null;
}

function regionOf(model: ResolvedModel): string | null {
  const settings = model.target.providerSettings as { region?: unknown };
  return model.region ?? (typeof settings.region === 'string' ? settings.region : null);
}

export function modelRow(model: ResolvedModel): ModelRow {
  const catalog = model.provider.id === 'bedrock' ? findBedrockModel(model.modelId) : undefined;
  const capabilities = catalog
    ? Object.entries(catalog.capabilities)
        .filter(([, supported]) => supported)
        .map(([name]) => name)
    : null;
  return {
    name: model.name,
    kind: model.kind,
    provider: model.provider.id,
    model_id: model.modelId,
    region: regionOf(model),
    input_price: model.prices.inputPrice ?? null,
    output_price: model.prices.outputPrice ?? null,
    context_window: model.entry.context_window ?? catalog?.contextWindow ?? null,
    routable: model.routable,
    tier: model.entry.tier ?? null,
    capabilities,
  };
}

export async function run(values: OptionValues, _positionals: string[], io: CliIo): Promise<number> {
  const loaded = await loadCliConfig(stringOption(values, 'config'), io);
  const { resolveModels } = await import('@llmrouter/core');
  const rows = resolveModels(loaded.config).map(modelRow);
  if (values.json === true) {
    print(
      io,
      JSON.stringify({ source: loaded.source, router: loaded.config.router.strategy, models: rows }, null, 2),
    );
    return EXIT_OK;
  }
  const price = (value: number | null) => (value === null ? '-' : String(value));
  print(
    io,
    formatTable(
      ['name', 'kind', 'provider', 'model id', 'region', 'in $/M', 'out $/M', 'context', 'capabilities'],
      rows.map((row) => [
        `${row.name}${row.routable || row.kind !== 'chat' ? '' : ' (not routed)'}`,
        row.kind,
        row.provider,
        row.model_id,
        row.region ?? 'default',
        price(row.input_price),
        price(row.output_price),
        row.context_window === null ? '-' : String(row.context_window),
        row.capabilities?.join(',') ?? '-',
      ]),
    ),
  );
  print(
    io,
    io.out.dim(`${rows.length} models from ${loaded.source} · router: ${loaded.config.router.strategy}`),
  );
  return EXIT_OK;
}
