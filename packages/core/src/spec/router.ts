import type { ChatRequestV1 } from './chat-request';
import type { CancelSignalV1 } from './models';

export type TierV1 = 'top' | 'mid' | 'low';

/** A configured model as a router sees it. */
export interface RouteCandidateV1 {
  /** The name clients use. */
  name: string;
  provider: string;
  modelId: string;
  /** USD per million tokens; undefined when the config gives no price. */
  inputPrice?: number;
  outputPrice?: number;
  size?: string;
  description?: string;
  contextWindow?: number;
  tier?: TierV1;
  tags: string[];
}

export interface RouteContextV1 {
  /** The models this decision may choose from (already narrowed to a tier when one was asked for). */
  candidates: readonly RouteCandidateV1[];
  /** Request headers, lower-cased names. */
  headers?: Readonly<Record<string, string>>;
  /** Request metadata (OpenAI `metadata`, `user`). */
  metadata?: Readonly<Record<string, string>>;
  /** λ: how much a dollar per million tokens costs in quality points; overrides the strategy's own. */
  costWeight?: number;
  signal?: CancelSignalV1;
}

export interface RouteDecisionV1 {
  /** A candidate's `name`. */
  model: string;
  strategy: string;
  /** Why this model, in a few words a human can read (sent in a response header). */
  reason: string;
  /** The score per candidate when the strategy scores them. */
  scores?: Record<string, number>;
}

export interface RouterV1 {
  readonly specificationVersion: 'v1';
  readonly strategy: string;
  route(request: ChatRequestV1, context: RouteContextV1): RouteDecisionV1 | Promise<RouteDecisionV1>;
}
