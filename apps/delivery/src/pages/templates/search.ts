/** The search page: query box, facet filters, highlighted results, paging, a friendly empty state. */
export const searchTemplate = `<% layout('@layout', it) %>
<main id="main" class="search-page">
  <h1><% if (it.q) { %>Search results for “<%= it.q %>”<% } else { %>Search<% } %></h1>
  <form role="search" action="/search" method="get" class="search-form">
    <label for="search-q">Words to look for</label>
    <input id="search-q" name="q" type="search" maxlength="200" value="<%= it.q %>">
    <label for="search-sort">Order</label>
    <select id="search-sort" name="sort">
      <option value="relevance"<% if (it.sort === 'relevance') { %> selected<% } %>>Best match</option>
      <option value="newest"<% if (it.sort === 'newest') { %> selected<% } %>>Newest first</option>
    </select>
    <label for="search-from">From</label>
    <input id="search-from" name="from" type="date" value="<%= it.from || '' %>">
    <label for="search-to">To</label>
    <input id="search-to" name="to" type="date" value="<%= it.to || '' %>">
<% if (it.category) { %>    <input type="hidden" name="category" value="<%= it.category %>">
<% } %><% if (it.tag) { %>    <input type="hidden" name="tag" value="<%= it.tag %>">
<% } %>    <button type="submit">Search</button>
  </form>
<% if (it.facets.length) { %>  <nav class="facets" aria-label="Filter results">
<% for (const group of it.facets) { %>    <h2><%= group.title %></h2>
    <ul>
<% for (const f of group.values) { %>      <li><a href="<%= f.href %>"<% if (f.active) { %> aria-current="true"<% } %>><%= f.label %> (<%= f.count %>)</a></li>
<% } %>    </ul>
<% } %>  </nav>
<% } %><% if (it.hits.length) { %>  <p class="total"><%= it.totalHits %> <%= it.totalHits === 1 ? 'story' : 'stories' %> found</p>
  <ol class="results">
<% for (const h of it.hits) { %>    <li class="result">
      <p class="label"><%= h.categoryLabel %></p>
      <h2><a href="/articles/<%= encodeURIComponent(h.slug) %>"><%~ h.highlights.headline %></a></h2>
      <p class="meta">Published on <time datetime="<%= h.publishedIso %>"><%= h.publishedText %></time></p>
<% if (h.highlights.summary) { %>      <p class="excerpt"><%~ h.highlights.summary %></p>
<% } %>    </li>
<% } %>  </ol>
<% if (it.pages.length > 1) { %>  <nav class="paging" aria-label="Result pages">
    <ul>
<% for (const p of it.pages) { %>      <li><% if (p.current) { %><span aria-current="page"><%= p.n %></span><% } else { %><a href="<%= p.href %>">Page <%= p.n %></a><% } %></li>
<% } %>    </ul>
  </nav>
<% } %><% } else if (it.filtered) { %>  <div class="empty">
    <p>No stories match <% if (it.q) { %>“<%= it.q %>”<% } else { %>these filters<% } %>.</p>
    <p>Check the spelling, try fewer or other words, or <a href="/">browse the latest news</a>.</p>
  </div>
<% } else { %>  <p>Type a few words to search every story we have published.</p>
<% } %></main>
`;
