import type { ImagePartV1 } from '@llmrouter/core';

/** An OpenAI `image_url` (a `data:` URL or a link) as a v1 image part; shared by both request parsers. */
export function convertOpenAIImageUrl(url: string): ImagePartV1 {
  const data = /^data:([^;,]+);base64,(.*)$/s.exec(url);
  if (data)
    return {
      type: 'image',
      source: { type: 'base64', mediaType: data[1] ?? 'image/png', data: data[2] ?? '' },
    };
  return { type: 'image', source: { type: 'url', url } };
}
