import type { LinkView } from '@/lib/consent/link-view';
import { ConsentShell } from './consent-shell';
import { DetailsStep, NoNoticeStep, NoticeStep, QuestionStep, RefuseStep, type StepContext } from './consent-steps';
import type { FormFailure } from './form-state';
import type { PublicI18n } from './i18n';
import { LinkUnavailable } from './link-unavailable';

export type ConsentStep = 'notice' | 'details' | 'refuse' | undefined;

type Props = {
  i18n: PublicI18n;
  view: LinkView;
  /** `/c/<slug>/<token>`: every step's links and forms go back to it. */
  base: string;
  /** This very page (path + query), where the language switch returns to. */
  self: string;
  step: ConsentStep;
  idempotencyKey: string;
  /** The notice step's checkbox was ticked (the GET form's `confirmed=1`). */
  confirmed: boolean;
  failure?: FormFailure | null;
};

/** The public consent page: question → notice → details, or question → refusal; or why the link no longer works. */
export function ConsentPage({ i18n, view, base, self, step, idempotencyKey, confirmed, failure }: Props) {
  const { tenant, link, notice, status } = view;
  const c: StepContext = { i18n, base, idempotencyKey, company: tenant.name };
  const prefill = { prefillName: link.prefillName, prefillPhone: link.prefillPhone };
  let body;
  if (status !== 'active') body = <LinkUnavailable i18n={i18n} tenant={tenant} status={status} />;
  else if (step === 'refuse') body = <RefuseStep c={c} {...prefill} failure={failure} />;
  else if ((step === 'notice' || step === 'details') && !notice) body = <NoNoticeStep c={c} />;
  else if (notice && (step === 'notice' || (step === 'details' && !confirmed))) body = <NoticeStep c={c} notice={notice} missingConfirmation={step === 'details'} />;
  else if (notice && step === 'details') body = <DetailsStep c={c} {...prefill} noticeVersionId={notice.id} emailRequired={tenant.doubleOptIn && !tenant.whatsappConnected} failure={failure} />;
  else body = <QuestionStep c={c} />;
  return (
    <ConsentShell i18n={i18n} tenant={tenant} back={self}>
      {body}
    </ConsentShell>
  );
}
