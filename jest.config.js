// Native ESM under Jest (NestJS 12 ships ESM only): swc compiles TypeScript with legacy decorators and metadata.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'es6' },
    sourceMaps: 'inline',
  },
];

export default {
  rootDir: '.',
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': swc },
  // package.json#imports point at dist/ for Node; the tests run the TypeScript sources instead.
  moduleNameMapper: {
    '^#domain/(.*)\\.js$': '<rootDir>/libs/domain/src/$1',
    '^#platform/(.*)\\.js$': '<rootDir>/libs/platform/src/$1',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts', '<rootDir>/test/**/*.int-spec.ts'],
  // test/faults (real processes, minutes): npm run test:faults with jest.faults.config.js
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/test/faults/'],
  globalSetup: '<rootDir>/test/global-setup.mjs',
  globalTeardown: '<rootDir>/test/global-teardown.mjs',
  testTimeout: 30000,
};
