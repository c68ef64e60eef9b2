import { errorFromResponse, gatewayFetch } from './gateway-client';

/** One entry of `GET /v1/models`, reduced to what the views use. */
export interface CatalogModel {
  id: string;
  kind: string;
  provider: string;
  modelId?: string;
  description?: string;
  tier?: string;
  /** USD per million tokens. */
  inputPrice: number | null;
  outputPrice: number | null;
}

export interface Catalog {
  /** `auto` first, then the configured chat models in config order. */
  chatModels: CatalogModel[];
  strategy: string | undefined;
  byId: ReadonlyMap<string, CatalogModel>;
}

export interface ChatUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens?: number;
}

// The gateway's response is read loosely: only the fields the page uses, each optional.
interface ModelsResponse {
  data?: Array<{
    id: string;
    owned_by?: string;
    llmrouter?: {
      kind?: string;
      provider?: string;
      model_id?: string;
      description?: string | null;
      tier?: string | null;
      input_price?: number | null;
      output_price?: number | null;
      strategy?: string;
    };
  }>;
}

export async function loadCatalog(): Promise<Catalog> {
  const response = await gatewayFetch('/v1/models');
  if (!response.ok) throw await errorFromResponse(response);
  const body = (await response.json()) as ModelsResponse;
  const models = (body.data ?? []).map((entry): CatalogModel => {
    const facts = entry.llmrouter ?? {};
    return {
      id: entry.id,
      kind: facts.kind ?? 'chat',
      provider: facts.provider ?? entry.owned_by ?? '',
      ...(facts.model_id ? { modelId: facts.model_id } : {}),
      ...(facts.description ? { description: facts.description } : {}),
      ...(facts.tier ? { tier: facts.tier } : {}),
      inputPrice: facts.input_price ?? null,
      outputPrice: facts.output_price ?? null,
    };
  });
  const router = body.data?.find((entry) => entry.id === 'auto');
  return {
    chatModels: models.filter((model) => model.kind === 'chat' || model.kind === 'router'),
    strategy: router?.llmrouter?.strategy,
    byId: new Map(models.map((model) => [model.id, model])),
  };
}

/** Cost in USD from the usage and the model's configured prices; undefined when a price is unknown. */
export function costOf(model: CatalogModel | undefined, usage: ChatUsage | undefined): number | undefined {
  if (!model || !usage || model.inputPrice === null || model.outputPrice === null) return undefined;
  return (usage.prompt_tokens * model.inputPrice + usage.completion_tokens * model.outputPrice) / 1_000_000;
}
