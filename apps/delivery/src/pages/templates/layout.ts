/** The page around every reader page: masthead with the category navigation, search, footer. */
export const layoutTemplate = `<!doctype html>
<html lang="<%= it.lang %>">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title><%= it.title %></title>
<link rel="stylesheet" href="/assets/site.css">
<link rel="icon" href="/assets/icon.svg" type="image/svg+xml">
<% if (it.canonical) { %><link rel="canonical" href="<%= it.canonical %>">
<% } %><% if (it.description) { %><meta name="description" content="<%= it.description %>">
<% } %><% if (it.noindex) { %><meta name="robots" content="noindex">
<% } %><% for (const [property, content] of (it.openGraph || [])) { %><meta property="<%= property %>" content="<%= content %>">
<% } %><% if (it.jsonLd) { %><script type="application/ld+json"><%~ it.jsonLd %></script>
<% } %><% for (const feed of it.feeds) { %><link rel="alternate" type="<%= feed.type %>" title="<%= feed.title %>" href="<%= feed.href %>">
<% } %></head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="masthead">
  <p class="brand"><a href="/"><%= it.site.name %></a></p>
  <form class="search-box" role="search" action="/search" method="get">
    <label for="masthead-q">Search stories</label>
    <input id="masthead-q" name="q" type="search" maxlength="200" value="<%= it.query || '' %>">
    <button type="submit">Search</button>
  </form>
  <nav aria-label="Categories">
    <ul class="categories">
      <li><a href="/"<% if (it.current === 'front') { %> aria-current="page"<% } %>>Latest</a></li>
<% for (const c of it.categories) { %>      <li><a href="/category/<%= encodeURIComponent(c.slug) %>"<% if (it.current === c.slug) { %> aria-current="page"<% } %>><%= c.label %></a></li>
<% } %>    </ul>
  </nav>
</header>
<%~ it.body %>
<footer class="site-footer">
  <section aria-labelledby="connect-heading">
    <h2 id="connect-heading">Connect with us</h2>
    <ul class="social">
<% for (const s of it.site.social) { %>      <li><a href="<%= s.url %>" rel="noopener"><%= s.name %></a></li>
<% } %>    </ul>
  </section>
  <section aria-labelledby="feeds-heading">
    <h2 id="feeds-heading">Follow our feeds</h2>
    <ul class="feeds">
<% for (const feed of it.feeds) { %>      <li><a href="<%= feed.href %>"><%= feed.title %></a></li>
<% } %>    </ul>
  </section>
  <p class="copyright">Copyright © <%= it.year %> <%= it.site.name %>. All rights reserved.</p>
</footer>
</body>
</html>
`;

/** One advertisement slot: its size reserved by the stylesheet, labelled, never waited on. */
export const adTemplate = `<aside class="ad ad-<%= it.page %>-<%= it.slot.id %>" aria-label="Advertisement: <%= it.slot.id %>">
  <p class="ad-label">Advertisement</p>
  <div class="ad-box"></div>
</aside>
`;

/** A story in a list: category label, headline, "Published on", excerpt, "Continue Reading". */
export const cardTemplate = `<article class="card">
  <p class="label"><a href="/category/<%= encodeURIComponent(it.category) %>"><%= it.categoryLabel %></a></p>
  <h<%= it.level %> class="card-title"><a href="/articles/<%= encodeURIComponent(it.slug) %>"><%= it.headline %></a></h<%= it.level %>>
  <p class="meta">Published on <time datetime="<%= it.publishedIso %>"><%= it.publishedText %></time></p>
<% if (it.excerpt) { %>  <p class="excerpt"><%= it.excerpt %></p>
<% } %>  <p class="more"><a href="/articles/<%= encodeURIComponent(it.slug) %>">Continue Reading<span class="visually-hidden">: <%= it.headline %></span></a></p>
</article>
`;

/** The Trending box: most read in the last 24 hours. */
export const trendingTemplate = `<section class="trending" aria-labelledby="trending-heading">
  <h2 id="trending-heading">Trending</h2>
<% if (it.items.length) { %>  <ol>
<% for (const t of it.items) { %>    <li><a href="/articles/<%= encodeURIComponent(t.slug) %>"><%= t.headline %></a></li>
<% } %>  </ol>
<% } else { %>  <p>Nothing is trending yet.</p>
<% } %></section>
`;
