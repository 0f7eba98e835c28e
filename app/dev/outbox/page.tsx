import { getTranslations } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { devOutboxEnabled } from '@/lib/config';
import { listLocalOutbox } from '@/lib/mail/local-outbox';

export const dynamic = 'force-dynamic';

// GET /dev/outbox – development only: the mails the local transport wrote, newest first, with clickable links.
export default async function DevOutboxPage() {
  if (!devOutboxEnabled()) notFound();
  const t = await getTranslations('outbox');
  const { dir, mails } = await listLocalOutbox(50);
  return (
    <main id="main" className="mx-auto max-w-4xl px-4 py-8">
      <h1 className="text-2xl font-bold">{t('title')}</h1>
      <p className="mb-6 text-gray-700">{t('intro', { dir })}</p>
      {mails.length === 0 && <p>{t('empty')}</p>}
      <ol className="flex flex-col gap-4">
        {mails.map((m) => (
          <li key={m.id} className="card" data-testid="outbox-mail">
            <p className="text-sm text-gray-700">
              {m.createdAt} · {t('to')}: <span data-testid="outbox-to">{m.to}</span>
            </p>
            <h2 className="font-semibold">{m.subject}</h2>
            <ul className="mt-2 flex flex-col gap-1 text-sm">
              {m.links.map((href) => (
                <li key={href}>
                  <a href={href} className="link break-all">
                    {href}
                  </a>
                </li>
              ))}
            </ul>
            {m.attachments.length > 0 && (
              <p className="mt-2 flex flex-wrap gap-3 text-sm">
                {t('attachments')}:
                {m.attachments.map((name) => (
                  <a key={name} href={`/dev/outbox/${m.id}/${encodeURIComponent(name)}`} className="link">
                    {name}
                  </a>
                ))}
              </p>
            )}
            <details className="mt-2">
              <summary className="cursor-pointer text-sm">HTML</summary>
              <iframe title={m.subject} sandbox="" srcDoc={m.html} className="mt-2 h-96 w-full rounded border" />
            </details>
          </li>
        ))}
      </ol>
    </main>
  );
}
