import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { contactOptsIn, createAndCopyLink, publishNotice } from '../fixtures/consent';
import { waitForMail } from '../fixtures/outbox';
import { inviteAndJoin, ownerWithTenant } from '../fixtures/team';

const isPdf = async (path: string) => (await readFile(path)).subarray(0, 5).toString() === '%PDF-';

test('the DPO downloads a receipt and a ledger report; the contact downloads their own receipt', async ({ browser }) => {
  const { page: owner, slug } = await ownerWithTenant(browser);
  // The evidence address: every decision's receipt is mailed there (local outbox in tests).
  const evidenceEmail = `nachweise-${slug}@example.com`;
  await owner.goto('/dashboard/settings');
  await owner.getByLabel('E-Mail für Nachweise').fill(evidenceEmail);
  await owner.getByRole('button', { name: 'Speichern' }).first().click();
  await expect(owner.getByText('Unternehmensdaten gespeichert.')).toBeVisible();
  await publishNotice(owner);
  const sales = await inviteAndJoin(owner, browser, 'sales', { permissions: ['clipboard-read', 'clipboard-write'] });
  const dpo = await inviteAndJoin(owner, browser, 'dpo');
  const url = await createAndCopyLink(sales, 'Beweise');
  const personal = await contactOptsIn(browser, url, { name: 'Bea Beweis', phone: '0172 3456789', js: true });

  // The contact: their own receipt from the personal page.
  const contact = await (await browser.newContext()).newPage();
  await contact.goto(new URL(personal).pathname);
  const [own] = await Promise.all([contact.waitForEvent('download'), contact.getByRole('link', { name: 'Nachweis herunterladen (PDF)' }).click()]);
  expect(await isPdf((await own.path())!)).toBe(true);

  // The DPO: the contact's receipt and a report of today.
  await dpo.goto('/dashboard/ledger');
  // Two rows name her (consent, then its double opt-in confirmation): both lead to the contact.
  await dpo.getByRole('link', { name: 'Bea Beweis' }).first().click();
  const [receipt] = await Promise.all([dpo.waitForEvent('download'), dpo.getByRole('link', { name: 'Nachweis (PDF)' }).first().click()]);
  expect(receipt.suggestedFilename()).toMatch(/\.pdf$/);
  expect(await isPdf((await receipt.path())!)).toBe(true);
  const json = await dpo.context().request.get(await dpo.getByRole('link', { name: 'Nachweis (JSON)' }).first().getAttribute('href').then((h) => h!));
  expect(json.status()).toBe(200);
  expect(JSON.stringify(await json.json())).not.toContain('3456789');

  await dpo.goto('/dashboard/ledger');
  const [report] = await Promise.all([dpo.waitForEvent('download'), dpo.getByRole('button', { name: 'Bericht herunterladen' }).click()]);
  expect(await isPdf((await report.path())!)).toBe(true);

  // The receipt was mailed to the evidence address with the PDF and the receipt JSON (with its ledger proof, #16)
  // attached; /dev/outbox links the attachments.
  const mail = await waitForMail(evidenceEmail, /Nachweis: Einwilligung/);
  expect(mail.attachments.map((a) => a.filename)).toEqual([expect.stringMatching(/^nachweis-1-opt_in\.pdf$/), 'nachweis-1-opt_in.json']);
  await owner.goto('/dev/outbox');
  const attachment = owner.getByRole('link', { name: mail.attachments[0]!.filename }).first();
  const res = await owner.context().request.get((await attachment.getAttribute('href'))!);
  expect((await res.body()).subarray(0, 5).toString()).toBe('%PDF-');

  // Sales may not download evidence.
  const receiptHref = await dpo.goto('/dashboard/ledger').then(() => '/dashboard/ledger/report.pdf?from=2020-01-01&to=2020-01-31');
  expect((await sales.context().request.get(receiptHref)).status()).toBe(403);
});
