export * from './mongo.module';
export * from './plain';
export * from './keyset';
export * from './retired-index';
