import { z } from 'zod';
import { ROLES } from '@/lib/auth/permissions';
import { email } from '@/lib/validation';
import { LOCALES } from '@/lib/i18n/locales';

export const inviteMemberSchema = z.object({
  email: email(),
  role: z.enum(ROLES, 'required'),
  locale: z.enum(LOCALES).default('de'),
});
export type InviteMemberInput = z.infer<typeof inviteMemberSchema>;

export const invitationTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'invalid');
