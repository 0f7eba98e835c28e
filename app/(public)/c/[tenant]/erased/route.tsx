// GET /c/[tenant]/erased – after "Meine Daten löschen": the confirmation, with nothing about the person.
import { z } from 'zod';
import { ErasedPage } from '@/components/consent/erase-pages';
import { publicI18n } from '@/components/consent/i18n';
import { PublicErrorPage } from '@/components/consent/not-found-page';
import { loadPublicTenant } from '@/lib/consent/personal-erase';
import { htmlResponse } from '@/lib/http/html';
import { publicRoute } from '@/lib/http/public-pipeline';

const params = z.object({ tenant: z.string().max(64) });

export const GET = publicRoute(
  { params, onProblem: (problem, { locale }) => htmlResponse(<PublicErrorPage i18n={publicI18n(locale)} code={problem.code} />, problem.status) },
  async ({ params: p, locale }) => htmlResponse(<ErasedPage i18n={publicI18n(locale)} tenant={await loadPublicTenant(p.tenant)} path={`/c/${p.tenant}/erased`} />),
);
