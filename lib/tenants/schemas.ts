import { z } from 'zod';
import { text } from '@/lib/validation';

export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{1,38}[a-z0-9])$/;
export const slugSchema = z.string().trim().toLowerCase().regex(SLUG_PATTERN, 'slug');

export const createTenantSchema = z.object({
  name: text(120),
  slug: slugSchema,
});
export type CreateTenantInput = z.infer<typeof createTenantSchema>;

/** Suggests a URL slug from a company name ("Müller & Söhne GmbH" → "mueller-soehne-gmbh"). */
export function slugify(name: string): string {
  return name
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
}
