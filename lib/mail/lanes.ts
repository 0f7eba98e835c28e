/**
 * Which lane each kind of mail travels in. Interactive mail is mail a person is waiting for (a sign-in link, an
 * invitation, a confirmation link, a contact's own receipt): the worker claims it first, in a loop of its own, and the
 * provider's rate limit keeps a token free for it (lib/mail/provider-limit.ts), so it never waits behind a burst of
 * bulk evidence mail. Everything not listed here, including future kinds, is bulk.
 */
export type MailLane = 'interactive' | 'bulk';
export const MAIL_LANES = ['interactive', 'bulk'] as const satisfies readonly MailLane[];

const LANE_BY_KIND: Record<string, MailLane> = {
  magic_link: 'interactive',
  member_invitation: 'interactive',
  double_opt_in: 'interactive',
  contact_receipt: 'interactive',
  evidence_receipt: 'bulk',
  evidence_digest: 'bulk',
};

/** The lane of a mail kind (bulk for kinds not in the table). */
export function laneOf(kind: string): MailLane {
  return Object.hasOwn(LANE_BY_KIND, kind) ? LANE_BY_KIND[kind]! : 'bulk';
}
