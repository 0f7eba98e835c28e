import { describe, expect, it } from 'vitest';
import { digestMail } from '@/lib/evidence/digest-mail';
import { sampleDigest } from '@/lib/testing/sample-data';
import { confirmConsentMail, receiptMail } from '../consent-templates';
import { magicLinkMail, memberInvitationMail } from '../templates';

// The five mails share two templates (emails/components/action-mail.tsx, emails/evidence-mail.tsx): each keeps its
// own strings, link and language.
describe('mail templates', () => {
  it('renders the three link mails with their own heading, button and link, in German and English', async () => {
    const signIn = await magicLinkMail('de', 'http://app.test/api/auth/callback/resend?token=abc');
    expect(signIn.subject).toBe('Ihr Anmeldelink für Einwilligung');
    expect(signIn.html).toContain('lang="de"');
    expect(signIn.html).toContain('href="http://app.test/api/auth/callback/resend?token=abc"');
    const invitation = await memberInvitationMail('en', { url: 'http://app.test/invite/t1', tenantName: 'T GmbH', inviter: 'o@x.test', role: 'sales' });
    expect(invitation.text).toContain('o@x.test invites you to T GmbH as Sales.');
    expect(invitation.text).toContain('Or open this link: http://app.test/invite/t1');
    expect(invitation.html).toContain('lang="en"');
    const confirm = await confirmConsentMail('de', { tenantName: 'T GmbH', url: 'http://app.test/c/t/confirm/x' });
    expect(confirm.text).toContain('http://app.test/c/t/confirm/x');
    expect(confirm.text).not.toContain('Einladung');
  });

  it('shows the receipt\'s rows and verify link, and the digest\'s counts without a verify link', async () => {
    const receipt = await receiptMail('de', { audience: 'company', tenantName: 'T', eventType: 'opt_in', occurredAt: new Date('2026-01-02T03:04:05Z'), contactName: 'Erika', verifyUrl: 'http://app.test/verify/ab' });
    expect(receipt.text).toContain('Zeitpunkt: 02.01.2026, 04:04:05 (Europe/Berlin)');
    expect(receipt.text).toContain('Kontakt: Erika');
    expect(receipt.text).toContain('Echtheit prüfen: http://app.test/verify/ab');
    const contactCopy = await receiptMail('en', { audience: 'contact', tenantName: 'T', eventType: 'opt_in', occurredAt: new Date(), contactName: 'Erika', verifyUrl: 'http://app.test/verify/ab' });
    expect(contactCopy.text).not.toContain('Erika');
    const digest = await digestMail('en', sampleDigest(5));
    expect(digest.text).toContain('Consent: 2');
    expect(digest.text).toContain('Withdrawal: 1');
    expect(digest.html).not.toContain('/verify/');
  });
});
