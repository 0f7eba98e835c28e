import { z } from 'zod';

/**
 * The whole configuration, parsed once with zod. Every environment variable the app reads is one entry of `schema`
 * (README, Configuration); to add one, add an entry with a comment and read it through `env()`.
 *
 * Two levels of checking:
 * - `env()` parses types (numbers are numbers, flags are 0/1, URLs are URLs) and throws `EnvError` naming the variable.
 *   It does not demand production-only settings, because `next build` (NODE_ENV=production) imports route modules
 *   without any secrets.
 * - `checkEnvAtStart()` (lib/boot.ts, at server start) additionally requires AUTH_SECRET and APP_URL in production,
 *   and the server refuses to start with a message that names each problem and its fix.
 */

/** A non-negative integer with a default; "abc", "1.5" or "-3" are errors, never NaN. */
const int = (fallback: number, opts: { min?: number; max?: number } = {}) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(opts.min ?? 0).max(opts.max ?? Number.MAX_SAFE_INTEGER))
    .optional()
    .transform((v) => v ?? fallback);

/** An on/off switch written as 1 or 0 (also true/false). */
const flag = (fallback: boolean) =>
  z
    .enum(['0', '1', 'true', 'false'], { message: 'must be 1 or 0' })
    .optional()
    .transform((v) => (v === undefined ? fallback : v === '1' || v === 'true'));

/** An absolute http(s) URL without path, query or trailing parts: the origin every link is built from. */
const origin = z
  .string()
  .trim()
  .refine((s) => {
    try {
      const u = new URL(s);
      return (u.protocol === 'http:' || u.protocol === 'https:') && (u.pathname === '/' || u.pathname === '') && !u.search && !u.hash && !u.username;
    } catch {
      return false;
    }
  }, 'must be an absolute http(s) origin without a path, e.g. https://einwilligung.example.de')
  .transform((s) => new URL(s).origin);

const optionalString = z.string().trim().min(1).optional().catch(undefined);

const schema = z.object({
  NODE_ENV: z.string().optional(),
  // Real PostgreSQL (postgres://…); unset → embedded PGlite in $DATA_DIR/pglite.
  DATABASE_URL: z
    .string()
    .trim()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  // postgres.js connections per app instance.
  DATABASE_POOL_SIZE: int(10, { min: 1, max: 1000 }),
  // 0: send statements unprepared (PgBouncer < 1.21 in transaction mode).
  DATABASE_PREPARE: flag(true),
  // Embedded database, local mail outbox, generated development secret.
  DATA_DIR: z.string().trim().min(1).default('.data'),
  // Signs sessions and derives invite-link tokens; required in production.
  AUTH_SECRET: z.string().min(1).optional(),
  // Production escape hatch (demos): allow a generated secret in $DATA_DIR. Never with real users.
  ALLOW_GENERATED_SECRET: flag(false),
  // The public origin; every mailed or printed URL is built from it and, in production, the only accepted Host.
  APP_URL: origin.optional(),
  // Auth.js's own URL setting. Optional: the app sets it from APP_URL; if given, it must have APP_URL's origin.
  AUTH_URL: z.string().trim().min(1).optional(),
  // How many reverse proxies in front of the app append to X-Forwarded-For (0 = trust no forwarding header).
  TRUSTED_PROXY_HOPS: int(0, { max: 10 }),
  // Send mail through Resend; unset → local outbox.
  RESEND_API_KEY: optionalString,
  // Point the Resend SDK elsewhere (tests use a local stub); read by the SDK itself.
  RESEND_BASE_URL: z.string().trim().url('must be a URL').optional(),
  // Sender address.
  MAIL_FROM: z.string().trim().min(3).default('Einwilligung <no-reply@einwilligung.local>'),
  // How often the outbox worker looks for due mail (ms).
  MAIL_POLL_MS: int(2000, { min: 50 }),
  // 0 disables the in-process mail worker.
  MAIL_WORKER: flag(true),
  // The mail provider's request limit per second for the whole deployment (Resend: 2 per team by default).
  RESEND_RATE_LIMIT: int(2, { min: 1, max: 10_000 }),
  // 1 shows /dev/outbox on a production build (e2e tests only).
  DEV_OUTBOX: flag(false),
  // 0 skips seeding the demo tenant on an embedded database.
  SEED_DEMO: flag(true),
  // silent silences the JSON log.
  LOG_LEVEL: z.enum(['silent', 'error', 'warn', 'info', 'debug']).default('info'),
  // Public consent submissions per minute per client address.
  CONSENT_RATE_LIMIT_IP: int(20, { min: 1 }),
  // Public consent submissions per minute per invite link.
  CONSENT_RATE_LIMIT_LINK: int(120, { min: 1 }),
  // Public chain verifications per minute per client address.
  VERIFY_RATE_LIMIT_IP: int(20, { min: 1 }),
  // Public ledger requests (keys, checkpoints, consistency proofs, tiles) per minute per client address (issue #16).
  LEDGER_RATE_LIMIT_IP: int(300, { min: 1 }),
  // Sign-in mails per e-mail address per SIGNIN_RATE_LIMIT_WINDOW seconds.
  SIGNIN_RATE_LIMIT_EMAIL: int(5, { min: 1 }),
  // Sign-in requests per client address per SIGNIN_RATE_LIMIT_WINDOW seconds.
  SIGNIN_RATE_LIMIT_IP: int(30, { min: 1 }),
  // The sign-in limits' window in seconds.
  SIGNIN_RATE_LIMIT_WINDOW: int(900, { min: 1 }),
  // 1 enables the benchmark no-op routes.
  BENCH_ROUTES: flag(false),
  // HTTP port of next dev / next start (the default APP_URL's port).
  PORT: int(3000, { min: 1, max: 65535 }),
  // Encrypts the WhatsApp access tokens, app secrets and verify tokens at rest (AES-256-GCM): 32 bytes as 64 hex
  // characters or base64. Unset in development → generated into $DATA_DIR/whatsapp-secrets-key; required in production
  // once a number is connected.
  WHATSAPP_SECRETS_KEY: z
    .string()
    .trim()
    .refine((s) => /^[0-9a-fA-F]{64}$/.test(s) || Buffer.from(s, 'base64').length === 32, 'must be 32 bytes: 64 hex characters or base64 (`openssl rand -hex 32`)')
    .optional(),
  // How often the ledger sequencer looks for queued events besides its own kicks (appends of other instances), ms.
  LEDGER_POLL_MS: int(250, { min: 20 }),
  // Signs the tenants' ledger checkpoints (issue #16): a C2SP signed-note signer key `PRIVATE+KEY+<name>+<id>+<key>`
  // (`npm run ledger:keygen -- <name>`). Unset in development → generated once into $DATA_DIR/ledger-signing-key;
  // required in production.
  LEDGER_SIGNING_KEY: z
    .string()
    .trim()
    .regex(/^PRIVATE\+KEY\+[^+\s]+\+[0-9a-fA-F]{8}\+[A-Za-z0-9+/=]+$/, 'must be a signer key PRIVATE+KEY+<name>+<id>+<key> (`npm run ledger:keygen -- <name>`)')
    .optional(),
  // Verifier keys of retired signing keys (rotation), comma-separated `<name>+<id>+<key>`: published next to the
  // current key so checkpoints they signed stay verifiable.
  LEDGER_VERIFIER_KEYS: z
    .string()
    .trim()
    .transform((s) => s.split(',').map((k) => k.trim()).filter(Boolean))
    .optional(),
  // The WhatsApp Cloud API base URL. Unset → https://graph.facebook.com in production, the built-in simulator
  // (in process) in development and tests; `simulator` forces the simulator; any URL (e.g. the simulator's own
  // Graph stand-in at <APP_URL>/dev/whatsapp/graph) is called over HTTP.
  WHATSAPP_GRAPH_URL: z
    .string()
    .trim()
    .refine((s) => s === 'simulator' || /^https?:\/\/[^\s]+$/.test(s), 'must be an http(s) URL or `simulator`')
    .transform((s) => s.replace(/\/+$/, ''))
    .optional(),
  // Graph API version in the send URL.
  WHATSAPP_GRAPH_VERSION: z
    .string()
    .trim()
    .regex(/^v\d+\.\d+$/, 'must look like v23.0')
    .default('v23.0'),
});

