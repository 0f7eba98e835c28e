import { execFileSync } from 'node:child_process';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { createAndCopyLink, publishNotice } from '../fixtures/consent';
import { waitForMail } from '../fixtures/outbox';
import { ownerWithTenant } from '../fixtures/team';

// The WhatsApp channel end to end (issue #17) on the built-in simulator: double opt-in without e-mail by a code sent
// from the contact's phone, then "Stopp!" in the chat. The contact's pages with JavaScript on and off.
test.describe.configure({ mode: 'serial' });

let owner: Page;
let url: string;
let display: string;
let evidenceEmail: string;

const pdfText = (pdf: Buffer) => execFileSync('pdftotext', ['-', '-'], { input: pdf }).toString('utf8').replace(/\s+/g, ' ');

test.beforeAll(async ({ browser }) => {
  test.setTimeout(240_000);
  const o = await ownerWithTenant(browser, 'WhatsApp Test GmbH');
  owner = o.page;
  evidenceEmail = `nachweise-${o.slug}@example.com`;
  await publishNotice(owner);
  await owner.goto('/dashboard/settings');
  await owner.getByLabel('E-Mail für Nachweise').fill(evidenceEmail);
  await owner.getByRole('button', { name: 'Speichern', exact: true }).click();
  await expect(owner.getByText('Unternehmensdaten gespeichert.')).toBeVisible();

  // Settings → WhatsApp: connect a (simulated) number, test the connection.
  await owner.getByRole('link', { name: 'WhatsApp-Verbindung einrichten' }).click();
  await expect(owner.getByTestId('whatsapp-status')).toHaveText('Noch keine Nummer verbunden.');
  display = `+4930${Date.now().toString().slice(-8)}`;
  await owner.getByLabel('Phone number ID').fill(`e2e${Date.now()}`);
  await owner.getByLabel('WhatsApp Business Account ID').fill('e2e-waba');
  await owner.getByLabel('Nummer für Kontakte', { exact: false }).fill(display);
  await owner.getByLabel('Zugriffstoken (Access token)').fill('e2e-access-token-1234');
  await owner.getByLabel('App-Geheimnis (App secret)').fill('e2e-app-secret-1234');
  await owner.getByRole('button', { name: 'Verbinden', exact: true }).click();
  await expect(owner.getByText('Verbindung gespeichert.', { exact: false })).toBeVisible();
  await expect(owner.getByTestId('whatsapp-status')).toContainText(`Verbunden: ${display}`);
  await expect(owner.getByTestId('whatsapp-webhook-url')).toHaveText(/\/api\/whatsapp\/webhook$/);
  await expect(owner.getByTestId('whatsapp-verify-token')).toHaveText(/^[A-Za-z0-9_-]{32}$/);
  // Secrets are never shown again.
  await expect(owner.locator('body')).not.toContainText('e2e-access-token-1234');
  await owner.getByRole('button', { name: 'Verbindung testen' }).click();
  await expect(owner.getByTestId('whatsapp-test-result')).toHaveText('Verbindung funktioniert (Simulator).');

  await owner.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  url = await createAndCopyLink(owner, 'WhatsApp');
});

/** Writes as the contact in the simulator (/dev/whatsapp): a signed webhook to the app. */
/** How many messages the app sent to `digits` containing `text`, as the simulator page shows them after a fresh load. */
async function simSent(page: Page, digits: string, text: string): Promise<number> {
  await page.goto('/dev/whatsapp');
  return page.getByTestId('sim-sent').filter({ hasText: `+${digits}` }).filter({ hasText: text }).count();
}

async function writeAs(page: Page, from: string, text: string) {
  await page.goto('/dev/whatsapp');
  const section = page.getByTestId('sim-number').filter({ hasText: display });
  await section.getByLabel('Absender (Nummer des Kontakts)').fill(from);
  await section.getByLabel('Nachricht', { exact: true }).fill(text);
  await section.getByRole('button', { name: 'Als Kontakt senden' }).click();
  await expect(page.getByTestId('sim-posted')).toHaveText('Webhook gesendet: HTTP 200.');
}

