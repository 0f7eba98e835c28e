import { z } from 'zod';
import { LABEL_MAX } from '@/lib/links/schemas';
import { optionalText } from '@/lib/validation';
import { LISTS } from './types';

/** Upload size limit (bytes): the route handler stops reading the body past it. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/** Regions offered for national numbers (default DE). */
export const REGIONS = ['DE', 'AT', 'CH', 'NL', 'BE', 'LU', 'FR', 'IT', 'ES', 'PL', 'DK', 'GB', 'US', 'TR'] as const;
export const regionSchema = z.enum(REGIONS).catch('DE');
export const importIdSchema = z.uuid();

const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);

/** The import page's query: which list, a filter text, sort key and direction, page. */
export const listQuerySchema = z.object({
  list: z.preprocess(first, z.enum(LISTS).catch('stay')),
  q: z.preprocess(first, z.string().max(100).catch('').optional()).transform((v) => (v ?? '').trim()),
  sort: z.preprocess(first, z.enum(['name', 'number', 'date', 'line']).catch('name')),
  dir: z.preprocess(first, z.enum(['asc', 'desc']).catch('asc')),
  page: z.preprocess(first, z.coerce.number().int().min(1).max(100_000).catch(1)),
});
export type ListQuery = z.output<typeof listQuerySchema>;

/** The "create invite links" form. */
export const invitesSchema = z.object({
  noticeId: z.uuid('links.fieldErrors.noticeRequired'),
  label: optionalText(LABEL_MAX).transform((v) => v ?? null),
});
