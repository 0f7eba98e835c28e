import { ActionMail, type ActionMailProps } from './components/action-mail';

/** Sign-in link mail (Auth.js e-mail provider). */
export default function MagicLinkEmail(props: ActionMailProps) {
  return <ActionMail {...props} />;
}

MagicLinkEmail.PreviewProps = {
  lang: 'de',
  url: 'http://localhost:3000/api/auth/callback/resend?token=preview',
  t: {
    subject: 'Ihr Anmeldelink',
    heading: 'Anmelden bei Einwilligung',
    intro: 'Klicken Sie auf den Button, um sich anzumelden.',
    button: 'Anmelden',
    fallback: 'Oder öffnen Sie diesen Link:',
    note: 'Sie haben keine Anmeldung angefordert? Dann ignorieren Sie diese E-Mail.',
    footer: 'Einwilligung – Nachweise für WhatsApp-Einwilligungen',
  },
} satisfies ActionMailProps;
