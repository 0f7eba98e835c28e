import 'server-only';
import { withSystem } from '@/lib/db/with-tenant';
import { getLogoBySlug } from './get-logo';

/** The logo a public page shows for the tenant with this slug (system lookup: the slug names the tenant), or null. */
export function publicLogo(slug: string) {
  return withSystem((tx) => getLogoBySlug(tx, slug));
}
