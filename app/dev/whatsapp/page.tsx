import { getLocale } from 'next-intl/server';
import { notFound } from 'next/navigation';
import type { Locale } from '@/lib/i18n/locales';
import { devWhatsappEnabled } from '@/lib/whatsapp/config';
import { simulatedNumbers } from '@/lib/whatsapp/simulator/numbers';
import { listSim, pendingFailures } from '@/lib/whatsapp/simulator/store';
import { whatsappTexts } from '@/lib/whatsapp/texts';
import { SimNumber } from './sim-number';

export const dynamic = 'force-dynamic';

// GET /dev/whatsapp – development only: the WhatsApp simulator (write as a contact, see what the app sent).
export default async function DevWhatsappPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  if (!devWhatsappEnabled()) notFound();
  const q = await searchParams;
  const t = whatsappTexts((await getLocale()) as Locale);
  const numbers = await simulatedNumbers();
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
        <SimNumber key={n.phoneNumberId} n={n} from={from} failure={failures[from]} messages={messages.filter((m) => m.phoneNumberId === n.phoneNumberId)} t={t} />
      ))}
    </main>
  );
}
