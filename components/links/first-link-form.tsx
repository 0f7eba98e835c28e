'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { createFirstLinkAction } from '@/app/(dashboard)/dashboard/links/actions';
import { FormMessage } from '@/components/forms/form-message';
import { SubmitButton } from '@/components/forms/submit-button';

/** One click to the first invite link: label "Allgemein", no expiry, no limit; the next page shows link, QR and poster. */
export function FirstLinkForm({ noticeId }: { noticeId: string }) {
  const t = useTranslations('links.firstLink');
  const [state, action] = useActionState(createFirstLinkAction, null);
  return (
    <form action={action} className="flex flex-col gap-3">
      <FormMessage state={state} />
      <input type="hidden" name="noticeId" value={noticeId} />
      <p className="text-gray-700">{t('body')}</p>
      <SubmitButton pending={t('creating')} className="btn-primary self-start">
        {t('create')}
      </SubmitButton>
    </form>
  );
}
