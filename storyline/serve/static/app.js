/* storyline page. One script for the served page (data from /api) and for story.html (data inlined).
 * Article text is untrusted: it reaches the page only through text nodes and textContent, links
 * only when they are http(s), and vis-timeline gets DOM elements, never HTML strings. */
(function () {
  "use strict";

  const MARK_OPEN = "\ue000", MARK_CLOSE = "\ue001";   // snippet highlight marks from the API
  const config = JSON.parse(document.getElementById("storyline-config").textContent);

  // ---- DOM helpers ----------------------------------------------------------------------------
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value == null || value === false) continue;
      if (key === "class") node.className = value;
      else if (key === "text") node.textContent = value;
      else if (key === "onclick") node.addEventListener("click", value);
      else node.setAttribute(key, String(value));   // attribute names are constants of this file
    }
    for (const child of children) if (child != null) node.append(child);  // strings become text nodes
    return node;
  }
  const $ = (id) => document.getElementById(id);
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }
  function safeHttpUrl(value) {
    try {
      const url = new URL(String(value));
      return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
    } catch (e) { return null; }
  }
  function short(text, n) { text = String(text || ""); return text.length > n ? text.slice(0, n - 1) + "…" : text; }
  function dateLabel(date) { return date && date.value ? date.value + (date.granularity ? " (" + date.granularity + ")" : "") : "undated"; }
  function withMarks(text) {   // snippet with private-use marks -> nodes with <mark>
    const frag = document.createDocumentFragment();
    String(text || "").split(MARK_OPEN).forEach((part, i) => {
      if (i === 0) { frag.append(part); return; }
      const [hit, rest] = part.split(MARK_CLOSE);
      frag.append(el("mark", {}, hit || ""), rest || "");
    });
    return frag;
  }

  // ---- dates (same rules as storyline/store/views.py day_interval) ------------------------------
  function dayInterval(date) {
    if (!date || !date.value) return [null, null];
    const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(date.value);
    if (!m) return [null, null];
    const y = m[1], gran = date.granularity || "";
    if (m[2] && m[3]) return [`${y}-${m[2]}-${m[3]}`, `${y}-${m[2]}-${m[3]}`];
    if (m[2] && +m[2] >= 1 && +m[2] <= 12) {
      const last = gran === "quarter" ? Math.min(+m[2] + 2, 12) : +m[2];
      const days = new Date(Date.UTC(+y, last, 0)).getUTCDate();
      return [`${y}-${m[2]}-01`, `${y}-${String(last).padStart(2, "0")}-${days}`];
    }
    const span = {decade: 9, century: 99}[gran] || 0;
    return [`${y}-01-01`, `${String(+y + span).padStart(4, "0")}-12-31`];
  }
  function addDays(iso, n) { const d = new Date(iso + "T00:00:00Z"); d.setUTCDate(d.getUTCDate() + n); return d.toISOString().slice(0, 10); }
  function nextDay(iso) { return addDays(iso, 1); }

  // ---- data sources ---------------------------------------------------------------------------
  class ApiSource {
    constructor(base) {
      this.base = base;
      const m = /(?:^#|&)token=([^&]+)/.exec(location.hash);
      if (m) {   // a token in the fragment never reaches server logs; keep it for this tab only
        sessionStorage.setItem("storyline-token", decodeURIComponent(m[1]));
        history.replaceState(null, "", location.pathname + location.search);
      }
      this.token = sessionStorage.getItem("storyline-token");
    }
    async get(path, params) {
      const url = new URL(this.base + path, location.href);
      for (const [key, value] of Object.entries(params || {})) {
        for (const one of [].concat(value)) if (one != null && one !== "" && one !== false) url.searchParams.append(key, one);
      }
      const response = await fetch(url, {headers: this.token ? {Authorization: "Bearer " + this.token} : {}});
      if (response.status === 401) {
        const token = window.prompt("This server needs its access token:");
        if (token) { sessionStorage.setItem("storyline-token", token); this.token = token; return this.get(path, params); }
      }
      if (!response.ok) throw new Error(`${response.status} ${await response.text()}`);
      return response.json();
    }
    info() { return this.get("/info"); }
    facets() { return this.get("/facets"); }
    timeline(f) { return this.get("/timeline", {...apiFilters(f), limit: 5000}); }
    entities() { return this.get("/entities", {limit: 200}).then((r) => r.items); }
    event(id) { return this.get("/events/" + encodeURIComponent(id)); }
    document(id) { return this.get("/documents/" + encodeURIComponent(id)); }
    search(q) { return this.get("/search", {q, limit: 30}).then((r) => r.items); }
    disputed() { return this.get("/claims", {status: ["superseded", "contradicted"], limit: 200}).then((r) => r.items); }
    states(f) { return this.get("/states", {entity: f.entity || null, limit: 500}).then((r) => r.items); }
  }
  function apiFilters(f) {
    return {from: f.from, to: f.to, entity: f.entity, type: f.type, modality: f.modality, outlet: f.outlet,
            q: f.q, flagged: f.flagged ? "true" : null};
  }

  class EmbeddedSource {   // story.html: the same questions answered from the inlined story.json
    constructor(story) {
      this.story = story;
      this.docs = new Map(story.documents.map((d) => [d.id, d]));
      this.entitiesById = new Map((story.entities || []).map((e) => [e.id, e]));
      const rank = new Map((story.timeline || []).map((id, i) => [id, i]));
      const flags = new Map();
      for (const c of story.claims || []) {
        if (c.status === "superseded" || c.status === "contradicted") {
          const key = c.doc + "\u0000" + c.sentence;
          flags.set(key, (flags.get(key) || new Set()).add(c.status));
        }
      }
      this.events = (story.events || []).map((ev, pos) => {
        const [start, end] = dayInterval(ev.date);
        const evFlags = new Set();
        for (const m of ev.mentions || []) for (const s of flags.get(m.doc + "\u0000" + m.sentence) || []) evFlags.add(s);
        const outlets = new Set((ev.mentions || []).map((m) => (this.docs.get(m.doc) || {}).source).filter(Boolean));
        const text = [ev.summary, ...(ev.mentions || []).map((m) => m.sentence)].join(" ");
        return {ev, pos, rank: rank.has(ev.id) ? rank.get(ev.id) : null, start, end, flags: [...evFlags].sort(), outlets, text};
      });
      this.events.sort((a, b) => (a.rank == null) - (b.rank == null) || (a.rank ?? 0) - (b.rank ?? 0) || a.pos - b.pos);
      this.eventsById = new Map(this.events.map((e) => [e.ev.id, e]));
    }
    async info() {
      const s = this.story;
      return {documents: s.documents.length, entities: (s.entities || []).length, events: (s.events || []).length,
              states: (s.states || []).length, claims: (s.claims || []).length, writable: false};
    }
    async facets() {
      const count = (values) => {
        const m = new Map();
        for (const v of values) if (v != null) m.set(v, (m.get(v) || 0) + 1);
        return [...m].sort((a, b) => b[1] - a[1]).map(([value, n]) => ({value, count: n}));
      };
      return {types: count(this.events.map((e) => e.ev.type)), modalities: count(this.events.map((e) => e.ev.modality)),
              outlets: count(this.story.documents.map((d) => d.source))};
    }
    async timeline(f) {
      const matcher = f.q ? textMatcher(f.q) : null;
      const items = this.events.filter((e) => {
        const ev = e.ev;
        if (f.from && !(e.end && e.end >= f.from)) return false;
        if (f.to && !(e.start && e.start <= f.to)) return false;
        if (f.type && ev.type !== f.type) return false;
        if (f.modality && ev.modality !== f.modality) return false;
        if (f.outlet && !e.outlets.has(f.outlet)) return false;
        if (f.entity && !(ev.actors || []).concat(ev.targets || []).includes(f.entity)) return false;
        if (f.flagged && !e.flags.length) return false;
        if (matcher && !matcher(e.text)) return false;
        return true;
      }).map((e) => ({id: e.ev.id, summary: e.ev.summary, type: e.ev.type, modality: e.ev.modality, date: e.ev.date || null,
                      start: e.start, end: e.end, source_count: e.ev.source_count, flags: e.flags, rank: e.rank}));
      return {total: items.length, items};
    }
    async entities() {
      return [...this.entitiesById.values()].map((e) => ({...e, mention_count: (e.mentions || []).length}))
        .sort((a, b) => b.mention_count - a.mention_count).slice(0, 200);
    }
    async event(id) {
      const e = this.eventsById.get(id);
      if (!e) throw new Error("no such event");
      const out = {...e.ev, flags: e.flags, documents: {}, entities: {}, claims: []};
      for (const m of out.mentions || []) { const d = this.docs.get(m.doc); if (d) out.documents[d.id] = d; }
      for (const eid of (out.actors || []).concat(out.targets || [])) { const x = this.entitiesById.get(eid); if (x) out.entities[eid] = x; }
      const sentences = new Set((out.mentions || []).map((m) => m.doc + "\u0000" + m.sentence));
      out.claims = (this.story.claims || []).filter((c) => sentences.has(c.doc + "\u0000" + c.sentence));
      return out;
    }
    async document(id) {
      const d = this.docs.get(id);
      if (!d) throw new Error("no such document");
      return {...d, claims: (this.story.claims || []).filter((c) => c.doc === id)};
    }
    async search(q) {
      const matcher = textMatcher(q), out = [];
      for (const e of this.events) if (matcher(e.text)) out.push({kind: "event", ref: e.ev.id, title: e.ev.summary, snippet: snippet(e.text, q)});
      for (const x of this.entitiesById.values()) {
        const text = [x.name, ...(x.aliases || [])].join(" ");
        if (matcher(text)) out.push({kind: "entity", ref: x.id, title: x.name, snippet: snippet(text, q)});
      }
      for (const d of this.docs.values()) {
        const text = (d.title || "") + " " + d.text;
        if (matcher(text)) out.push({kind: "document", ref: d.id, title: d.title || d.path, snippet: snippet(d.text, q)});
      }
      return out.slice(0, 30);
    }
    async disputed() { return (this.story.claims || []).filter((c) => c.status === "superseded" || c.status === "contradicted"); }
    async states(f) {
      return (this.story.states || []).filter((s) => !f.entity || s.subject === f.entity || s.object === f.entity);
    }
  }
  function tokens(q) { return (String(q).toLowerCase().match(/[\p{L}\p{N}_]+/gu) || []); }
  function textMatcher(q) {
    const words = tokens(q);
    return (text) => { const t = String(text || "").toLowerCase(); return words.length > 0 && words.every((w) => t.includes(w)); };
  }
  function snippet(text, q) {
    const t = String(text || ""), words = tokens(q), lower = t.toLowerCase();
    const at = Math.max(0, lower.indexOf(words[0] || ""));
    const from = Math.max(0, at - 60), piece = t.slice(from, at + 100);
    let out = piece;
    for (const w of words) out = out.replace(new RegExp(w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "gi"), (s) => MARK_OPEN + s + MARK_CLOSE);
    return (from > 0 ? "…" : "") + out + "…";
  }

  // ---- state --------------------------------------------------------------------------------
  const source = config.mode === "embedded"
    ? new EmbeddedSource(JSON.parse(document.getElementById("story-data").textContent))
    : new ApiSource(config.base);
  const filters = {from: "", to: "", entity: "", type: "", modality: "", outlet: "", q: "", flagged: false};
  const entityNames = new Map();
  let timeline = null;

  function readFilters() {
    filters.from = $("f-from").value; filters.to = $("f-to").value;
    filters.entity = $("f-entity").value; filters.type = $("f-type").value;
    filters.modality = $("f-modality").value; filters.outlet = $("f-outlet").value;
    filters.flagged = $("f-flagged").checked; filters.q = $("search").value.trim();
  }
  function fillSelect(select, options) {
    for (const o of options) select.append(el("option", {value: o.value, text: `${o.label || o.value} (${o.count})`}));
  }
  function setEntityFilter(id) {
    const select = $("f-entity");
    if (id && ![...select.options].some((o) => o.value === id)) select.append(el("option", {value: id, text: entityNames.get(id) || id}));
    select.value = id || "";
    reload();
  }

  // ---- timeline -----------------------------------------------------------------------------
  function itemContent(text, extra) {
    return el("span", {class: "item-label"}, short(text, 70), extra || null);
  }
  let reloads = 0;
  async function reload() {
    const mine = ++reloads;
    document.body.dataset.ready = "0";
    readFilters();
    const [page, states] = await Promise.all([source.timeline(filters), source.states(filters)]);
    if (mine !== reloads) return;   // a later change of filters is being loaded: drop this answer
    const items = [], undated = clear($("undated-list"));
    for (const ev of page.items) {
      if (!ev.start) {
        undated.append(el("li", {}, el("a", {href: "#", class: "event-link", "data-event": ev.id,
          onclick: (e) => { e.preventDefault(); showEvent(ev.id); }}, short(ev.summary, 90))));
        continue;
      }
      const classes = ["ev", "mod-" + (ev.modality || "asserted"), ...ev.flags.map((f) => "flag-" + f)];
      const flagMark = ev.flags.length ? el("span", {class: "flag-badge", text: " ⚑"}) : null;
      const item = {id: "ev:" + ev.id, group: "events", content: itemContent(ev.summary, flagMark), start: ev.start};
      if (ev.date && ev.date.granularity && ev.date.granularity !== "day" && ev.end && ev.end !== ev.start) {
        item.end = nextDay(ev.end); item.type = "range"; classes.push("coarse");
      } else item.type = "box";
      item.className = classes.join(" ");
      items.push(item);
    }
    // an open-ended state runs to the end of what the timeline shows (at least a month)
    let last = "";
    for (const it of items) last = [last, it.end || it.start].sort()[1];
    for (const s of states) last = [last, dayInterval(s.from)[1] || "", dayInterval(s.until)[1] || ""].sort()[2];
    states.forEach((s, i) => {
      const [from] = dayInterval(s.from), [, until] = dayInterval(s.until);
      if (!from && !until) return;
      const label = `${entityNames.get(s.subject) || s.subject} ${s.relation} ${entityNames.get(s.object) || s.object}`;
      let end = until ? nextDay(until) : nextDay(last > from ? last : from);
      if (!until) { const month = addDays(from, 30); if (month > end) end = month; }
      items.push({id: "st:" + i, group: "states", type: "range", content: itemContent(label),
                  start: from || until, end, className: "state" + (until ? "" : " open-ended")});
    });
    $("shown").textContent = `${page.items.length} of ${page.total} events shown`;
    $("timeline-empty").hidden = items.length > 0;
    if (!timeline) {
      const groups = [{id: "events", content: el("span", {text: "Events"})}, {id: "states", content: el("span", {text: "States"})}];
      timeline = new vis.Timeline($("timeline"), items, groups, {
        stack: true, orientation: "top", selectable: true, zoomMin: 86400000, showCurrentTime: false,
        maxHeight: 420, verticalScroll: true, tooltip: {followMouse: false},
      });
      timeline.on("select", (props) => {
        const id = props.items && props.items[0];
        if (id && String(id).startsWith("ev:")) showEvent(String(id).slice(3));
      });
    } else {
      timeline.setItems(items);
    }
    if (items.length) timeline.fit({animation: false});
    document.body.dataset.ready = "1";
  }

  // ---- event and sources --------------------------------------------------------------------
  let shownEvent = 0, shownArticle = 0;   // only the latest click may fill a pane
  async function showEvent(id) {
    const mine = ++shownEvent;
    clear($("article"));
    const ev = await source.event(id);
    if (mine !== shownEvent) return;
    const pane = clear($("event"));
    $("results").hidden = true;
    pane.append(el("h2", {class: "event-summary", text: ev.summary || "(no summary)"}));
    const meta = el("p", {class: "meta"}, dateLabel(ev.date), " · ", ev.type || "event", " · ", ev.modality || "",
                    " · ", `${ev.source_count || (ev.mentions || []).length} source(s)`);
    for (const f of ev.flags || []) meta.append(" ", el("span", {class: "badge flag-" + f, text: f}));
    pane.append(meta);
    const people = el("p", {class: "actors"});
    for (const [role, ids] of [["actors", ev.actors], ["targets", ev.targets]]) {
      if (!ids || !ids.length) continue;
      people.append(role + ": ");
      for (const eid of ids) {
        people.append(el("a", {href: "#", class: "chip", onclick: (e) => { e.preventDefault(); setEntityFilter(eid); }},
                         (ev.entities[eid] || {}).name || eid), " ");
      }
    }
    pane.append(people);
    const claimBySentence = new Map((ev.claims || []).map((c) => [c.doc + "\u0000" + c.sentence, c]));
    const list = el("ol", {class: "mentions"});
    (ev.mentions || []).forEach((m, i) => {
      const doc = ev.documents[m.doc] || {};
      const claim = claimBySentence.get(m.doc + "\u0000" + m.sentence);
      const item = el("li", {class: "mention" + (claim && claim.status !== "current" ? " claim-" + claim.status : "")},
        el("a", {href: "#", class: "source-link", onclick: (e) => { e.preventDefault(); showArticle(m.doc, m); }},
           `${doc.source || "unknown outlet"} — ${doc.title || doc.path || m.doc}`),
        el("span", {class: "muted", text: doc.published && doc.published.value ? " · " + doc.published.value : ""}),
        el("blockquote", {text: m.sentence || ""}));
      if (claim && claim.status !== "current") item.append(el("p", {class: "claim-note", text: `${claim.status}: ${claim.explanation || ""}`}));
      list.append(item);
      if (i === 0) showArticle(m.doc, m);
    });
    pane.append(el("h3", {text: "Sources"}), list);
  }

  function locate(text, sentence, start, end) {   // the mention's sentence in the cleaned text
    if (start != null && end != null && text.slice(start, end) === sentence) return [start, end];
    if (sentence) {
      const near = text.indexOf(sentence, Math.max(0, (start || 0) - sentence.length));
      const at = near >= 0 ? near : text.indexOf(sentence);
      if (at >= 0) return [at, at + sentence.length];
    }
    if (start != null && end != null && end > start && end <= text.length) return [start, end];
    return null;
  }

  function highlighted(text, ranges) {   // text with <mark> over ranges (ranges may overlap)
    const cuts = new Set([0, text.length]);
    for (const r of ranges) { cuts.add(r.start); cuts.add(r.end); }
    const points = [...cuts].sort((a, b) => a - b), frag = document.createDocumentFragment();
    for (let i = 0; i + 1 < points.length; i++) {
      const a = points[i], b = points[i + 1], piece = text.slice(a, b);
      const covering = ranges.filter((r) => r.start <= a && r.end >= b);
      if (!covering.length) { frag.append(piece); continue; }
      const mark = el("mark", {class: covering.map((r) => r.cls).join(" ")}, piece);
      const title = covering.map((r) => r.title).filter(Boolean).join("; ");
      if (title) mark.title = title;
      frag.append(mark);
    }
    return frag;
  }

  async function showArticle(docId, mention) {
    const mine = ++shownArticle;
    const doc = await source.document(docId);
    if (mine !== shownArticle) return;
    const pane = clear($("article"));
    pane.append(el("h2", {class: "article-title", text: doc.title || doc.path || doc.id}));
    const meta = el("p", {class: "meta"}, doc.source || "unknown outlet", " · ",
                    doc.published && doc.published.value ? `published ${doc.published.value}` : "publication date unknown");
    const href = safeHttpUrl(doc.url);
    if (href) meta.append(" · ", el("a", {href, rel: "noopener noreferrer nofollow", target: "_blank", text: "original"}));
    else if (doc.url) meta.append(" · ", el("span", {class: "muted", text: doc.url}));
    pane.append(meta);
    const text = doc.text || "", ranges = [];
    for (const c of doc.claims || []) {
      if (c.status !== "superseded" && c.status !== "contradicted") continue;
      const at = locate(text, c.sentence, null, null);
      if (at) ranges.push({start: at[0], end: at[1], cls: "claim-" + c.status, title: `${c.status}: ${c.explanation || ""}`});
    }
    let focus = null;
    if (mention) {
      const at = locate(text, mention.sentence, mention.start, mention.end);
      if (at) { ranges.push({start: at[0], end: at[1], cls: "hl-source", title: "source sentence"}); focus = at; }
    }
    const body = el("div", {class: "article-text"});
    body.append(highlighted(text, ranges));
    pane.append(body);
    if (focus) { const mark = body.querySelector("mark.hl-source"); if (mark && mark.scrollIntoView) mark.scrollIntoView({block: "center"}); }
  }

  // ---- search, actors, claims ---------------------------------------------------------------
  async function runSearch() {
    const box = clear($("results"));
    await reload();
    const q = $("search").value.trim();
    if (!q) { box.hidden = true; return; }
    const hits = await source.search(q);
    box.hidden = false;
    box.append(el("h3", {text: `Search: ${hits.length} result(s)`}));
    const list = el("ul", {class: "plain results"});
    for (const h of hits) {
      const open = (e) => {
        e.preventDefault();
        if (h.kind === "event") showEvent(h.ref);
        else if (h.kind === "entity") setEntityFilter(h.ref);
        else showArticle(h.ref, null);
      };
      list.append(el("li", {class: "hit hit-" + h.kind}, el("span", {class: "badge", text: h.kind}), " ",
                     el("a", {href: "#", onclick: open}, short(h.title || h.ref, 100)),
                     el("div", {class: "snippet"}, withMarks(h.snippet))));
    }
    box.append(list);
  }

  function renderActors(list) {
    const ul = clear($("actor-list")), select = $("f-entity");
    for (const x of list) {
      entityNames.set(x.id, x.name);
      select.append(el("option", {value: x.id, text: x.name}));
      const li = el("li", {class: "actor"},
        el("a", {href: "#", class: "actor-name", onclick: (e) => { e.preventDefault(); setEntityFilter(x.id); }}, x.name),
        el("span", {class: "muted", text: ` ${x.type || ""} · ${x.mention_count || 0}`}));
      const others = (x.aliases || []).filter((a) => a !== x.name);
      if (others.length) li.append(el("div", {class: "aliases", text: "also: " + others.join(", ")}));
      for (const r of x.roles || []) {
        const asOf = r.as_of && r.as_of.value ? ` (${r.as_of.value})` : "";
        li.append(el("div", {class: "role", text: `${r.title || ""}${r.of ? " of " + r.of : ""}${asOf}`}));
      }
      ul.append(li);
    }
  }

  function renderClaims(list) {
    const ul = clear($("claim-list"));
    if (!list.length) ul.append(el("li", {class: "muted", text: "none"}));
    for (const c of list) {
      ul.append(el("li", {class: "claim claim-" + c.status}, el("span", {class: "badge flag-" + c.status, text: c.status}), " ",
        el("a", {href: "#", onclick: (e) => { e.preventDefault(); showArticle(c.doc, {sentence: c.sentence}); }}, short(c.sentence, 120))));
    }
  }

  async function main() {
    const [info, facets, actors, disputed] = await Promise.all([source.info(), source.facets(), source.entities(), source.disputed()]);
    $("counts").textContent = `${info.documents} articles · ${info.entities} actors · ${info.events} events`;
    fillSelect($("f-type"), facets.types || []);
    fillSelect($("f-modality"), facets.modalities || []);
    fillSelect($("f-outlet"), facets.outlets || []);
    renderActors(actors);
    renderClaims(disputed);
    for (const id of ["f-from", "f-to", "f-entity", "f-type", "f-modality", "f-outlet", "f-flagged"]) $(id).addEventListener("change", reload);
    $("f-clear").addEventListener("click", () => {
      for (const id of ["f-from", "f-to", "f-entity", "f-type", "f-modality", "f-outlet", "search"]) $(id).value = "";
      $("f-flagged").checked = false;
      $("results").hidden = true;
      reload();
    });
    $("search-form").addEventListener("submit", (e) => { e.preventDefault(); runSearch(); });
    await reload();
  }
  main().catch((err) => {
    document.body.dataset.ready = "error";
    $("event").replaceChildren(el("p", {class: "error", text: "Could not load the story: " + err.message}));
  });
})();
