import type { AdSlots } from '../site/site-settings';

/** Colours pass WCAG AA on white (links 7.4:1, muted text 7:1, the label 8:1); focus is always visible. */
const base = `
*,*::before,*::after{box-sizing:border-box}
html{font-family:Georgia,'Times New Roman',serif;color:#1a1a1a;background:#fff;line-height:1.5}
body{margin:0 auto;max-width:72rem;padding:0 1rem}
a{color:#0b4a85}
a:hover{color:#062c50}
:focus-visible{outline:3px solid #b35c00;outline-offset:2px}
.skip{position:absolute;left:-999px;top:0}
.skip:focus{left:1rem;background:#fff;padding:.5rem;z-index:10}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.masthead{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.5rem;border-bottom:3px solid #1a1a1a;padding:.75rem 0}
.brand{font-size:2rem;font-weight:700;margin:0}
.brand a{color:#1a1a1a;text-decoration:none}
.search-box{display:flex;gap:.25rem;align-items:center;flex-wrap:wrap}
.search-box label{font-size:.9rem}
input,select,button{font:inherit;padding:.3rem .5rem;min-height:2.5rem}
button{background:#0b4a85;color:#fff;border:0;border-radius:3px;cursor:pointer}
nav[aria-label=Categories]{flex-basis:100%}
.categories{list-style:none;display:flex;flex-wrap:wrap;gap:.25rem 1rem;margin:0;padding:0}
.categories a{font-family:system-ui,sans-serif;font-weight:600;text-decoration:none;display:inline-block;padding:.4rem 0}
.categories a[aria-current]{text-decoration:underline}
.columns{display:grid;grid-template-columns:minmax(0,1fr);gap:2rem}
@media (min-width:60rem){.columns{grid-template-columns:minmax(0,1fr) 320px}}
.card{border-bottom:1px solid #ccc;padding:1rem 0}
.label{margin:0;font-family:system-ui,sans-serif;font-size:.8rem;text-transform:uppercase;letter-spacing:.05em}
.label a,.search-page .label{background:#8a1c1c;color:#fff;padding:.1rem .4rem;text-decoration:none}
.card-title{margin:.4rem 0;font-size:1.5rem;line-height:1.2}
.card-title a{color:#1a1a1a;text-decoration:none}
.card-title a:hover{text-decoration:underline}
.meta{color:#4a4a4a;font-family:system-ui,sans-serif;font-size:.9rem;margin:.25rem 0}
.more a{font-family:system-ui,sans-serif;font-weight:600}
.story h1{font-size:2.2rem;line-height:1.15;margin:.5rem 0}
.standfirst{font-size:1.2rem;color:#333}
.story img{max-width:100%;height:auto}
.body{font-size:1.1rem}
.corrections{border-left:4px solid #b35c00;padding-left:1rem;margin:1.5rem 0}
.tags{list-style:none;display:flex;flex-wrap:wrap;gap:.5rem;padding:0}
.trending ol{padding-left:1.5rem}
.trending li,.related li{margin:.4rem 0}
.results{list-style:none;padding:0}
.result{border-bottom:1px solid #ccc;padding:.75rem 0}
mark{background:#ffe066;color:#1a1a1a}
.facets ul,.paging ul{list-style:none;display:flex;flex-wrap:wrap;gap:.5rem 1rem;padding:0}
.facets h2{font-size:1rem;margin:.75rem 0 .25rem}
.ad{margin:1rem auto;max-width:100%;display:flex;flex-direction:column;align-items:center}
.ad-label{font-family:system-ui,sans-serif;font-size:.75rem;color:#4a4a4a;margin:0 0 .25rem;text-transform:uppercase}
.ad-box{background:#f2f2f2;width:100%}
.site-footer{border-top:3px solid #1a1a1a;margin-top:2rem;padding:1rem 0;display:flex;flex-wrap:wrap;gap:1rem 3rem}
.site-footer h2{font-size:1.1rem}
.social,.feeds{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.5rem 1rem}
.social a,.feeds a{display:inline-block;padding:.3rem 0}
.copyright{flex-basis:100%;color:#4a4a4a}
`;

/**
 * The site's one stylesheet. Each configured ad slot gets a rule reserving its box (width and aspect
 * ratio, shrinking on narrow screens), so nothing moves when an ad arrives; no inline style is needed.
 */
export function stylesheet(ads: AdSlots): string {
  const rules = Object.entries(ads).flatMap(([page, slots]) =>
    (slots ?? []).map(
      (s) => `.ad-${page}-${s.id}{width:${s.width}px}.ad-${page}-${s.id} .ad-box{aspect-ratio:${s.width}/${s.height}}`,
    ),
  );
  return `${base}${rules.join('\n')}\n`;
}
