import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';
import { chromium } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 3100);
export const E2E_DATA_DIR = process.env.E2E_DATA_DIR ?? '.data-e2e';

/** A Playwright-installed browser if there is one, else Debian's Chromium (`apt-get install -y chromium`). */
function executablePath(): string | undefined {
  if (existsSync(chromium.executablePath())) return undefined;
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  throw new Error('No browser for e2e tests: run `npx playwright install chromium` or `apt-get install -y chromium`.');
}

export default defineConfig({
  testDir: 'e2e',
  // The hardening specs run in `npm run test:hardening` (HARDENING=1), not in every `npm test`.
  testIgnore: process.env.HARDENING === '1' ? [] : ['hardening/**'],
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: `http://localhost:${port}`,
    locale: 'de-DE',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: executablePath(),
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    },
  },
  webServer: {
    // The production build (scripts/e2e.sh builds it first) served as `npm start` serves it (server.mjs: the WhatsApp
    // webhook's POST before Next's router), on its own data directory.
    command: `node server.mjs -p ${port}`,
    url: `http://localhost:${port}/signin`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    env: {
      DATA_DIR: E2E_DATA_DIR,
      DEV_OUTBOX: '1',
      // WhatsApp goes to the built-in simulator (/dev/whatsapp), not to Meta (a production build's default).
      WHATSAPP_GRAPH_URL: 'simulator',
      AUTH_SECRET: 'e2e-secret-not-for-production',
      // APP_URL alone: the app derives Auth.js's URL from it (no AUTH_URL), as a deployment following the README would.
      APP_URL: `http://localhost:${port}`,
      // The whole suite signs in from one address; the per-address sign-in limit is checked by its own spec
      // (e2e/hardening/request-origin.spec.ts tests the per-e-mail one at its default).
      SIGNIN_RATE_LIMIT_IP: '1000',
      MAIL_POLL_MS: '300',
      NEXT_TELEMETRY_DISABLED: '1',
      ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
    },
  },
});
