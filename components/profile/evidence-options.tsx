'use client';

import { useTranslations } from 'next-intl';
import { EVIDENCE_DELIVERIES, type EvidenceDelivery } from '@/lib/tenants/profile-schema';

/** How evidence reaches the company (one mail per decision, or an hourly/daily digest) and the double opt-in switch. */
export function EvidenceOptions({ delivery, doubleOptIn, deliveryError }: { delivery: EvidenceDelivery; doubleOptIn: boolean; deliveryError?: string }) {
  const t = useTranslations('profile');
  return (
    <>
      <fieldset className="field" aria-describedby="f-evidenceDelivery-hint">
        <legend className="label">{t('fields.evidenceDelivery')}</legend>
        {EVIDENCE_DELIVERIES.map((d) => (
          <label key={d} className="flex items-center gap-2">
            <input type="radio" name="evidenceDelivery" value={d} defaultChecked={delivery === d} className="size-4" />
            {t(`fields.evidenceDelivery_${d}`)}
          </label>
        ))}
        <p id="f-evidenceDelivery-hint" className="hint">
          {t('fields.evidenceDeliveryHint')}
        </p>
        {deliveryError && (
          <p className="error" role="alert">
            {deliveryError}
          </p>
        )}
      </fieldset>
      <div className="flex items-start gap-2">
        <input id="f-doubleOptIn" name="doubleOptIn" type="checkbox" className="mt-1 size-4" defaultChecked={doubleOptIn} aria-describedby="f-doubleOptIn-hint" />
        <div>
          <label htmlFor="f-doubleOptIn" className="label">
            {t('fields.doubleOptIn')}
          </label>
          <p id="f-doubleOptIn-hint" className="hint">
            {t('fields.doubleOptInHint')}
          </p>
        </div>
      </div>
    </>
  );
}
