import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, tenants, users } from '@/db/schema';
import { withSystem, withTenant } from '@/lib/db/with-tenant';
import { createTestDb } from '@/lib/testing/test-db';
import { fieldErrorsOf } from '@/lib/validation';
import { createTenant } from '../create-tenant';
import { getLogoBySlug } from '../get-logo';
import { getProfile } from '../get-profile';
import { sniffImageType } from '../logo';
import { LOGO_MAX_BYTES, logoUploadSchema, profileSchema } from '../profile-schema';
import { removeLogo, setLogo } from '../update-logo';
import { updateProfile } from '../update-profile';

let db: Awaited<ReturnType<typeof createTestDb>>;
let a: { tenantId: string; userId: string };
let b: { tenantId: string; userId: string };

const PNG: Uint8Array<ArrayBuffer> = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46]);
const WEBP = new Uint8Array([0x52, 0x49, 0x46, 0x46, 30, 0, 0, 0, 0x57, 0x45, 0x42, 0x50, 0x56, 0x50, 0x38, 0x20]);
const SVG = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');

beforeAll(async () => {
  db = await createTestDb();
  await withSystem(async (tx) => {
    const [ua, ub] = await tx.insert(users).values([{ email: 'a@firma.example' }, { email: 'b@andere.example' }]).returning();
    a = { userId: ua!.id, tenantId: (await createTenant(tx, ua!.id, { name: 'Firma A', slug: 'firma-a' })).id };
    b = { userId: ub!.id, tenantId: (await createTenant(tx, ub!.id, { name: 'Firma B', slug: 'firma-b' })).id };
  });
});
afterAll(() => db.close());

const tenantRow = async (id: string) => (await withSystem((tx) => tx.select().from(tenants).where(eq(tenants.id, id))))[0]!;
const audits = async (tenantId: string) =>
  (await withTenant(tenantId, (tx) => tx.select().from(auditLog))).filter((r) => r.action.startsWith('tenant.') && r.action !== 'tenant.create');

const valid = {
  name: ' Firma A ',
  legalName: 'Firma A GmbH',
  address: 'Musterstraße 1\n10115 Berlin',
  controllerRepresentative: 'Anna A (Geschäftsführerin)',
  dpoName: '',
  dpoEmail: 'Datenschutz@Firma.example',
  impressumUrl: 'https://firma.example/impressum',
  evidenceEmail: 'nachweise@firma.example',
  contactPhone: '+49 30 1234567',
  brandColor: '#0F766E',
  doubleOptIn: 'on',
};

