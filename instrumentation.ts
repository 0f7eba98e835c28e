// Next.js start-up hook (must live at the project root): runs once per server process.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { bootServer } = await import('./lib/boot');
  await bootServer();
}
