import type { ChatOutcome, RouteInfo } from './chat-stream';
import { element, factList } from './dom';
import { formatCount, formatMs, formatUsd } from './format';
import type { GatewayError } from './gateway-client';
import { type Catalog, costOf } from './model-catalog';

/** The facts shown under every answer: who answered, why, and what it took. */
export function answerFacts(
  catalog: Catalog,
  route: RouteInfo | undefined,
  outcome: ChatOutcome | undefined,
): HTMLDListElement {
  const model = route ? catalog.byId.get(route.model) : undefined;
  const usage = outcome?.usage;
  const strategy = route
    ? `${route.strategy}${route.fallbackFrom ? ` (fallback from ${route.fallbackFrom})` : ''}`
    : undefined;
  const routeFacts: Array<[string, string | undefined]> = [
    ['Model', route ? `${route.model}${route.provider ? ` · ${route.provider}` : ''}` : undefined],
    ['Strategy', strategy],
    ['Reason', route?.reason || undefined],
  ];
  // While streaming, and after a failure, only the routing decision is known.
  const outcomeFacts: Array<[string, string | undefined]> = outcome
    ? [
        [
          'Tokens',
          usage
            ? `${formatCount(usage.prompt_tokens)} in · ${formatCount(usage.completion_tokens)} out`
            : undefined,
        ],
        ['First token', formatMs(outcome.timeToFirstTokenMs)],
        ['Latency', formatMs(outcome.latencyMs)],
        ['Cost', formatUsd(costOf(model, usage))],
      ]
    : [];
  const facts = factList([...routeFacts, ...outcomeFacts]);
  facts.classList.add('answer-facts');
  return facts;
}

/** An error as the gateway explains it: message, code and the hint that says what to do. */
export function errorBox(error: GatewayError): HTMLElement {
  const box = element('div', { className: 'error-box', attributes: { role: 'alert' } }, [
    element('p', { className: 'error-message' }, [
      element('strong', { text: 'Error' }),
      ` ${error.message}`,
      ...(error.code ? [' ', element('code', { text: error.code })] : []),
    ]),
  ]);
  if (error.hint) box.append(element('p', { className: 'error-hint', text: `Hint: ${error.hint}` }));
  return box;
}
