import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { AcceptInvitationForm } from '@/components/members/accept-invitation-form';
import { auth } from '@/lib/auth';
import { withSystem } from '@/lib/db/with-tenant';
import { DomainError } from '@/lib/errors';
import { findInvitation } from '@/lib/members/accept-invitation';
import { invitationTokenSchema } from '@/lib/members/schemas';

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const t = await getTranslations('invitation');
  const tErr = await getTranslations('errors');
  const tRoles = await getTranslations('roles');
  const parsed = invitationTokenSchema.safeParse(token);
  let invitation: Awaited<ReturnType<typeof findInvitation>> | null = null;
  let error = parsed.success ? null : 'invitationNotFound';
  if (parsed.success) {
    try {
      invitation = await withSystem((tx) => findInvitation(tx, parsed.data));
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      error = err.code;
    }
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
