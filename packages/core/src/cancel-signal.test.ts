import { describe, expect, it } from 'vitest';
import { CancelSignal, toAbortSignal } from './cancel-signal';

describe('CancelSignal', () => {
  it('runs each listener once, in order, with the reason set; later aborts do nothing', () => {
    const signal = new CancelSignal();
    const seen: string[] = [];
    signal.addEventListener('abort', () => seen.push(`first:${String(signal.reason)}`));
    const removed = () => seen.push('removed');
    signal.addEventListener('abort', removed);
    signal.addEventListener('abort', () => seen.push('second'), { once: true });
    signal.removeEventListener('abort', removed);
    signal.abort('gone');
    signal.abort('again');
    expect(seen).toEqual(['first:gone', 'second']);
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBe('gone');
  });

  it('ignores listeners added after the abort, as an AbortSignal does', () => {
    const signal = new CancelSignal();
    signal.abort();
    let called = false;
    signal.addEventListener('abort', () => {
      called = true;
    });
    expect(called).toBe(false);
    expect(signal.reason).toBeInstanceOf(Error);
  });

  it('gives APIs that need one an AbortSignal that follows it', () => {
    const signal = new CancelSignal();
    const follower = toAbortSignal(signal);
    expect(follower.aborted).toBe(false);
    signal.abort('stop');
    expect(follower.aborted).toBe(true);
    expect(follower.reason).toBe('stop');
    const already = new CancelSignal();
    already.abort('early');
    expect(toAbortSignal(already).reason).toBe('early');
    const native = new AbortController().signal;
    expect(toAbortSignal(native)).toBe(native);
  });
});
