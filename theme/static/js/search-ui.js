/*
 * newsarchive search page: the DOM around engine.js (ranking) and analyzer.js (analysis).
 *
 * Why it is built this way:
 * - Only classic <script src> loading (done by codec.js), so the page works from file://.
 * - Entity types, their labels and the "undated" year come from the index's manifest, which the
 *   export writes from newsarchive/article.py: the page holds no list of its own.
 * - Shards written by another version of newsarchive are refused with a one-line message.
 * - Every piece of archive text reaches the page through textContent / createTextNode, never
 *   innerHTML: titles, summaries and names are untrusted input.
 * - Results for a query are exactly Whoosh's (the CLI's) results. Only while typing, and only
 *   when the query as typed matches nothing, is the last word completed as a prefix, and the
 *   page says so. A query opened from the URL (a bookmark, the header search box of another
 *   page) or submitted with Enter is finished: it shows exactly the CLI's answer, and an empty
 *   answer offers the completion as a button instead.
 * - On this page the header search box drives the same search as the big box (they mirror each
 *   other), so whichever box a reader types into shows results without a page load.
 * - Filters with counts are fetched only when the filter panel is opened (or a filter is set
 *   from the URL), so a plain query loads no facet shards.
 * - The query, filters and order live in the URL (?q=&entity=&provider=&year=&from=&to=&sort=),
 *   so a search can be bookmarked and shared. With filters and no query the page lists the
 *   matching articles (newest first), exactly as `newsarchive search` without QUERY does.
 * - Each result shows its excerpt (engine.js `excerptParts`: the `search --json` excerpt, with
 *   <mark> where the CLI writes [[ ]]); an empty answer offers the closest indexed words ("did
 *   you mean"); "Export these results" writes the rows of `search --csv` for the results shown.
 */
