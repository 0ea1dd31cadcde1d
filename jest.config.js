// Jest runs the TypeScript sources as ES modules (ts-jest, transpile only; `tsc` type-checks).
// Workspace packages resolve to their sources so tests never need a build.
const workspaces = {
  contracts: 'packages/contracts',
  platform: 'packages/platform',
  kitchen: 'packages/kitchen',
  activities: 'activities',
  workflows: 'workflows',
  session: 'services/session',
  gateway: 'services/gateway',
  worker: 'services/worker',
};

const moduleNameMapper = {
  '^@ai-chef/contracts/workflow$': '<rootDir>/packages/contracts/src/workflow.ts',
  ...Object.fromEntries(
    Object.entries(workspaces).map(([name, dir]) => [`^@ai-chef/${name}$`, `<rootDir>/${dir}/src/index.ts`]),
  ),
  '^(\\.{1,2}/.*)\\.js$': '$1',
};

const common = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper,
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.jest.json' }] },
};

export default {
  // Integration tests wait on real servers and Temporal retry intervals (2 s, 4 s).
  testTimeout: 120_000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/{packages,services,activities,workflows}/**/src/**/*.test.ts', '<rootDir>/test/deploy/**/*.test.ts'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.mjs',
      globalTeardown: '<rootDir>/test/support/global-teardown.mjs',
    },
    {
      // Property-based fuzzing of every public route against the in-process stack; part of `npm test`.
      ...common,
      displayName: 'fuzz',
      testMatch: ['<rootDir>/test/fuzz/**/*.test.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/fuzz/fast-check-setup.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.mjs',
      globalTeardown: '<rootDir>/test/support/global-teardown.mjs',
    },
    {
      // `npm run test:faults`: the services as child processes (built dist/) through crashes and outages.
      ...common,
      displayName: 'faults',
      testMatch: ['<rootDir>/test/faults/**/*.test.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.mjs',
      globalTeardown: '<rootDir>/test/support/global-teardown.mjs',
    },
    {
      // Playwright driving Debian's chromium against the in-process stack; `npm test` adds it when /usr/bin/chromium exists.
      ...common,
      displayName: 'browser',
      testMatch: ['<rootDir>/test/browser/**/*.test.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.mjs',
      globalTeardown: '<rootDir>/test/support/global-teardown.mjs',
    },
    {
      // Not part of `npm test`: `npm run record:histories` re-records test/histories/ from real runs.
      // page-tti.test.ts measures the web page on a throttled phone (record:histories leaves it out).
      ...common,
      displayName: 'tools',
      testMatch: ['<rootDir>/test/tools/**/*.test.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.mjs',
      globalTeardown: '<rootDir>/test/support/global-teardown.mjs',
    },
  ],
};
