import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';

// Issue #11 (7b): a production server with a missing or malformed setting must refuse to start and say which one,
// not start and fail every sign-in later. Runs the production server as `npm start` does (server.mjs) on the build
// scripts/e2e.sh made (NEXT_DIST_DIR).

function startWith(env: Record<string, string | undefined>): Promise<{ code: number | null; output: string }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'einw-start-'));
  const base: Record<string, string | undefined> = { ...process.env, DATA_DIR: dataDir, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', LOG_LEVEL: 'silent' };
  for (const k of ['AUTH_SECRET', 'APP_URL', 'AUTH_URL', 'DATABASE_URL', 'CONSENT_RATE_LIMIT_IP']) delete base[k];
  const port = String(3300 + Math.floor(Math.random() * 500));
  const child = spawn(process.execPath, ['server.mjs', '-p', port], { env: { ...base, ...env } as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  return new Promise((resolve) => {
    // A server that starts answers requests; give it time to fail first, then end it (it must not get that far).
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      rmSync(dataDir, { recursive: true, force: true });
      resolve({ code, output });
    });
  });
}

test('npm start without AUTH_SECRET exits non-zero and names AUTH_SECRET', async () => {
  const { code, output } = await startWith({ APP_URL: 'http://localhost:3999' });
  expect(code, output).not.toBe(0);
  expect(code, output).not.toBeNull();
  expect(output).toContain('AUTH_SECRET');
});

test('npm start with a number that is not a number exits non-zero and names it', async () => {
  const { code, output } = await startWith({ APP_URL: 'http://localhost:3999', AUTH_SECRET: 'x', CONSENT_RATE_LIMIT_IP: 'abc' });
  expect(code, output).not.toBe(0);
  expect(code, output).not.toBeNull();
  expect(output).toContain('CONSENT_RATE_LIMIT_IP');
});

test('npm start without APP_URL exits non-zero and names APP_URL', async () => {
  const { code, output } = await startWith({ AUTH_SECRET: 'x' });
  expect(code, output).not.toBe(0);
  expect(code, output).not.toBeNull();
  expect(output).toContain('APP_URL');
});