(function () {
  "use strict";

  var DEBOUNCE_MS = 150;
  var PAGE = 10;
  var SUGGEST_LIMIT = 5;
  var MAX_DROP_TRIES = 6;
  var ENTITY_FACET_SHOWN = 12;
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];
  var FILTER_KINDS = ["entity", "provider", "year", "from", "to"];

  var app = document.getElementById("search-app");
  if (!app || !window.NewsarchiveSearch || !window.NewsarchiveAnalyzer) return;

  var Analyzer = window.NewsarchiveAnalyzer;
  var siteRoot = app.getAttribute("data-site-root") || "";
  if (siteRoot && siteRoot.charAt(siteRoot.length - 1) !== "/") siteRoot += "/";
  var engine = window.NewsarchiveSearch.open(app.getAttribute("data-search-base") || "search/");

  var form = document.getElementById("search-form");
  var input = document.getElementById("search-q");
  var status = document.getElementById("search-status");
  var note = document.getElementById("search-note");
  var suggestBox = document.getElementById("search-suggest");
  var suggestList = document.getElementById("search-suggest-list");
  var resultsList = document.getElementById("search-results");
  var moreButton = document.getElementById("search-more");
  var emptyBox = document.getElementById("search-empty");
  var sortBox = document.getElementById("search-sort");
  var fromBox = document.getElementById("search-from");
  var toBox = document.getElementById("search-to");
  var exportLink = document.getElementById("search-export");
  var shownHits = [];
  var activeBox = document.getElementById("search-active-filters");
  var filterPanel = document.getElementById("search-filters");
  var facetBox = document.getElementById("search-facets");

  var headerForm = null;
  var headerInput = null;
  Array.prototype.forEach.call(document.querySelectorAll("form[role=search]"), function (f) {
    var box = f.querySelector("input[name=q]");
    if (f !== form && box && !headerForm && !app.contains(f)) {
      headerForm = f;
      headerInput = box;
    }
  });

  // complete: the last word may still be being typed (set by typing, cleared by Enter / URL).
  var state = { q: "", complete: false, sort: "",
    filters: { entity: [], provider: [], year: [], from: [], to: [] } };
  var seq = 0; // the newest search; older answers arriving late are dropped
  var shown = 0;
  var lastResult = null;
  var timer = null;
  var entityNames = Object.create(null); // entity key -> display name (facets, suggestions)

  app.classList.add("search-app--ready");
  app.removeAttribute("aria-busy");

  /* ------------------------------------------------------------ helpers */

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function plural(n, word) {
    return n + " " + word + (n === 1 ? "" : "s");
  }

  function formatDate(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso || "");
    if (!m) return "";
    return Number(m[3]) + " " + MONTHS[Number(m[2]) - 1] + " " + m[1];
  }

  function hasFilters() {
    return FILTER_KINDS.some(function (k) { return state.filters[k].length > 0; });
  }

  /** "Person", "Organisation", ...: the manifest's singular name of an entity type. */
  function typeLabel(type) {
    var m = engine.manifest;
    var name = (m && Object.prototype.hasOwnProperty.call(m.typeSingular, type) &&
                m.typeSingular[type]) || type;
    return name.charAt(0).toUpperCase() + name.slice(1);
  }

  function isUndated(year) {
    return Boolean(engine.manifest) && year === engine.manifest.undated;
  }

  /** The filters as engine.js takes them: dates are single values. */
  function engineFilters(f) {
    return { entity: f.entity.slice(), provider: f.provider.slice(), year: f.year.slice(),
      from: f.from[0] || "", to: f.to[0] || "" };
  }

  function searchOptions(extra) {
    var opts = { filters: engineFilters(state.filters), sort: state.sort || undefined };
    Object.keys(extra || {}).forEach(function (k) { opts[k] = extra[k]; });
    return opts;
  }

  function filterLabel(kind, value) {
    if (kind === "entity") {
      var type = value.split("/")[0];
      return typeLabel(type) + ": " + (entityNames[value] || value.split("/")[1]);
    }
    if (kind === "provider") return "Source: " + value;
    if (kind === "from") return "From: " + value;
    if (kind === "to") return "To: " + value;
    return "Year: " + value;
  }

  /* ------------------------------------------------------------ URL state */

  function readUrl() {
    var params = new URLSearchParams(window.location.search);
    state.q = params.get("q") || "";
    FILTER_KINDS.forEach(function (k) {
      state.filters[k] = params.getAll(k).filter(function (v) { return v; });
    });
    ["from", "to"].forEach(function (k) {
      state.filters[k] = state.filters[k].filter(function (v) {
        return /^\d{4}-\d{2}-\d{2}$/.test(v);
      }).slice(-1);
    });
    // an order the page does not offer (a hand-edited address) is the default one
    var sort = params.get("sort") || "";
    var offered = sortBox ? Array.prototype.map.call(sortBox.options, function (o) {
      return o.value;
    }) : [sort];
    state.sort = sort !== "relevance" && offered.indexOf(sort) >= 0 ? sort : "";
  }

  function writeUrl() {
    var params = new URLSearchParams();
    if (state.q) params.set("q", state.q);
    FILTER_KINDS.forEach(function (k) {
      state.filters[k].forEach(function (v) { params.append(k, v); });
    });
    if (state.sort) params.set("sort", state.sort);
    var query = params.toString();
    var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    try {
      window.history.replaceState(null, "", url);
    } catch (err) {
      // Some browsers refuse history changes on file:// pages; the search still works.
    }
  }

  /* ------------------------------------------------------------ highlighting */

  /**
   * Append `text` to `parent`, wrapping in <mark> every token whose Whoosh term is one of the
   * query's terms (or, for a completed prefix, starts with the typed prefix).
   */
  function appendHighlighted(parent, text, terms, prefix) {
    var wanted = {};
    terms.forEach(function (t) { wanted[t] = true; });
    var tokens = engine.analyzer.analyze(text);
    var at = 0;
    tokens.forEach(function (t) {
      var hit = wanted[t.text] === true ||
        (prefix && Analyzer.lower(t.original).lastIndexOf(prefix, 0) === 0);
      if (!hit) return;
      if (t.start > at) parent.appendChild(document.createTextNode(text.slice(at, t.start)));
      parent.appendChild(el("mark", "search-hit__mark", text.slice(t.start, t.end)));
      at = t.end;
    });
    if (at < text.length) parent.appendChild(document.createTextNode(text.slice(at)));
  }

  /* ------------------------------------------------------------ rendering */

  function renderHit(hit, terms, prefix) {
    var li = el("li", "article-card search-hit");
    li.setAttribute("data-id", hit.id);
    var h = el("h2", "article-card__title");
    var a = el("a", "search-hit__link");
    a.href = siteRoot + hit.url;
    appendHighlighted(a, hit.title || hit.id, terms, prefix);
    h.appendChild(a);
    li.appendChild(h);
    var meta = el("p", "meta");
    if (hit.date) {
      var time = el("time", "meta__date", formatDate(hit.date));
      time.setAttribute("datetime", hit.date);
      meta.appendChild(time);
    } else {
      meta.appendChild(el("span", "meta__date meta__date--undated", "Undated"));
    }
    if (hit.provider) {
      var sep = el("span", "meta__sep", " · ");
      sep.setAttribute("aria-hidden", "true");
      meta.appendChild(sep);
      meta.appendChild(el("span", "meta__source", hit.provider));
    }
    li.appendChild(meta);
    if (hit.excerptParts && hit.excerptParts.length) {
      var p = el("p", "article-card__summary search-hit__excerpt");
      hit.excerptParts.forEach(function (part) {
        if (part[1]) p.appendChild(el("mark", "search-hit__mark", part[0]));
        else p.appendChild(document.createTextNode(part[0]));
      });
      li.appendChild(p);
    }
    return li;
  }

  function renderActiveFilters() {
    clear(activeBox);
    if (!hasFilters()) {
      activeBox.hidden = true;
      return;
    }
    activeBox.hidden = false;
    activeBox.appendChild(el("span", "search-active__label", "Filtered by:"));
    var ul = el("ul", "chips chips--inline");
    FILTER_KINDS.forEach(function (kind) {
      state.filters[kind].forEach(function (value) {
        var li = el("li");
        var b = el("button", "search-active__remove");
        b.type = "button";
        b.textContent = filterLabel(kind, value) + " ×";
        b.setAttribute("aria-label", "Remove filter " + filterLabel(kind, value));
        b.addEventListener("click", function () { toggleFilter(kind, value); });
        li.appendChild(b);
        ul.appendChild(li);
      });
    });
    activeBox.appendChild(ul);
  }

  function facetGroup(title, kind, rows, labelOf, valueOf, limit) {
    var section = el("section", "facet");
    section.appendChild(el("h3", "facet__title", title));
    var ul = el("ul", "facet__list");
    rows.forEach(function (row, i) {
      var value = valueOf(row);
      var li = el("li", "facet__item");
      if (limit && i >= limit) li.hidden = true;
      var b = el("button", "search-facet");
      b.type = "button";
      var on = state.filters[kind].indexOf(value) >= 0;
      b.setAttribute("aria-pressed", on ? "true" : "false");
      b.setAttribute("data-facet", kind);
      b.setAttribute("data-value", value);
      b.appendChild(el("span", "search-facet__name", labelOf(row)));
      b.appendChild(document.createTextNode(" "));
      b.appendChild(el("span", "count", row.count));
      b.addEventListener("click", function () { toggleFilter(kind, value); });
      li.appendChild(b);
      ul.appendChild(li);
    });
    section.appendChild(ul);
    if (limit && rows.length > limit) {
      var more = el("button", "search-facet__more", "Show all " + rows.length);
      more.type = "button";
      more.addEventListener("click", function () {
        Array.prototype.forEach.call(ul.children, function (li) { li.hidden = false; });
        more.parentNode.removeChild(more);
      });
      section.appendChild(more);
    }
    return section;
  }

  function renderFacets(facets) {
    clear(facetBox);
    if (!facets) return;
    facets.entity.forEach(function (e) { entityNames[e.key] = e.name; });
    if (facets.year.length) {
      // Years read best in order (newest first, undated last), not by count.
      var years = facets.year.slice().sort(function (a, b) {
        if (isUndated(a.value) || isUndated(b.value)) return isUndated(a.value) ? 1 : -1;
        return a.value < b.value ? 1 : a.value > b.value ? -1 : 0;
      });
      facetBox.appendChild(facetGroup("Year", "year", years,
        function (r) { return isUndated(r.value) ? "Undated" : r.value; },
        function (r) { return r.value; }, 0));
    }
    if (facets.provider.length) {
      facetBox.appendChild(facetGroup("Source", "provider", facets.provider,
        function (r) { return r.value; }, function (r) { return r.value; }, 0));
    }
    if (facets.entity.length) {
      facetBox.appendChild(facetGroup("Mentioned", "entity", facets.entity,
        function (r) { return r.name + " (" + typeLabel(r.type) + ")"; },
        function (r) { return r.key; }, ENTITY_FACET_SHOWN));
    }
    renderActiveFilters();
  }

  function setStatus(text) {
    status.textContent = text;
  }

  function renderSuggestions(list) {
    clear(suggestList);
    if (!list.length) {
      suggestBox.hidden = true;
      return;
    }
    list.forEach(function (s) {
      if (s.key) entityNames[s.key] = s.name;
      var li = el("li", "search-suggest__item");
      var a = el("a", "chip chip--" + s.type);
      a.href = siteRoot + s.url;
      a.setAttribute("data-suggest", "1");
      a.appendChild(document.createTextNode(s.name + " "));
      a.appendChild(el("span", "search-suggest__type", typeLabel(s.type)));
      a.appendChild(document.createTextNode(" "));
      a.appendChild(el("span", "count", s.count));
      a.setAttribute("aria-label", s.name + ", " + typeLabel(s.type) + ", " +
        plural(s.count, "article"));
      li.appendChild(a);
      suggestList.appendChild(li);
    });
    suggestBox.hidden = false;
  }

  /* ------------------------------------------------------------ no-results help */

  /** Query chunks as typed: words, -words, "phrases" (quotes may be unclosed). */
  function chunks(q) {
    return q.match(/-?"[^"]*"?|[^\s"]+/g) || [];
  }

  function suggestionButton(label, onClick) {
    var b = el("button", "button search-empty__action", label);
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
  }

  /** Explain an empty result and name a filter or a word whose removal gives results. */
  function renderEmpty(result, mySeq) {
    clear(emptyBox);
    emptyBox.hidden = false;
    if (result.empty === "stopwords") {
      emptyBox.appendChild(el("p", null, "“" + state.q + "” has only very common or very short " +
        "words, which the archive does not index. Add a more specific word."));
      return;
    }
    emptyBox.appendChild(el("p", "search-empty__title", "No articles match “" + state.q + "”" +
      (hasFilters() ? " with the current filters." : ".")));
    var tips = el("ul", "search-empty__tips");
    emptyBox.appendChild(tips);
    renderDidYouMean(result, tips);
    var jobs = [];
    FILTER_KINDS.forEach(function (kind) {
      state.filters[kind].forEach(function (value) {
        var without = {};
        FILTER_KINDS.forEach(function (k) { without[k] = state.filters[k].slice(); });
        without[kind] = without[kind].filter(function (v) { return v !== value; });
        var wopts = { limit: 0, filters: engineFilters(without), excerpts: false };
        jobs.push(engine.search(state.q, wopts).then(function (r) {
          if (!r.total || mySeq !== seq) return;
          var li = el("li");
          li.appendChild(suggestionButton("Remove filter " + filterLabel(kind, value) + " (" +
            plural(r.total, "result") + ")", function () { toggleFilter(kind, value); }));
          tips.appendChild(li);
        }));
      });
    });
    var unfinished = state.complete ? "" : trailingWord(state.q);
    if (unfinished && result.empty !== "stopwords") {
      var popts = searchOptions({ limit: 0, prefix: true, excerpts: false });
      jobs.push(engine.search(state.q, popts).then(function (r) {
        if (!r.total || mySeq !== seq) return;
        var li = el("li");
        li.appendChild(suggestionButton("Show words starting with “" + unfinished + "” (" +
          plural(r.total, "result") + ")", function () {
          state.complete = true;
          run(true);
        }));
        tips.insertBefore(li, tips.firstChild);
      }));
    }
    var parts = chunks(state.q);
    if (parts.length > 1) {
      parts.slice(0, MAX_DROP_TRIES).forEach(function (part, i) {
        if (part === "OR") return;
        var rest = parts.filter(function (_, j) { return j !== i; }).join(" ");
        var ropts = searchOptions({ limit: 0, excerpts: false });
        jobs.push(engine.search(rest, ropts).then(function (r) {
          if (!r.total || mySeq !== seq) return;
          var li = el("li");
          li.appendChild(suggestionButton("Search without “" + part + "” (" +
            plural(r.total, "result") + ")", function () {
            input.value = rest;
            state.complete = false;
            run(true);
          }));
          tips.appendChild(li);
        }));
      });
    }
    Promise.all(jobs).then(function () {
      if (mySeq !== seq || tips.children.length) return;
      tips.appendChild(el("li", null, hasFilters()
        ? "Try removing a filter or a word, or check the spelling."
        : "Check the spelling, use fewer words, or try a name from the suggestions."));
    });
  }

  /* ------------------------------------------------------------ searching */

  function facetsWanted() {
    return filterPanel.open || hasFilters();
  }

  function trailingWord(q) {
    // Completion applies to a bare last word still being typed (no trailing space/quote).
    var m = /(^|\s)([^\s"\-][^\s"]*)$/.exec(q);
    return m && m[2] !== "OR" ? m[2] : "";
  }

  function showResult(result, prefix, mySeq, append) {
    if (mySeq !== seq) return;
    lastResult = result;
    result.prefixWord = prefix;
    if (!append) {
      clear(resultsList);
      shown = 0;
      shownHits = [];
    }
    var prefixLower = prefix ? Analyzer.lower(prefix) : "";
    result.hits.forEach(function (hit) {
      resultsList.appendChild(renderHit(hit, result.terms, prefixLower));
    });
    shown += result.hits.length;
    shownHits = shownHits.concat(result.hits);
    moreButton.hidden = shown >= result.total;
    emptyBox.hidden = true;
    updateExport();
    if (!state.q) {
      note.hidden = true;
      setStatus(result.total ? plural(result.total, "article") + " match the filters, " +
        (result.sort === "oldest" ? "oldest" : "newest") + " first" +
        (shown < result.total ? ", showing " + shown : "") + "."
        : "No articles match the filters.");
      if (result.facets) renderFacets(result.facets);
      return;
    }
    if (result.total === 0) {
      setStatus("No results for “" + state.q + "”.");
      note.hidden = true;
      renderEmpty(result, mySeq);
    } else {
      setStatus(plural(result.total, "result") + " for “" + state.q + "”" +
        (hasFilters() ? " (filtered)" : "") + (shown < result.total ? ", showing " + shown : "") +
        ".");
      note.hidden = !prefix;
      if (prefix) note.textContent = "No exact match for “" + prefix + "”: showing words that " +
        "start with it.";
    }
    if (result.facets) renderFacets(result.facets);
  }

  /** "Export these results": the rows of `newsarchive search --csv` for the results shown. */
  function updateExport() {
    if (!exportLink) return;
    if (!shownHits.length) {
      exportLink.hidden = true;
      exportLink.removeAttribute("href");
      return;
    }
    exportLink.href = "data:text/csv;charset=utf-8," + encodeURIComponent(engine.csv(shownHits));
    exportLink.hidden = false;
  }

  /** "Did you mean": buttons that replace an unknown word by a close indexed word. */
  function renderDidYouMean(result, box) {
    (result.suggestions || []).forEach(function (s) {
      var parts = chunks(state.q);
      var at = -1;
      parts.forEach(function (c, i) {
        var terms = engine.analyzer.terms(c);
        if (at < 0 && terms.length === 1 && terms[0] === s.word) at = i;
      });
      var li = el("li", "search-didyoumean");
      li.appendChild(el("span", null, "Did you mean "));
      s.suggestions.forEach(function (word, i) {
        if (i) li.appendChild(document.createTextNode(" or "));
        li.appendChild(suggestionButton(word, function () {
          var next = parts.slice();
          if (at >= 0) next[at] = word;
          else next.push(word);
          input.value = next.join(" ");
          state.complete = false;
          run(true);
        }));
      });
      li.appendChild(document.createTextNode("?"));
      box.appendChild(li);
    });
  }

  function fail(err, mySeq) {
    if (mySeq !== seq) return;
    app.removeAttribute("aria-busy");
    if (err && err.code === "version") {
      setStatus(err.message + ".");
      return;
    }
    setStatus("Search is unavailable: the search index could not be loaded.");
    if (window.console) window.console.error(err);
  }

  /**
   * Run the current input: exact query first (the CLI's answer); if it matches nothing and the
   * last word may be unfinished, complete that word as a prefix instead.
   */
  function run(immediate) {
    if (timer) window.clearTimeout(timer);
    timer = null;
    var go = function () {
      state.q = input.value.trim();
      if (headerInput && headerInput.value !== input.value) headerInput.value = input.value;
      writeUrl();
      renderActiveFilters();
      var mySeq = ++seq;
      syncControls();
      if (!state.q && !hasFilters()) {
        clear(resultsList);
        moreButton.hidden = true;
        emptyBox.hidden = true;
        note.hidden = true;
        setStatus("");
        renderSuggestions([]);
        clear(facetBox);
        facetBox.appendChild(el("p", "meta", "Type a query or choose dates to see filters."));
        lastResult = null;
        shownHits = [];
        updateExport();
        app.removeAttribute("aria-busy");
        return;
      }
      app.setAttribute("aria-busy", "true");
      var opts = searchOptions({ limit: PAGE, facets: facetsWanted(), suggest: true });
      var typed = input.value;
      var lastWord = state.complete ? trailingWord(typed) : "";
      updateSuggestions(state.q, mySeq);
      engine.search(state.q, opts).then(function (result) {
        if (result.total === 0 && lastWord && result.empty !== "stopwords") {
          var popts = searchOptions({ limit: PAGE, facets: opts.facets, prefix: true });
          return engine.search(state.q, popts).then(function (pres) {
            return pres.total ? [pres, lastWord] : [result, ""];
          });
        }
        return [result, ""];
      }).then(function (pair) {
        return orFacets(pair[0], Boolean(pair[1])).then(function () { return pair; });
      }).then(function (pair) {
        showResult(pair[0], pair[1], mySeq, false);
        if (mySeq === seq) app.removeAttribute("aria-busy");
      }).catch(function (err) { fail(err, mySeq); });
    };
    if (immediate) go();
    else timer = window.setTimeout(go, DEBOUNCE_MS);
  }

  function updateSuggestions(raw, mySeq) {
    // Names are matched on plain words: quotes, exclusions and OR are query syntax.
    var q = raw.replace(/"/g, " ").replace(/(^|\s)-\S*/g, " ").replace(/\sOR\s/g, " ")
      .replace(/\s+/g, " ").trim();
    if (Array.from(q).length < 2) {
      renderSuggestions([]);
      return;
    }
    var parts = chunks(q);
    var last = parts.length > 1 ? parts[parts.length - 1].replace(/^-/, "") : "";
    engine.suggest(q, { limit: SUGGEST_LIMIT }).then(function (list) {
      // The last word alone, unless it is one the index drops ("the" would offer "Théâtre").
      if (list.length || !last || !engine.analyzer.analyze(last).length) return list;
      return engine.suggest(last, { limit: SUGGEST_LIMIT });
    }).then(function (list) {
      if (mySeq === seq) renderSuggestions(list);
    }).catch(function (err) { fail(err, mySeq); });
  }

  /**
   * Source and year filters are ORed within their kind, so their counts are taken over the
   * matches without that kind's own filter: the other sources stay selectable, with the number
   * of articles each would add.
   */
  function orFacets(result, prefix) {
    if (!result.facets) return Promise.resolve();
    var jobs = ["provider", "year"].filter(function (kind) {
      return state.filters[kind].length > 0;
    }).map(function (kind) {
      var without = {};
      FILTER_KINDS.forEach(function (k) {
        without[k] = k === kind ? [] : state.filters[k].slice();
      });
      var opts = { limit: 0, filters: engineFilters(without), facets: true, prefix: prefix,
        excerpts: false };
      return engine.search(state.q, opts).then(function (r) {
        result.facets[kind] = r.facets[kind];
      });
    });
    return Promise.all(jobs);
  }

  function loadMore() {
    if (!lastResult) return;
    var mySeq = seq;
    var opts = searchOptions({ limit: PAGE, offset: shown,
      prefix: Boolean(lastResult.prefixWord) });
    var prefixWord = lastResult.prefixWord;
    var firstNew = shown;
    engine.search(state.q, opts).then(function (result) {
      result.facets = null;
      showResult(result, prefixWord, mySeq, true);
      var links = resultsList.querySelectorAll(".search-hit__link");
      if (links[firstNew]) links[firstNew].focus();
    }).catch(function (err) { fail(err, mySeq); });
  }

  /** The sort menu and date boxes show the state (after the URL or a removed chip). */
  function syncControls() {
    if (sortBox) sortBox.value = state.sort || "relevance";
    if (fromBox) fromBox.value = state.filters.from[0] || "";
    if (toBox) toBox.value = state.filters.to[0] || "";
  }

  function toggleFilter(kind, value) {
    var list = state.filters[kind];
    var i = list.indexOf(value);
    if (i >= 0) list.splice(i, 1);
    else list.push(value);
    run(true);
  }

  /* ------------------------------------------------------------ keyboard */

  /** The focusable items arrow keys move through: suggestions, then result titles. */
  function navItems() {
    var items = [];
    if (!suggestBox.hidden) {
      Array.prototype.push.apply(items, suggestList.querySelectorAll("a"));
    }
    Array.prototype.push.apply(items, resultsList.querySelectorAll(".search-hit__link"));
    return items;
  }

  function isTextField(node) {
    if (!node) return false;
    var tag = node.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || node.isContentEditable;
  }

  document.addEventListener("keydown", function (ev) {
    if (ev.altKey || ev.ctrlKey || ev.metaKey) return;
    var active = document.activeElement;
    if (ev.key === "/" && !isTextField(active)) {
      ev.preventDefault();
      input.focus();
      input.select();
      return;
    }
    if (ev.key === "Escape") {
      if (active === input) {
        // First Escape closes the name suggestions, the next clears the query (instead of the
        // browser's own clearing of search fields, which would skip the URL update).
        ev.preventDefault();
        if (!suggestBox.hidden) {
          renderSuggestions([]);
        } else if (input.value) {
          input.value = "";
          state.complete = false;
          run(true);
        }
      } else if (app.contains(active)) {
        input.focus();
      }
      return;
    }
    if (ev.key !== "ArrowDown" && ev.key !== "ArrowUp") return;
    var items = navItems();
    if (!items.length) return;
    var at = items.indexOf(active);
    if (active !== input && at < 0) return;
    ev.preventDefault();
    if (ev.key === "ArrowDown") {
      var next = active === input ? 0 : Math.min(at + 1, items.length - 1);
      items[next].focus();
    } else if (at <= 0) {
      input.focus();
    } else {
      items[at - 1].focus();
    }
  });

  /* ------------------------------------------------------------ wiring */

  input.addEventListener("input", function () {
    state.complete = true;
    run(false);
  });
  input.addEventListener("search", function () { if (!input.value) run(true); });
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    state.complete = false;
    run(true);
  });
  if (headerInput) {
    // The header box of this page searches here too, without reloading the page.
    headerInput.addEventListener("input", function () {
      input.value = headerInput.value;
      state.complete = true;
      run(false);
    });
    headerForm.addEventListener("submit", function (ev) {
      ev.preventDefault();
      input.value = headerInput.value;
      state.complete = false;
      run(true);
    });
  }
  moreButton.addEventListener("click", loadMore);
  filterPanel.addEventListener("toggle", function () {
    if (filterPanel.open && (state.q || hasFilters()) && (!lastResult || !lastResult.facets)) {
      run(true);
    }
  });
  if (sortBox) {
    sortBox.addEventListener("change", function () {
      state.sort = sortBox.value === "relevance" ? "" : sortBox.value;
      run(true);
    });
  }
  [[fromBox, "from"], [toBox, "to"]].forEach(function (pair) {
    if (!pair[0]) return;
    pair[0].addEventListener("change", function () {
      var v = pair[0].value;
      state.filters[pair[1]] = /^\d{4}-\d{2}-\d{2}$/.test(v) ? [v] : [];
      run(true);
    });
  });

  readUrl();
  input.value = state.q;
  if (headerInput) headerInput.value = state.q;
  if (hasFilters()) filterPanel.open = true;
  syncControls();
  if (state.q || hasFilters()) run(true);
  else renderActiveFilters();
  // The manifest is small and every search needs it; loading it now also tells a reader at once
  // when the index comes from another version of newsarchive.
  engine.ready().then(renderActiveFilters, function (err) { fail(err, seq); });
})();
