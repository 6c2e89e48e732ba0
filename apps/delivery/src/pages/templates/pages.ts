/** The front page: the latest stories, the Trending box, advertisements. */
export const frontTemplate = `<% layout('@layout', it) %>
<% for (const slot of it.ads.top) { %><%~ include('@ad', { page: 'front', slot }) %><% } %>
<div class="columns">
<main id="main">
  <h1>Latest News</h1>
<% for (const card of it.cards) { %><%~ include('@card', card) %><% } %>
<% if (!it.cards.length) { %>  <p>No stories yet: come back soon.</p><% } %>
<% if (it.older) { %>  <nav aria-label="More stories"><a href="<%= it.older %>">Older stories</a></nav><% } %>
</main>
<div class="aside">
<%~ include('@trending', { items: it.trending }) %>
<% for (const slot of it.ads.aside) { %><%~ include('@ad', { page: 'front', slot }) %><% } %>
</div>
</div>
`;

/** A category or tag page: its stories, newest first, cursor paging. */
export const listTemplate = `<% layout('@layout', it) %>
<% for (const slot of it.ads.top) { %><%~ include('@ad', { page: 'category', slot }) %><% } %>
<main id="main">
  <h1><%= it.heading %></h1>
<% for (const card of it.cards) { %><%~ include('@card', card) %><% } %>
<% if (!it.cards.length) { %>  <p>No stories here yet.</p><% } %>
<% if (it.older) { %>  <nav aria-label="More stories"><a href="<%= it.older %>">Older stories</a></nav><% } %>
</main>
`;

/** One story: byline, dates, body, corrections, tags, related stories. */
export const articleTemplate = `<% layout('@layout', it) %>
<div class="columns">
<main id="main">
<article class="story">
  <p class="label"><a href="/category/<%= encodeURIComponent(it.a.category) %>"><%= it.a.categoryLabel %></a></p>
  <h1><%= it.a.headline %></h1>
<% if (it.a.summary) { %>  <p class="standfirst"><%= it.a.summary %></p>
<% } %>  <p class="meta"><% if (it.a.bylines.length) { %>By <span class="byline"><%= it.a.bylines.join(', ') %></span> · <% } %>Published on <time datetime="<%= it.a.publishedIso %>"><%= it.a.publishedText %></time><% if (it.a.updatedText) { %> · Updated <time datetime="<%= it.a.updatedIso %>"><%= it.a.updatedText %></time><% } %></p>
<% for (const img of it.a.images) { %>  <figure><img src="<%= img.url %>" alt="<%= img.alt %>" loading="lazy"><% if (img.caption || img.credit) { %><figcaption><%= img.caption || '' %><% if (img.credit) { %> <span class="credit"><%= img.credit %></span><% } %></figcaption><% } %></figure>
<% } %>  <div class="body">
<%~ it.a.bodyHtml %>
  </div>
<% if (it.a.corrections.length) { %>  <section class="corrections" aria-labelledby="corrections-heading">
    <h2 id="corrections-heading">Corrections</h2>
    <ul>
<% for (const c of it.a.corrections) { %>      <li><time datetime="<%= c.iso %>"><%= c.text %></time>: <%= c.note %></li>
<% } %>    </ul>
  </section>
<% } %><% if (it.a.tags.length) { %>  <ul class="tags" aria-label="Tags">
<% for (const t of it.a.tags) { %>    <li><a href="/tag/<%= encodeURIComponent(t) %>"><%= t %></a></li>
<% } %>  </ul>
<% } %></article>
</main>
<div class="aside">
<% for (const slot of it.ads.aside) { %><%~ include('@ad', { page: 'article', slot }) %><% } %>
  <section class="related" aria-labelledby="related-heading">
    <h2 id="related-heading">Related stories</h2>
<% if (it.related.length) { %>    <ul>
<% for (const r of it.related) { %>      <li><a href="/articles/<%= encodeURIComponent(r.slug) %>"><%= r.headline %></a></li>
<% } %>    </ul>
<% } else { %>    <p>No related stories yet.</p><% } %>
  </section>
</div>
</div>
`;

/** A 404, a 410, a 503: said plainly, with a way on. */
export const problemTemplate = `<% layout('@layout', it) %>
<main id="main" class="problem">
  <h1><%= it.heading %></h1>
  <p><%= it.message %></p>
  <p><a href="/">Go to the front page</a> or search below.</p>
  <form role="search" action="/search" method="get">
    <label for="problem-q">Search stories</label>
    <input id="problem-q" name="q" type="search" maxlength="200">
    <button type="submit">Search</button>
  </form>
</main>
`;
