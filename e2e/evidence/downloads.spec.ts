import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { contactOptsIn, createAndCopyLink, publishNotice } from '../fixtures/consent';
import { inviteAndJoin, ownerWithTenant } from '../fixtures/team';

const isPdf = async (path: string) => (await readFile(path)).subarray(0, 5).toString() === '%PDF-';

test('the DPO downloads a receipt and a ledger report; the contact downloads their own receipt', async ({ browser }) => {
  const { page: owner } = await ownerWithTenant(browser);
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
  await dpo.getByRole('link', { name: 'Bea Beweis' }).click();
  const [receipt] = await Promise.all([dpo.waitForEvent('download'), dpo.getByRole('link', { name: 'Nachweis (PDF)' }).first().click()]);
  expect(receipt.suggestedFilename()).toMatch(/\.pdf$/);
  expect(await isPdf((await receipt.path())!)).toBe(true);
  const json = await dpo.context().request.get(await dpo.getByRole('link', { name: 'Nachweis (JSON)' }).first().getAttribute('href').then((h) => h!));
  expect(json.status()).toBe(200);
  expect(JSON.stringify(await json.json())).not.toContain('3456789');

  await dpo.goto('/dashboard/ledger');
  const [report] = await Promise.all([dpo.waitForEvent('download'), dpo.getByRole('button', { name: 'Bericht herunterladen' }).click()]);
  expect(await isPdf((await report.path())!)).toBe(true);

  // Sales may not download evidence.
  const receiptHref = await dpo.goto('/dashboard/ledger').then(() => '/dashboard/ledger/report.pdf?from=2020-01-01&to=2020-01-31');
  expect((await sales.context().request.get(receiptHref)).status()).toBe(403);
});
