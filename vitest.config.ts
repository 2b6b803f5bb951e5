import { defineConfig } from 'vitest/config';
import { QUIET_AWS_SDK_ENV } from './src/config.js';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    env: { ...QUIET_AWS_SDK_ENV },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
