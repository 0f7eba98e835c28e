import path from 'node:path';
import { defineConfig } from 'vitest/config';

const root = path.dirname(new URL(import.meta.url).pathname);
const alias = { '@': root, 'server-only': path.join(root, 'lib/testing/empty.ts') };

// Unit tests need nothing; integration tests get a fresh database per file (PGlite, or DATABASE_URL's server).
export default defineConfig({
  test: {
    projects: [
      { resolve: { alias }, test: { name: 'unit', include: ['lib/**/*.test.ts', 'components/**/*.test.ts?(x)'], exclude: ['**/*.int.test.ts', '**/*.hardening.test.ts'], environment: 'node' } },
      {
        resolve: { alias },
        test: {
          name: 'hardening',
          include: ['lib/**/*.hardening.test.ts'],
          environment: 'node',
          testTimeout: 600_000,
          hookTimeout: 60_000,
          env: { LOG_LEVEL: 'silent', AUTH_SECRET: 'test-secret-not-for-production', DATA_DIR: path.join(root, '.data-test') },
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['lib/**/*.int.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          env: { LOG_LEVEL: 'silent', AUTH_SECRET: 'test-secret-not-for-production', DATA_DIR: path.join(root, '.data-test') },
        },
      },
    ],
  },
});
