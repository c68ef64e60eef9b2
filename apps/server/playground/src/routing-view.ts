import { errorBox } from './answer-facts';
import { byId, element } from './dom';
import { formatCount, formatPercent, formatUsd } from './format';
import { asGatewayError, errorFromResponse, gatewayFetch } from './gateway-client';
import type { Catalog } from './model-catalog';
import { parsePrometheus, sumBy } from './parse-prometheus';

const REFRESH_MS = 3000;
const CHAT_ENDPOINTS = new Set(['/v1/chat/completions', '/v1/chat/ws']);

/**
 * The routing view: the share of routed traffic per model and the cost so far, from the gateway's
 * Prometheus metrics, refreshed every few seconds while the view is shown. The figures cover every client
 * of this gateway since it started, not only this page.
 */
export function setUpRoutingView(catalog: Catalog): { show(): void; hide(): void } {
  const summary = byId('routing-summary');
  const rows = byId<HTMLTableSectionElement>('routing-rows');
  const strategies = byId('routing-strategies');
  const updated = byId('routing-updated');
  const problem = byId('routing-problem');
  let timer: ReturnType<typeof setInterval> | undefined;

  const refresh = async () => {
    try {
      const response = await gatewayFetch('/metrics');
      if (!response.ok) throw await errorFromResponse(response);
      render(parsePrometheus(await response.text()));
      problem.replaceChildren();
      updated.textContent = `Updated ${new Date().toLocaleTimeString()} · every ${REFRESH_MS / 1000} s`;
    } catch (caught) {
      problem.replaceChildren(errorBox(asGatewayError(caught)));
    }
  };

  const render = (samples: ReturnType<typeof parsePrometheus>) => {
    const decisions = sumBy(samples, 'llmrouter_route_decisions_total', 'model');
    const byStrategy = sumBy(samples, 'llmrouter_route_decisions_total', 'strategy');
    const cost = sumBy(samples, 'llmrouter_cost_usd_total', 'model');
    const chat = (labels: Record<string, string>) => CHAT_ENDPOINTS.has(labels.endpoint ?? '');
    const requests = sumBy(samples, 'llmrouter_requests_total', 'model', chat);
    const failed = sumBy(
      samples,
      'llmrouter_requests_total',
      'model',
      (labels) => chat(labels) && labels.status !== '200',
    );
    const inputTokens = sumBy(samples, 'llmrouter_tokens_total', 'model', (l) => l.type === 'input');
    const outputTokens = sumBy(samples, 'llmrouter_tokens_total', 'model', (l) => l.type === 'output');
    const total = (values: Map<string, number>) =>
      [...values.values()].reduce((sum, value) => sum + value, 0);
    const totalDecisions = total(decisions);

    summary.replaceChildren(
      card('Routed requests', formatCount(totalDecisions)),
      card('Cost so far', formatUsd(total(cost))),
      card('Tokens', `${formatCount(total(inputTokens))} in · ${formatCount(total(outputTokens))} out`),
      card('Failed chat requests', formatCount(total(failed))),
    );
    strategies.textContent =
      byStrategy.size === 0
        ? 'No routing decisions yet: send a message in the Chat or Compare view.'
        : `By strategy: ${[...byStrategy].map(([name, count]) => `${name} ${formatCount(count)}`).join(' · ')}`;

    // Every configured chat model has a row, so a model that gets no traffic is visible too.
    const names = new Set([
      ...catalog.chatModels.filter((model) => model.id !== 'auto').map((model) => model.id),
      ...decisions.keys(),
      ...cost.keys(),
    ]);
    const ordered = [...names].sort(
      (a, b) => (decisions.get(b) ?? 0) - (decisions.get(a) ?? 0) || a.localeCompare(b),
    );
    rows.replaceChildren(
      ...ordered.map((name) => {
        const count = decisions.get(name) ?? 0;
        const share = totalDecisions === 0 ? 0 : count / totalDecisions;
        // Set through CSSOM: the page's Content-Security-Policy refuses style attributes.
        const fill = element('span');
        fill.style.width = `${(share * 100).toFixed(1)}%`;
        const bar = element('div', { className: 'share-bar', attributes: { 'aria-hidden': 'true' } }, [fill]);
        return element('tr', { attributes: { 'data-model': name } }, [
          element('th', { text: name, attributes: { scope: 'row' } }),
          element('td', {}, [
            element('div', { className: 'share' }, [bar, element('span', { text: formatPercent(share) })]),
          ]),
          element('td', { className: 'number', text: formatCount(count) }),
          element('td', { className: 'number', text: formatCount(requests.get(name) ?? 0) }),
          element('td', { className: 'number', text: formatCount(failed.get(name) ?? 0) }),
          element('td', {
            className: 'number',
            text: `${formatCount(inputTokens.get(name) ?? 0)} / ${formatCount(outputTokens.get(name) ?? 0)}`,
          }),
          element('td', { className: 'number', text: formatUsd(cost.get(name) ?? 0) }),
        ]);
      }),
    );
  };

  return {
    show() {
      void refresh();
      timer ??= setInterval(() => void refresh(), REFRESH_MS);
    },
    hide() {
      clearInterval(timer);
      timer = undefined;
    },
  };
}

function card(label: string, value: string): HTMLElement {
  return element('div', { className: 'card' }, [
    element('span', { className: 'card-label', text: label }),
    element('strong', { className: 'card-value', text: value }),
  ]);
}
