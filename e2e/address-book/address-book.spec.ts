import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { expect, test, type Page } from '@playwright/test';
import { createAndCopyLink, publishNotice } from '../fixtures/consent';
import { ownerWithTenant } from '../fixtures/team';

const run = promisify(execFile);
const TOTAL = 300;
const STAY = [0, 1, 2, 3, 4];
const GO = [5, 6, 7, 8];
const WAITING = [9, 10, 11];
const national = (i: number) => `0171 ${3000000 + i}`;
const e164 = (i: number) => `+49171${3000000 + i}`;

/** A 300-card phone export in the shapes phones write: iPhone item groups with labels, international, 00 and national notation. */
function book(): string {
  const cards: string[] = [];
  for (let i = 0; i < TOTAL; i++) {
    const tel =
      i % 3 === 0
        ? [`item1.TEL;type=CELL:${e164(i).replace('+49171', '+49 171 ')}`, 'item1.X-ABLabel:_$!<Mobile>!$_']
        : [`TEL;TYPE=CELL:${i % 3 === 1 ? national(i) : e164(i).replace('+', '00')}`];
    // Card 0 also has an unknown second number: it stays on its consented one; both numbers are shown.
    if (i === 0) tel.push('TEL;TYPE=WORK:+49 30 901820');
    cards.push(['BEGIN:VCARD', 'VERSION:3.0', `N:Kontakt;Nr${i};;;`, `FN:Nr${i} Kontakt`, ...tel, 'END:VCARD'].join('\r\n'));
  }
  return cards.join('\r\n') + '\r\n';
}

/** The published notice version's id, read from the consent form's hidden field. */
async function noticeVersionId(page: Page, url: string): Promise<string> {
  await page.goto(url);
  await page.getByRole('link', { name: 'Ja, gern' }).click();
  await page.getByLabel('Ich habe den Datenschutzhinweis gelesen', { exact: false }).check();
  await page.getByRole('button', { name: 'Weiter' }).click();
  return (await page.locator('input[name="noticeVersionId"]').getAttribute('value'))!;
}

async function setDoubleOptIn(owner: Page, on: boolean) {
  await owner.goto('/dashboard/settings');
  await owner.locator('#f-doubleOptIn').setChecked(on);
  await owner.getByRole('button', { name: 'Speichern', exact: true }).first().click();
  await expect(owner.getByText('Unternehmensdaten gespeichert.')).toBeVisible();
}

