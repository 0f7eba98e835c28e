/**
 * Domain errors carry a message key (messages/*.json under "errors") and the HTTP status a route maps them to.
 * Routes and actions translate them; nothing below app/ knows about responses.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly status: 400 | 401 | 403 | 404 | 409 | 410 | 413 | 422 | 429 = 400,
    /** Field errors (message keys) when the domain refuses a value the schema could not judge alone. */
    readonly fieldErrors?: Record<string, string>,
  ) {
    super(code);
    this.name = 'DomainError';
  }
}

export const notFound = () => new DomainError('notFound', 404);
export const forbidden = () => new DomainError('forbidden', 403);
