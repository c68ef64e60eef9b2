import type { ChatRequestV1, UserMessageV1 } from '@llmrouter/core';

/** The last user message, which is what a routing decision is about. */
export function lastUserMessage(request: ChatRequestV1): UserMessageV1 | undefined {
  for (let index = request.messages.length - 1; index >= 0; index--) {
    const message = request.messages[index];
    if (message?.role === 'user') return message;
  }
  return undefined;
}

/** The text of the last user message, its text parts joined by a newline. */
export function routingText(request: ChatRequestV1): string {
  const message = lastUserMessage(request);
  if (!message) return '';
  const texts: string[] = [];
  for (const part of message.content) if (part.type === 'text') texts.push(part.text);
  return texts.join('\n');
}

export function hasImages(request: ChatRequestV1): boolean {
  return request.messages.some(
    (message) => message.role === 'user' && message.content.some((part) => part.type === 'image'),
  );
}

export function hasTools(request: ChatRequestV1): boolean {
  return (request.tools?.length ?? 0) > 0;
}
