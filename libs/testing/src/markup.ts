/** True when the only tags in an HTML fragment are <mark> and </mark>, balanced and never nested. */
export function balancedMarksOnly(html: string): boolean {
  let open = false;
  for (const tag of html.match(/<[^>]*>/g) ?? []) {
    if (tag === '<mark>' && !open) open = true;
    else if (tag === '</mark>' && open) open = false;
    else return false;
  }
  return !open;
}
