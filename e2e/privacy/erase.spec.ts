import { expect, test } from '@playwright/test';
import { contactOptsIn, createAndCopyLink, publishNotice } from '../fixtures/consent';
import { inviteAndJoin, ownerWithTenant } from '../fixtures/team';

// Issue #16, GDPR Art. 15 and 17 on the personal page with JavaScript off: "Alle meine Daten" as JSON, then
// "Meine Daten löschen" through its confirmation page; the DPO's ledger keeps the events but no longer the person.
test('the contact downloads all their data and erases it from the personal page, JavaScript disabled', async ({ browser }) => {
  test.setTimeout(180_000);
  const { page: owner } = await ownerWithTenant(browser);
  await publishNotice(owner);
  const sales = await inviteAndJoin(owner, browser, 'sales', { permissions: ['clipboard-read', 'clipboard-write'] });
  const dpo = await inviteAndJoin(owner, browser, 'dpo');
  const url = await createAndCopyLink(sales, 'Löschtest');
  const personal = await contactOptsIn(browser, url, { name: 'Lotte Löschmich', phone: '0171 7654321', js: false });

  const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  const path = new URL(personal).pathname;
  await page.goto(path);
  const access = await page.context().request.get(`${path}/data.json`);
  expect(access.status()).toBe(200);
  const data = (await access.json()) as { identities: { name: string }[]; events: { type: string; hash: string }[] };
  expect(data.identities.map((i) => i.name)).toEqual(['Lotte Löschmich']);
  expect(data.events.map((e) => e.type)).toEqual(['opt_in', 'confirmed']);

  await page.getByRole('link', { name: 'Meine Daten löschen' }).click();
  await expect(page.getByRole('heading', { name: 'Meine Daten löschen' })).toBeVisible();
  // Cancel leads back, nothing erased.
  await page.getByRole('link', { name: 'Abbrechen' }).click();
  await expect(page.getByTestId('contact-status')).toHaveText('Sie haben eingewilligt');
  await page.getByRole('link', { name: 'Meine Daten löschen' }).click();
  await page.getByRole('button', { name: 'Ja, meine Daten endgültig löschen' }).click();
  await expect(page.getByTestId('erased')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Ihre Daten wurden gelöscht' })).toBeVisible();
  // The personal link is dead now.
  expect((await page.goto(path))?.status()).toBe(404);

  // The DPO's ledger: the events stay (plus the erasure), the name is gone, search finds nothing, the chain verifies.
  await dpo.goto('/dashboard/ledger');
  await expect(dpo.getByTestId('ledger-row')).toHaveCount(3);
  await expect(dpo.getByText('Lotte')).toHaveCount(0);
  await dpo.getByRole('button', { name: 'Kette prüfen' }).click();
  await expect(dpo.getByTestId('verify-result')).toHaveText('Kette intakt: 3 Einträge geprüft, alle Hashes stimmen.');
  const csv = await dpo.context().request.get('/dashboard/ledger/export.csv');
  expect(await csv.text()).not.toMatch(/Lotte|7654321/);
  const hash = data.events[0]!.hash;
  expect((await page.goto(`/verify/${hash}`))?.status()).toBe(200);

  // The DPO records an erasure requested by letter: a reason is required, the contact's data is gone afterwards.
  await contactOptsIn(browser, url, { name: 'Dora Dashboard', phone: '0171 1112223', js: false });
  await dpo.goto('/dashboard/ledger');
  await dpo.getByRole('link', { name: 'Dora Dashboard' }).first().click();
  await expect(dpo.getByRole('heading', { name: 'Löschen (Art. 17 DSGVO)' })).toBeVisible();
  await dpo.getByLabel('Grund (Pflichtangabe', { exact: false }).fill('Löschantrag per Brief vom 3.12.');
  await dpo.getByRole('button', { name: 'Endgültig löschen' }).click();
  // The page re-renders without the form: the contact is erased.
  await expect(dpo.getByTestId('contact-erased')).toBeVisible();
  await dpo.reload();
  await expect(dpo.getByText('Dora')).toHaveCount(0);
  // Her own mails (confirmation request, receipt copy) keep no address and offer no resend; the company's copies do.
  const erasedMails = dpo.getByTestId('event-mail').filter({ hasText: /(Kopie an Kontakt|Bestätigungsanfrage an) erased/ });
  await expect(erasedMails).toHaveCount(2);
  await expect(erasedMails.getByRole('button', { name: 'Erneut senden' })).toHaveCount(0);
  await expect(dpo.getByText('kunde.example')).toHaveCount(0);
  await dpo.goto('/dashboard/ledger');
  await expect(dpo.getByTestId('ledger-row')).toHaveCount(6);
  await expect(dpo.getByText('Dora')).toHaveCount(0);
  await dpo.getByRole('button', { name: 'Kette prüfen' }).click();
  await expect(dpo.getByTestId('verify-result')).toHaveText('Kette intakt: 6 Einträge geprüft, alle Hashes stimmen.');
});
