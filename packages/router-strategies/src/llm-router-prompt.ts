import type { RouteCandidateV1 } from '@llmrouter/core';
import { blendedPrice } from './route-candidates';

export const DEFAULT_ROUTER_INSTRUCTIONS = [
  'You are a model router. Pick the one candidate model best suited to answer the user query below.',
  'Weigh each model against the task: strong models for hard reasoning, code and maths; small cheap models for simple or short questions.',
  'Answer with JSON only, exactly: {"model": "<candidate name>"}.',
  'You may add "scores": {"<candidate name>": <expected answer quality from 0 to 1>, ...} covering every candidate.',
].join('\n');

function describeCandidate(candidate: RouteCandidateV1): string {
  const facts: string[] = [];
  if (candidate.size) facts.push(`size ${candidate.size}`);
  const price = blendedPrice(candidate);
  if (price !== undefined) facts.push(`$${price.toFixed(2)} per million tokens`);
  if (candidate.tier) facts.push(`tier ${candidate.tier}`);
  const description = candidate.description ? ` — ${candidate.description.replace(/\s+/g, ' ').trim()}` : '';
  return `- ${candidate.name}${facts.length > 0 ? ` (${facts.join(', ')})` : ''}${description}`;
}

/** The system and user text sent to the router model. */
export function buildRouterPrompt(
  instructions: string,
  candidates: readonly RouteCandidateV1[],
  query: string,
  costWeight: number,
): { system: string; user: string } {
  const costNote =
    costWeight > 0
      ? `\nCost matters: one dollar per million tokens is worth ${costWeight} quality points; prefer the cheaper model when quality is close.`
      : '';
  const user = [
    'Candidate models:',
    ...candidates.map(describeCandidate),
    '',
    'User query:',
    '<<<',
    query.length > 4000 ? `${query.slice(0, 4000)}…` : query,
    '>>>',
  ].join('\n');
  return { system: `${instructions}${costNote}`, user };
}
