import { createInterface } from 'node:readline';
import { computeCost, type MessageV1, type StreamPartV1 } from '@llmrouter/core';
import { LLMRouterError } from '@llmrouter/errors';
import { type CliIo, print } from '../cli-io';
import { buildCliRuntime } from '../cli-runtime';
import { type OptionValues, stringOption } from '../command-spec';
import { EXIT_OK } from '../exit-codes';
import { formatCost, formatDollars, formatTokens } from '../format-usage';
import { errorRecord } from '../report-error';
import { chatRequest, type RequestOptions, requestOptions, userMessage } from '../request-options';
import { type Runtime, routeChat, startChatStream } from '../server-parts';

interface ChatState {
  runtime: Runtime;
  model: string;
  history: MessageV1[];
  options: RequestOptions;
  spent: number;
  /** Aborts the answer being streamed, if any. */
  answering: AbortController | undefined;
}

function chatModelNames(runtime: Runtime): string[] {
  return [...runtime.models.values()].filter((model) => model.kind === 'chat').map((model) => model.name);
}

function listModels(io: CliIo, state: ChatState): void {
  for (const model of state.runtime.models.values()) {
    if (model.kind !== 'chat') continue;
    const { inputPrice, outputPrice } = model.prices;
    const price =
      inputPrice === undefined ? 'no price' : `$${inputPrice}/$${outputPrice ?? '?'} per M tokens`;
    const marker = model.name === state.model ? '*' : ' ';
    print(
      io,
      `${marker} ${io.out.bold(model.name.padEnd(24))} ${model.provider.id.padEnd(18)} ${price}${model.routable ? '' : io.out.dim(' (not routed)')}`,
    );
  }
  print(
    io,
    `${state.model === 'auto' ? '*' : ' '} ${io.out.bold('auto'.padEnd(24))} routed by ${state.runtime.routerConfig.strategy}`,
  );
}

/** Handles a /command; returns false to leave the chat. */
function handleCommand(io: CliIo, state: ChatState, line: string): boolean {
  const [command, ...args] = line.slice(1).trim().split(/\s+/);
  switch (command) {
    case 'exit':
    case 'quit':
      return false;
    case 'clear':
      state.history = [];
      print(io, io.out.dim('(conversation cleared)'));
      return true;
    case 'models':
      listModels(io, state);
      return true;
    case 'model': {
      const name = args[0];
      if (name === undefined) print(io, `model: ${state.model}`);
      else if (name === 'auto' || chatModelNames(state.runtime).includes(name)) {
        state.model = name;
        print(
          io,
          io.out.dim(
            `(answering with ${name === 'auto' ? `auto: routed by ${state.runtime.routerConfig.strategy}` : name})`,
          ),
        );
      } else
        print(
          io,
          `${io.out.red('unknown model')} "${name}"; choose one of: ${chatModelNames(state.runtime).join(', ')}, auto`,
        );
      return true;
    }
    default:
      print(io, '/model <name|auto>  /models  /clear  /exit   (Ctrl-C stops an answer, Ctrl-D leaves)');
      return true;
  }
}

async function answer(io: CliIo, state: ChatState, text: string): Promise<void> {
  const history = [...state.history, userMessage(text)];
  const controller = new AbortController();
  state.answering = controller;
  let reply = '';
  try {
    const routed = await routeChat(state.runtime, {
      model: state.model,
      request: chatRequest(history, state.options),
      headers: {},
      metadata: {},
      signal: controller.signal,
    });
    const stream = await startChatStream(state.runtime, routed, controller.signal);
    let finish: Extract<StreamPartV1, { type: 'finish' }> | undefined;
    try {
      const parts = (async function* () {
        yield* stream.buffered;
        while (true) {
          const next = await stream.rest.next();
          if (next.done) return;
          yield next.value;
        }
      })();
      for await (const part of parts) {
        if (part.type === 'text-delta') {
          reply += part.text;
          io.stdout.write(part.text);
        } else if (part.type === 'finish') finish = part;
      }
    } finally {
      stream.release();
    }
    io.stdout.write('\n');
    const cost = finish ? computeCost(finish.usage, stream.model.prices) : undefined;
    state.spent += cost?.total ?? 0;
    const usage = finish ? ` · ${formatTokens(finish.usage)}` : '';
    print(
      io,
      io.out.dim(
        `— ${stream.model.name} (${routed.decision.strategy}: ${routed.decision.reason})${usage} · ${formatCost(cost)}`,
      ),
    );
    state.history = [...history, { role: 'assistant', content: [{ type: 'text', text: reply }] }];
  } catch (error) {
    if (reply) io.stdout.write('\n');
    if (controller.signal.aborted || (LLMRouterError.is(error) && error.code === 'aborted')) {
      print(io, io.out.dim('(answer stopped)'));
      if (reply)
        state.history = [...history, { role: 'assistant', content: [{ type: 'text', text: reply }] }];
      return;
    }
    const record = errorRecord(error);
    print(io, `${io.out.red('error')}: ${record.message}`);
    print(io, `${io.out.yellow('hint')}: ${record.hint}`);
  } finally {
    state.answering = undefined;
  }
}

export async function run(values: OptionValues, _positionals: string[], io: CliIo): Promise<number> {
  const options = requestOptions(values, 'chat');
  const { runtime, loaded } = await buildCliRuntime(values, io);
  const state: ChatState = { runtime, model: 'auto', history: [], options, spent: 0, answering: undefined };
  const initial = stringOption(values, 'model');
  if (initial !== undefined && !handleCommand(io, state, `/model ${initial}`)) return EXIT_OK;

  const terminal = io.stdin.isTTY === true && io.stdout.isTTY === true;
  const lines = createInterface({ input: io.stdin, output: io.stdout, terminal, prompt: io.out.bold('> ') });
  print(
    io,
    `llmrouter chat: ${loaded.source} · ${chatModelNames(runtime).length} models · model ${state.model} (/help for commands, Ctrl-D to leave)`,
  );
  // Ctrl-C stops the answer being streamed; at the prompt it leaves. Readline reports it on a terminal;
  // on a pipe it arrives as a signal.
  const interrupt = () => {
    if (state.answering) state.answering.abort();
    else lines.close();
  };
  lines.on('SIGINT', interrupt);
  process.on('SIGINT', interrupt);

  lines.prompt();
  for await (const raw of lines) {
    const line = raw.trim();
    if (line === '') {
      lines.prompt();
      continue;
    }
    if (line.startsWith('/')) {
      if (!handleCommand(io, state, line)) break;
    } else {
      await answer(io, state, line);
    }
    lines.prompt();
  }
  lines.close();
  process.off('SIGINT', interrupt);
  io.stdout.write('\n');
  print(io, io.out.dim(`bye (this session cost ${formatDollars(state.spent)})`));
  return EXIT_OK;
}
