import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Vitest's default, one worker fewer than cores, runs files one at a time on 2 cores; most of our files spend
    // their time waiting on servers, browsers and child processes, so two at once take a fifth to a third off the
    // suite there (clean-checkout CI: 253 s serial, 199 s with two; on a built tree 167 s; three were no faster).
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
