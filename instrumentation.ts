// Next.js start-up hook (must live at the project root): runs once per server process.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { bootServer } = await import('./lib/boot');
  // The composition root: the PDF renderers (components/) are handed to the mail worker (lib/) here.
  const { mailComposers } = await import('./components/pdf/mail-composers');
  await bootServer({ composers: mailComposers });
}
