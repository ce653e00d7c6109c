import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: end-to-end tests spawn the CLI, so two workers keep the machine responsive.
    maxWorkers: 2,
  },
});
