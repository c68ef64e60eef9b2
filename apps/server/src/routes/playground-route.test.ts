import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { playgroundRoute } from './playground';

function builtPlayground(): string {
  const directory = mkdtempSync(join(tmpdir(), 'llmrouter-playground-'));
  mkdirSync(join(directory, 'assets'));
  writeFileSync(join(directory, 'index.html'), '<!doctype html><title>playground</title>');
  writeFileSync(join(directory, 'assets', 'index-AbC123.js'), 'console.log(1);');
  writeFileSync(join(directory, 'assets', 'index-AbC123.css'), 'body{}');
  writeFileSync(join(directory, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  return directory;
}

function appFor(directory: string) {
  const app = new Hono();
  app.route('/', playgroundRoute({ directory }));
  app.get('/metrics', (c) => c.text('metrics'));
  app.notFound((c) => c.json({ error: { message: 'not found' } }, 404));
  return app;
}

describe('playgroundRoute', () => {
  it('serves the page at / with a strict content policy and revalidation', async () => {
    const app = appFor(builtPlayground());
    const page = await app.request('/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(page.headers.get('content-security-policy')).toContain("connect-src 'self'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('<title>playground</title>');

    const etag = page.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await app.request('/', { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('serves hashed assets for a year with their content types', async () => {
    const app = appFor(builtPlayground());
    const script = await app.request('/assets/index-AbC123.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const style = await app.request('/assets/index-AbC123.css');
    expect(style.headers.get('content-type')).toBe('text/css; charset=utf-8');
    const icon = await app.request('/favicon.svg');
    expect(icon.headers.get('content-type')).toBe('image/svg+xml');
    expect(icon.headers.get('cache-control')).toBe('public, max-age=3600');
  });

  it('leaves every other path to the gateway, and never reads outside the build', async () => {
    const app = appFor(builtPlayground());
    expect(await (await app.request('/metrics')).text()).toBe('metrics');
    for (const path of [
      '/assets/missing.js',
      '/../package.json',
      '/assets/..%2f..%2fpackage.json',
      '/etc/passwd',
    ]) {
      const response = await app.request(path);
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ error: { message: 'not found' } });
    }
  });

  it('answers / with a hint when the playground was not built', async () => {
    const app = appFor(join(tmpdir(), 'llmrouter-playground-missing'));
    const page = await app.request('/');
    expect(page.status).toBe(404);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('pnpm --filter @llmrouter/server build');
    expect((await app.request('/assets/index.js')).status).toBe(404);
  });
});
