import type { EmulatedModel } from './bedrock-emulator-types.js';
import { bedrockErrors, converseMessages } from './bedrock-errors.js';
import type { ModelFamily } from './bedrock-model-table.js';
import { tokenize } from './deterministic-reply.js';
import { type Answer, base62, type ChatInput } from './generate-answer.js';
import { anthropicFamily } from './invoke-anthropic.js';
import {
  answerText,
  type ChatFamily,
  checkKeys,
  defined,
  type InvokeChunk,
  numberField,
  reasoningText,
  stringList,
} from './invoke-family-types.js';
import { novaFamily } from './invoke-nova.js';
import { asRecord } from './parse-converse-request.js';
import { parsePromptTemplate } from './parse-prompt-template.js';

type Body = Record<string, unknown>;

/** A ChatInput from a prompt-completion body: system and user turn read back out of the template. */
function fromPrompt(model: EmulatedModel, prompt: string, fields: Partial<ChatInput>): ChatInput {
  const parts = parsePromptTemplate(prompt);
  return {
    modelId: model.id,
    prompt: parts.user,
    inputText: prompt,
    ...(parts.system ? { system: parts.system } : {}),
    ...fields,
  };
}

/** Text chunks that concatenate to the answer text, one token each. */
function textPieces(answer: Answer): string[] {
  const pieces = tokenize(answerText(answer));
  return pieces.length > 0 ? pieces : [''];
}

const finishReason = (answer: Answer) => (answer.stopReason === 'max_tokens' ? 'length' : 'stop');

const titanText: ChatFamily = {
  parse(body, model) {
    const invalid = checkKeys(body, ['inputText'], ['textGenerationConfig']);
    if (invalid) return invalid;
    const config = asRecord(body.textGenerationConfig) ?? {};
    return {
      modelId: model.id,
      prompt: String(body.inputText)
        .replace(/^\s*User:\s*/i, '')
        .replace(/\s*Bot:\s*$/i, ''),
      inputText: String(body.inputText),
      ...defined({
        maxTokens: numberField(config.maxTokenCount),
        stopSequences: stringList(config.stopSequences),
      }),
    };
  },
  respond(answer) {
    return {
      inputTextTokenCount: answer.inputTokens,
      results: [
        {
          tokenCount: answer.outputTokens,
          outputText: answerText(answer),
          completionReason: titanReason(answer),
        },
      ],
    };
  },
  stream(answer) {
    const pieces = textPieces(answer);
    return pieces.map((outputText, index) => ({
      json: {
        outputText,
        index: 0,
        totalOutputTextTokenCount: index + 1,
        completionReason: index === pieces.length - 1 ? titanReason(answer) : null,
        inputTextTokenCount: index === 0 ? answer.inputTokens : null,
      },
      delta: true,
    }));
  },
};

function titanReason(answer: Answer): string {
  if (answer.stopReason === 'max_tokens') return 'LENGTH';
  return answer.stopReason === 'stop_sequence' ? 'STOP_CRITERIA_MET' : 'FINISH';
}

const llama: ChatFamily = {
  parse(body, model) {
    const invalid = checkKeys(body, ['prompt'], ['max_gen_len', 'temperature', 'top_p', 'images']);
    if (invalid) return invalid;
    return fromPrompt(model, String(body.prompt), defined({ maxTokens: numberField(body.max_gen_len) }));
  },
  respond(answer) {
    return {
      generation: answerText(answer),
      prompt_token_count: answer.inputTokens,
      generation_token_count: answer.outputTokens,
      stop_reason: finishReason(answer),
    };
  },
  stream(answer) {
    const pieces = textPieces(answer);
    return pieces.map((generation, index) => ({
      json: {
        generation,
        prompt_token_count: index === 0 ? answer.inputTokens : null,
        generation_token_count: index + 1,
        stop_reason: index === pieces.length - 1 ? finishReason(answer) : null,
      },
      delta: true,
    }));
  },
};

/** OpenAI-style chat bodies: AI21 Jamba, Mistral Large 2 and imported models. */
const openAiChat: ChatFamily = {
  parse(body, model) {
    const invalid = checkKeys(body, ['messages']);
    if (invalid) return invalid;
    const messages = (Array.isArray(body.messages) ? body.messages : []).map(
      (message) => asRecord(message) ?? {},
    );
    const textOf = (message: Body) =>
      typeof message.content === 'string' ? message.content : JSON.stringify(message.content ?? '');
    const system = messages
      .filter((message) => message.role === 'system')
      .map(textOf)
      .join('\n');
    return {
      modelId: model.id,
      prompt: textOf(messages.filter((message) => message.role === 'user').at(-1) ?? {}),
      inputText: messages.map(textOf).join('\n'),
      ...defined({
        system: system === '' ? undefined : system,
        maxTokens: numberField(body.max_tokens),
        stopSequences: stringList(body.stop),
      }),
    };
  },
  respond(answer, context) {
    return {
      id: `chatcmpl-${base62(context.seed, 29)}`,
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: answerText(answer) },
          finish_reason: finishReason(answer),
        },
      ],
      usage: openAiUsage(answer),
      model: context.modelId.replace(/^[a-z0-9-]+\./, '').replace(/-v\d+(:\d+)?$/, ''),
    };
  },
  stream(answer, context) {
    const id = `chatcmpl-${base62(context.seed, 29)}`;
    const chunks: InvokeChunk[] = [
      {
        json: { id, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] },
      },
    ];
    for (const content of textPieces(answer)) {
      chunks.push({
        json: { id, choices: [{ index: 0, delta: { content }, finish_reason: null }] },
        delta: true,
      });
    }
    chunks.push({
      json: {
        id,
        choices: [{ index: 0, delta: {}, finish_reason: finishReason(answer) }],
        usage: openAiUsage(answer),
      },
    });
    return chunks;
  },
};

