export type * from './chat-request';
export type * from './chat-result';
export { emptyUsage } from './chat-result';
export type * from './models';
export type * from './router';
export type * from './stream-part';
