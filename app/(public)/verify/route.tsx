// GET /verify – paste the hash from a receipt; a well-formed one goes on to /verify/<hash> (plain HTML).
import { z } from 'zod';
import { publicI18n } from '@/components/consent/i18n';
import { VerifyPage } from '@/components/consent/verify-page';
import { eventHashSchema } from '@/lib/evidence/schemas';
import { htmlResponse } from '@/lib/http/html';
import { publicRoute, seeOther } from '@/lib/http/public-pipeline';

export const GET = publicRoute({ params: z.unknown() }, async ({ request, locale }) => {
  const hash = new URL(request.url).searchParams.get('hash') ?? undefined;
  const cleaned = hash?.trim().toLowerCase();
  if (cleaned && eventHashSchema.safeParse(cleaned).success) return seeOther(`/verify/${cleaned}`);
  const outcome = cleaned === undefined ? { kind: 'form' as const } : { kind: 'invalid' as const };
  return htmlResponse(<VerifyPage i18n={publicI18n(locale)} self="/verify" hash={hash} outcome={outcome} />, cleaned === undefined ? 200 : 400);
});
