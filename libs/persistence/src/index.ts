export * from './mongo.module';
export * from './plain';
