import { z } from 'zod';
import { blankToUndefined, cleanString, email, optionalText, text } from '@/lib/validation';

/** Empty form fields count as "not set" (null), so optional formats are only checked when something was typed. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess(blankToUndefined, schema.optional()).transform((v) => (v === undefined ? null : v));

/** Mirrors the evidence_delivery enum (db/schema/enums.ts). */
export const EVIDENCE_DELIVERIES = ['each', 'hourly', 'daily'] as const;
export type EvidenceDelivery = (typeof EVIDENCE_DELIVERIES)[number];

export const BRAND_COLOR_PATTERN = /^#[0-9a-f]{6}$/;

/** The company profile form: shown on the consent page, in privacy notices and on the evidence. */
export const profileSchema = z.object({
  name: text(120),
  legalName: optionalText(200),
  address: optionalText(500, { multiline: true }), // a textarea: one line per address line
  controllerRepresentative: optionalText(200),
  dpoName: optionalText(200),
  dpoEmail: optional(email()),
  impressumUrl: optional(cleanString().trim().max(500).pipe(z.url({ protocol: /^https$/, hostname: z.regexes.domain, error: 'profile.errors.httpsUrl' }))),
  evidenceEmail: optional(email()),
  contactPhone: optional(z.string().trim().regex(/^\+?[0-9][0-9 ()/-]{4,28}[0-9]$/, 'profile.errors.phone')),
  brandColor: optional(z.string().trim().toLowerCase().regex(BRAND_COLOR_PATTERN, 'profile.errors.brandColor')),
  // An HTML checkbox sends "on" when ticked and nothing otherwise.
  doubleOptIn: z
    .union([z.literal('on'), z.literal('true'), z.boolean()])
    .optional()
    .transform((v) => v === true || v === 'on' || v === 'true'),
  // Evidence mails to evidenceEmail: one per decision, or an hourly or daily digest (lib/evidence/digest.ts).
  evidenceDelivery: z.enum(EVIDENCE_DELIVERIES, 'profile.errors.evidenceDelivery').default('each'),
});
export type ProfileInput = z.infer<typeof profileSchema>;

/** Logos: PNG, JPEG or WebP (checked by magic bytes) up to this many bytes. */
export const LOGO_MAX_BYTES = 300 * 1024;
export const LOGO_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
export type LogoType = (typeof LOGO_TYPES)[number];

/** The logo upload form; the bytes themselves are checked in lib/tenants/logo.ts. */
export const logoUploadSchema = z.object({
  logo: z
    .file('profile.errors.logoRequired')
    .min(1, 'profile.errors.logoRequired')
    .max(LOGO_MAX_BYTES, 'profile.errors.logoTooLarge'),
});
