import { expect, test, type Browser, type Page } from '@playwright/test';
import { inviteAndJoin, ownerWithTenant } from '../fixtures/team';

/** The owner writes and publishes a privacy notice through the dashboard. */
async function publishNotice(owner: Page) {
  await owner.goto('/dashboard/notices');
  await owner.getByLabel('Interner Name').fill('WhatsApp-Kommunikation');
  await owner.getByLabel('Überschrift').fill('Datenschutzhinweis WhatsApp');
  await owner.getByLabel('Text', { exact: true }).fill('## Zweck\n\nWir schreiben Ihnen über **WhatsApp** zu Terminen.\n\n- Widerruf jederzeit');
  await owner.getByRole('button', { name: 'Hinweis anlegen' }).click();
  await expect(owner.getByRole('button', { name: 'Version 1 veröffentlichen' })).toBeVisible();
  await owner.getByLabel('Ich habe den Text geprüft', { exact: false }).check();
  await owner.getByRole('button', { name: 'Version 1 veröffentlichen' }).click();
  await expect(owner.getByText('Version 1 ist veröffentlicht.', { exact: false })).toBeVisible();
}

/** A sales member creates an invite link and copies it with the Copy button; returns the copied URL. */
async function createAndCopyLink(sales: Page, label: string): Promise<string> {
  await sales.goto('/dashboard/links');
  await sales.getByLabel('Bezeichnung').fill(label);
  await sales.getByRole('button', { name: 'Link erstellen' }).click();
  await expect(sales.getByText('Der Link wurde erstellt.', { exact: false })).toBeVisible();
  const card = sales.getByRole('listitem').filter({ hasText: label });
  await card.getByRole('button', { name: 'Kopieren' }).click();
  await expect(card.getByRole('status').filter({ hasText: 'Kopiert' })).toBeVisible();
  const copied = await sales.evaluate(() => navigator.clipboard.readText());
  expect(copied).toMatch(/\/c\/[a-z0-9-]+\/[A-Za-z0-9_-]{43}$/);
  return copied;
}

async function contactOptsIn(browser: Browser, url: string, p: { name: string; phone: string; js: boolean }): Promise<string> {
  const page = await (await browser.newContext({ javaScriptEnabled: p.js })).newPage();
  await page.goto(url);
  await expect(page.getByRole('heading', { name: 'Darf Firma Test Sie per WhatsApp kontaktieren?' })).toBeVisible();
  await page.getByRole('link', { name: 'Ja, gern' }).click();
  await expect(page.getByRole('heading', { name: 'Datenschutzhinweis WhatsApp' })).toBeVisible();
  await page.getByLabel('Ich habe den Datenschutzhinweis gelesen', { exact: false }).check();
  await page.getByRole('button', { name: 'Weiter' }).click();
  // Bad input first: a clear error, nothing recorded, the typed name kept.
  await page.getByLabel('Name', { exact: true }).fill(p.name);
  await page.getByLabel('Mobilnummer').fill('12');
  await page.getByRole('button', { name: 'Einwilligung abschicken' }).click();
  await expect(page.getByText('Bitte geben Sie eine gültige Telefonnummer ein.')).toBeVisible();
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue(p.name);
  await page.getByLabel('Mobilnummer').fill(p.phone);
  await page.getByRole('button', { name: 'Einwilligung abschicken' }).click();
  await expect(page.getByText('Vielen Dank! Ihre Einwilligung ist gespeichert.')).toBeVisible();
  await expect(page.getByTestId('contact-status')).toHaveText('Sie haben eingewilligt');
  return (await page.getByTestId('personal-link').textContent())!.trim();
}

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
      { name: 'Rita Refus', type: 'Ablehnung' },
    ]);

    await contactWithdraws(browser, personal, js);
    await expectLedger(dpo, [
      { name: 'Erika Muster', type: 'Einwilligung' },
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
