import { createHash } from 'node:crypto';
import { appendFile, readFile } from 'node:fs/promises';
import type { UsageV1 } from '@llmrouter/core';

/** One paid call, kept so that a rerun never pays for it again. */
export interface CachedAnswer {
  type: 'answer';
  key: string;
  question: string;
  model: string;
  answer: string;
  usage: UsageV1;
  cost_usd: number | null;
}

/** A judge's grade of one cached answer. */
export interface CachedGrade {
  type: 'grade';
  key: string;
  judge: string;
  score: number;
}

export type CacheLine = CachedAnswer | CachedGrade;

/** The cache key of a (question, model) pair: stable across runs and input order. */
export function answerKey(question: string, model: string): string {
  return createHash('sha256').update(question).update('\u0000').update(model).digest('hex').slice(0, 32);
}

/**
 * An append-only JSONL file. Each line is written as soon as its call returns, so an interruption loses
 * at most the calls in flight; a torn last line (a crash mid-write) is skipped on reading.
 */
export class AnswerCache {
  readonly answers = new Map<string, CachedAnswer>();
  readonly grades = new Map<string, number>();
  private writing: Promise<void> = Promise.resolve();

  private constructor(readonly path: string) {}

  static async open(path: string): Promise<AnswerCache> {
    const cache = new AnswerCache(path);
    let text = '';
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      let entry: CacheLine;
      try {
        entry = JSON.parse(line) as CacheLine;
      } catch {
        continue;
      }
      if (entry.type === 'answer' && typeof entry.answer === 'string') cache.answers.set(entry.key, entry);
      else if (entry.type === 'grade' && typeof entry.score === 'number')
        cache.grades.set(`${entry.key}|${entry.judge}`, entry.score);
    }
    return cache;
  }

  grade(key: string, judge: string): number | undefined {
    return this.grades.get(`${key}|${judge}`);
  }

  /** Appends one line; writes are serialized so concurrent calls never interleave bytes. */
  append(entry: CacheLine): Promise<void> {
    if (entry.type === 'answer') this.answers.set(entry.key, entry);
    else this.grades.set(`${entry.key}|${entry.judge}`, entry.score);
    const line = `${JSON.stringify(entry)}\n`;
    this.writing = this.writing.then(() => appendFile(this.path, line));
    return this.writing;
  }
}
