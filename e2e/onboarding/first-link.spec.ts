import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { signIn, uniqueEmail } from '../fixtures/auth';

const SHOTS = path.join('test-results', 'onboarding-screens');
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });

// Every form submission in the tab (sign-in, server-action forms, GET forms) counted in the page itself, so the
// count survives navigations: a capture listener sees the submit event before React or the browser handles it.
const countSubmissions = (page: Page) =>
  page.addInitScript(() => {
    window.addEventListener('submit', () => sessionStorage.setItem('e2eSubmits', String(Number(sessionStorage.getItem('e2eSubmits') ?? '0') + 1)), true);
  });
const submissions = (page: Page) => page.evaluate(() => Number(sessionStorage.getItem('e2eSubmits') ?? '0'));

test('a new user goes from sign-up to a working consent link with the template and a counter poster in at most 8 submissions', async ({ browser }) => {
  test.setTimeout(120_000);
  mkdirSync(SHOTS, { recursive: true });
  const slug = `sonne-${Date.now().toString(36)}`;
  const owner = await (await browser.newContext()).newPage();
  await countSubmissions(owner);

  // 1: sign-up through the magic link in the outbox.
  await signIn(owner, uniqueEmail('neu'));
  await expect(owner).toHaveURL(/\/onboarding/);
  // 2: the company.
  await owner.getByLabel('Name des Unternehmens').fill('Bäckerei Sonnenschein');
  await owner.getByLabel('Adresse der Einwilligungsseite').fill(slug);
  await owner.getByRole('button', { name: 'Unternehmen anlegen' }).click();
  const checklist = owner.getByTestId('setup-checklist');
  await expect(checklist.getByText('0 von 3 Schritten erledigt')).toBeVisible();
  await expect(checklist.getByText(/mindestens 20 Personen/)).toBeVisible();
  await shot(owner, '1-dashboard-checklist');

  // 3: company details, reached from the checklist. Neu-Ulm (89231) lies in Bavaria although Ulm (890xx) is in BW.
  await checklist.getByRole('link', { name: 'Firmendaten vervollständigen' }).click();
  await owner.getByLabel('Vollständiger Firmenname').fill('Bäckerei Sonnenschein GmbH');
  await owner.getByLabel('Anschrift', { exact: true }).fill('Marktplatz 3\n89231 Neu-Ulm');
  await owner.getByLabel('Telefon', { exact: true }).fill('+49 731 987654');
  await owner.getByLabel('Impressum (Adresse)').fill('https://sonnenschein.example/impressum');
  await owner.getByRole('button', { name: 'Speichern', exact: true }).click();
  await expect(owner.getByText('Unternehmensdaten gespeichert.')).toBeVisible();
  await owner.goto('/dashboard');
  await expect(checklist.getByText('1 von 3 Schritten erledigt')).toBeVisible();
  await expect(owner.getByTestId('setup-step-profile')).toHaveAttribute('data-done', 'true');

  // 4: the template, with "Angebote" unticked.
  await checklist.getByRole('link', { name: 'Datenschutzhinweis veröffentlichen' }).click();
  await expect(owner.getByText('keine Rechtsberatung', { exact: false })).toBeVisible();
  await owner.getByLabel('Angebote').uncheck();
  await owner.getByRole('button', { name: 'Vorlage einsetzen' }).click();
  const body = owner.getByLabel('Text', { exact: true });
  await expect(body).toHaveValue(/Bayerisches Landesamt für Datenschutzaufsicht \(BayLDA\), Promenade 18, 91522 Ansbach/);
  await expect(body).toHaveValue(/Bäckerei Sonnenschein GmbH, Marktplatz 3, 89231 Neu-Ulm/);
  await expect(body).not.toHaveValue(/Angeboten/);
  await expect(body).not.toHaveValue(/\[\[/);
  // The owner edits one sentence.
  const edited = 'Sie ist freiwillig; ohne sie erreichen Sie uns weiterhin telefonisch und in der Filiale.';
  const text = await body.inputValue();
  expect(text).toContain('Sie ist freiwillig; ohne sie erreichen Sie uns weiterhin auf anderen Wegen.');
  await body.fill(text.replace('Sie ist freiwillig; ohne sie erreichen Sie uns weiterhin auf anderen Wegen.', edited));
  await shot(owner, '2-notice-template');
  // 5: create the notice.
  await owner.getByRole('button', { name: 'Hinweis anlegen' }).click();
  // 6: publish.
  await owner.getByLabel('Ich habe den Text geprüft', { exact: false }).check();
  await owner.getByRole('button', { name: 'Version 1 veröffentlichen' }).click();
  await expect(owner.getByText('Version 1 ist veröffentlicht.', { exact: false })).toBeVisible();
  await shot(owner, '3-published-first-link-offer');
  // 7: the first link with defaults.
  await owner.getByRole('button', { name: 'Ersten Link erstellen' }).click();
  await expect(owner.getByRole('heading', { name: 'Allgemein', level: 1 })).toBeVisible();
  const url = await owner.locator('input[readonly]').first().inputValue();
  expect(url).toMatch(new RegExp(`/c/${slug}/[A-Za-z0-9_-]{43}$`));
  await expect(owner.getByLabel('Diesen Text können Sie Kunden direkt schicken:')).toHaveValue(new RegExp(url.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')));
  await shot(owner, '4-first-link');

  // The counter poster: its text, and its QR code decoded back to the link.
  const [download] = await Promise.all([owner.waitForEvent('download'), owner.getByRole('link', { name: 'Aushang A4 (Deutsch)' }).click()]);
  const pdf = path.join(SHOTS, 'poster-a4-de.pdf');
  await download.saveAs(pdf);
  const posterText = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  expect(posterText).toContain('Bäckerei Sonnenschein');
  expect(posterText.replace(/\s+/g, ' ')).toContain('Scannen, um WhatsApp-Nachrichten von uns zu erhalten — jederzeit widerrufbar');
  expect(posterText.replace(/\s+/g, '')).toContain(url.replace(/^https?:\/\//, ''));
  execFileSync('pdftoppm', ['-png', '-r', '150', '-singlefile', pdf, path.join(SHOTS, 'poster-a4-de')]);
  const png = PNG.sync.read(readFileSync(path.join(SHOTS, 'poster-a4-de.png')));
  const qr = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  expect(qr?.data).toBe(url);

  const count = await submissions(owner);
  console.log(`form submissions from sign-up to a working link: ${count}`);
  expect(count).toBeLessThanOrEqual(8);
  await owner.goto('/dashboard');
  await expect(owner.getByTestId('setup-checklist')).toHaveCount(0); // all three steps done
  await shot(owner, '5-dashboard-done');

  // The link works for a contact: the consent page with the edited, published notice.
  const contact = await (await browser.newContext()).newPage();
  await contact.goto(url);
  await expect(contact.getByRole('heading', { name: /^Darf .+ Sie per WhatsApp kontaktieren\?$/ })).toBeVisible();
  await contact.getByRole('link', { name: 'Ja, gern' }).click();
  await expect(contact.getByRole('heading', { name: 'Datenschutzhinweis zur Kommunikation über WhatsApp' })).toBeVisible();
  await expect(contact.getByText(edited, { exact: false })).toBeVisible();
  await shot(contact, '6-contact-consent-page');
});
