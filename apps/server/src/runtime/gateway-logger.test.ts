import { PassThrough } from 'node:stream';
import { registerSecret } from '@llmrouter/errors';
import { describe, expect, it } from 'vitest';
import { createConsoleLogger } from './gateway-logger';

function capture() {
  const output = new PassThrough();
  const chunks: string[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
  return { output, chunks };
}

describe('createConsoleLogger', () => {
  it('writes one JSON line per request, time first, secrets redacted, in one write per batch', () => {
    const { output, chunks } = capture();
    const logger = createConsoleLogger(output);
    registerSecret('sk-logger-test-secret-0001');
    logger.request({ requestId: 'one', status: 200, skipped: undefined });
    logger.request({
      requestId: 'two',
      errorCode: 'request_invalid',
      reason: 'key sk-logger-test-secret-0001',
    });
    logger.request({});
    expect(chunks).toEqual([]);
    logger.flush?.();
    expect(chunks).toHaveLength(1);
    const lines = (chunks[0] ?? '').trimEnd().split('\n');
    const parsed = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(parsed.map((line) => Object.keys(line)[0])).toEqual(['time', 'time', 'time']);
    expect(parsed[0]).toEqual({ time: expect.any(String), requestId: 'one', status: 200 });
    expect(Number.isNaN(Date.parse(String(parsed[0]?.time)))).toBe(false);
    expect(parsed[1]?.reason).not.toContain('sk-logger-test-secret-0001');
    expect(parsed[2]).toEqual({ time: expect.any(String) });
  });

  it('writes a batch by itself after a short wait', async () => {
    const { output, chunks } = capture();
    const logger = createConsoleLogger(output);
    logger.request({ requestId: 'later' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(chunks.join('')).toContain('"requestId":"later"');
  });
});
