import { describe, expect, it } from 'vitest';
import { createTenantSchema, slugify } from '../schemas';
import { fieldErrorsOf } from '@/lib/validation';

describe('tenant schemas', () => {
  it('slugifies German company names', () => {
    expect(slugify('Müller & Söhne GmbH')).toBe('mueller-soehne-gmbh');
    expect(slugify('  Straße 42 ')).toBe('strasse-42');
  });

  it('accepts a valid company and normalises the slug', () => {
    expect(createTenantSchema.parse({ name: ' Musterbetrieb ', slug: 'Muster-1' })).toEqual({ name: 'Musterbetrieb', slug: 'muster-1' });
  });

  it('reports every bad field with a message key', () => {
    const res = createTenantSchema.safeParse({ name: '', slug: '-bad slug-' });
    expect(res.success).toBe(false);
    expect(fieldErrorsOf(res.error!)).toEqual({ name: 'required', slug: 'slug' });
    const long = createTenantSchema.safeParse({ name: 'x'.repeat(121), slug: 'ab' });
    expect(fieldErrorsOf(long.error!)).toEqual({ name: 'tooLong', slug: 'slug' });
  });
});
