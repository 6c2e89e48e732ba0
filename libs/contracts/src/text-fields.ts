import { z } from 'zod';
import { bodyHasText, sanitizeBody } from './html-body';
import { isWellFormedText, plainText } from './text';

/**
 * zod fields that clean text as they parse it, so every intake (HTTP, Kafka, another service's
 * event) applies the same rule and a field left empty by cleaning is refused under its own name.
 */

const notWellFormed = 'must be valid UTF-8 text (no lone surrogates or U+FFFD replacement characters)';
const noTextLeft = 'has no text once markup, entities and control characters are removed';

/** A string as sent: at most `max` characters, well-formed. */
export function rawText(max: number) {
  return z.string().max(max).refine(isWellFormedText, notWellFormed);
}

/** A required plain-text field: cleaned by `plainText`, refused when nothing is left. */
export function plainTextField(max: number) {
  return rawText(max).transform(plainText).pipe(z.string().min(1, noTextLeft));
}

/** An optional plain-text field: cleaned by `plainText`; nothing left means absent. */
export function optionalPlainText(max: number) {
  return rawText(max)
    .transform((raw) => plainText(raw) || undefined)
    .optional();
}

/** A story body: sanitized HTML, refused when no text is left for a reader. */
export function htmlBodyField(max: number) {
  return rawText(max).transform(sanitizeBody).refine(bodyHasText, noTextLeft);
}

/** An identifier as sent (no cleaning: changing it would change identity), trimmed and without controls. */
export function identifierField(max: number) {
  return rawText(max)
    .trim()
    .min(1)
    .regex(/^[^\p{Cc}\p{Cf}]*$/u, 'must not contain control or formatting characters');
}

/** Longest URL accepted anywhere (the de-facto limit browsers and search engines handle). */
export const maxUrlLength = 2_048;

/** An absolute http(s) URL of at most `maxUrlLength` characters. */
export function httpUrlField() {
  return z.url({ protocol: /^https?$/ }).max(maxUrlLength);
}
