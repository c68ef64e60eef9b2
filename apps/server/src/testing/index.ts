export {
  type LoopbackUpstream,
  type LoopbackUpstreamOptions,
  startLoopbackUpstream,
} from './loopback-openai-upstream';
