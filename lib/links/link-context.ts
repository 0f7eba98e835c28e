/** Who acts on invite links: the tenant from the member's session, the user and their e-mail (default label). */
export type LinkActor = { tenantId: string; userId: string; email: string };
