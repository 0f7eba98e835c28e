import { describe, expect, it } from 'vitest';
import { checkEnvAtStart, EnvError, parseEnv } from '../env';
import { generateNoteKey } from '../ledger/tlog/note';

const ledgerKey = generateNoteKey('einwilligung.example.de').skey;
const production = { NODE_ENV: 'production', AUTH_SECRET: 's3cret', APP_URL: 'https://einwilligung.example.de', LEDGER_SIGNING_KEY: ledgerKey };

function problemOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(EnvError);
    return (e as Error).message;
  }
  throw new Error('expected an EnvError');
}

describe('lib/env', () => {
  it('a valid production environment parses into typed values with defaults', () => {
    const e = checkEnvAtStart({ ...production, CONSENT_RATE_LIMIT_IP: '7', MAIL_WORKER: '0', TRUSTED_PROXY_HOPS: '1' });
    expect(e.CONSENT_RATE_LIMIT_IP).toBe(7);
    expect(e.CONSENT_RATE_LIMIT_LINK).toBe(120);
    expect(e.MAIL_WORKER).toBe(false);
    expect(e.TRUSTED_PROXY_HOPS).toBe(1);
    expect(e.APP_URL).toBe('https://einwilligung.example.de');
    expect(e.SIGNIN_RATE_LIMIT_EMAIL).toBeGreaterThan(0);
  });

  it('development needs nothing', () => {
    const e = checkEnvAtStart({ NODE_ENV: 'development' });
    expect(e.APP_URL).toBeUndefined();
    expect(e.TRUSTED_PROXY_HOPS).toBe(0);
  });

  it('production without AUTH_SECRET is refused, naming it and the fix', () => {
    const message = problemOf(() => checkEnvAtStart({ ...production, AUTH_SECRET: undefined }));
    expect(message).toContain('AUTH_SECRET');
    expect(message).toContain('openssl rand');
  });

  it('production without LEDGER_SIGNING_KEY is refused; a malformed one is named without echoing it', () => {
    expect(problemOf(() => checkEnvAtStart({ ...production, LEDGER_SIGNING_KEY: undefined }))).toContain('ledger:keygen');
    const bad = problemOf(() => parseEnv({ LEDGER_SIGNING_KEY: 'PRIVATE+KEY+secret-material' }));
    expect(bad).toContain('LEDGER_SIGNING_KEY=<redacted>');
    expect(bad).not.toContain('secret-material');
  });

  it('production without APP_URL is refused; `next build` (parse only) is not', () => {
    expect(problemOf(() => checkEnvAtStart({ ...production, APP_URL: undefined }))).toContain('APP_URL');
    expect(() => parseEnv({ NODE_ENV: 'production' })).not.toThrow();
  });

  it('a number that is not a number is an error naming the variable, never NaN', () => {
    expect(problemOf(() => parseEnv({ CONSENT_RATE_LIMIT_IP: 'abc' }))).toContain('CONSENT_RATE_LIMIT_IP="abc"');
    expect(problemOf(() => parseEnv({ DATABASE_POOL_SIZE: '1.5' }))).toContain('DATABASE_POOL_SIZE');
    expect(problemOf(() => parseEnv({ TRUSTED_PROXY_HOPS: '-1' }))).toContain('TRUSTED_PROXY_HOPS');
  });

  it('APP_URL must be an origin, and AUTH_URL must agree with it', () => {
    expect(problemOf(() => parseEnv({ APP_URL: 'einwilligung.example.de' }))).toContain('APP_URL');
    expect(problemOf(() => parseEnv({ APP_URL: 'https://x.example/app' }))).toContain('APP_URL');
    expect(problemOf(() => checkEnvAtStart({ ...production, AUTH_URL: 'https://evil.example' }))).toContain('AUTH_URL');
    expect(checkEnvAtStart({ ...production, AUTH_URL: 'https://einwilligung.example.de/api/auth' }).APP_URL).toBe('https://einwilligung.example.de');
  });
});
