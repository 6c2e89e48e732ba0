export * from './search-document';
export * from './index-settings';
export * from './meili';
export * from './search.module';
