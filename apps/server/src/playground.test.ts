import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSilentLogger } from './runtime/gateway-logger';
import { type DemoGateway, startDemoGateway } from './start-demo-gateway';

// The web playground in a real browser: Debian's Chromium driven by playwright-core, against the demo
// gateway (configs/demo.yaml, Bedrock answered by the in-process emulator). Screenshots go to the docs.
const CHROMIUM = '/usr/bin/chromium';
const serverRoot = fileURLToPath(new URL('..', import.meta.url));
const repoRoot = join(serverRoot, '..', '..');
// The pictures in docs/ are refreshed on request (LLMROUTER_UPDATE_SCREENSHOTS=1); every other run saves
// them under test-results/, so a test run never rewrites tracked files.
const screenshots = process.env.LLMROUTER_UPDATE_SCREENSHOTS
  ? join(repoRoot, 'docs', 'playground')
  : join(repoRoot, 'test-results', 'playground');
const HAIKU_ID = 'anthropic.claude-3-haiku-20240307-v1:0';
const KEY = 'sk-playground-test-key-0123456789';

// Scripts run in the page. They are strings because this package is type-checked without the DOM library.
/** Records every text the last answer shows on its way: a streamed answer grows piece by piece. */
const RECORD_ANSWER_TEXTS = `
  window.answerTexts = [];
  new MutationObserver(() => {
    const bubble = document.querySelector('#chat-log .message.assistant:last-child .bubble');
    const text = bubble ? bubble.textContent : '';
    if (text !== window.answerTexts.at(-1)) window.answerTexts.push(text);
  }).observe(document.getElementById('chat-log'), { subtree: true, childList: true, characterData: true });
`;
/** Counts how often a dialog (the key prompt) opens. */
const COUNT_KEY_PROMPTS = `
  window.keyPrompts = 0;
  const showModal = HTMLDialogElement.prototype.showModal;
  HTMLDialogElement.prototype.showModal = function countedShowModal() {
    window.keyPrompts += 1;
    showModal.call(this);
  };
`;

const home = process.env.HOME;
let demo: DemoGateway;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const requestedUrls: string[] = [];
const chatBodies: Array<{ model: string; messages: Array<{ role: string; content: string }> }> = [];

function ensurePlaygroundBuilt(): void {
  // `pnpm test` builds first; a bare `vitest run` on a fresh checkout builds the page here.
  if (existsSync(join(serverRoot, 'dist', 'playground', 'index.html'))) return;
  execFileSync(
    'pnpm',
    ['--filter', '@llmrouter/server', 'exec', 'vite', 'build', '--config', 'playground/vite.config.ts'],
    { cwd: repoRoot, stdio: 'ignore' },
  );
}