test('address book: 300 contacts → four lists, cleaned vCard with exactly the consented cards, invites, finish deletes the import', async ({ browser }) => {
  test.setTimeout(240_000); // measured only on a 2-core machine at load ≈ 25, where the steps up to the invites took > 90 s
  const { page: owner, slug } = await ownerWithTenant(browser, 'Firma Adressbuch');
  await owner.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await publishNotice(owner);
  const link = new URL(await createAndCopyLink(owner, 'Adressbuch-Test'));
  const token = link.pathname.split('/')[3]!;
  const versionId = await noticeVersionId(owner, link.pathname);

  // The ledger through the public API: pending opt-ins under double opt-in, then (switched off) consents and refusals.
  const submit = async (data: Record<string, string>) => {
    const res = await owner.request.post(`/api/public/consent/${slug}/${token}`, { data: { idempotencyKey: randomUUID(), ...data } });
    expect(res.status(), await res.text()).toBe(201);
  };
  for (const i of WAITING) await submit({ decision: 'opt_in', noticeVersionId: versionId, confirmed: '1', name: `Nr${i}`, phone: national(i), email: `w${i}@example.com` });
  await setDoubleOptIn(owner, false);
  for (const i of STAY) await submit({ decision: 'opt_in', noticeVersionId: versionId, confirmed: '1', name: `Nr${i}`, phone: national(i) });
  for (const i of GO) await submit({ decision: 'opt_out', name: `Nr${i}`, phone: national(i) });

  // Upload (the page's script shows progress and follows to the import).
  await owner.goto('/dashboard/address-book');
  await expect(owner.getByTestId('privacy')).toContainText('24 Stunden');
  await owner.getByLabel('Datei (vCard oder CSV', { exact: false }).setInputFiles({ name: 'kontakte.vcf', mimeType: 'text/vcard', buffer: Buffer.from(book()) });
  await owner.getByRole('button', { name: 'Hochladen und prüfen' }).click();
  await owner.waitForURL(/\/dashboard\/address-book\/[0-9a-f-]{36}/);
  const importPath = new URL(owner.url()).pathname;
  const counts = { stay: STAY.length, go: GO.length, waiting: WAITING.length, unknown: TOTAL - STAY.length - GO.length - WAITING.length };
  for (const [list, n] of Object.entries(counts)) await expect(owner.getByTestId(`count-${list}`)).toHaveText(String(n));
  const rows = owner.getByTestId('card-table').locator('[data-card-row]');
  await expect(rows).toHaveCount(STAY.length);
  await expect(rows.filter({ hasText: 'Nr0 Kontakt' })).toContainText(/\+49\s?30\s?901820/); // several numbers, each shown

  // Must go: with the event and its date; filter and sort on the server.
  await owner.getByRole('link', { name: /Müssen weg/ }).click();
  await expect(rows).toHaveCount(GO.length);
  await expect(rows.first()).toContainText('abgelehnt');
  await owner.getByLabel('Filtern (Name oder Nummer)').fill('Nr7');
  await owner.getByRole('button', { name: 'Anwenden' }).click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(e164(7));

  // The cleaned book, re-parsed with the app's parser: exactly the consented cards, original data.
  await owner.goto(importPath);
  const [vcf] = await Promise.all([owner.waitForEvent('download'), owner.getByRole('link', { name: /Bereinigtes Adressbuch/ }).click()]);
  const text = await readFile((await vcf.path())!, 'utf8');
  expect(text).toContain('item1.X-ABLabel:_$!<Mobile>!$_');
  const { stdout } = await run('npx', ['tsx', '--import', './scripts/server-only-hook.mjs', 'e2e/address-book/reparse.ts', (await vcf.path())!]);
  const parsed = JSON.parse(stdout) as { cards: { name: string; numbers: string[] }[] };
  expect(parsed.cards.map((c) => c.name).sort()).toEqual(STAY.map((i) => `Nr${i} Kontakt`).sort());

  // Invite links for "not asked yet": one single-use link per contact, as CSV and as wa.me links per contact.
  await owner.goto(`${importPath}?list=unknown`);
  await owner.getByLabel('Bezeichnung der Links').fill('Adressbuch 2026');
  await owner.getByRole('button', { name: 'Einladungslinks erstellen' }).click();
  await expect(owner.getByText(`${counts.unknown} Einladungslinks erstellt.`)).toBeVisible();
  const wa = await owner.getByRole('link', { name: 'Per WhatsApp senden' }).first().getAttribute('href');
  expect(wa).toMatch(/^https:\/\/wa\.me\/49171300\d{4}\?text=.*%2Fc%2F/);
  const [csv] = await Promise.all([owner.waitForEvent('download'), owner.getByRole('link', { name: 'Einladungslinks (CSV)' }).click()]);
  const lines = (await readFile((await csv.path())!, 'utf8')).trim().split('\r\n');
  expect(lines).toHaveLength(counts.unknown + 1);
  expect(lines[1]).toMatch(new RegExp(`/c/${slug}/[A-Za-z0-9_-]{43}`));

  // Finish: the import is gone; the page says so and its downloads answer 404.
  await owner.getByRole('button', { name: 'Abschließen und Kontakte löschen' }).click();
  await expect(owner.getByTestId('import-gone')).toContainText('Die hochgeladenen Kontakte sind gelöscht');
  expect((await owner.request.get(`${importPath}/cleaned.vcf`)).status()).toBe(404);
  await owner.goto('/dashboard/address-book');
  await expect(owner.getByText(/300 Kontakte – 5 dürfen bleiben, 4 müssen weg/)).toBeVisible();
  await expect(owner.getByText('abgeschlossen', { exact: true })).toBeVisible();
});
