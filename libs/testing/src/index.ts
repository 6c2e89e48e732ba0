export { waitFor } from '../../../tools/platform/wait';
export * from '../../../tools/platform/services';
export * from './context';
export * from './topic-reader';
export * from '../../../tools/platform/platform';
export * from './factories';
export * from '../../../tools/platform/client';
export * from './content';
export * from './private-stack';
