import { answerFacts, errorBox } from './answer-facts';
import { type ChatMessage, type ChatOutcome, type RouteInfo, streamChat } from './chat-stream';
import { byId, element } from './dom';
import { formatPrice } from './format';
import { asGatewayError } from './gateway-client';
import type { Catalog } from './model-catalog';

/** The chat view: settings on the side, the conversation, and a composer that streams each answer. */
export function setUpChatView(catalog: Catalog): void {
  const modelSelect = byId<HTMLSelectElement>('chat-model');
  const modelInfo = byId('chat-model-info');
  const systemPrompt = byId<HTMLTextAreaElement>('chat-system');
  const temperature = byId<HTMLInputElement>('chat-temperature');
  const temperatureShown = byId<HTMLOutputElement>('chat-temperature-value');
  const maxTokens = byId<HTMLInputElement>('chat-max-tokens');
  const log = byId<HTMLOListElement>('chat-log');
  const form = byId<HTMLFormElement>('chat-form');
  const input = byId<HTMLTextAreaElement>('chat-input');
  const send = byId<HTMLButtonElement>('chat-send');
  const stop = byId<HTMLButtonElement>('chat-stop');
  const history: ChatMessage[] = [];
  let running: AbortController | undefined;

  modelSelect.replaceChildren(
    ...catalog.chatModels.map((model) =>
      element('option', {
        text:
          model.id === 'auto'
            ? `auto (router: ${catalog.strategy ?? 'configured'})`
            : `${model.id} · ${model.provider}`,
        attributes: { value: model.id },
      }),
    ),
  );
  const describeModel = () => {
    const model = catalog.byId.get(modelSelect.value);
    modelInfo.textContent = !model
      ? ''
      : model.id === 'auto'
        ? 'The router picks a model for each message.'
        : `${model.description ?? model.modelId ?? ''} — ${formatPrice(model.inputPrice)} in / ${formatPrice(model.outputPrice)} out per million tokens${model.tier ? `, tier ${model.tier}` : ''}.`;
  };
  modelSelect.addEventListener('change', describeModel);
  describeModel();
  temperature.addEventListener('input', () => {
    temperatureShown.value = temperature.value;
  });

  byId('chat-settings').addEventListener('submit', (event) => event.preventDefault());
  byId('chat-clear').addEventListener('click', () => {
    running?.abort();
    history.length = 0;
    log.replaceChildren();
    input.focus();
  });
  stop.addEventListener('click', () => running?.abort());
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const prompt = input.value.trim();
    if (!prompt || running) return;
    input.value = '';
    const userMessage: ChatMessage = { role: 'user', content: prompt };
    log.append(
      element('li', { className: 'message user' }, [element('div', { className: 'bubble', text: prompt })]),
    );
    const bubble = element('div', { className: 'bubble', text: '…' });
    const facts = element('div', { className: 'facts-slot' });
    const answer = element(
      'li',
      { className: 'message assistant', attributes: { 'data-state': 'streaming', 'aria-busy': 'true' } },
      [bubble, facts],
    );
    log.append(answer);
    answer.scrollIntoView({ block: 'end' });

    const system = systemPrompt.value.trim();
    const messages: ChatMessage[] = [
      ...(system ? [{ role: 'system' as const, content: system }] : []),
      ...history,
      userMessage,
    ];
    const maxTokensValue = Number.parseInt(maxTokens.value, 10);
    running = new AbortController();
    send.disabled = true;
    stop.hidden = false;
    let route: RouteInfo | undefined;
    try {
      const outcome: ChatOutcome = await streamChat(
        {
          model: modelSelect.value,
          messages,
          temperature: Number(temperature.value),
          ...(Number.isFinite(maxTokensValue) ? { maxTokens: maxTokensValue } : {}),
        },
        {
          onRoute: (chosen) => {
            route = chosen;
            facts.replaceChildren(answerFacts(catalog, route, undefined));
          },
          onText: (text) => {
            bubble.textContent = text;
            answer.scrollIntoView({ block: 'end' });
          },
        },
        running.signal,
      );
      history.push(userMessage, { role: 'assistant', content: outcome.text });
      facts.replaceChildren(answerFacts(catalog, route, outcome));
      answer.dataset.state = 'done';
    } catch (caught) {
      // A failed turn stays on screen but not in the history sent with the next message.
      if (bubble.textContent === '…') bubble.hidden = true;
      answer.append(errorBox(asGatewayError(caught)));
      answer.dataset.state = 'error';
    } finally {
      answer.removeAttribute('aria-busy');
      running = undefined;
      send.disabled = false;
      stop.hidden = true;
      answer.scrollIntoView({ block: 'end' });
    }
  });
}
