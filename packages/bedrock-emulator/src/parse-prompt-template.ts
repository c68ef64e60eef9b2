export interface PromptParts {
  system?: string;
  /** The last user turn, without template markup. */
  user: string;
}

const LLAMA3_TURN =
  /<\|start_header_id\|>(\w+)<\|end_header_id\|>([\s\S]*?)(?=<\|eot_id\|>|<\|start_header_id\|>|$)/g;

/**
 * Prompt-completion families (Llama, Mistral, DeepSeek, Titan) take one string with the chat template
 * baked in. The emulator reads the system part and the last user turn back out of it, so the answer
 * depends on what the user asked rather than on the template.
 */
export function parsePromptTemplate(prompt: string): PromptParts {
  const turns = [...prompt.matchAll(LLAMA3_TURN)].map((match) => ({
    role: match[1] ?? '',
    text: (match[2] ?? '').trim(),
  }));
  if (turns.length > 0) {
    const system = turns.find((turn) => turn.role === 'system')?.text;
    const user = turns.filter((turn) => turn.role === 'user').at(-1)?.text ?? '';
    return system ? { system, user } : { user };
  }
  const instructions = [...prompt.matchAll(/\[INST\]([\s\S]*?)\[\/INST\]/g)].map((match) => match[1] ?? '');
  if (instructions.length > 0) {
    const lastInstruction = instructions.at(-1) ?? '';
    const system = /<<SYS>>([\s\S]*?)<<\/SYS>>/.exec(instructions[0] ?? '')?.[1]?.trim();
    const user = strip(lastInstruction.replace(/<<SYS>>[\s\S]*?<<\/SYS>>/, ''));
    return system ? { system, user } : { user };
  }
  return { user: strip(prompt) };
}

function strip(text: string): string {
  return text
    .replace(/<\|[^|]*\|>|<｜[^｜]*｜>|<\/?s>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