async function launchBrowser(): Promise<Browser> {
  // Playwright gives every launch a fresh temporary profile; the flags keep Chromium off the network.
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

async function newPage(target: BrowserContext): Promise<Page> {
  const created = await target.newPage();
  created.on('request', (request) => {
    requestedUrls.push(request.url());
    if (request.url().endsWith('/v1/chat/completions') && request.method() === 'POST') {
      chatBodies.push(request.postDataJSON());
    }
  });
  return created;
}

/** The facts under an answer or a column, as label → value. */
async function factsOf(scope: ReturnType<Page['locator']>): Promise<Record<string, string>> {
  return scope
    .locator('.answer-facts > div')
    .evaluateAll((rows) =>
      Object.fromEntries(
        rows.map((row) => [
          row.querySelector('dt')?.textContent ?? '',
          row.querySelector('dd')?.textContent ?? '',
        ]),
      ),
    );
}

async function send(target: Page, prompt: string) {
  await target.fill('#chat-input', prompt);
  await target.press('#chat-input', 'Enter');
  const answer = target.locator('#chat-log .message.assistant').last();
  await answer.and(target.locator('[data-state="done"], [data-state="error"]')).waitFor();
  return answer;
}

// CI installs Chromium (.ci/run), so there a missing browser is a failure, not a skip.
describe.skipIf(!existsSync(CHROMIUM) && !process.env.CI)('the web playground in Chromium', () => {
  beforeAll(async () => {
    ensurePlaygroundBuilt();
    mkdirSync(screenshots, { recursive: true });
    process.env.HOME = mkdtempSync(join(tmpdir(), 'llmrouter-home-'));
    demo = await startDemoGateway({
      configPath: join(repoRoot, 'configs', 'demo.yaml'),
      port: 0,
      logger: createSilentLogger(),
    });
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await newPage(context);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await demo?.close();
    process.env.HOME = home;
  });

  it('chats: picks a model, streams the answer and shows the model, route, tokens, timing and cost', async () => {
    await page.goto(`${demo.gateway.url}/`);
    await page.locator('body[data-ready="true"]').waitFor();
    const options = await page
      .locator('#chat-model option')
      .evaluateAll((all) => all.map((option) => option.getAttribute('value')));
    expect(options).toEqual(['auto', 'claude-sonnet-4-5', 'claude-3-haiku', 'nova-lite', 'llama3-1-8b']);

    await page.selectOption('#chat-model', 'claude-3-haiku');
    await page.fill('#chat-system', 'Answer in one short paragraph.');
    await page.evaluate(RECORD_ANSWER_TEXTS);
    const first = await send(page, 'What is machine learning?');
    expect(await first.getAttribute('data-state')).toBe('done');
    const text = (await first.locator('.bubble').textContent()) ?? '';
    expect(text.startsWith('[claude-3-haiku] ')).toBe(true);
    const seen = (await page.evaluate('window.answerTexts')) as string[];
    expect(seen.filter((shown) => shown.startsWith('[claude-3-haiku]')).length).toBeGreaterThan(2);
    const facts = await factsOf(first);
    expect(facts).toMatchObject({ Model: 'claude-3-haiku · bedrock', Strategy: 'direct' });
    expect(facts.Tokens).toMatch(/^\d+ in · \d+ out$/);
    expect(facts.Cost).toMatch(/^\$\d/);
    expect(facts.Latency).toMatch(/\d+ (ms|s)$/);
    expect(facts['First token']).toMatch(/\d+ (ms|s)$/);

    // `auto`: the rules router sends code questions to the strongest model and says why.
    await page.selectOption('#chat-model', 'auto');
    const second = await send(page, 'Write a python function that reverses a list.');
    expect(await second.locator('.bubble').textContent()).toMatch(/^\[claude-sonnet-4-5\] /);
    const routed = await factsOf(second);
    expect(routed).toMatchObject({ Model: 'claude-sonnet-4-5 · bedrock', Strategy: 'rules' });
    expect(routed.Reason).not.toBe('—');
    expect(routed.Reason).not.toMatch(/%20/);

    // The second request carried the conversation so far.
    expect(chatBodies.at(-1)?.messages.map((message) => message.role)).toEqual([
      'system',
      'user',
      'assistant',
      'user',
    ]);
    expect(chatBodies.at(-1)).toMatchObject({
      model: 'auto',
      stream: true,
      stream_options: { include_usage: true },
    });
    await page.screenshot({ path: join(screenshots, 'chat.png') });
  });

  it('compares two models side by side, streamed in parallel, with cost and latency per column', async () => {
    await page.click('#tab-compare');
    await page.locator('#view-compare').waitFor();
    await page.uncheck('#compare-models input[value="claude-sonnet-4-5"]');
    await page.check('#compare-models input[value="nova-lite"]');
    await page.fill('#compare-prompt', 'Explain what a load balancer does.');
    await page.click('#compare-run');
    await page.locator('#compare-status', { hasText: '2 of 2 answered' }).waitFor();

    const columns = page.locator('#compare-columns .column');
    expect(
      await columns.evaluateAll((all) => all.map((column) => column.getAttribute('data-model'))),
    ).toEqual(['claude-3-haiku', 'nova-lite']);
    for (const model of ['claude-3-haiku', 'nova-lite']) {
      const column = page.locator(`#compare-columns .column[data-model="${model}"]`);
      expect(await column.getAttribute('data-state')).toBe('done');
      expect(await column.locator('.column-text').textContent()).toMatch(new RegExp(`^\\[${model}\\] `));
      const facts = await factsOf(column);
      expect(facts.Cost).toMatch(/^\$\d/);
      expect(facts.Latency).toMatch(/\d+ (ms|s)$/);
    }
    expect(await page.locator('#compare-columns .badge').count()).toBeGreaterThanOrEqual(2);
    await page.screenshot({ path: join(screenshots, 'compare.png') });
  });

  it('shows the live share of traffic per model and the cost so far from /metrics', async () => {
    await page.click('#tab-routing');
    const haiku = page.locator('#routing-rows tr[data-model="claude-3-haiku"]');
    await haiku.locator('td', { hasText: /^2$/ }).first().waitFor();
    const shares = await page
      .locator('#routing-rows tr')
      .evaluateAll((rows) =>
        rows.map((row) => [row.getAttribute('data-model'), row.querySelector('td .share')?.textContent]),
      );
    expect(shares).toEqual([
      ['claude-3-haiku', '50%'],
      ['claude-sonnet-4-5', '25%'],
      ['nova-lite', '25%'],
      ['llama3-1-8b', '0%'],
    ]);
    expect(await page.locator('#routing-summary').textContent()).toMatch(/Cost so far\$0\.\d+/);

    // Traffic from any client shows up at the next refresh, without reloading the page.
    const response = await fetch(`${demo.gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'llama3-1-8b', messages: [{ role: 'user', content: 'Hello' }] }),
    });
    expect(response.status).toBe(200);
    await page.locator('#routing-rows tr[data-model="llama3-1-8b"] td .share', { hasText: '20%' }).waitFor();
    await page.screenshot({ path: join(screenshots, 'routing.png') });
  });

  it('shows errors with their hint, before and after the stream began', async () => {
    await page.click('#tab-chat');
    await page.selectOption('#chat-model', 'claude-3-haiku');
    demo.emulator.inject({ type: 'stream-exception', afterEvents: 3, modelId: HAIKU_ID, times: 1 });
    const broken = await send(page, 'Tell me about routers.');
    expect(await broken.getAttribute('data-state')).toBe('error');
    // The text that arrived before the failure stays visible above the error.
    expect(await broken.locator('.bubble').textContent()).toMatch(/^\[claude-3-haiku\] \S/);
    const box = broken.locator('.error-box');
    expect(await box.getAttribute('role')).toBe('alert');
    expect(await box.locator('.error-hint').textContent()).toMatch(/^Hint: \S/);

    demo.emulator.inject({
      type: 'validation',
      message: 'Malformed input request.',
      modelId: HAIKU_ID,
      times: 1,
    });
    const refused = await send(page, 'And about switches?');
    expect(await refused.getAttribute('data-state')).toBe('error');
    expect(await refused.locator('.bubble').isHidden()).toBe(true);
    expect(await refused.locator('.error-message').textContent()).toMatch(/Malformed input request/);
    expect(await refused.locator('.error-hint').textContent()).toMatch(/^Hint: \S/);
    await refused.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshots, 'errors.png') });
  });

  it('asks for the key once when auth is on, keeps it for the tab only, and asks again after a wrong key', async () => {
    const before = process.env.LLMROUTER_MASTER_KEY;
    process.env.LLMROUTER_MASTER_KEY = KEY;
    let guarded: DemoGateway | undefined;
    try {
      guarded = await startDemoGateway({
        configPath: join(repoRoot, 'configs', 'demo.yaml'),
        port: 0,
        logger: createSilentLogger(),
      });
    } finally {
      if (before === undefined) delete process.env.LLMROUTER_MASTER_KEY;
      else process.env.LLMROUTER_MASTER_KEY = before;
    }
    const locked = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      const tab = await newPage(locked);
      await tab.addInitScript(COUNT_KEY_PROMPTS);
      await tab.goto(`${guarded.gateway.url}/`);
      await tab.locator('#key-dialog[open]').waitFor();
      expect(await tab.locator('#key-problem').isHidden()).toBe(true);
      await tab.fill('#key-input', 'sk-wrong-key');
      await tab.screenshot({ path: join(screenshots, 'auth.png') });
      await tab.press('#key-input', 'Enter');

      // The wrong key is refused: the dialog comes back and says why, with the hint.
      await tab.locator('#key-problem', { hasText: 'Missing or invalid API key' }).waitFor();
      expect(await tab.locator('#key-dialog').getAttribute('open')).not.toBeNull();
      expect(await tab.locator('#key-status').isHidden()).toBe(true);
      await tab.fill('#key-input', KEY);
      await tab.click('#key-dialog button[value="ok"]');
      await tab.locator('body[data-ready="true"]').waitFor();
      expect(await tab.locator('#key-status').isVisible()).toBe(true);

      const answer = await send(tab, 'Hello with a key');
      expect(await answer.getAttribute('data-state')).toBe('done');
      await tab.click('#tab-compare');
      await tab.fill('#compare-prompt', 'Two models, one key.');
      await tab.click('#compare-run');
      await tab.locator('#compare-status', { hasText: '2 of 2 answered' }).waitFor();
      expect(await tab.evaluate('window.keyPrompts')).toBe(2);
      expect(await tab.evaluate("sessionStorage.getItem('llmrouter.playground.key')")).toBe(KEY);
      expect(await tab.evaluate('localStorage.length')).toBe(0);

      // Another tab has its own sessionStorage: it asks again.
      const other = await newPage(locked);
      await other.goto(`${guarded.gateway.url}/`);
      await other.locator('#key-dialog[open]').waitFor();
      await other.click('#key-cancel');
      await other.locator('#notice .error-hint').waitFor();
      expect(await other.locator('#notice .error-message').textContent()).toMatch(/unauthorized/);
    } finally {
      await locked.close();
      await guarded?.close();
    }
  });

  it('loads nothing from outside the gateway', () => {
    expect(requestedUrls.length).toBeGreaterThan(10);
    const outside = requestedUrls.filter((url) => !url.startsWith('http://127.0.0.1:'));
    expect(outside).toEqual([]);
  });
});
