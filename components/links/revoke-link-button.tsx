'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useRef } from 'react';
import { revokeLinkAction } from '@/app/(dashboard)/dashboard/links/actions';
import { FormMessage } from '@/components/forms/form-message';
import { SubmitButton } from '@/components/forms/submit-button';

/** "Revoke" opens an inline confirmation (a native disclosure: keyboard-accessible, works without JavaScript). */
export function RevokeLinkButton({ linkId, label }: { linkId: string; label: string }) {
  const t = useTranslations('links');
  const [state, action] = useActionState(revokeLinkAction, null);
  const details = useRef<HTMLDetailsElement>(null);
  const promptId = `revoke-${linkId}`;

  function cancel() {
    if (!details.current) return;
    details.current.open = false;
    details.current.querySelector('summary')?.focus();
  }

  return (
    <details ref={details} className="group">
      <summary className="btn-secondary cursor-pointer list-none border-red-700 text-red-800 hover:bg-red-50 [&::-webkit-details-marker]:hidden">
        {t('revoke')}
      </summary>
      <form
        action={action}
        className="mt-3 flex flex-col gap-3 rounded-md border border-red-700 bg-red-50 p-3"
        role="group"
        aria-labelledby={promptId}
      >
        <p id={promptId} className="text-sm text-red-900">
          {t('revokeConfirm', { label })}
        </p>
        <input type="hidden" name="linkId" value={linkId} />
        <FormMessage state={state} success={t('revoked')} />
        <div className="flex flex-wrap gap-2">
          <SubmitButton
            pending={t('revoking')}
            className="inline-flex items-center justify-center rounded-md bg-red-700 px-4 py-2.5 font-semibold text-white hover:bg-red-800 focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-red-700 disabled:opacity-60"
          >
            {t('revokeYes')}
          </SubmitButton>
          <button type="button" onClick={cancel} className="btn-secondary">
            {t('cancel')}
          </button>
        </div>
      </form>
    </details>
  );
}
