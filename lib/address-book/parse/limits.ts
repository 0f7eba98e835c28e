/** Limits of one address-book import (issue #12). A file beyond them is refused while it streams, before it is read whole. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_CONTACTS = 20_000;
/** A real card has a handful of numbers; one with more is hostile or broken and is skipped as malformed. */
export const MAX_TEL_PER_CARD = 50;
/** Lines kept of one card (PHOTO data included); beyond it the card is skipped as malformed, without keeping its lines. */
export const MAX_LINES_PER_CARD = 20_000;
/** The longest display name kept (after control characters are removed). */
export const MAX_NAME_CHARS = 200;
/** The longest raw phone value kept. */
export const MAX_RAW_NUMBER_CHARS = 100;
