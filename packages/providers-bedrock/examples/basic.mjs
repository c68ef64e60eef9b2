// Runnable as is, offline: it starts a local Bedrock emulator. To call AWS instead, delete the
// emulator lines and the `endpoint`/key settings; the provider then uses your AWS credentials
// (environment, ~/.aws profile, SSO or IAM role) and region.
import { startBedrockEmulator } from '@llmrouter/bedrock-emulator';
import { createBedrockProvider } from '@llmrouter/providers-bedrock';

const emulator = await startBedrockEmulator();
const bedrock = createBedrockProvider({
  region: 'us-east-1',
  endpoint: emulator.url,
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'example-secret-key',
});

try {
  const model = bedrock.chatModel('anthropic.claude-3-haiku-20240307-v1:0');
  const request = {
    messages: [
      { role: 'system', content: 'You are a concise assistant.' },
      { role: 'user', content: [{ type: 'text', text: 'What is AWS Bedrock?' }] },
    ],
    maxTokens: 200,
    temperature: 0.2,
  };

  const result = await model.generate(request);
  console.log(`text: ${result.text}`);
  console.log(`finish: ${result.finishReason}`);
  console.log(`tokens: ${result.usage.inputTokens} in, ${result.usage.outputTokens} out`);
  console.log(`cost: $${result.cost?.total.toFixed(6)}`);
  console.log(`region: ${result.providerMetadata.bedrock.region}`);

  let streamed = '';
  for await (const part of model.stream(request)) {
    if (part.type === 'text-delta') streamed += part.text;
    if (part.type === 'finish')
      console.log(`streamed: ${part.usage.outputTokens} tokens, same text: ${streamed === result.text}`);
  }

  // A model that needs an inference profile: the provider retries with `us.` and says so.
  const sonnet = await bedrock.chatModel('anthropic.claude-sonnet-4-5-20250929-v1:0').generate(request);
  console.log(`answered by: ${sonnet.modelId}`);
} finally {
  bedrock.close();
  await emulator.close();
}
