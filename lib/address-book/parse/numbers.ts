import 'server-only';
import { isSupportedCountry, type CountryCode } from 'libphonenumber-js/max';
import { DomainError } from '@/lib/errors';
import { parsePhone } from '@/lib/phone';
import { cleanLabel, cleanName } from './text';
import { MAX_RAW_NUMBER_CHARS } from './limits';
import type { ParsedNumber } from './types';

const PLAIN = /^[+0-9 ()./-]*$/;

/** Per import: the region of national numbers and a cache (address books repeat numbers; parsing is the costly part). */
export type NumberContext = { region: CountryCode; cache: Map<string, string | null> };

/** The region option checked: two letters libphonenumber knows, else 422. */
export function numberContext(region = 'DE'): NumberContext {
  const r = region.toUpperCase();
  if (!/^[A-Z]{2}$/.test(r) || !isSupportedCountry(r)) throw new DomainError('addressBook.invalidRegion', 422);
  return { region: r as CountryCode, cache: new Map() };
}

/**
 * A raw number as address books write it, made fit for lib/phone.ts: `tel:` URIs (vCard 4.0) and extensions cut,
 * non-breaking and other Unicode spaces and dashes made plain, `00` made `+` (international notation in most of the
 * world, and what Germans type), then the app's one parser decides. Refused numbers keep e164 null.
 */
export function normaliseNumber(raw: string, ctx: NumberContext): string | null {
  const hit = ctx.cache.get(raw);
  if (hit !== undefined) return hit;
  // Plain digits and separators (nearly every number of a real book): none of the replacements below applies but 00.
  const clean = (PLAIN.test(raw) ? raw : raw
    .replace(/^tel:/i, '')
    .replace(/;.*$/, '')
    .replace(/[\u00a0\u2000-\u200b\u202f\u205f\u3000]/g, ' ')
    .replace(/[\u2010-\u2015\u2212]/g, '-'))
    .trim()
    .replace(/^00(?=[1-9])/, '+');
  const r = parsePhone(clean, ctx.region);
  const e164 = r.ok ? r.e164 : null;
  if (ctx.cache.size < 100_000) ctx.cache.set(raw, e164);
  return e164;
}

/** A card's numbers: raw values trimmed, normalised, duplicates (same E.164, or same raw text when unparsable) once. */
export function cardNumbers(tels: { raw: string; label?: string | null }[], ctx: NumberContext): ParsedNumber[] {
  const seen = new Set<string>();
  const out: ParsedNumber[] = [];
  for (const t of tels) {
    const raw = (cleanName(t.raw) ?? '').slice(0, MAX_RAW_NUMBER_CHARS);
    if (!raw) continue;
    const e164 = normaliseNumber(raw, ctx);
    const key = e164 ?? `raw:${raw}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const label = cleanLabel(t.label);
    out.push(label ? { raw, e164, label } : { raw, e164 });
  }
  return out;
}
