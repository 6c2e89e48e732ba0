export * from './topics';
export * from './errors';
export * from './envelope';
export * from './submission';
export * from './article';
export * from './events';
export * from './slug';
export * from './validation';
