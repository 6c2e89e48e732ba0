export * from './mongo.module';
export * from './plain';
export * from './keyed-serializer';
export * from './keyset';
