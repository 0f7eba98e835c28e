import { z } from 'zod';
import type { EventType } from '@/lib/consent/types';
import { LOCALES } from '@/lib/i18n/locales';
import type { ReceiptData } from './types';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

/** The transparency-log proof of a sealed event (lib/ledger/tlog/receipt-proof.ts: C2SP tlog-proof with its checkpoint). */
export const receiptProofSchema = z.object({
  format: z.literal('einwilligung-tlog-receipt@v1'),
  entry: z.string().min(1),
  index: z.number().int().nonnegative(),
  proof: z.string().startsWith('c2sp.org/tlog-proof@v1\n'),
  checkpoint: z.string().min(1),
  verifierKey: z.string().optional(),
  consistency: z.object({ size1: z.number().int().nonnegative(), size2: z.number().int().nonnegative(), hashes: z.array(z.string()) }).optional(),
});
const RECEIPT_EVENT_TYPES = ['given', 'refused', 'confirmed', 'withdrawn', 'erased'] as const;

/**
 * A consent receipt in the shape of ISO/IEC TS 27560 (which grew out of the Kantara Consent Receipt v1.1): who
 * (controller, PII principal as our contact id, never the phone), what (notice reference with its SHA-256, purpose,
 * lawful basis), how and when, the consent's events, and the ledger position that the public verify page confirms:
 * for a sealed event `ledger.tlog`, its entry, index, inclusion proof and signed checkpoint (`npm run verify`).
 */
export const consentReceiptSchema = z.object({
  version: z.literal('KI-CR-v1.1.0'),
  schemaVersion: z.literal('einwilligung-receipt-1'),
  jurisdiction: z.literal('DE'),
  consentTimestamp: z.iso.datetime(),
  collectionMethod: z.literal('web form via invite link'),
  receiptId: z.uuid(),
  language: z.enum(LOCALES),
  piiPrincipalId: z.uuid(),
  piiControllers: z
    .array(
      z.object({
        piiController: z.string().min(1),
        address: z.string().nullable(),
        contact: z.string().nullable(),
        email: z.string().nullable(),
        phone: z.string().nullable(),
        piiControllerUrl: z.string().nullable(),
      }),
    )
    .min(1),
  policyUrl: z.string().nullable(),
  notice: z
    .object({ url: z.string().nullable(), title: z.string(), version: z.number().int(), language: z.enum(LOCALES), sha256: sha256.nullable() })
    .nullable(),
  purposes: z.array(
    z.object({
      purpose: z.string(),
      lawfulBasis: z.literal('GDPR Art. 6(1)(a)'),
      piiCategories: z.array(z.string()),
      consentType: z.literal('explicit'),
      primaryPurpose: z.boolean(),
      termination: z.string(),
    }),
  ),
  sensitive: z.literal(false),
  spiCat: z.array(z.string()).length(0),
  events: z.array(z.object({ type: z.enum(RECEIPT_EVENT_TYPES), timestamp: z.iso.datetime(), seq: z.number().int().positive().nullable() })),
  ledger: z.object({
    eventHash: sha256,
    prevHash: sha256.nullable(),
    seq: z.number().int().positive().nullable(),
    verifyUrl: z.url(),
    /** Null while the event is recorded but not yet sealed (a download before the sequencer's batch). */
    tlog: receiptProofSchema.nullable(),
  }),
});
export type ConsentReceipt = z.infer<typeof consentReceiptSchema>;

const RECEIPT_TYPE: Record<EventType, (typeof RECEIPT_EVENT_TYPES)[number]> = {
  opt_in: 'given',
  opt_out: 'refused',
  confirmed: 'confirmed',
  withdrawn: 'withdrawn',
  erased: 'erased',
};

/** Builds the machine-readable receipt of one ledger event from gathered receipt data. */
export function buildConsentReceipt(data: ReceiptData): ConsentReceipt {
  const { controller: c, event, notice } = data;
  const receipt: ConsentReceipt = {
    version: 'KI-CR-v1.1.0',
    schemaVersion: 'einwilligung-receipt-1',
    jurisdiction: 'DE',
    consentTimestamp: event.occurredAt.toISOString(),
    collectionMethod: 'web form via invite link',
    receiptId: event.id,
    language: event.language,
    piiPrincipalId: data.contactId,
    piiControllers: [
      {
        piiController: c.legalName ?? c.name,
        address: c.address,
        contact: c.representative,
        email: c.evidenceEmail ?? c.dpoEmail,
        phone: c.contactPhone,
        piiControllerUrl: c.impressumUrl,
      },
    ],
    policyUrl: c.impressumUrl,
    notice: notice
      ? { url: null, title: notice.title, version: notice.version, language: notice.language, sha256: notice.textHash }
      : null,
    purposes: notice
      ? [
          {
            purpose: notice.purpose,
            lawfulBasis: 'GDPR Art. 6(1)(a)',
            piiCategories: ['name', 'phone number', 'e-mail'],
            consentType: 'explicit',
            primaryPurpose: true,
            termination: 'until withdrawn (GDPR Art. 7(3))',
          },
        ]
      : [],
    sensitive: false,
    spiCat: [],
    events: data.contactEvents.map((e) => ({ type: RECEIPT_TYPE[e.type], timestamp: e.occurredAt.toISOString(), seq: e.seq })),
    ledger: { eventHash: event.hash, prevHash: event.prevHash, seq: event.seq, verifyUrl: data.verifyUrl, tlog: data.ledger?.proof ?? null },
  };
  return consentReceiptSchema.parse(receipt);
}
