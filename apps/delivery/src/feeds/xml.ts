import { stripControls } from '@broadsheet/contracts';

/** Text for XML content or attributes: escaped, and without the control characters XML 1.0 cannot carry. */
export function escapeXml(text: string): string {
  return stripControls(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** An element with escaped text, or nothing when there is no text. */
export function el(name: string, text: string | undefined, attrs = ''): string {
  return text === undefined || text === '' ? '' : `<${name}${attrs}>${escapeXml(text)}</${name}>`;
}
