import type { StreamPartV1 } from '../spec';

export interface CollectedStream {
  parts: StreamPartV1[];
  text: string;
  reasoning: string;
  /** Tool calls reassembled from their deltas, in index order. */
  toolCalls: Array<{ id: string; name: string; arguments: string }>;
}

/** Reads a whole stream and reassembles its text and tool calls; rethrows the stream's error. */
export async function collectStream(stream: AsyncIterable<StreamPartV1>): Promise<CollectedStream> {
  const parts: StreamPartV1[] = [];
  let text = '';
  let reasoning = '';
  const calls = new Map<number, { id: string; name: string; arguments: string }>();
  for await (const part of stream) {
    parts.push(part);
    if (part.type === 'text-delta') text += part.text;
    else if (part.type === 'reasoning-delta') reasoning += part.text;
    else if (part.type === 'tool-call-delta') {
      const call = calls.get(part.index) ?? { id: '', name: '', arguments: '' };
      if (part.id !== undefined) call.id = part.id;
      if (part.name !== undefined) call.name = part.name;
      call.arguments += part.argumentsDelta;
      calls.set(part.index, call);
    }
  }
  const toolCalls = [...calls.entries()].sort(([left], [right]) => left - right).map(([, call]) => call);
  return { parts, text, reasoning, toolCalls };
}
