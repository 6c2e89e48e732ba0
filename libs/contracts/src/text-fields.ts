import { z } from 'zod';
import { bodyHasText, sanitizeBody } from './html-body';
import { isWellFormedText, plainText } from './text';

/**
 * zod fields that clean text as they parse it, so every intake (HTTP, Kafka, another service's
 * event) applies the same rule and a field left empty by cleaning is refused under its own name.
 */

const notWellFormed = 'must be valid UTF-8 text (no lone surrogates or U+FFFD replacement characters)';
const noTextLeft = 'has no text once markup, entities and control characters are removed';

/**
 * The characters JavaScript's `trim()` removes, C0/C1 controls and the Basic Multilingual Plane's
 * formatting characters (Unicode Cf), as a class body written with \u escapes only, so that every
 * regular-expression engine reading the OpenAPI document (JavaScript, Python) understands it alike.
 */
const blankOrInvisible =
  '\\u0000-\\u0020\\u007f-\\u00a0\\u00ad\\u0600-\\u0605\\u061c\\u06dd\\u070f\\u0890\\u0891\\u08e2\\u1680\\u180e' +
  '\\u2000-\\u200f\\u2028-\\u202f\\u205f-\\u2064\\u2066-\\u206f\\u3000\\ufeff\\ufff9-\\ufffb';

/** Some character JavaScript's `trim()` keeps: a value that is not blank once trimmed. */
export const notBlank = /[^\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/;

/**
 * Documents (does not check) that some visible text is required. Text before the first `<` or `&` can be
 * neither markup nor an entity, so a visible character there always survives cleaning; cleaning refuses the rest.
 */
const visibleText = { pattern: `^[^<&\\ufffd]*[^${blankOrInvisible}<>&\\ufffd][^\\ufffd]*$` };

/** A string as sent: at most `max` characters, well-formed (documented as: no U+FFFD). */
export function rawText(max: number) {
  return z.string().max(max).refine(isWellFormedText, notWellFormed).meta({ pattern: '^[^\\ufffd]*$' });
}

/** A required plain-text field: cleaned by `plainText`, refused when nothing is left. */
export function plainTextField(max: number) {
  return rawText(max).meta(visibleText).transform(plainText).pipe(z.string().min(1, noTextLeft));
}

/** An optional plain-text field: cleaned by `plainText`; nothing left means absent. */
export function optionalPlainText(max: number) {
  return rawText(max)
    .transform((raw) => plainText(raw) || undefined)
    .optional();
}

/** A story body: sanitized HTML, refused when no text is left for a reader. */
export function htmlBodyField(max: number) {
  return rawText(max).meta(visibleText).transform(sanitizeBody).refine(bodyHasText, noTextLeft);
}

/** Controls and the Basic Multilingual Plane's formatting characters (Cf), in \u escapes (see `blankOrInvisible`). */
const invisible = new RegExp(
  '^[^\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u0600-\\u0605\\u061c\\u06dd\\u070f\\u0890\\u0891\\u08e2\\u180e' +
    '\\u200b-\\u200f\\u202a-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufeff\\ufff9-\\ufffb\\ufffd]*$',
);

/** An identifier as sent (no cleaning: changing it would change identity), trimmed and without controls. */
export function identifierField(max: number) {
  // Checked as sent, then trimmed: the document describes the value as sent.
  return z
    .string()
    .max(max)
    .refine(isWellFormedText, notWellFormed)
    .regex(invisible, 'must not contain control or formatting characters')
    .regex(new RegExp(`[^${blankOrInvisible}]`), 'must not be blank')
    .trim();
}

/** Longest URL accepted anywhere (the de-facto limit browsers and search engines handle). */
export const maxUrlLength = 2_048;

/** An absolute http(s) URL of at most `maxUrlLength` characters. */
export function httpUrlField() {
  return z.url({ protocol: /^https?$/ }).max(maxUrlLength);
}
