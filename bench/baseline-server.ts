// Bare baseline (b) of the consent benchmark: node:http + postgres.js (or PGlite), no framework, no ORM, no zod.
// POST /consent/<slug>/<token> with the endpoint's JSON body sends the same SQL statements, in the same round trips
// and order, as one opt-in through POST /api/public/consent/<slug>/<token>: the texts are copied from PostgreSQL's
// statement log of submitDecision (one alias added, as rows are objects here), prepared as db/prepared-client.ts has
// drizzle send them (postgres.js `unsafe(text, params, { prepare: true })`: without the option it sends every
// statement unprepared, Parse+Describe then Bind+Execute, two round trips), independent statements pipelined as
// lib/db/pipelined.ts does. GET /prepared counts pg_prepared_statements of our tables (not postgres.js's own type
// lookup) on each pooled connection; bench/consent.ts checks after the run that the statements were prepared for real.
// One rate-limit upsert (two keys); link lookup; tenant transaction: [set_config + RLS role, notice check,
// idempotency lookup] → [contact insert, identity insert, evidence outbox row (held until sealed)] → [event insert (v3,
// hash from lib/consent/event-hash, no seq), ledger queue row, contact status, link use count] → commit. Answers 201.
// Since issue #16 there is no chain-head lock: the sequencer seals the event later (not part of the request).
// So endpoint/bare is the cost of Next.js routing + proxy, zod and drizzle around the same database work.
//   PORT=4001 DATABASE_URL=postgres://… AUTH_SECRET=… npx tsx bench/baseline-server.ts
//   PORT=4001 PGLITE_DIR=/tmp/dir   AUTH_SECRET=… npx tsx bench/baseline-server.ts   (a directory no one else opens)
import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { CANON_VERSION_TLOG, eventHash, type ChainedEvent } from '@/lib/consent/event-hash';
import { truncateIp } from '@/lib/consent/ip';
import { piiHash } from '@/lib/consent/pii';

type Param = string | number | null;
type Row = Record<string, unknown>;
type Query = (text: string, params?: Param[]) => Promise<Row[]>;
type Conn = {
  query: Query;
  tx: <T>(fn: (q: Query) => Promise<T>) => Promise<T>;
  /** Named prepared statements per pooled connection (pg_prepared_statements is per session); null on PGlite. */
  preparedCounts: () => Promise<number[] | null>;
};

const SECRET = process.env.AUTH_SECRET ?? '';
if (!SECRET) throw new Error('AUTH_SECRET must be set (the same as the seeding script used)');
const LIMIT_IP = Number(process.env.CONSENT_RATE_LIMIT_IP ?? 20);
const LIMIT_LINK = Number(process.env.CONSENT_RATE_LIMIT_LINK ?? 120);

