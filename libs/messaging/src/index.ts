export * from './kafka';
export * from './outbox';
export * from './producer';
export * from './relay';
export * from './consumer';
export * from './messaging.module';
export * from './connect';
