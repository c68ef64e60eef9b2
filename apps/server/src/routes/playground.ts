import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import type { GatewayEnv } from '../gateway-context';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.woff2': 'font/woff2',
};

// The page is built to load only from the gateway; the policy makes the browser hold it to that.
const PAGE_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

// Built, this module is a file in dist/ beside dist/playground; under vitest it runs from src/routes/.
const CANDIDATES = [
  new URL('./playground/', import.meta.url),
  new URL('../../dist/playground/', import.meta.url),
];

interface StaticFile {
  body: Uint8Array<ArrayBuffer>;
  etag: string;
  cacheControl: string;
  headers: Record<string, string>;
}

export interface PlaygroundOptions {
  /** The built playground; default: dist/playground of this package. */
  directory?: string;
}

function cacheControl(path: string): string {
  // Vite puts a content hash in every name under assets/, so those never change; the page must revalidate.
  if (path.startsWith('/assets/')) return 'public, max-age=31536000, immutable';
  if (path === '/index.html') return 'no-cache';
  return 'public, max-age=3600';
}

function loadFiles(root: string): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>();
  const walk = (folder: string, prefix: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = `${prefix}/${entry.name}`;
      if (entry.isDirectory()) walk(join(folder, entry.name), path);
      else if (entry.isFile()) {
        const body = new Uint8Array(readFileSync(join(folder, entry.name)));
        const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
        files.set(path, {
          body,
          etag,
          cacheControl: cacheControl(path),
          headers: {
            'content-type': CONTENT_TYPES[extname(entry.name)] ?? 'application/octet-stream',
            'cache-control': cacheControl(path),
            etag,
            'x-content-type-options': 'nosniff',
            ...(path === '/index.html' ? PAGE_HEADERS : {}),
          },
        });
      }
    }
  };
  walk(root, '');
  return files;
}

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>LLMRouter playground not built</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; line-height: 1.5">
<h1>The playground has not been built</h1>
<p>The gateway is running and its API works (<code>POST /v1/chat/completions</code>, <code>GET /v1/models</code>,
<code>GET /metrics</code>), but the web playground's files are missing.</p>
<p><strong>Hint:</strong> run <code>pnpm --filter @llmrouter/server build</code> (or <code>pnpm build</code>), then
restart the gateway.</p>
</body></html>`;

/**
 * The web playground at `/`: the files Vite built into dist/playground, read once into memory. Only
 * files found there are served, so no request path ever reaches the file system.
 */
export function playgroundRoute(options: PlaygroundOptions = {}) {
  const app = new Hono<GatewayEnv>();
  let files: Map<string, StaticFile> | undefined;
  const current = () => {
    if (files) return files;
    const directory =
      options.directory ??
      CANDIDATES.map((candidate) => fileURLToPath(candidate)).find((folder) =>
        existsSync(join(folder, 'index.html')),
      );
    // Not cached when missing, so a build made while the gateway runs is picked up.
    if (directory !== undefined && existsSync(join(directory, 'index.html'))) files = loadFiles(directory);
    return files;
  };

  app.get('*', async function playground(c, next) {
    const found = current();
    const path = c.req.path === '/' ? '/index.html' : c.req.path;
    if (!found) {
      if (path !== '/index.html') return next();
      return c.html(NOT_BUILT, 404, { 'cache-control': 'no-store' });
    }
    const file = found.get(path);
    if (!file) return next();
    if (c.req.header('if-none-match') === file.etag) {
      return c.body(null, 304, { etag: file.etag, 'cache-control': file.cacheControl });
    }
    return c.body(file.body, 200, file.headers);
  });
  return app;
}
