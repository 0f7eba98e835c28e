import 'server-only';
import { rawRows } from '@/lib/db/raw-rows';
import { sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { mailsGoToLocalOutbox } from '@/lib/config';
import { env } from '@/lib/env';
import type { MailLane } from './lanes';

/**
 * The mail provider's rate limit for the whole deployment: one token bucket per provider in `mail_rate_limits`,
 * shared by every worker of every instance (Resend counts requests per team, not per server). Each send takes one
 * token in one atomic statement (the row is locked, refilled by elapsed time × rate up to the burst, and a token taken
 * only if there is one); a 429 from the provider blocks the bucket until its `retry-after` for everyone.
 *
 * Bulk mail may only take a token while one more stays in the bucket: the last token is kept for interactive mail,
 * so a sign-in link finds one at once even while a backlog of evidence mail drains at the full rate. The local outbox
 * (no RESEND_API_KEY) writes files and has no bucket.
 */
export const PROVIDER = 'resend';
/** Tokens only interactive mail may take (the rest of the burst is shared). */
const INTERACTIVE_RESERVE = 1;

export type TokenAnswer = { taken: true } | { taken: false; waitMs: number };

export type BucketConfig = { name: string; ratePerSecond: number; burst: number };

/** The bucket for the configured provider, or null when mail goes to the local outbox. */
export function providerBucket(): BucketConfig | null {
  if (mailsGoToLocalOutbox()) return null;
  const rate = env().RESEND_RATE_LIMIT;
  // One second's worth, at least the interactive reserve plus one token for bulk.
  return { name: PROVIDER, ratePerSecond: rate, burst: Math.max(rate, INTERACTIVE_RESERVE + 1) };
}


/**
 * Takes one send token for a mail of `lane`, or says how long to wait for one (the refill time, or the provider's
 * block). One statement: the row is locked (FOR UPDATE returns its newest version), refilled and decremented together,
 * so concurrent workers never spend the same token. clock_timestamp(), not now(): a statement that waited for the lock
 * must not compute with its transaction's older start time.
 */
export async function takeSendToken(conn: Db, bucket: BucketConfig, lane: MailLane): Promise<TokenAnswer> {
  const need = lane === 'interactive' ? 1 : 1 + INTERACTIVE_RESERVE;
  for (let attempt = 0; attempt < 2; attempt++) {
    const [r] = await rawRows<{ taken: boolean; wait_ms: number | string }>(
      conn,
      sql`with s as (
            select name, at, t, blocked_until, (blocked_until is null or blocked_until <= at) as unblocked
            from (
              select name, blocked_until, clock_timestamp() as at,
                     least(${bucket.burst}::float8, tokens + greatest(0, extract(epoch from clock_timestamp() - refilled_at)) * ${bucket.ratePerSecond}::float8) as t
              from mail_rate_limits where name = ${bucket.name} for update
            ) locked
          )
          update mail_rate_limits m
          set tokens = case when s.unblocked and s.t >= ${need}::float8 then s.t - 1 else s.t end,
              refilled_at = greatest(m.refilled_at, s.at)
          from s
          where m.name = s.name
          returning s.unblocked and s.t >= ${need}::float8 as taken,
            case when not s.unblocked then ceil(extract(epoch from s.blocked_until - s.at) * 1000)
                 else ceil(greatest(0, ${need}::float8 - s.t) / ${bucket.ratePerSecond}::float8 * 1000) end as wait_ms`,
    );
    if (r) return r.taken ? { taken: true } : { taken: false, waitMs: Math.max(1, Number(r.wait_ms)) };
    // First use of this bucket: create it full, then take.
    await conn.execute(sql`insert into mail_rate_limits (name, tokens, refilled_at) values (${bucket.name}, ${bucket.burst}, clock_timestamp()) on conflict (name) do nothing`);
  }
  throw new Error(`mail rate-limit bucket ${bucket.name} could not be created`);
}

/**
 * The provider answered 429: nobody sends before `retryAfterSeconds` have passed (the later of this and an existing
 * block wins), and the bucket starts empty then. Returns the time the block ends.
 */
export async function blockProvider(conn: Db, name: string, retryAfterSeconds: number): Promise<Date> {
  const [r] = await rawRows<{ blocked_until: string | Date }>(
    conn,
    sql`insert into mail_rate_limits as m (name, tokens, refilled_at, blocked_until)
        values (${name}, 0, clock_timestamp() + make_interval(secs => ${retryAfterSeconds}), clock_timestamp() + make_interval(secs => ${retryAfterSeconds}))
        on conflict (name) do update set
          blocked_until = greatest(coalesce(m.blocked_until, excluded.blocked_until), excluded.blocked_until),
          refilled_at = greatest(coalesce(m.blocked_until, excluded.blocked_until), excluded.blocked_until),
          tokens = 0
        returning blocked_until`,
  );
  return new Date(r!.blocked_until);
}

/** When the provider's block ends, if it is blocked now (dashboard). */
export async function providerBlockedUntil(conn: Db, name = PROVIDER): Promise<Date | null> {
  const [r] = await rawRows<{ blocked_until: string | Date | null }>(conn, sql`select blocked_until from mail_rate_limits where name = ${name} and blocked_until > now()`);
  return r?.blocked_until ? new Date(r.blocked_until) : null;
}
