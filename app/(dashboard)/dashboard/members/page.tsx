import { getFormatter, getTranslations } from 'next-intl/server';
import { InviteMemberForm } from '@/components/members/invite-form';
import { requireMember } from '@/lib/auth/member-context';
import { assignableRoles, can } from '@/lib/auth/permissions';
import { withTenant } from '@/lib/db/with-tenant';
import { listMembers } from '@/lib/members/list-members';

export default async function MembersPage() {
  const ctx = await requireMember('members.read');
  const t = await getTranslations('members');
  const tRoles = await getTranslations('roles');
  const format = await getFormatter();
  const { members, invitations } = await withTenant(ctx.tenantId, (tx) => listMembers(tx, ctx.tenantId));
  return (
    <div className="grid gap-8 lg:grid-cols-[2fr_1fr]">
      <section aria-labelledby="members-h">
        <h1 id="members-h" className="mb-4 text-2xl font-bold">
          {t('title')}
        </h1>
        <h2 className="mb-2 font-semibold">{t('members')}</h2>
        <ul className="card divide-y divide-gray-100 p-0">
          {members.map((m) => (
            <li key={m.userId} className="flex justify-between px-4 py-3">
              <span>{m.email}</span>
              <span className="text-sm text-gray-700">
                {tRoles(m.role)} · {t('since', { date: format.dateTime(m.since, { dateStyle: 'medium' }) })}
              </span>
            </li>
          ))}
        </ul>
        <h2 className="mb-2 mt-6 font-semibold">{t('openInvitations')}</h2>
        {invitations.length === 0 ? (
          <p className="text-gray-700">{t('noInvitations')}</p>
        ) : (
          <ul className="card divide-y divide-gray-100 p-0">
            {invitations.map((i) => (
              <li key={i.id} className="flex justify-between px-4 py-3">
                <span>{i.email}</span>
                <span className="text-sm text-gray-700">
                  {tRoles(i.role)} · {t('expires', { date: format.dateTime(i.expiresAt, { dateStyle: 'medium' }) })}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      {can(ctx.role, 'members.invite') && (
        <section aria-labelledby="invite-h" className="card h-fit">
          <h2 id="invite-h" className="mb-4 text-lg font-semibold">
            {t('inviteTitle')}
          </h2>
          <InviteMemberForm roles={assignableRoles(ctx.role)} />
        </section>
      )}
    </div>
  );
}
