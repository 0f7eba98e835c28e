import { eq } from 'drizzle-orm';
import { getLocale } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { tenants, whatsappConnections } from '@/db/schema';
import { systemDb } from '@/lib/db/with-tenant';
import type { Locale } from '@/lib/i18n/locales';
import { devWhatsappEnabled } from '@/lib/whatsapp/config';
import { listSim, pendingFailures } from '@/lib/whatsapp/simulator/store';
import { whatsappTexts } from '@/lib/whatsapp/texts';
import { sendAsContact, sendPreference, setSendFailure } from './actions';

export const dynamic = 'force-dynamic';

// GET /dev/whatsapp – development only: the WhatsApp simulator (write as a contact, see what the app sent).
export default async function DevWhatsappPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  if (!devWhatsappEnabled()) notFound();
  const q = await searchParams;
  const t = whatsappTexts((await getLocale()) as Locale);
  const db = await systemDb();
  const numbers = await db
    .select({ name: tenants.name, phoneNumberId: whatsappConnections.phoneNumberId, displayNumber: whatsappConnections.displayNumber })
    .from(whatsappConnections)
    .innerJoin(tenants, eq(tenants.id, whatsappConnections.tenantId))
    .where(eq(whatsappConnections.simulated, true))
    .orderBy(tenants.name);
  const messages = listSim(200);
  const failures = pendingFailures();
  const from = q.from ?? '491701234567';
  return (
    <main id="main" className="mx-auto max-w-4xl px-4 py-8">
      <h1 className="text-2xl font-bold">{t('sim.title')}</h1>
      <p className="mb-6 text-gray-700">{t('sim.intro')}</p>
      {q.posted && (
        <p role="status" className="card mb-4" data-testid="sim-posted">
          {t('sim.posted', { status: q.posted })}
        </p>
      )}
      {q.error && (
        <p role="alert" className="card mb-4 text-red-800">
          {t('sim.invalid')}
        </p>
      )}
      {numbers.length === 0 && <p>{t('sim.none')}</p>}
      {numbers.map((n) => (
        <section key={n.phoneNumberId} className="card mb-6 flex flex-col gap-4" data-testid="sim-number">
          <h2 className="text-lg font-semibold">
            {n.name} · {t('sim.businessNumber')} {n.displayNumber} <span className="text-sm text-gray-600">({t('sim.phoneNumberId')} {n.phoneNumberId})</span>
          </h2>
          <form action={sendAsContact} className="flex flex-col gap-2">
            <input type="hidden" name="phoneNumberId" value={n.phoneNumberId} />
            <label className="flex flex-col gap-1">
              {t('sim.from')}
              <input name="from" defaultValue={from} required pattern="\+?[0-9]{6,15}" className="input" inputMode="tel" />
            </label>
            <label className="flex flex-col gap-1">
              {t('sim.text')}
              <textarea name="text" required maxLength={4096} rows={2} className="input" />
            </label>
            <label className="flex gap-2">
              <input type="checkbox" name="duplicate" /> {t('sim.duplicate')}
            </label>
            <label className="flex gap-2">
              <input type="checkbox" name="batch" /> {t('sim.batch')}
            </label>
            <label className="flex gap-2">
              <input type="checkbox" name="button" /> {t('sim.button')}
            </label>
            <button type="submit" className="btn-primary self-start">
              {t('sim.send')}
            </button>
          </form>
          <form action={sendPreference} className="flex flex-wrap items-end gap-2">
            <input type="hidden" name="phoneNumberId" value={n.phoneNumberId} />
            <input type="hidden" name="from" value={from} />
            <span>{t('sim.preference')}:</span>
            <button type="submit" name="value" value="stop" className="btn-secondary">
              {t('sim.prefStop')}
            </button>
            <button type="submit" name="value" value="resume" className="btn-secondary">
              {t('sim.prefResume')}
            </button>
          </form>
          <form action={setSendFailure} className="flex flex-wrap items-end gap-2">
            <input type="hidden" name="from" value={from} />
            <label className="flex flex-col gap-1">
              {t('sim.fail')} (+{from})
              <select name="code" defaultValue={String(failures[from] ?? 'none')} className="input">
                <option value="none">{t('sim.failNone')}</option>
                <option value="131047">131047</option>
                <option value="131050">131050</option>
                <option value="131026">131026</option>
              </select>
            </label>
            <button type="submit" className="btn-secondary">
              {t('sim.failSet')}
            </button>
          </form>
          <h3 className="font-semibold">{t('sim.sent')}</h3>
          <ol className="flex flex-col gap-2" data-testid="sim-messages">
            {messages.filter((m) => m.phoneNumberId === n.phoneNumberId).length === 0 && <li>{t('sim.noneSent')}</li>}
            {messages
              .filter((m) => m.phoneNumberId === n.phoneNumberId)
              .map((m, i) => (
                <li key={`${m.at}-${i}`} className="rounded border p-2 text-sm" data-testid={m.direction === 'to_contact' ? 'sim-sent' : 'sim-received'}>
                  <span className="text-gray-600">
                    {m.at} · {m.direction === 'to_contact' ? `${t('sim.sent')} → +${m.waId}` : `${t('sim.received')} ← +${m.waId}`} ·{' '}
                    {m.direction === 'to_contact' && m.result !== 'accepted' ? t('sim.error', { code: m.result }) : m.result}
                  </span>
                  <p className="break-words whitespace-pre-wrap">
                    {m.body.split(/(https?:\/\/\S+)/).map((part, j) =>
                      /^https?:\/\//.test(part) ? (
                        <a key={j} href={part} className="link break-all">
                          {part}
                        </a>
                      ) : (
                        part
                      ),
                    )}
                  </p>
                </li>
              ))}
          </ol>
        </section>
      ))}
    </main>
  );
}
