export * from './auth';
export * from './enums';
export * from './tenants';
export * from './notices';
export * from './links';
export * from './consent';
export * from './outbox';
export * from './rate-limits';
