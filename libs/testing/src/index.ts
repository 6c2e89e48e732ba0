export * from './wait';
export * from './context';
export * from './topic-reader';
export * from './service-process';
export * from './platform';
export * from './factories';
