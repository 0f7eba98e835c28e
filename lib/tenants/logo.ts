import { DomainError } from '@/lib/errors';
import { LOGO_MAX_BYTES, LOGO_TYPES, type LogoType } from './profile-schema';

/** The image type from the file's first bytes (PNG, JPEG, WebP), or null; the declared type is not trusted. */
export function sniffImageType(bytes: Uint8Array): LogoType | null {
  const starts = (sig: number[], at = 0) => sig.every((b, i) => bytes[at + i] === b);
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (bytes.length >= 12 && starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  return null;
}

/** Checks size and magic bytes; returns the real content type or throws a DomainError with a message key. */
export function validateLogo(bytes: Uint8Array): LogoType {
  if (bytes.length === 0) throw new DomainError('profile.errors.logoRequired', 422);
  if (bytes.length > LOGO_MAX_BYTES) throw new DomainError('profile.errors.logoTooLarge', 413);
  const type = sniffImageType(bytes);
  if (!type) throw new DomainError('profile.errors.logoType', 422);
  return type;
}

/** Whether a stored content type may be served (defence in depth for the public logo route). */
export function isLogoType(value: string | null): value is LogoType {
  return (LOGO_TYPES as readonly (string | null)[]).includes(value);
}
