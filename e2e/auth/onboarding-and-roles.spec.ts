import { expect, test } from '@playwright/test';
import { signIn, uniqueEmail } from '../fixtures/auth';
import { linkIn, waitForMail } from '../fixtures/outbox';

test('owner signs in, creates a company and invites a sales member who is refused the ledger', async ({ browser }) => {
  const ownerEmail = uniqueEmail('owner');
  const salesEmail = uniqueEmail('sales');
  const slug = `firma-${Date.now().toString(36)}`;

  const owner = await (await browser.newContext()).newPage();
  await signIn(owner, ownerEmail);
  await expect(owner).toHaveURL(/\/onboarding/);

  // Bad input first: nothing is created, every error is shown in German.
  await owner.getByLabel('Name des Unternehmens').fill('');
  await owner.getByLabel('Adresse der Einwilligungsseite').fill('-x-');
  await owner.getByRole('button', { name: 'Unternehmen anlegen' }).click();
  await expect(owner.getByText('Bitte prüfen Sie die markierten Felder.')).toBeVisible();
  await expect(owner.getByText('Pflichtfeld.')).toBeVisible();
  await expect(owner.getByText(/Nur Kleinbuchstaben/)).toBeVisible();

  // The demo tenant's slug is taken.
  await owner.getByLabel('Name des Unternehmens').fill('Firma Test');
  await owner.getByLabel('Adresse der Einwilligungsseite').fill('musterbetrieb');
  await owner.getByRole('button', { name: 'Unternehmen anlegen' }).click();
  await expect(owner.getByText('Diese Adresse ist schon vergeben.', { exact: false })).toBeVisible();

  await owner.getByLabel('Adresse der Einwilligungsseite').fill(slug);
  await owner.getByRole('button', { name: 'Unternehmen anlegen' }).click();
  await expect(owner.getByRole('heading', { name: 'Willkommen bei Firma Test' })).toBeVisible();
  await expect(owner.getByText('Ihre Rolle: Inhaber')).toBeVisible();

  await owner.getByRole('link', { name: 'Team' }).click();
  await owner.getByLabel('E-Mail-Adresse').fill('kein-email');
  await owner.getByRole('button', { name: 'Einladung senden' }).click();
  await expect(owner.getByText('Bitte geben Sie eine gültige E-Mail-Adresse ein.')).toBeVisible();
  await expect(owner.getByText('Pflichtfeld.')).toBeVisible(); // no role chosen

  await owner.getByLabel('E-Mail-Adresse').fill(salesEmail);
  await owner.getByLabel('Rolle').selectOption('sales');
  await owner.getByRole('button', { name: 'Einladung senden' }).click();
  await expect(owner.getByText(`Einladung an ${salesEmail} gesendet.`)).toBeVisible();
  await expect(owner.getByRole('listitem').filter({ hasText: salesEmail })).toBeVisible();

  const invitation = await waitForMail(salesEmail, /Einladung zu Firma Test/);
  const invitePath = new URL(linkIn(invitation, /\/invite\//)).pathname;

  const sales = await (await browser.newContext()).newPage();
  await sales.goto(invitePath);
  await expect(sales.getByText(`Melden Sie sich mit ${salesEmail} an`)).toBeVisible();
  await signIn(sales, salesEmail, invitePath);
  await expect(sales.getByText('Sie wurden als Vertrieb zu Firma Test eingeladen.')).toBeVisible();
  await sales.getByRole('button', { name: 'Einladung annehmen' }).click();
  await expect(sales.getByText('Ihre Rolle: Vertrieb')).toBeVisible();

  // Sales has no ledger entry in the navigation, and the page itself answers 403.
  await expect(sales.getByRole('link', { name: 'Nachweise' })).toHaveCount(0);
  const response = await sales.goto('/dashboard/ledger');
  expect(response?.status()).toBe(403);
  await expect(sales.getByRole('heading', { name: 'Kein Zugriff' })).toBeVisible();

  // The owner still reads it.
  const ownerLedger = await owner.goto('/dashboard/ledger');
  expect(ownerLedger?.status()).toBe(200);
  await expect(owner.getByRole('heading', { name: 'Nachweise' })).toBeVisible();
});

test('an expired or reused magic link shows a clear error', async ({ page }) => {
  const email = uniqueEmail('reuse');
  const started = Date.now() - 1000;
  await page.goto('/signin');
  await page.getByLabel('E-Mail-Adresse').fill(email);
  await page.getByRole('button', { name: 'Anmeldelink senden' }).click();
  const mail = await waitForMail(email, /Anmeldelink/, { after: started });
  const link = linkIn(mail, /\/api\/auth\/callback\/resend/);
  await page.goto(link);
  await expect(page).toHaveURL(/\/onboarding/);
  await page.context().clearCookies();
  await page.goto(link);
  await expect(page.getByText('Der Anmeldelink ist abgelaufen oder wurde bereits verwendet.', { exact: false })).toBeVisible();
});

test('the sign-in form rejects a bad address in English too', async ({ browser }) => {
  const page = await (await browser.newContext({ locale: 'en-US', extraHTTPHeaders: { 'accept-language': 'en-US,en' } })).newPage();
  await page.goto('/signin');
  await page.getByLabel('E-mail address').fill('nope');
  await page.getByRole('button', { name: 'Send sign-in link' }).click();
  await expect(page.getByText('Please enter a valid e-mail address.')).toBeVisible();
});
