export * from './cancel-signal';
export * from './config';
export * from './pricing';
export * from './provider-names';
export * from './provider-registry';
export * from './spec';
