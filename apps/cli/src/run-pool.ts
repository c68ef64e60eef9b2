/**
 * Runs `work` over every item with at most `concurrency` at once, in input order of starting.
 * Each item's outcome is passed to `onSettled` as it finishes (for progress and append-only writes).
 */
export async function runPool<Item, Result>(
  items: readonly Item[],
  concurrency: number,
  work: (item: Item, index: number) => Promise<Result>,
  onSettled: (index: number) => void = () => {},
): Promise<Result[]> {
  const results: Result[] = new Array(items.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await work(items[index] as Item, index);
      onSettled(index);
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
  return results;
}
