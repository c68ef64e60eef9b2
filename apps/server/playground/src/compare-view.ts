import { answerFacts, errorBox } from './answer-facts';
import { type ChatOutcome, type RouteInfo, streamChat } from './chat-stream';
import { byId, element } from './dom';
import { formatMs, formatUsd } from './format';
import { asGatewayError } from './gateway-client';
import { type Catalog, costOf } from './model-catalog';

const MIN_MODELS = 2;
const MAX_MODELS = 4;

interface Column {
  model: string;
  section: HTMLElement;
  route?: RouteInfo;
  outcome?: ChatOutcome;
}

/** The compare view: one prompt to two to four models at once, each streamed into its own column. */
export function setUpCompareView(catalog: Catalog): void {
  const choices = byId('compare-models');
  const form = byId<HTMLFormElement>('compare-form');
  const prompt = byId<HTMLTextAreaElement>('compare-prompt');
  const systemPrompt = byId<HTMLTextAreaElement>('compare-system');
  const maxTokens = byId<HTMLInputElement>('compare-max-tokens');
  const submit = byId<HTMLButtonElement>('compare-run');
  const status = byId('compare-status');
  const columns = byId('compare-columns');
  let running = false;

  const fixedModels = catalog.chatModels.filter((model) => model.id !== 'auto');
  choices.replaceChildren(
    ...catalog.chatModels.map((model) => {
      const checkbox = element('input', {
        attributes: { type: 'checkbox', name: 'model', value: model.id },
      });
      checkbox.checked = model.id === fixedModels[0]?.id || model.id === fixedModels[1]?.id;
      return element('label', { className: 'model-choice' }, [checkbox, ` ${model.id}`]);
    }),
  );
  const chosen = () =>
    [...choices.querySelectorAll<HTMLInputElement>('input[name="model"]:checked')].map((box) => box.value);
  let countProblem = false;
  const checkCount = () => {
    const count = chosen().length;
    const valid = count >= MIN_MODELS && count <= MAX_MODELS;
    submit.disabled = running || !valid;
    // The message about the count replaces the last run's summary, and goes once the count is right.
    if (!valid) status.textContent = `Choose ${MIN_MODELS} to ${MAX_MODELS} models (${count} chosen).`;
    else if (countProblem) status.textContent = '';
    countProblem = !valid;
  };
  choices.addEventListener('change', checkCount);
  checkCount();

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const models = chosen();
    const text = prompt.value.trim();
    if (running || !text || models.length < MIN_MODELS || models.length > MAX_MODELS) return;
    running = true;
    checkCount();
    status.textContent = `Asking ${models.length} models…`;
    const system = systemPrompt.value.trim();
    const maxTokensValue = Number.parseInt(maxTokens.value, 10);
    const started = performance.now();

    const all: Column[] = models.map((model) => ({ model, section: element('section') }));
    columns.style.setProperty('--columns', String(all.length));
    columns.replaceChildren(...all.map((column) => column.section));
    await Promise.all(
      all.map(async (column) => {
        const body = element('div', { className: 'column-text', text: '…' });
        const facts = element('div', { className: 'facts-slot' });
        column.section.className = 'column';
        column.section.dataset.model = column.model;
        column.section.dataset.state = 'streaming';
        column.section.setAttribute('aria-busy', 'true');
        column.section.setAttribute('aria-label', `Answer from ${column.model}`);
        column.section.replaceChildren(element('h3', { text: column.model }), body, facts);
        try {
          column.outcome = await streamChat(
            {
              model: column.model,
              messages: [
                ...(system ? [{ role: 'system' as const, content: system }] : []),
                { role: 'user' as const, content: text },
              ],
              ...(Number.isFinite(maxTokensValue) ? { maxTokens: maxTokensValue } : {}),
            },
            {
              onRoute: (route) => {
                column.route = route;
                facts.replaceChildren(answerFacts(catalog, route, undefined));
              },
              onText: (soFar) => {
                body.textContent = soFar;
              },
            },
          );
          facts.replaceChildren(answerFacts(catalog, column.route, column.outcome));
          column.section.dataset.state = 'done';
        } catch (caught) {
          if (body.textContent === '…') body.hidden = true;
          column.section.append(errorBox(asGatewayError(caught)));
          column.section.dataset.state = 'error';
        } finally {
          column.section.removeAttribute('aria-busy');
        }
      }),
    );
    markBest(catalog, all);
    const answered = all.filter((column) => column.outcome).length;
    status.textContent = `${answered} of ${all.length} answered in ${formatMs(performance.now() - started)}.`;
    running = false;
    checkCount();
  });
}

/** Badges for the fastest and the cheapest answer, the two things people compare first. */
function markBest(catalog: Catalog, columns: Column[]): void {
  const answered = columns.filter((column) => column.outcome);
  if (answered.length < 2) return;
  const cost = (column: Column) =>
    costOf(catalog.byId.get(column.route?.model ?? column.model), column.outcome?.usage) ??
    Number.POSITIVE_INFINITY;
  const fastest = answered.reduce((best, column) =>
    (column.outcome?.latencyMs ?? Infinity) < (best.outcome?.latencyMs ?? Infinity) ? column : best,
  );
  const cheapest = answered.reduce((best, column) => (cost(column) < cost(best) ? column : best));
  const badge = (column: Column, label: string) =>
    column.section.querySelector('h3')?.append(element('span', { className: 'badge', text: label }));
  badge(fastest, `fastest · ${formatMs(fastest.outcome?.latencyMs)}`);
  if (Number.isFinite(cost(cheapest))) badge(cheapest, `cheapest · ${formatUsd(cost(cheapest))}`);
}
