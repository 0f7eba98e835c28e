import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { ledgerTrees, tenants } from '@/db/schema';
import type { Db, Tx } from '@/db';
import { appUrl } from '@/lib/config';
import { withSystem, withTenant } from '@/lib/db/with-tenant';
import { escapeHtml } from '@/lib/http/html';
import { translator } from '@/lib/i18n/messages';
import { log } from '@/lib/log';
import { enqueueMail } from '@/lib/mail/enqueue';
import { kickMailWorker } from '@/lib/mail/worker';
import { checkpointAt } from './log-store';
import { ledgerSigner } from './signing';

/** Mail kind of the daily checkpoint mail to the evidence address (bulk lane). */
export const CHECKPOINT_MAIL = 'ledger_checkpoint';

/** Midnight in Europe/Berlin of the day `now` lies in, as SQL (the same day boundary as the daily digest). */
const dayStart = (now: Date) => sql`(date_trunc('day', ${now.toISOString()}::timestamptz at time zone 'Europe/Berlin') at time zone 'Europe/Berlin')`;

/**
 * Queues the tenant's checkpoint mail if its log grew since the last one (ledger_trees.checkpoint_mailed_size), in the
 * caller's tenant transaction. The conditional update claims the growth: of two instances at once, the second finds
 * nothing to claim after the first commits, so each growth is mailed once. Returns the mail id, or null.
 */
export async function queueCheckpointMail(tx: Tx, tenantId: string): Promise<string | null> {
  const [tenant] = await tx.select({ name: tenants.name, evidenceEmail: tenants.evidenceEmail }).from(tenants).where(eq(tenants.id, tenantId));
  if (!tenant?.evidenceEmail) return null;
  const [claimed] = await tx
    .update(ledgerTrees)
    .set({ checkpointMailedSize: sql`${ledgerTrees.size}` })
    .where(and(eq(ledgerTrees.tenantId, tenantId), sql`${ledgerTrees.size} > ${ledgerTrees.checkpointMailedSize}`))
    .returning({ size: ledgerTrees.size });
  if (!claimed) return null;
  const checkpoint = await checkpointAt(tx, tenantId, claimed.size);
  if (!checkpoint) return null; // the sequencer stores both together: a tree without its checkpoint is for the auditor
  const mail = checkpointMail({ tenantName: tenant.name, tenantId, size: claimed.size, note: checkpoint.note });
  return enqueueMail(tx, {
    tenantId,
    kind: CHECKPOINT_MAIL,
    to: tenant.evidenceEmail,
    ...mail,
    attachments: [{ filename: `checkpoint-${claimed.size}.txt`, contentType: 'text/plain; charset=utf-8', contentBase64: Buffer.from(checkpoint.note).toString('base64') }],
    relatedId: String(claimed.size),
  });
}

/** The mail: what the checkpoint is for (German, then English), the signed checkpoint verbatim, the key and URLs. */
export function checkpointMail(p: { tenantName: string; tenantId: string; size: number; note: string }) {
  const base = appUrl().replace(/\/$/, '');
  const vars = { tenant: p.tenantName, size: p.size, keyUrl: `${base}/.well-known/einwilligung-ledger-keys`, latestUrl: `${base}/api/ledger/${p.tenantId}/checkpoint` };
  const parts = (['de', 'en'] as const).map((locale) => {
    const t = translator(locale);
    return { intro: t('mail.checkpoint.intro', vars), keep: t('mail.checkpoint.keep'), check: t('mail.checkpoint.check', vars), subject: t('mail.checkpoint.subject', vars) };
  });
  const key = ledgerSigner().vkey;
  const text = [...parts.flatMap((x) => [x.intro, x.keep, x.check, '']), p.note, `${key}`].join('\n');
  const html = [
    ...parts.map((x) => `<p>${escapeHtml(x.intro)}</p><p><strong>${escapeHtml(x.keep)}</strong></p><p>${escapeHtml(x.check)}</p>`),
    `<pre style="font-family:monospace;white-space:pre-wrap">${escapeHtml(p.note)}</pre>`,
    `<p style="font-family:monospace;font-size:12px">${escapeHtml(key)}</p>`,
  ].join('\n');
  return { subject: `${parts[0]!.subject} · ${parts[1]!.subject}`, text, html };
}

/**
 * The daily job: every tenant with an evidence address whose log grew since its last checkpoint mail and that got
 * no checkpoint mail yet today (Europe/Berlin) gets one, each in a transaction of its own. Safe on several instances.
 */
export async function runDueCheckpointMails(db?: Db, opts: { now?: Date } = {}): Promise<string[]> {
  const now = opts.now ?? new Date();
  const find = (tx: Tx | Db) =>
    tx
      .select({ id: ledgerTrees.tenantId })
      .from(ledgerTrees)
      .innerJoin(tenants, eq(tenants.id, ledgerTrees.tenantId))
      .where(
        and(
          sql`${ledgerTrees.size} > ${ledgerTrees.checkpointMailedSize}`,
          sql`${tenants.evidenceEmail} is not null`,
          sql`not exists (select 1 from mail_outbox m where m.tenant_id = ${ledgerTrees.tenantId} and m.kind = ${CHECKPOINT_MAIL} and m.created_at >= ${dayStart(now)})`,
        ),
      );
  const due = db ? await find(db) : await withSystem(find);
  const queued: string[] = [];
  for (const { id } of due) {
    try {
      const mailId = await withTenant(id, (tx) => queueCheckpointMail(tx, id));
      if (mailId) queued.push(mailId);
    } catch (err) {
      log.error({ tenantId: id, err: String(err) }, 'checkpoint mail failed');
    }
  }
  if (queued.length) kickMailWorker();
  return queued;
}

type Timer = { timer?: NodeJS.Timeout; running: boolean };
const g = globalThis as unknown as { __einwCheckpointMailTimer?: Timer };

/** Looks for due checkpoint mails every few minutes in this process (beside the digest timer); once per process. */
export function startCheckpointMailTimer(everyMs = 5 * 60_000): void {
  if (g.__einwCheckpointMailTimer) return;
  const state: Timer = { running: false };
  g.__einwCheckpointMailTimer = state;
  state.timer = setInterval(() => {
    if (state.running) return;
    state.running = true;
    runDueCheckpointMails()
      .then((q) => q.length && log.info({ mails: q.length }, 'ledger checkpoint mails queued'))
      .catch((err: unknown) => log.error({ err: String(err) }, 'checkpoint mail pass failed'))
      .finally(() => (state.running = false));
  }, everyMs);
  state.timer.unref();
}
