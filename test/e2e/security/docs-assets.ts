/** The scripts and stylesheets the Swagger UI page loads, as absolute URLs. */
export function docsAssets(html: string, pageUrl: string): URL[] {
  const refs = [...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*\bhref)=["']([^"']+)["']/g)].map((m) => m[1]!);
  return refs.map((ref) => new URL(ref, pageUrl));
}

/** Inline scripts (a <script> without src): a Content-Security-Policy with script-src 'self' blocks them. */
export const inlineScripts = (html: string): string[] => html.match(/<script(?![^>]*\bsrc=)[^>]*>[^<]+/g) ?? [];