async function optInWithoutEmail(browser: Browser, js: boolean, phone: string) {
  const page = await (await browser.newContext({ javaScriptEnabled: js })).newPage();
  await page.goto(url);
  await page.getByRole('link', { name: 'Ja, gern' }).click();
  await page.getByLabel('Ich habe den Datenschutzhinweis gelesen', { exact: false }).check();
  await page.getByRole('button', { name: 'Weiter' }).click();
  await page.getByLabel('Name', { exact: true }).fill(`Wa Kunde ${js ? 'JS' : 'HTML'}`);
  await page.getByLabel('Mobilnummer').fill(phone);
  await page.getByRole('button', { name: 'Einwilligung abschicken' }).click();
  return page;
}

for (const js of [false, true]) {
  test(`a contact (JavaScript ${js ? 'on' : 'off'}) confirms by WhatsApp code${js ? ', then writes "Stopp!"' : ''}`, async ({ browser }) => {
    test.setTimeout(180_000);
    const digits = `49171${Date.now().toString().slice(-7)}`;
    const contact = await optInWithoutEmail(browser, js, `+${digits}`);
    // Pending: the confirmation step offers WhatsApp, a wa.me link with the code in the prefilled message, and a QR code.
    const block = contact.getByTestId('whatsapp-confirm');
    await expect(block.getByRole('heading', { name: 'Per WhatsApp bestätigen' })).toBeVisible();
    const code = (await block.getByTestId('whatsapp-code').textContent())!.match(/([A-Z2-9]{4}-[A-Z2-9]{4})/)![1]!;
    const href = (await block.getByRole('link', { name: 'WhatsApp öffnen und Nachricht senden' }).getAttribute('href'))!;
    expect(href.startsWith(`https://wa.me/${display.slice(1)}?text=`)).toBe(true);
    const prefilled = new URL(href).searchParams.get('text')!;
    expect(prefilled).toContain(`Code: ${code}`);
    await expect(block.locator('svg')).toHaveCount(1);
    const personal = contact.url();

    // The same code from another number confirms nothing; from the contact's number it confirms.
    const stranger = `49150${digits.slice(-7)}`;
    await writeAs(owner, stranger, prefilled);
    await writeAs(owner, digits, prefilled);
    await expect.poll(async () => (await contact.goto(personal), await contact.getByTestId('contact-status').textContent()), { timeout: 15_000 }).toBe('Sie haben eingewilligt');
    // The replies are sent by the WhatsApp outbox worker after the inbox item committed: reload until they are there.
    await expect.poll(() => simSent(owner, digits, 'Ihre Einwilligung ist bestätigt'), { timeout: 15_000 }).toBe(1);
    await expect(owner.getByTestId('sim-sent').filter({ hasText: `+${stranger}` }).filter({ hasText: 'anderen Telefonnummer' })).toHaveCount(1);

    // Evidence: the receipt names the message; the ledger shows the confirmation; the mismatch is on the review list.
    const receipt = await contact.context().request.get(`${new URL(personal).pathname}/receipt.pdf`);
    expect(receipt.status()).toBe(200);
    expect(pdfText(await receipt.body())).toMatch(/per WhatsApp-Nachricht wamid\..*Bestätigungscode, gesendet von der angegebenen Nummer/);
    await owner.goto('/dashboard/settings/whatsapp');
    await expect(owner.getByTestId('whatsapp-review').getByRole('listitem').filter({ hasText: 'Code von anderer Nummer' }).filter({ hasText: code })).toHaveCount(1);
    await owner.goto('/dashboard/ledger');
    await owner.getByRole('link', { name: `Wa Kunde ${js ? 'JS' : 'HTML'}` }).first().click();
    await expect(owner.getByTestId('event-whatsapp')).toHaveText(/^per WhatsApp-Nachricht wamid\.\S+ vom .+: Bestätigungscode, gesendet von der angegebenen Nummer$/);
    if (!js) return;

    // "Stopp!" in the chat: withdrawn within seconds, the reply in the simulator, the receipt mailed.
    const since = Date.now();
    await writeAs(owner, digits, 'Stopp!');
    await expect.poll(async () => (await contact.goto(personal), await contact.getByTestId('contact-status').textContent()), { timeout: 10_000 }).toBe('Sie haben Ihre Einwilligung widerrufen');
    await expect.poll(() => simSent(owner, digits, 'Sie erhalten keine weiteren Nachrichten'), { timeout: 15_000 }).toBe(1);
    const mail = await waitForMail(evidenceEmail, /^Nachweis: Widerruf – /, { after: since - 1000 });
    expect(mail.attachments.map((a) => a.filename)).toEqual([expect.stringMatching(/withdrawn\.pdf$/), expect.stringMatching(/withdrawn\.json$/)]);
  });
}
