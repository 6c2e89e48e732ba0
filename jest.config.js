// Unit specs sit beside the code; integration and end-to-end specs run against the real Kafka,
// Mongo store and Meilisearch that test/global-setup.ts starts once on free ports.
/** @type {import('jest').Config} */
const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)s$': ['@swc/jest', swc] },
  // meilisearch ships ES modules only; jest runs CommonJS, so it is transformed too.
  transformIgnorePatterns: ['/node_modules/(?!meilisearch/)'],
  moduleNameMapper: { '^@broadsheet/(.*)$': '<rootDir>/libs/$1/src' },
  testMatch: [
    '<rootDir>/{apps,libs,bench,tools}/**/*.spec.ts',
    '<rootDir>/test/**/*.spec.ts',
    '<rootDir>/test/**/*.e2e-spec.ts',
  ],
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  testTimeout: 120_000,
  maxWorkers: 2,
  reporters: ['default', '<rootDir>/test/summary-reporter.js'],
};
