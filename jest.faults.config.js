// The fault tests (test/faults): real API, worker and Redis processes killed, stopped and restarted. They take
// minutes (a SIGKILLed worker's jobs come back after BullMQ's 30 s lock), so they run apart: npm run test:faults.
import base from './jest.config.js';

export default {
  ...base,
  testMatch: ['<rootDir>/test/faults/**/*.e2e-spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  testTimeout: 600_000,
  // These tests SIGKILL and restart real processes; a socket a killed child left half-open must not keep CI waiting
  // after every assertion has run (each test still closes what it opened in afterAll).
  forceExit: true,
};
