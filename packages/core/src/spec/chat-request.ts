/** v1 normalized chat request: OpenAI-style messages and settings, provider-neutral. */

export interface TextPartV1 {
  type: 'text';
  text: string;
  /** Ask the provider to cache the prompt up to and including this part, where the model supports it. */
  cachePoint?: boolean;
}

export type ImageSourceV1 =
  | { type: 'base64'; mediaType: string; data: string }
  | { type: 'url'; url: string };

export interface ImagePartV1 {
  type: 'image';
  source: ImageSourceV1;
}

export type UserContentPartV1 = TextPartV1 | ImagePartV1;

export interface ToolCallV1 {
  id: string;
  name: string;
  /** The arguments as JSON text, exactly as the model produced them. */
  arguments: string;
}

export interface SystemMessageV1 {
  role: 'system';
  content: string;
  cachePoint?: boolean;
}

export interface UserMessageV1 {
  role: 'user';
  content: UserContentPartV1[];
}

export interface AssistantMessageV1 {
  role: 'assistant';
  content: TextPartV1[];
  toolCalls?: ToolCallV1[];
}

export interface ToolMessageV1 {
  role: 'tool';
  toolCallId: string;
  content: string;
  isError?: boolean;
}

export type MessageV1 = SystemMessageV1 | UserMessageV1 | AssistantMessageV1 | ToolMessageV1;

export interface ToolV1 {
  name: string;
  description?: string;
  /** JSON Schema of the arguments object. */
  parameters: Record<string, unknown>;
}

export type ToolChoiceV1 = 'auto' | 'none' | 'required' | { type: 'tool'; name: string };

export type ResponseFormatV1 =
  | { type: 'text' }
  | { type: 'json'; schema?: Record<string, unknown>; name?: string };

export interface ChatRequestV1 {
  messages: MessageV1[];
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  stop?: string[];
  seed?: number;
  tools?: ToolV1[];
  toolChoice?: ToolChoiceV1;
  responseFormat?: ResponseFormatV1;
  /** Settings outside the spec, keyed by provider id: `{ bedrock: { additionalModelRequestFields } }`. */
  providerOptions?: Record<string, Record<string, unknown>>;
}
