import type { ReactNode } from 'react';
import { DashboardNav } from '@/components/dashboard/nav';
import { requireMember } from '@/lib/auth/member-context';

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const ctx = await requireMember();
  return (
    <div className="min-h-screen">
      <DashboardNav ctx={ctx} />
      <main id="main" className="mx-auto max-w-6xl px-4 py-8">
        {children}
      </main>
    </div>
  );
}