async function connect(): Promise<Conn> {
  if (process.env.PGLITE_DIR) {
    const { PGlite } = await import('@electric-sql/pglite');
    const { pgliteExtensions } = await import('@/db');
    const pg = new PGlite({ dataDir: process.env.PGLITE_DIR, extensions: await pgliteExtensions() }); // contacts carry trigram indexes
    return {
      query: async (text, params = []) => (await pg.query<Row>(text, params)).rows,
      tx: (fn) => pg.transaction((t) => fn(async (text, params = []) => (await t.query<Row>(text, params)).rows)),
      preparedCounts: async () => null,
    };
  }
  const { default: postgres } = await import('postgres');
  const max = Number(process.env.DATABASE_POOL_SIZE ?? 10);
  const sql = postgres(process.env.DATABASE_URL ?? '', { max, onnotice: () => {} });
  const prepared = { prepare: true } as const;
  return {
    query: async (text, params = []) => [...(await sql.unsafe<Row[]>(text, params, prepared))],
    tx: async <T>(fn: (q: Query) => Promise<T>) =>
      (await sql.begin((t) => fn(async (text, params = []) => [...(await t.unsafe<Row[]>(text, params, prepared))]))) as T,
    // Reserves every connection of the pool at once (so each is a different session), asks each, gives them back.
    preparedCounts: async () => {
      const reserved = await Promise.all(Array.from({ length: max }, () => sql.reserve()));
      try {
        return await Promise.all(reserved.map(async (r) => Number((await r.unsafe<{ n: number }[]>(`select count(*)::int as n from pg_prepared_statements where statement ~ '"(rate_limits|invite_links|notice_versions|consent_events|contacts|mail_outbox|ledger_queue)"'`))[0]!.n)));
      } finally {
        for (const r of reserved) r.release();
      }
    },
  };
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const contactTokenHash = (id: string) => sha256(createHmac('sha256', SECRET).update(`contact:${id}`).digest('base64url'));

class HttpError extends Error {
  constructor(readonly status: number) {
    super(String(status));
  }
}

async function hitRateLimits(db: Conn, keys: { key: string; limit: number }[]): Promise<boolean> {
  const windowStart = new Date(Math.floor(Date.now() / 60_000) * 60_000).toISOString();
  const hashed = keys.map((k) => ({ ...k, key: sha256(k.key).slice(0, 32) }));
  const rows = await db.query(
    'insert into "rate_limits" ("key", "window_start", "count") values ($1, $2, $3), ($4, $5, $6) on conflict ("key","window_start") do update set "count" = "rate_limits"."count" + 1 returning "key", "count"',
    hashed.flatMap((k) => [k.key, windowStart, 1]),
  );
  if (Math.random() < 0.01) await db.query('delete from "rate_limits" where "rate_limits"."window_start" < $1', [new Date(Date.now() - 3600_000).toISOString()]);
  return hashed.every((k) => Number(rows.find((r) => r.key === k.key)?.count ?? 0) <= k.limit);
}

type Body = { decision: string; noticeVersionId: string; name: string; phone: string; idempotencyKey: string; locale?: string };

async function submit(db: Conn, slug: string, token: string, body: Body, rawIp: string, userAgent: string | null) {
  if (!(await hitRateLimits(db, [{ key: `consent:ip:${rawIp}`, limit: LIMIT_IP }, { key: `consent:link:${token}`, limit: LIMIT_LINK }]))) throw new HttpError(429);
  const [link] = await db.query(
    'select "invite_links"."tenant_id", "invite_links"."id" as "link_id", "invite_links"."notice_id", "invite_links"."label", "invite_links"."token_hash", "invite_links"."created_by", "invite_links"."expires_at", "invite_links"."max_uses", "invite_links"."uses", "invite_links"."opens", "invite_links"."prefill_name", "invite_links"."prefill_phone", "invite_links"."revoked_at", "invite_links"."created_at", "tenants"."id", "tenants"."slug", "tenants"."name", "tenants"."legal_name", "tenants"."address", "tenants"."controller_representative", "tenants"."dpo_name", "tenants"."dpo_email", "tenants"."impressum_url", "tenants"."contact_phone", "tenants"."brand_color", "tenants"."logo_base64" is not null as "has_logo", "tenants"."double_opt_in", "tenants"."evidence_email" from "invite_links" inner join "tenants" on "tenants"."id" = "invite_links"."tenant_id" where ("invite_links"."token_hash" = $1 and "tenants"."slug" = $2)',
    [sha256(token), slug],
  );
  if (!link) throw new HttpError(404);
  if (link.revoked_at || (link.expires_at && new Date(String(link.expires_at)) <= new Date()) || (link.max_uses !== null && Number(link.uses) >= Number(link.max_uses))) throw new HttpError(410);
  const tenantId = String(link.tenant_id);
  const linkId = String(link.link_id);
  const language = body.locale === 'en' ? 'en' : 'de';
  const pii = { name: body.name, phoneE164: body.phone, email: null };

  return db.tx(async (q) => {
    // Round trip 1: the tenant scope and the two reads, pipelined (a submission never looks up a contact by phone).
    const [, [notice], [earlier]] = await Promise.all([
      q(`select set_config('app.tenant_id', $1, true), set_config('role', $2, true)`, [tenantId, 'einwilligung_app']),
      q('select "id", "text_hash" from "notice_versions" where ("notice_versions"."tenant_id" = $1 and "notice_versions"."id" = $2 and "notice_versions"."notice_id" = $3 and "notice_versions"."status" = $4)', [tenantId, body.noticeVersionId, String(link.notice_id), 'published']),
      q('select "tenant_id", "id", "seq", "canon_version", "type", "contact_id", "notice_version_id", "notice_hash", "link_id", "channel", "language", "ip_truncated", "user_agent", "idempotency_key", "pii_hash", "occurred_at", "prev_hash", "hash" from "consent_events" where ("consent_events"."tenant_id" = $1 and "consent_events"."idempotency_key" = $2)', [tenantId, body.idempotencyKey]),
    ]);
    if (!notice?.text_hash) throw new HttpError(409);
    if (earlier) return { status: 200, eventId: String(earlier.id) };
    const eventId = randomUUID();
    // Every submission: a contact and an identity version of its own (lib/consent/record-decision.ts).
    const contact = { id: randomUUID(), identityId: randomUUID(), salt: randomBytes(16).toString('hex') };

    // Round trip 2: the writes that need no lock.
    await Promise.all([
      q(
        'insert into "contacts" ("tenant_id", "id", "name", "phone_e164", "email", "pii_salt", "status", "status_at", "language", "withdraw_token_hash", "confirm_token_hash", "created_at", "updated_at") values ($1, $2, $3, $4, $5, default, $6, default, $7, $8, default, default, default)',
        [tenantId, contact.id, pii.name, pii.phoneE164, pii.email, 'pending', language, contactTokenHash(contact.id)],
      ),
      q(
        'insert into "contact_identities" ("tenant_id", "id", "contact_id", "name", "phone_e164", "email", "pii_salt", "created_at", "erased_at") values ($1, $2, $3, $4, $5, $6, $7, default, default)',
        [tenantId, contact.identityId, contact.id, pii.name, pii.phoneE164, pii.email, contact.salt],
      ),
      link.evidence_email
        ? q(
            'insert into "mail_outbox" ("id", "tenant_id", "kind", "to", "subject", "html", "text", "attachments", "related_id", "status", "attempts", "next_attempt_at", "last_error", "provider_message_id", "created_at", "sent_at") values (default, $1, $2, $3, $4, $5, $6, $7, $8, default, default, $9, default, default, default, default) returning "id"',
            [tenantId, 'evidence_receipt', String(link.evidence_email), '', '', '', '[]', eventId, '9999-12-31T00:00:00.000Z'],
          )
        : null,
    ]);

    const event: ChainedEvent = {
      canonVersion: CANON_VERSION_TLOG,
      id: eventId,
      tenantId,
      seq: null,
      type: 'opt_in',
      contactId: contact.id,
      occurredAt: new Date(),
      noticeVersionId: String(notice.id),
      noticeHash: String(notice.text_hash),
      linkId,
      channel: 'whatsapp',
      language,
      ipTruncated: truncateIp(rawIp),
      userAgent: userAgent?.slice(0, 400) ?? null,
      idempotencyKey: body.idempotencyKey,
      piiHash: piiHash(contact.salt, pii),
      prevHash: null,
    };
    const hash = eventHash(event);
    const at = event.occurredAt.toISOString();
    // Round trip 3: event, its queue row, contact state and link use count; then the commit.
    const [, , , used] = await Promise.all([
      q(
        'insert into "consent_events" ("tenant_id", "id", "seq", "canon_version", "type", "contact_id", "notice_version_id", "notice_hash", "link_id", "channel", "language", "ip_truncated", "user_agent", "idempotency_key", "pii_hash", "identity_id", "occurred_at", "prev_hash", "hash") values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)',
        [tenantId, event.id, event.seq, event.canonVersion, event.type, event.contactId, event.noticeVersionId, event.noticeHash, event.linkId, event.channel, event.language, event.ipTruncated, event.userAgent, event.idempotencyKey, event.piiHash, contact.identityId, at, event.prevHash, hash],
      ),
      q('insert into "ledger_queue" ("tenant_id", "arrival", "event_id") values ($1, default, $2)', [tenantId, event.id]),
      q('update "contacts" set "status" = $1, "status_at" = $2, "confirm_token_hash" = $3, "updated_at" = $4 where ("contacts"."tenant_id" = $5 and "contacts"."id" = $6)', ['opted_in', at, null, at, tenantId, contact.id]),
      q(
        'update "invite_links" set "uses" = "invite_links"."uses" + 1 where ("invite_links"."tenant_id" = $1 and "invite_links"."id" = $2 and "invite_links"."revoked_at" is null and ("invite_links"."expires_at" is null or "invite_links"."expires_at" > now()) and ("invite_links"."max_uses" is null or "invite_links"."uses" < "invite_links"."max_uses")) returning "id"',
        [tenantId, linkId],
      ),
    ]);
    if (!used!.length) throw new HttpError(410);
    return { status: 201, eventId: event.id };
  });
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > 16 * 1024) reject(new HttpError(413));
      else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function isBody(v: unknown): v is Body {
  const b = v as Partial<Record<keyof Body, unknown>>;
  return !!v && b.decision === 'opt_in' && ['noticeVersionId', 'name', 'phone', 'idempotencyKey'].every((k) => typeof b[k as keyof Body] === 'string');
}

const db = await connect();
let logged = 0;

async function handle(req: IncomingMessage, res: ServerResponse) {
  if (req.method === 'GET' && req.url === '/prepared') {
    const counts = await db.preparedCounts();
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ perConnection: counts, total: counts ? counts.reduce((a, b) => a + b, 0) : null }));
    return;
  }
  const m = /^\/consent\/([^/]+)\/([^/]+)$/.exec(req.url ?? '');
  if (req.method !== 'POST' || !m) throw new HttpError(404);
  let body: unknown;
  try {
    body = JSON.parse(await readBody(req));
  } catch (e) {
    throw e instanceof HttpError ? e : new HttpError(400);
  }
  if (!isBody(body)) throw new HttpError(422);
  const rawIp = String(req.headers['x-forwarded-for'] ?? '').split(',')[0]?.trim() || req.socket.remoteAddress || 'unknown';
  const result = await submit(db, m[1]!, m[2]!, body, rawIp, req.headers['user-agent'] ?? null);
  res.writeHead(result.status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ eventId: result.eventId, replayed: result.status === 200 }));
}

const server = createServer((req, res) => {
  handle(req, res).catch((err: unknown) => {
    const status = err instanceof HttpError ? err.status : 500;
    if (status === 500 && logged++ < 5) console.error('baseline-server:', err);
    if (!res.headersSent) res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: status }));
  });
});
server.listen(Number(process.env.PORT ?? 4001), '127.0.0.1', () => console.log(`baseline-server listening on 127.0.0.1:${process.env.PORT ?? 4001}`));