describe('company profile', () => {
  it('saves the profile normalised, with an audit row naming the changed fields', async () => {
    const input = profileSchema.parse(valid);
    expect(input).toMatchObject({ name: 'Firma A', dpoName: null, dpoEmail: 'datenschutz@firma.example', brandColor: '#0f766e', doubleOptIn: true });
    const res = await withTenant(a.tenantId, (tx) => updateProfile(tx, a, input));
    expect(res.changed).toContain('address');
    expect(res.changed).not.toContain('name');
    const profile = await withTenant(a.tenantId, (tx) => getProfile(tx, a.tenantId));
    expect(profile).toMatchObject({ address: 'Musterstraße 1\n10115 Berlin', impressumUrl: 'https://firma.example/impressum', doubleOptIn: true, logo: null });

    // Saving the same again changes nothing and records nothing; an unticked checkbox turns double opt-in off.
    const n = (await audits(a.tenantId)).length;
    expect((await withTenant(a.tenantId, (tx) => updateProfile(tx, a, input))).changed).toEqual([]);
    expect(await audits(a.tenantId)).toHaveLength(n);
    const { doubleOptIn: _drop, ...withoutCheckbox } = valid;
    await withTenant(a.tenantId, (tx) => updateProfile(tx, a, profileSchema.parse(withoutCheckbox)));
    expect((await tenantRow(a.tenantId)).doubleOptIn).toBe(false);
    const rows = await audits(a.tenantId);
    expect(rows.map((r) => r.action)).toEqual(['tenant.profile.update', 'tenant.profile.update']);
    expect(JSON.parse(rows.at(-1)!.details!)).toEqual({ changed: ['doubleOptIn'] });
    expect((await tenantRow(b.tenantId)).legalName).toBeNull(); // the other tenant is untouched
  });

  it('rejects bad colour, URL, e-mail and phone with message keys, and writes nothing', async () => {
    const before = await tenantRow(a.tenantId);
    const res = profileSchema.safeParse({
      ...valid,
      name: '',
      brandColor: 'red',
      impressumUrl: 'http://firma.example/impressum',
      dpoEmail: 'kein-at',
      contactPhone: 'abc',
    });
    expect(res.success).toBe(false);
    expect(fieldErrorsOf(res.error!)).toEqual({
      name: 'required',
      brandColor: 'profile.errors.brandColor',
      impressumUrl: 'profile.errors.httpsUrl',
      dpoEmail: 'email',
      contactPhone: 'profile.errors.phone',
    });
    for (const url of ['javascript:alert(1)', 'https://', 'firma.example', 'https://localhost/x']) {
      expect(profileSchema.safeParse({ ...valid, impressumUrl: url }).success, url).toBe(false);
    }
    for (const color of ['#fff', '#12345g', '0f766e', '#0f766e0']) {
      expect(profileSchema.safeParse({ ...valid, brandColor: color }).success, color).toBe(false);
    }
    expect(await tenantRow(a.tenantId)).toEqual(before);
  });

  it('stores PNG, JPEG and WebP logos by their magic bytes and serves them by slug', async () => {
    expect([PNG, JPEG, WEBP, SVG].map(sniffImageType)).toEqual(['image/png', 'image/jpeg', 'image/webp', null]);
    await withTenant(a.tenantId, (tx) => setLogo(tx, a, JPEG));
    expect(await withSystem((tx) => getLogoBySlug(tx, 'firma-a'))).toEqual({ bytes: Buffer.from(JPEG), contentType: 'image/jpeg' });
    await withTenant(a.tenantId, (tx) => setLogo(tx, a, WEBP));
    const profile = await withTenant(a.tenantId, (tx) => getProfile(tx, a.tenantId));
    expect(profile.logo).toMatchObject({ contentType: 'image/webp', bytes: WEBP.length });
    expect(profile).not.toHaveProperty('logoBase64');
    expect(await withSystem((tx) => getLogoBySlug(tx, 'firma-b'))).toBeNull();
    expect(await withSystem((tx) => getLogoBySlug(tx, '../etc'))).toBeNull();

    await withTenant(a.tenantId, (tx) => removeLogo(tx, a));
    expect(await withSystem((tx) => getLogoBySlug(tx, 'firma-a'))).toBeNull();
    expect((await audits(a.tenantId)).map((r) => r.action).filter((x) => x.startsWith('tenant.logo'))).toEqual([
      'tenant.logo.update',
      'tenant.logo.update',
      'tenant.logo.remove',
    ]);
  });

  it('rejects non-image bytes, oversized and empty logos, and writes nothing', async () => {
    await withTenant(a.tenantId, (tx) => setLogo(tx, a, PNG));
    const before = await tenantRow(a.tenantId);
    const n = (await audits(a.tenantId)).length;
    // An SVG (script-capable) declared as image/png is refused by its bytes.
    await expect(withTenant(a.tenantId, (tx) => setLogo(tx, a, SVG))).rejects.toMatchObject({ code: 'profile.errors.logoType' });
    const big = new Uint8Array(LOGO_MAX_BYTES + 1);
    big.set(PNG);
    await expect(withTenant(a.tenantId, (tx) => setLogo(tx, a, big))).rejects.toMatchObject({ code: 'profile.errors.logoTooLarge', status: 413 });
    await expect(withTenant(a.tenantId, (tx) => setLogo(tx, a, new Uint8Array()))).rejects.toMatchObject({ code: 'profile.errors.logoRequired' });
    expect(await tenantRow(a.tenantId)).toEqual(before);
    expect(await audits(a.tenantId)).toHaveLength(n);

    // The form schema refuses an oversized or empty upload before any byte is read.
    const upload = (bytes: Uint8Array<ArrayBuffer>) => logoUploadSchema.safeParse({ logo: new File([bytes], 'logo.png', { type: 'image/png' }) });
    expect(upload(PNG).success).toBe(true);
    expect(fieldErrorsOf(upload(big).error!)).toEqual({ logo: 'profile.errors.logoTooLarge' });
    expect(fieldErrorsOf(upload(new Uint8Array()).error!)).toEqual({ logo: 'profile.errors.logoRequired' });
    expect(fieldErrorsOf(logoUploadSchema.safeParse({}).error!)).toEqual({ logo: 'profile.errors.logoRequired' });
  });
});
