import 'server-only';
import { sql } from 'drizzle-orm';
import { withTenant } from '@/lib/db/with-tenant';
import { log } from '@/lib/log';

/**
 * Link opens ("the notice was served"), counted without a database write per page view: counts gather in memory per
 * instance and are added to `invite_links.opens` every LINK_OPENS_FLUSH_MS, one statement per tenant, and once more
 * on SIGTERM/SIGINT (best effort: `next start` exits once its server has closed). A crash loses at most one interval
 * of counts — they are figures for the dashboard, not evidence. Link-preview fetchers are not opens.
 */
export const LINK_OPENS_FLUSH_MS = 5_000;

type Pending = Map<string, Map<string, number>>; // tenant id → link id → opens
const g = globalThis as unknown as { __einwLinkOpens?: { pending: Pending; timer: NodeJS.Timeout | null; flushing: Promise<number> | null } };
const state = (g.__einwLinkOpens ??= { pending: new Map(), timer: null, flushing: null });

// Messenger and social link previews (WhatsApp, Telegram, Slack, Discord, Skype, iMessage's facebookexternalhit/
// Facebot/Twitterbot, LinkedIn, Signal has none), crawlers, HTTP tools, and requests without a user agent.
const PREVIEW_FETCHERS = /bot\b|bot\/|crawler|spider|preview|facebookexternalhit|facebot|whatsapp|telegram|slack|discord|skype|linkedin|embedly|vkshare|pinterest|redditbot|mastodon|curl|wget|python-requests|go-http-client|okhttp|headless(?!chrome)/i;

/** Whether a user agent is a link-preview fetcher or robot rather than a person's browser. */
export function isPreviewFetcher(userAgent: string | null | undefined): boolean {
  return !userAgent || PREVIEW_FETCHERS.test(userAgent);
}

/** Counts one open of a link in memory (nothing for preview fetchers); the next flush writes it. */
export function recordLinkOpen(link: { tenantId: string; id: string }, userAgent: string | null | undefined): boolean {
  if (isPreviewFetcher(userAgent)) return false;
  let links = state.pending.get(link.tenantId);
  if (!links) state.pending.set(link.tenantId, (links = new Map()));
  links.set(link.id, (links.get(link.id) ?? 0) + 1);
  startTimer();
  return true;
}

/** Opens counted and not yet written (all links of this instance). */
export function pendingLinkOpens(): number {
  let n = 0;
  for (const links of state.pending.values()) for (const c of links.values()) n += c;
  return n;
}

/** Writes the gathered counts: one UPDATE per tenant, in its tenant transaction. Returns the opens written. */
export async function flushLinkOpens(): Promise<number> {
  if (state.flushing) await state.flushing;
  if (!state.pending.size) return 0;
  const batch = state.pending;
  state.pending = new Map();
  state.flushing = writeBatch(batch);
  try {
    return await state.flushing;
  } finally {
    state.flushing = null;
  }
}

async function writeBatch(batch: Pending): Promise<number> {
  let written = 0;
  for (const [tenantId, links] of batch) {
    const rows = sql.join(
      [...links].map(([id, n]) => sql`(${id}::uuid, ${n}::int)`),
      sql`, `,
    );
    try {
      await withTenant(tenantId, (tx) =>
        tx.execute(sql`update invite_links l set opens = l.opens + v.n from (values ${rows}) as v(id, n) where l.tenant_id = ${tenantId}::uuid and l.id = v.id`),
      );
      for (const n of links.values()) written += n;
    } catch (err) {
      // Put them back for the next flush (the database may be briefly away); the counts carry no personal data.
      for (const [id, n] of links) recordCount(tenantId, id, n);
      log.warn({ tenantId, error: (err as Error).name }, 'link opens not written; retried at the next flush');
    }
  }
  return written;
}

function recordCount(tenantId: string, linkId: string, n: number) {
  let links = state.pending.get(tenantId);
  if (!links) state.pending.set(tenantId, (links = new Map()));
  links.set(linkId, (links.get(linkId) ?? 0) + n);
}

function startTimer() {
  if (state.timer) return;
  state.timer = setInterval(() => void flushLinkOpens().catch(() => undefined), LINK_OPENS_FLUSH_MS);
  state.timer.unref();
  const onExit = () => void flushLinkOpens().catch(() => undefined);
  process.once('SIGTERM', onExit);
  process.once('SIGINT', onExit);
  process.once('beforeExit', onExit);
}