function openAiUsage(answer: Answer) {
  return {
    prompt_tokens: answer.inputTokens,
    completion_tokens: answer.outputTokens,
    total_tokens: answer.inputTokens + answer.outputTokens,
  };
}

const mistral: ChatFamily = {
  parse(body, model) {
    if (Array.isArray(body.messages)) return openAiChat.parse(body, model);
    const invalid = checkKeys(body, ['prompt'], ['max_tokens', 'stop', 'temperature', 'top_p', 'top_k']);
    if (invalid) return invalid;
    return fromPrompt(
      model,
      String(body.prompt),
      defined({ maxTokens: numberField(body.max_tokens), stopSequences: stringList(body.stop) }),
    );
  },
  respond(answer) {
    return { outputs: [{ text: answerText(answer), stop_reason: finishReason(answer) }] };
  },
  stream(answer) {
    const pieces = textPieces(answer);
    return pieces.map((text, index) => ({
      json: { outputs: [{ text, stop_reason: index === pieces.length - 1 ? finishReason(answer) : null }] },
      delta: true,
    }));
  },
};

const cohereCommand: ChatFamily = {
  parse(body, model) {
    const invalid = checkKeys(body, ['message']);
    if (invalid) return invalid;
    const history = (Array.isArray(body.chat_history) ? body.chat_history : []).map(
      (turn) => asRecord(turn) ?? {},
    );
    const preamble = typeof body.preamble === 'string' ? body.preamble : undefined;
    return {
      modelId: model.id,
      prompt: String(body.message),
      inputText: [
        preamble ?? '',
        ...history.map((turn) => String(turn.message ?? '')),
        String(body.message),
      ].join('\n'),
      ...defined({
        system: preamble,
        maxTokens: numberField(body.max_tokens),
        stopSequences: stringList(body.stop_sequences),
      }),
    };
  },
  respond(answer, context) {
    return {
      response_id: uuidLike(context.seed),
      text: answerText(answer),
      generation_id: uuidLike(context.seed + 1),
      chat_history: [],
      finish_reason: cohereReason(answer),
    };
  },
  stream(answer, context) {
    const generation_id = uuidLike(context.seed + 1);
    return [
      { json: { is_finished: false, event_type: 'stream-start', generation_id } },
      ...textPieces(answer).map((text) => ({
        json: { is_finished: false, event_type: 'text-generation', text },
        delta: true,
      })),
      {
        json: {
          is_finished: true,
          event_type: 'stream-end',
          finish_reason: cohereReason(answer),
          response: { response_id: uuidLike(context.seed), text: answerText(answer), generation_id },
        },
      },
    ];
  },
};

const cohereReason = (answer: Answer) => (answer.stopReason === 'max_tokens' ? 'MAX_TOKENS' : 'COMPLETE');

function uuidLike(seed: number): string {
  const hex = Array.from(base62(seed, 32), (character) => (character.charCodeAt(0) % 16).toString(16)).join(
    '',
  );
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** DeepSeek R1 writes its reasoning before `</think>` in the completion text. */
const deepseek: ChatFamily = {
  parse(body, model) {
    const invalid = checkKeys(body, ['prompt'], ['max_tokens', 'temperature', 'top_p', 'stop']);
    if (invalid) return invalid;
    return fromPrompt(
      model,
      String(body.prompt),
      defined({
        maxTokens: numberField(body.max_tokens),
        stopSequences: stringList(body.stop),
        reasoning: model.reasoning ? ('unsigned' as const) : undefined,
      }),
    );
  },
  respond(answer) {
    return { choices: [{ text: deepseekText(answer), stop_reason: finishReason(answer) }] };
  },
  stream(answer) {
    const pieces = tokenize(deepseekText(answer));
    return pieces.map((text, index) => ({
      json: { choices: [{ text, stop_reason: index === pieces.length - 1 ? finishReason(answer) : null }] },
      delta: true,
    }));
  },
};

function deepseekText(answer: Answer): string {
  const reasoning = reasoningText(answer);
  return reasoning === undefined ? answerText(answer) : `${reasoning}\n</think>\n\n${answerText(answer)}`;
}

/** Models the table does not place in a family answer in whichever dialect the body speaks. */
const generic: ChatFamily = {
  parse(body, model) {
    if (Array.isArray(body.messages)) return openAiChat.parse(body, model);
    const prompt = body.prompt ?? body.inputText;
    if (typeof prompt !== 'string') {
      return bedrockErrors.validation(converseMessages.malformed('#: required key [prompt] not found'));
    }
    return fromPrompt(
      model,
      prompt,
      defined({ maxTokens: numberField(body.max_tokens ?? body.max_gen_len) }),
    );
  },
  respond: (answer, context) => llama.respond(answer, context),
  stream: (answer, context) => llama.stream(answer, context),
};

export function chatFamily(family: ModelFamily, body: Body): ChatFamily | undefined {
  switch (family) {
    case 'anthropic':
      return anthropicFamily;
    case 'titan-text':
      return titanText;
    case 'nova':
      return novaFamily;
    case 'llama':
      return llama;
    case 'mistral':
      return Array.isArray(body.messages) ? openAiChat : mistral;
    case 'cohere-command':
      return cohereCommand;
    case 'ai21':
      return openAiChat;
    case 'deepseek':
      return deepseek;
    case 'generic':
      return Array.isArray(body.messages) ? openAiChat : generic;
    default:
      return undefined;
  }
}