export type Env = z.infer<typeof schema>;
const KEYS = Object.keys(schema.shape) as (keyof Env)[];

/** A configuration problem; the message names the variable(s) and the fix. */
export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'EnvError';
  }
}

/** Parses an environment object (process.env by default); throws EnvError naming every bad variable. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  // An empty value counts as unset (a blank line in a .env file).
  const input = Object.fromEntries(KEYS.map((k) => [k, source[k] === '' ? undefined : source[k]]));
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    // Secrets are named, never echoed: the message goes to the console and logs.
    const shown = (k: string) => (/SECRET|KEY|TOKEN|PASSWORD/.test(k) ? '<redacted>' : JSON.stringify(input[k]));
    throw new EnvError(parsed.error.issues.map((i) => `${String(i.path[0])}=${shown(String(i.path[0]))}: ${i.message}`));
  }
  return parsed.data;
}

/** Problems that only matter to a running production server (not to `next build` or development). */
export function productionProblems(e: Env): string[] {
  if (e.NODE_ENV !== 'production') return [];
  const problems: string[] = [];
  if (!e.AUTH_SECRET && !e.ALLOW_GENERATED_SECRET) problems.push('AUTH_SECRET is required in production: set it to a random value, e.g. `openssl rand -base64 32`.');
  if (!e.LEDGER_SIGNING_KEY && !e.ALLOW_GENERATED_SECRET && !e.DEV_OUTBOX) problems.push('LEDGER_SIGNING_KEY is required in production: the key that signs the ledger checkpoints (`npm run ledger:keygen -- <your domain>`; keep the printed verifier key).');
  if (!e.APP_URL) problems.push('APP_URL is required in production: set it to the public origin, e.g. APP_URL=https://einwilligung.example.de (every mailed link is built from it, and it is the only accepted Host).');
  if (e.APP_URL && e.AUTH_URL) {
    let authOrigin: string | null = null;
    try {
      authOrigin = new URL(e.AUTH_URL).origin;
    } catch {
      authOrigin = null;
    }
    if (authOrigin !== e.APP_URL) problems.push(`AUTH_URL must have APP_URL's origin (${e.APP_URL}), or leave it unset: the app derives it from APP_URL.`);
  }
  return problems;
}

/** Throws EnvError unless the environment is valid for a running server (types, plus production requirements). */
export function checkEnvAtStart(source: Record<string, string | undefined> = process.env): Env {
  const e = parseEnv(source);
  const problems = productionProblems(e);
  if (problems.length) throw new EnvError(problems);
  return e;
}

let cached: { fingerprint: string; env: Env } | undefined;

/**
 * The parsed configuration. Cached; re-parsed only when one of its variables changed (tests set some at run time),
 * which costs one read of each variable instead of a zod parse.
 */
export function env(): Env {
  const fingerprint = KEYS.map((k) => process.env[k] ?? '\u0000').join('\u0001');
  if (cached?.fingerprint !== fingerprint) cached = { fingerprint, env: parseEnv(process.env) };
  return cached.env;
}
