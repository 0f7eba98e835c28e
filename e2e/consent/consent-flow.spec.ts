import { expect, test, type Browser, type Page } from '@playwright/test';
import { contactOptsIn, createAndCopyLink, publishNotice } from '../fixtures/consent';
import { inviteAndJoin, ownerWithTenant } from '../fixtures/team';

async function contactRefuses(browser: Browser, url: string, js: boolean) {
  const page = await (await browser.newContext({ javaScriptEnabled: js })).newPage();
  await page.goto(url);
  await page.getByRole('link', { name: 'Nein, danke' }).click();
  await page.getByLabel('Name (optional)').fill('Rita Refus');
  await page.getByRole('button', { name: 'Ablehnung senden' }).click();
  await expect(page.getByText('Vielen Dank! Ihre Ablehnung ist gespeichert.', { exact: false })).toBeVisible();
}

async function contactWithdraws(browser: Browser, personalLink: string, js: boolean) {
  const page = await (await browser.newContext({ javaScriptEnabled: js })).newPage();
  await page.goto(new URL(personalLink).pathname);
  await page.getByRole('button', { name: 'Einwilligung widerrufen' }).click();
  await expect(page.getByText('Ihr Widerruf ist gespeichert.', { exact: false })).toBeVisible();
  await expect(page.getByTestId('contact-status')).toHaveText('Sie haben Ihre Einwilligung widerrufen');
}

async function expectLedger(dpo: Page, rows: { name: string; type: string }[]) {
  await dpo.goto('/dashboard/ledger');
  const table = dpo.getByTestId('ledger-row');
  await expect(table).toHaveCount(rows.length);
  for (const r of rows) await expect(table.filter({ hasText: r.name }).filter({ hasText: r.type }).first()).toBeVisible();
  await dpo.getByRole('button', { name: 'Kette prüfen' }).click();
  await expect(dpo.getByTestId('verify-result')).toHaveText(`Kette intakt: ${rows.length} Einträge geprüft, alle Hashes stimmen.`);
}

for (const js of [true, false]) {
  test(`consent flow end to end, contacts with JavaScript ${js ? 'enabled' : 'disabled'}`, async ({ browser }) => {
    const { page: owner } = await ownerWithTenant(browser);
    await publishNotice(owner);
    const sales = await inviteAndJoin(owner, browser, 'sales', { permissions: ['clipboard-read', 'clipboard-write'] });
    const dpo = await inviteAndJoin(owner, browser, 'dpo');
    const url = await createAndCopyLink(sales, `Messe ${js ? 'JS' : 'no-JS'}`);

    const personal = await contactOptsIn(browser, url, { name: 'Erika Muster', phone: '0171 2345678', js });
    await contactRefuses(browser, url, js);
    await expectLedger(dpo, [
      { name: 'Erika Muster', type: 'Einwilligung' },
      { name: 'Erika Muster', type: 'Bestätigt' },
      { name: 'Rita Refus', type: 'Ablehnung' },
    ]);

    await contactWithdraws(browser, personal, js);
    await expectLedger(dpo, [
      { name: 'Erika Muster', type: 'Einwilligung' },
      { name: 'Erika Muster', type: 'Bestätigt' },
      { name: 'Rita Refus', type: 'Ablehnung' },
      { name: 'Erika Muster', type: 'Widerruf' },
    ]);

    // Sales created the link but never reads the ledger.
    expect((await sales.goto('/dashboard/ledger'))?.status()).toBe(403);
    const csv = await sales.context().request.get('/dashboard/ledger/export.csv');
    expect(csv.status()).toBe(403);
    expect(await csv.text()).not.toContain('Erika');
  });
}
