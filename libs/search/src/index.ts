export * from './search-document';
export * from './index-settings';
export * from './languages';
export * from './stop-words';
export * from './synonyms';
export * from './meili';
export * from './search.module';
