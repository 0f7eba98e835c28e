/** Roles a member can hold in a tenant (mirrors the member_role enum in db/schema/enums.ts). */
export const ROLES = ['owner', 'admin', 'dpo', 'sales'] as const;
export type Role = (typeof ROLES)[number];

/** Permissions as data: pages, actions and route handlers ask for one of these, never for a role. */
export const PERMISSIONS = {
  'dashboard.view': ['owner', 'admin', 'dpo', 'sales'],
  'profile.edit': ['owner', 'admin'],
  'members.read': ['owner', 'admin'],
  'members.invite': ['owner', 'admin'],
  'notices.read': ['owner', 'admin', 'dpo', 'sales'],
  'notices.edit': ['owner', 'admin'],
  'notices.publish': ['owner', 'admin'],
  'links.read': ['owner', 'admin', 'dpo', 'sales'],
  'links.create': ['owner', 'admin', 'sales'],
  'links.revoke': ['owner', 'admin', 'sales'],
  'ledger.read': ['owner', 'admin', 'dpo'],
  'ledger.export': ['owner', 'admin', 'dpo'],
  'ledger.verify': ['owner', 'admin', 'dpo'],
  'contacts.withdraw': ['owner', 'admin', 'dpo'],
  // Erase a contact's personal data (GDPR Art. 17) with a recorded reason.
  'contacts.erase': ['owner', 'admin', 'dpo'],
  'proofs.download': ['owner', 'admin', 'dpo'],
  'mail.resend': ['owner', 'admin', 'dpo'],
  'mail.queue': ['owner', 'admin', 'dpo'],
  'audit.read': ['owner', 'admin', 'dpo'],
  // Upload, see and clean a phone's address book (the import is the uploading member's alone).
  'addressBook.use': ['owner', 'admin'],
  // The address-book checks (counts, dates, hashes) and their DPO report PDF.
  'addressBook.checks': ['owner', 'admin', 'dpo'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/** Roles an inviter may hand out: admins cannot create owners. */
export function assignableRoles(role: Role): Role[] {
  if (role === 'owner') return ['owner', 'admin', 'dpo', 'sales'];
  if (role === 'admin') return ['admin', 'dpo', 'sales'];
  return [];
}
