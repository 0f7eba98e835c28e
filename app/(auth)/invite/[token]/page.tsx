import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { AcceptInvitationForm } from '@/components/members/accept-invitation-form';
import { auth } from '@/lib/auth';
import { DomainError } from '@/lib/errors';
import { invitationByToken } from '@/lib/members/accept-invitation';

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const t = await getTranslations('invitation');
  const tErr = await getTranslations('errors');
  const tRoles = await getTranslations('roles');
  let invitation: Awaited<ReturnType<typeof invitationByToken>> | null = null;
  let error: string | null = null;
  try {
    invitation = await invitationByToken(token);
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    error = err.code;
  }
  if (!invitation) {
    return (
      <>
        <h1 className="mb-2 text-2xl font-bold">{t('title')}</h1>
        <p className="notice-error" role="alert">{tErr(error as 'invitationNotFound')}</p>
      </>
    );
  }
  const session = await auth();
  return (
    <>
      <h1 className="mb-2 text-2xl font-bold">{t('title')}</h1>
      <p className="mb-6 text-gray-700">{t('body', { tenant: invitation.tenantName, role: tRoles(invitation.role) })}</p>
      {session?.user ? (
        <AcceptInvitationForm token={token} />
      ) : (
        <>
          <p className="mb-4">{t('signInFirst', { email: invitation.email })}</p>
          <Link href={`/signin?callbackUrl=${encodeURIComponent(`/invite/${token}`)}`} className="btn-primary">
            {t('signIn')}
          </Link>
        </>
      )}
    </>
  );
}
