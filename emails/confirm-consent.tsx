import { ActionMail, type ActionMailProps } from './components/action-mail';

/** Double opt-in: asks the contact to confirm the consent they just gave. */
export default function ConfirmConsentEmail(props: ActionMailProps) {
  return <ActionMail {...props} />;
}

ConfirmConsentEmail.PreviewProps = {
  lang: 'de',
  url: 'http://localhost:3000/c/musterbetrieb/confirm/preview',
  t: {
    subject: 'Bitte bestätigen Sie Ihre Einwilligung',
    heading: 'Einwilligung bestätigen',
    intro: 'Sie haben Musterbetrieb GmbH erlaubt, Sie per WhatsApp zu kontaktieren. Bitte bestätigen Sie das.',
    button: 'Einwilligung bestätigen',
    fallback: 'Oder öffnen Sie diesen Link:',
    note: 'Sie waren das nicht? Dann ignorieren Sie diese E-Mail; ohne Bestätigung gilt keine Einwilligung.',
    footer: 'Einwilligung – Nachweise für WhatsApp-Einwilligungen',
  },
} satisfies ActionMailProps;
