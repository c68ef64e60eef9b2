import { BedrockError } from './bedrock-errors.js';
import { converseResponseBody, converseUsage } from './converse-response.js';
import { tokenize } from './deterministic-reply.js';
import type { ChatFamily, InvokeChunk } from './invoke-family-types.js';
import { asRecord, parseConverseRequest } from './parse-converse-request.js';

/** Amazon Nova's InvokeModel body (`messages-v1`) is Converse-shaped, with snake_case inference settings. */
export const novaFamily: ChatFamily = {
  parse(body, model) {
    const inference = asRecord(body.inferenceConfig) ?? {};
    const parsed = parseConverseRequest(
      {
        messages: body.messages,
        system: body.system,
        toolConfig: body.toolConfig,
        inferenceConfig: {
          maxTokens: inference.max_new_tokens ?? inference.maxTokens,
          stopSequences: inference.stopSequences,
        },
      },
      model,
    );
    return parsed instanceof BedrockError ? parsed : parsed.chat;
  },
  respond(answer) {
    const { output, stopReason, usage } = converseResponseBody(answer, converseUsage(answer), 0) as Record<
      string,
      unknown
    >;
    return {
      output,
      stopReason,
      usage: { ...(usage as object), cacheReadInputTokenCount: 0, cacheWriteInputTokenCount: 0 },
    };
  },
  stream(answer) {
    const chunks: InvokeChunk[] = [{ json: { messageStart: { role: 'assistant' } } }];
    answer.blocks.forEach((block, contentBlockIndex) => {
      if (block.type === 'toolUse') {
        chunks.push({
          json: {
            contentBlockStart: {
              start: { toolUse: { toolUseId: block.toolUseId, name: block.name } },
              contentBlockIndex,
            },
          },
        });
        chunks.push({
          json: {
            contentBlockDelta: {
              delta: { toolUse: { input: JSON.stringify(block.input) } },
              contentBlockIndex,
            },
          },
          delta: true,
        });
      } else {
        for (const text of tokenize(block.text)) {
          const delta = block.type === 'text' ? { text } : { reasoningContent: { text } };
          chunks.push({ json: { contentBlockDelta: { delta, contentBlockIndex } }, delta: true });
        }
      }
      chunks.push({ json: { contentBlockStop: { contentBlockIndex } } });
    });
    chunks.push({ json: { messageStop: { stopReason: answer.stopReason } } });
    chunks.push({
      json: {
        metadata: {
          usage: { inputTokens: answer.inputTokens, outputTokens: answer.outputTokens },
          metrics: {},
          trace: {},
        },
      },
    });
    return chunks;
  },
};
