import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { decisionSchema } from '@/lib/consent/schemas';
import { ledgerFilterSchema } from '@/lib/ledger/schemas';
import { createLinkSchema } from '@/lib/links/schemas';
import { inviteMemberSchema } from '@/lib/members/schemas';
import { createNoticeSchema } from '@/lib/notices/schemas';
import { profileSchema } from '@/lib/tenants/profile-schema';
import { createTenantSchema } from '@/lib/tenants/schemas';
import { fieldErrorsOf, isCleanText } from '@/lib/validation';

const HOSTILE = ['Evil\u0000', 'Ev\u0007il', 'Line\nbreak', 'Carriage\rreturn', 'Tab\tbed', 'Del\u007f', 'C1\u0085', 'lone \ud800 surrogate', 'non\ufffechar', 'non\u{10ffff}char', 'non\ufdd0char'];
const MULTILINE_OK = ['Line\nbreak', 'Carriage\rreturn', 'CR\r\nLF', 'Tab\tbed'];

function errorsOf(schema: z.ZodType, value: unknown) {
  const r = schema.safeParse(value);
  return r.success ? {} : fieldErrorsOf(r.error);
}

const optIn = (over: Record<string, unknown>) => ({ decision: 'opt_in', noticeVersionId: randomUUID(), confirmed: '1', name: 'Erika', phone: '0171 2345678', idempotencyKey: randomUUID(), ...over });

describe('control characters are refused at the zod boundary with the field error "controlChars"', () => {
  it('isCleanText: single-line refuses every hostile sample; multi-line allows \\t \\n \\r only', () => {
    for (const v of HOSTILE) expect(isCleanText(v), JSON.stringify(v)).toBe(false);
    for (const v of MULTILINE_OK) expect(isCleanText(v, { multiline: true }), JSON.stringify(v)).toBe(true);
    for (const v of HOSTILE.filter((h) => !MULTILINE_OK.includes(h))) expect(isCleanText(v, { multiline: true }), JSON.stringify(v)).toBe(false);
    for (const v of ['Müller-Lüdenscheidt', 'Zoë 😀 李', '„Anführung“ – ß', 'O\u2019Brien']) expect(isCleanText(v)).toBe(true);
  });

  it('public consent form / JSON API: name, e-mail, phone (opt-in and refusal)', () => {
    for (const bad of HOSTILE) {
      expect(errorsOf(decisionSchema, optIn({ name: bad }))).toEqual({ name: 'controlChars' });
      expect(errorsOf(decisionSchema, optIn({ email: `a${bad}@example.com` }))).toEqual({ email: 'controlChars' });
      expect(errorsOf(decisionSchema, { decision: 'opt_out', name: bad, idempotencyKey: randomUUID() })).toEqual({ name: 'controlChars' });
    }
    expect(errorsOf(decisionSchema, optIn({ phone: '0171 2345678\u0000' }))).toEqual({ phone: 'controlChars' });
  });

  it('dashboard inputs: invite link, notice, company profile, tenant, member invitation, ledger search', () => {
    const noticeId = randomUUID();
    expect(errorsOf(createLinkSchema, { noticeId, label: 'Evil\u0000', prefillName: 'A\nB' })).toEqual({ label: 'controlChars', prefillName: 'controlChars' });
    const notice = { name: 'N', language: 'de', title: 'T', body: '## Hallo\r\n\r\n- Punkt\teins\n', purpose: 'Zweck', legalBasis: '' };
    expect(errorsOf(createNoticeSchema, notice)).toEqual({});
    expect(errorsOf(createNoticeSchema, { ...notice, body: 'Text\u0000', title: 'T\nT', name: 'N\u0000' })).toEqual({ body: 'controlChars', title: 'controlChars', name: 'controlChars' });
    expect(errorsOf(profileSchema, { name: 'Firma', address: 'Straße 1\r\n10115 Berlin' })).toEqual({});
    expect(errorsOf(profileSchema, { name: 'Firma\u0000', address: 'Straße\u0000', legalName: 'X\n', impressumUrl: 'https://exa\nmple.com/', dpoEmail: 'a\u0000@b.de' })).toEqual({
      name: 'controlChars',
      address: 'controlChars',
      legalName: 'controlChars',
      impressumUrl: 'controlChars',
      dpoEmail: 'controlChars',
    });
    expect(errorsOf(createTenantSchema, { name: 'Firma\u0000', slug: 'firma' })).toEqual({ name: 'controlChars' });
    expect(errorsOf(inviteMemberSchema, { email: 'x\u0000@example.com', role: 'sales' })).toEqual({ email: 'controlChars' });
    expect(errorsOf(ledgerFilterSchema, { q: 'Evil\u0000' })).toEqual({ q: 'controlChars' });
  });
});
