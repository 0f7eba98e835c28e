import { z } from 'zod';
import { ROLES } from '@/lib/auth/permissions';
import { email } from '@/lib/validation';
import { LOCALES } from '@/lib/i18n/locales';
import { TOKEN_PATTERN } from '@/lib/links/token';

export const inviteMemberSchema = z.object({
  email: email(),
  role: z.enum(ROLES, 'required'),
  locale: z.enum(LOCALES).default('de'),
});
export type InviteMemberInput = z.infer<typeof inviteMemberSchema>;

export const invitationTokenSchema = z.string().regex(TOKEN_PATTERN, 'invalid');
