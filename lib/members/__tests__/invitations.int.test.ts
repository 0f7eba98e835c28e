import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, mailOutbox, memberInvitations, memberships, tenants, users } from '@/db/schema';
import { withSystem, withTenant } from '@/lib/db/with-tenant';
import { DomainError } from '@/lib/errors';
import { createTestDb } from '@/lib/testing/test-db';
import { createTenant } from '@/lib/tenants/create-tenant';
import { acceptInvitation } from '../accept-invitation';
import { inviteMember } from '../invite-member';
import { inviteMemberSchema } from '../schemas';

let db: Awaited<ReturnType<typeof createTestDb>>;
let owner: { id: string; email: string };
let tenantId: string;

beforeAll(async () => {
  db = await createTestDb();
  await withSystem(async (tx) => {
    const [u] = await tx.insert(users).values({ email: 'owner@firma.example' }).returning();
    owner = { id: u!.id, email: u!.email };
    tenantId = (await createTenant(tx, owner.id, { name: 'Firma', slug: 'firma' })).id;
  });
});
afterAll(() => db.close());

const ctx = () => ({ tenantId, tenantName: 'Firma', userId: owner.id, email: owner.email, role: 'owner' as const });

function tokenFromMail(text: string): string {
  return /\/invite\/([A-Za-z0-9_-]{43})/.exec(text)![1]!;
}

describe('member invitations', () => {
  it('invites with mail and audit in one transaction, and the invitee joins with the role', async () => {
    const input = inviteMemberSchema.parse({ email: 'Sales@Firma.example', role: 'sales' });
    await withTenant(tenantId, (tx) => inviteMember(tx, ctx(), input));
    const [mail] = await withSystem((tx) => tx.select().from(mailOutbox).where(eq(mailOutbox.kind, 'member_invitation')));
    expect(mail!.to).toBe('sales@firma.example');
    expect(mail!.subject).toContain('Firma');
    const token = tokenFromMail(mail!.text);

    const [invitee] = await withSystem((tx) => tx.insert(users).values({ email: 'sales@firma.example' }).returning());
    await withSystem((tx) => acceptInvitation(tx, { id: invitee!.id, email: invitee!.email }, token));
    const [m] = await withSystem((tx) => tx.select().from(memberships).where(eq(memberships.userId, invitee!.id)));
    expect(m).toMatchObject({ tenantId, role: 'sales' });
    const actions = (await withTenant(tenantId, (tx) => tx.select().from(auditLog))).map((r) => r.action).sort();
    expect(actions).toEqual(['member.invite', 'member.join', 'tenant.create']);

    // The token works once.
    await expect(withSystem((tx) => acceptInvitation(tx, { id: invitee!.id, email: invitee!.email }, token))).rejects.toMatchObject({
      code: 'invitationUsed',
    });
  });

  it('refuses another e-mail address, an admin creating an owner, and duplicate members; writes nothing', async () => {
    const input = inviteMemberSchema.parse({ email: 'dpo@firma.example', role: 'dpo' });
    await withTenant(tenantId, (tx) => inviteMember(tx, ctx(), input));
    const mails = await withSystem((tx) => tx.select().from(mailOutbox).where(eq(mailOutbox.to, 'dpo@firma.example')));
    const token = tokenFromMail(mails[0]!.text);
    const [stranger] = await withSystem((tx) => tx.insert(users).values({ email: 'stranger@else.example' }).returning());
    await expect(withSystem((tx) => acceptInvitation(tx, { id: stranger!.id, email: stranger!.email }, token))).rejects.toMatchObject({
      code: 'invitationOtherEmail',
      status: 403,
    });

    const before = await withTenant(tenantId, (tx) => tx.select().from(memberInvitations));
    await expect(
      withTenant(tenantId, (tx) => inviteMember(tx, { ...ctx(), role: 'admin' }, inviteMemberSchema.parse({ email: 'x@y.example', role: 'owner' }))),
    ).rejects.toBeInstanceOf(DomainError);
    await expect(
      withTenant(tenantId, (tx) => inviteMember(tx, ctx(), inviteMemberSchema.parse({ email: owner.email, role: 'admin' }))),
    ).rejects.toMatchObject({ code: 'alreadyMember' });
    const after = await withTenant(tenantId, (tx) => tx.select().from(memberInvitations));
    expect(after).toHaveLength(before.length);
  });

  it('rejects bad invitation input at the boundary', () => {
    const res = inviteMemberSchema.safeParse({ email: 'not-an-email', role: 'king' });
    expect(res.success).toBe(false);
    expect(res.error!.issues.map((i) => i.path[0]).sort()).toEqual(['email', 'role']);
  });

  it('refuses a taken slug without writing a tenant', async () => {
    const count = async () => (await withSystem((tx) => tx.select().from(tenants))).length;
    const n = await count();
    await expect(withSystem((tx) => createTenant(tx, owner.id, { name: 'Copy', slug: 'firma' }))).rejects.toMatchObject({
      code: 'slugTaken',
      status: 409,
    });
    expect(await count()).toBe(n);
  });
});
