import type { SimMessage } from '@/lib/whatsapp/simulator/store';
import type { whatsappTexts } from '@/lib/whatsapp/texts';
import { sendAsContact, sendPreference, setSendFailure } from './actions';

type T = ReturnType<typeof whatsappTexts>;
type Props = { n: { name: string; phoneNumberId: string; displayNumber: string }; from: string; failure: number | undefined; messages: SimMessage[]; t: T };

/** One simulated business number: write as a contact, marketing preference, failure injection, the conversation. */
export function SimNumber({ n, from, failure, messages, t }: Props) {
  return (
    <section className="card mb-6 flex flex-col gap-4" data-testid="sim-number">
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
        {(['duplicate', 'batch', 'button'] as const).map((o) => (
          <label key={o} className="flex gap-2">
            <input type="checkbox" name={o} /> {t(`sim.${o}`)}
          </label>
        ))}
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
          <select name="code" defaultValue={String(failure ?? 'none')} className="input">
            <option value="none">{t('sim.failNone')}</option>
            {['131047', '131050', '131026'].map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="btn-secondary">
          {t('sim.failSet')}
        </button>
      </form>
      <h3 className="font-semibold">{t('sim.sent')}</h3>
      <SimMessages messages={messages} t={t} />
    </section>
  );
}

function SimMessages({ messages, t }: { messages: SimMessage[]; t: T }) {
  return (
    <ol className="flex flex-col gap-2" data-testid="sim-messages">
      {messages.length === 0 && <li>{t('sim.noneSent')}</li>}
      {messages.map((m, i) => (
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
  );
}
