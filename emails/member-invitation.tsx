import { ActionMail, type ActionMailProps } from './components/action-mail';

/** Invitation of a team member into a tenant. */
export default function MemberInvitationEmail(props: ActionMailProps) {
  return <ActionMail {...props} />;
}

MemberInvitationEmail.PreviewProps = {
  lang: 'de',
  url: 'http://localhost:3000/invite/preview',
  t: {
    subject: 'Einladung zu Musterbetrieb GmbH',
    heading: 'Sie wurden eingeladen',
    intro: 'owner@example.com lädt Sie als Vertrieb zu Musterbetrieb GmbH ein.',
    button: 'Einladung annehmen',
    fallback: 'Oder öffnen Sie diesen Link:',
    note: 'Die Einladung ist 7 Tage gültig.',
    footer: 'Einwilligung – Nachweise für WhatsApp-Einwilligungen',
  },
} satisfies ActionMailProps;
