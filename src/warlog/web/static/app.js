/* warlog web map: Leaflet map, timeline brush, filters in the URL, table, event panel and review actions.
 * Report text and every value from the API are untrusted: they are only ever set with textContent or as
 * text nodes, never parsed as HTML. */
(function () {
  "use strict";

  var TYPE_COLOURS = {
    "Battles": "#d62728",
    "Explosions/Remote violence": "#ff7f0e",
    "Violence against civilians": "#9467bd",
    "Protests": "#2ca02c",
    "Riots": "#8c564b",
    "Strategic developments": "#1f77b4"
  };
  var FILTER_KEYS = ["since", "until", "event_type", "country", "admin1", "actor", "min_fatalities", "status", "q"];
  var EDITABLE = ["event_date", "event_type", "sub_event_type", "actor1", "actor2", "location", "admin1", "country",
    "latitude", "longitude", "fatalities"];
  var PAGE_SIZE = 50;
  var TOKEN_KEY = "warlog-token";

  var state = { filters: {}, page: 1, sort: "-event_date", selected: null, markers: {} };
  var map, cluster;

  // ---------------------------------------------------------------------------------------------------------------
  // small helpers

  function $(sel) { return document.querySelector(sel); }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        if (k === "text") node.textContent = attrs[k];
        else if (k === "className") node.className = attrs[k];
        else node.setAttribute(k, attrs[k]);
      });
    }
    (children || []).forEach(function (c) {
      if (c === null || c === undefined) return;
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }

  function colour(type) { return TYPE_COLOURS[type] || "#7f7f7f"; }

  function toast(message) {
    var t = $("#toast");
    t.textContent = message;
    t.className = "show";
    clearTimeout(toast.timer);
    toast.timer = setTimeout(function () { t.className = ""; }, 3500);
  }

  function token() { return sessionStorage.getItem(TOKEN_KEY) || ""; }

  function api(path, options) {
    options = options || {};
    var headers = { "Accept": "application/json" };
    if (token()) headers["Authorization"] = "Bearer " + token();
    if (options.body !== undefined) headers["Content-Type"] = "application/json";
    return fetch(path, {
      method: options.method || "GET",
      headers: headers,
      body: options.body !== undefined ? JSON.stringify(options.body) : undefined
    }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (data) {
        if (!r.ok) throw new Error((data && data.detail ? (typeof data.detail === "string" ? data.detail : JSON.stringify(data.detail)) : r.statusText) + " (" + r.status + ")");
        return data;
      });
    });
  }

  function query(extra, omit) {
    var p = new URLSearchParams();
    FILTER_KEYS.forEach(function (k) {
      if (omit && omit.indexOf(k) >= 0) return;
      if (state.filters[k]) p.set(k, state.filters[k]);
    });
    Object.keys(extra || {}).forEach(function (k) { p.set(k, extra[k]); });
    return p.toString();
  }

  // ---------------------------------------------------------------------------------------------------------------
  // filters <-> URL

  function readURL() {
    var p = new URLSearchParams(location.search);
    state.filters = {};
    FILTER_KEYS.forEach(function (k) { if (p.get(k)) state.filters[k] = p.get(k); });
    state.page = parseInt(p.get("page") || "1", 10) || 1;
    state.sort = p.get("sort") || "-event_date";
    state.selected = p.get("event") || null;
    var form = $("#filters");
    FILTER_KEYS.forEach(function (k) { form.elements[k].value = state.filters[k] || ""; });
  }

  function writeURL() {
    var p = new URLSearchParams(query());
    if (state.page > 1) p.set("page", state.page);
    if (state.sort !== "-event_date") p.set("sort", state.sort);
    if (state.selected) p.set("event", state.selected);
    var s = p.toString();
    history.replaceState(null, "", s ? "?" + s : location.pathname);
  }

  function readForm() {
    var form = $("#filters");
    state.filters = {};
    FILTER_KEYS.forEach(function (k) {
      var v = (form.elements[k].value || "").trim();
      if (v) state.filters[k] = v;
    });
  }

  // ---------------------------------------------------------------------------------------------------------------
  // map

  function initMap() {
    map = L.map("map", { preferCanvas: true, worldCopyJump: true, minZoom: 2, maxZoom: 18 }).setView([35.0, 38.5], 6);
    // The outlines get their own pane under the markers (overlayPane is at z-index 400, tiles at 200).
    map.createPane("basemap").style.zIndex = 250;
    var canvas = L.canvas({ padding: 0.5, pane: "basemap" });
    var osm = L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
      maxZoom: 18, attribution: "&copy; OpenStreetMap contributors"
    });
    var countries = L.layerGroup(), admin1 = L.layerGroup();
    countries.addTo(map);
    admin1.addTo(map);
    cluster = L.markerClusterGroup({ chunkedLoading: true, showCoverageOnHover: false, maxClusterRadius: 40 });
    cluster.addTo(map);
    L.control.layers(
      { "Offline outlines (Natural Earth)": L.layerGroup(), "OpenStreetMap (online)": osm },
      { "Countries": countries, "Admin-1 units": admin1, "Events": cluster },
      { collapsed: true }
    ).addTo(map);
    legend().addTo(map);
    L.control.scale({ imperial: false }).addTo(map);
    fetch("/static/basemap.topo.json").then(function (r) { return r.json(); }).then(function (topo) {
      L.geoJSON(topojson.feature(topo, topo.objects.countries), {
        renderer: canvas, pane: "basemap", interactive: false,
        style: { color: "#8a8a8a", weight: 1, fillColor: "#f5f2ea", fillOpacity: 1 }
      }).addTo(countries);
      L.geoJSON(topojson.feature(topo, topo.objects.admin1), {
        renderer: canvas, pane: "basemap", interactive: false,
        style: { color: "#b5b0a4", weight: 0.6, fill: false, dashArray: "2 2" }
      }).addTo(admin1);
      document.body.setAttribute("data-basemap", "ready");
    }).catch(function () { toast("basemap could not be loaded"); });
  }

  function legend() {
    var control = L.control({ position: "bottomleft" });
    control.onAdd = function () {
      var div = el("div", { className: "legend" });
      Object.keys(TYPE_COLOURS).forEach(function (t) {
        var sw = el("span", { className: "swatch" });
        sw.style.background = TYPE_COLOURS[t];
        div.appendChild(el("div", null, [sw, t]));
      });
      div.appendChild(el("div", { text: "circle size: deaths" }));
      return div;
    };
    return control;
  }

  function radius(deaths) { return 5 + 2.2 * Math.sqrt(Math.max(0, deaths || 0)); }

  function loadMap() {
    return api("/api/events.geojson?" + query({ limit: 5000 })).then(function (fc) {
      cluster.clearLayers();
      state.markers = {};
      var layers = fc.features.map(function (f) {
        var p = f.properties, c = f.geometry.coordinates;
        var m = L.circleMarker([c[1], c[0]], {
          radius: radius(p.fatalities), color: "#333", weight: 1, fillColor: colour(p.event_type), fillOpacity: 0.8
        });
        m.bindTooltip(function () {
          return el("span", { text: (p.event_date || "?") + " · " + (p.sub_event_type || p.event_type || "") +
            " · " + (p.location || "") + " · " + (p.fatalities || 0) + " deaths" });
        });
        m.on("click", function () { openEvent(f.id || p.id); });
        state.markers[f.id || p.id] = m;
        return m;
      });
      cluster.addLayers(layers);
      document.body.setAttribute("data-markers", String(layers.length));
    });
  }

  // ---------------------------------------------------------------------------------------------------------------
  // timeline with brushing

  var timeline = { bins: [], start: null, end: null };

  function dayNumber(iso) { return Math.floor(Date.parse(iso + "T00:00:00Z") / 86400000); }
  function isoDay(n) { return new Date(n * 86400000).toISOString().slice(0, 10); }

  function loadTimeline() {
    return api("/api/stats?" + query({ by: "day" }, ["since", "until"])).then(function (s) {
      drawTimeline(s.by_day || []);
    });
  }

  function drawTimeline(byDay) {
    var svg = $("#timeline-svg");
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    drawTimeline.lastData = byDay;
    var width = svg.clientWidth || 800, height = 90, ns = "http://www.w3.org/2000/svg";
    if (!byDay.length) { $("#timeline-label").textContent = "no dated events"; timeline.start = null; return; }
    var first = dayNumber(byDay[0].key), last = dayNumber(byDay[byDay.length - 1].key);
    var span = Math.max(1, last - first + 1);
    var binDays = span <= 120 ? 1 : span <= 900 ? 7 : 30;
    first -= 3; last += 3; span = last - first + 1;
    var nBins = Math.ceil(span / binDays), counts = new Array(nBins).fill(0);
    byDay.forEach(function (d) { counts[Math.floor((dayNumber(d.key) - first) / binDays)] += d.events; });
    var max = Math.max.apply(null, counts) || 1, bw = width / nBins;
    timeline.start = first; timeline.binDays = binDays; timeline.nBins = nBins; timeline.width = width;
    var since = state.filters.since ? dayNumber(state.filters.since) : null;
    var until = state.filters.until ? dayNumber(state.filters.until) : null;
    counts.forEach(function (n, i) {
      if (!n) return;
      var h = Math.max(2, (n / max) * (height - 16));
      var d0 = first + i * binDays, d1 = d0 + binDays - 1;
      var inside = (since === null || d1 >= since) && (until === null || d0 <= until);
      var r = document.createElementNS(ns, "rect");
      r.setAttribute("x", String(i * bw));
      r.setAttribute("width", String(Math.max(1, bw - 1)));
      r.setAttribute("y", String(height - 14 - h));
      r.setAttribute("height", String(h));
      r.setAttribute("class", "bar" + (inside && (since !== null || until !== null) ? " in" : ""));
      var title = document.createElementNS(ns, "title");
      title.textContent = isoDay(d0) + (binDays > 1 ? " – " + isoDay(d1) : "") + ": " + n + " events";
      r.appendChild(title);
      svg.appendChild(r);
    });
    [isoDay(first), isoDay(last)].forEach(function (label, i) {
      var t = document.createElementNS(ns, "text");
      t.setAttribute("x", String(i ? width - 4 : 4));
      t.setAttribute("y", String(height - 2));
      t.setAttribute("text-anchor", i ? "end" : "start");
      t.setAttribute("class", "axis");
      t.textContent = label;
      svg.appendChild(t);
    });
    var label = state.filters.since || state.filters.until
      ? (state.filters.since || "…") + " → " + (state.filters.until || "…") + " (double-click to clear)"
      : "drag to choose dates";
    $("#timeline-label").textContent = label + " · " + (binDays === 1 ? "days" : binDays === 7 ? "weeks" : "months");
  }

  function xToDay(x) {
    var frac = Math.min(1, Math.max(0, x / timeline.width));
    return timeline.start + Math.floor(frac * timeline.nBins) * timeline.binDays;
  }

  function initBrush() {
    var svg = $("#timeline-svg"), brush = null, x0 = null;
    svg.addEventListener("mousedown", function (e) {
      if (timeline.start === null) return;
      x0 = e.offsetX;
      brush = document.createElementNS("http://www.w3.org/2000/svg", "rect");
      brush.setAttribute("class", "brush");
      brush.setAttribute("y", "0");
      brush.setAttribute("height", "76");
      brush.setAttribute("x", String(x0));
      brush.setAttribute("width", "1");
      svg.appendChild(brush);
    });
    svg.addEventListener("mousemove", function (e) {
      if (!brush) return;
      brush.setAttribute("x", String(Math.min(x0, e.offsetX)));
      brush.setAttribute("width", String(Math.max(1, Math.abs(e.offsetX - x0))));
    });
    svg.addEventListener("mouseup", function (e) {
      if (!brush) return;
      var a = Math.min(x0, e.offsetX), b = Math.max(x0, e.offsetX);
      brush = null;
      if (b - a < 3) { drawTimeline.lastData && drawTimeline(drawTimeline.lastData); return; }
      var since = xToDay(a), until = xToDay(b) + timeline.binDays - 1;
      state.filters.since = isoDay(since);
      state.filters.until = isoDay(until);
      $("#filters").elements.since.value = state.filters.since;
      $("#filters").elements.until.value = state.filters.until;
      state.page = 1;
      refresh();
    });
    svg.addEventListener("dblclick", function () {
      delete state.filters.since;
      delete state.filters.until;
      $("#filters").elements.since.value = "";
      $("#filters").elements.until.value = "";
      state.page = 1;
      refresh();
    });
  }

  // ---------------------------------------------------------------------------------------------------------------
  // table

  function loadTable() {
    var q = query({ page: state.page, page_size: PAGE_SIZE, sort: state.sort });
    $("#csv-link").setAttribute("href", "/api/events.csv?" + query());
    $("#geojson-link").setAttribute("href", "/api/events.geojson?" + query());
    return api("/api/events?" + q).then(function (res) {
      var tbody = $("#events tbody");
      tbody.replaceChildren();
      res.items.forEach(function (e) {
        var sw = el("span", { className: "swatch" });
        sw.style.background = colour(e.event_type);
        var deaths = String(e.fatalities || 0);
        if (e.fatalities_max && e.fatalities_max !== e.fatalities) deaths += " (" + (e.fatalities_min || 0) + "–" + e.fatalities_max + ")";
        var tr = el("tr", { "data-id": e.id }, [
          el("td", { text: e.event_date || "?" }),
          el("td", null, [sw, e.event_type || ""]),
          el("td", { text: e.sub_event_type || "" }),
          el("td", { text: e.actor1 || "" }),
          el("td", { text: e.actor2 || "" }),
          el("td", { text: e.location || "" }),
          el("td", { text: e.admin1 || "" }),
          el("td", { text: deaths }),
          el("td", { text: String(e.n_sources || 0) }),
          el("td", null, [el("span", { className: "badge status-" + e.review_status, text: e.review_status })])
        ]);
        if (e.id === state.selected) tr.className = "selected";
        tr.addEventListener("click", function () { openEvent(e.id); });
        tbody.appendChild(tr);
      });
      var pages = Math.max(1, Math.ceil(res.total / PAGE_SIZE));
      $("#count").textContent = res.total + " events";
      $("#page").textContent = "page " + res.page + " / " + pages;
      $("#prev").disabled = res.page <= 1;
      $("#next").disabled = res.page >= pages;
    });
  }

  // ---------------------------------------------------------------------------------------------------------------
  // event panel

  function field(dl, name, value, was) {
    dl.appendChild(el("dt", { text: name }));
    var dd = el("dd", { text: value === null || value === undefined || value === "" ? "—" : String(value) });
    if (was !== undefined) dd.appendChild(el("span", { className: "was", text: "machine: " + (was === null ? "—" : String(was)) }));
    dl.appendChild(dd);
  }

  function highlighted(text, evidence) {
    // Split the report text at the evidence offsets into text nodes and <mark> elements (never HTML).
    var box = el("div", { className: "report-text" });
    var spans = (evidence || []).filter(function (e) {
      return typeof e.start === "number" && typeof e.end === "number" && e.end > e.start;
    }).sort(function (a, b) { return a.start - b.start; });
    var pos = 0;
    spans.forEach(function (e) {
      var s = Math.max(pos, Math.min(e.start, text.length)), t = Math.min(e.end, text.length);
      if (t <= s) return;
      if (s > pos) box.appendChild(document.createTextNode(text.slice(pos, s)));
      box.appendChild(el("mark", { className: "evidence", text: text.slice(s, t) }));
      pos = t;
    });
    if (pos < text.length) box.appendChild(document.createTextNode(text.slice(pos)));
    return box;
  }

  function openEvent(id) {
    state.selected = id;
    writeURL();
    document.querySelectorAll("#events tbody tr").forEach(function (tr) {
      tr.className = tr.getAttribute("data-id") === id ? "selected" : "";
    });
    return api("/api/events/" + encodeURIComponent(id)).then(function (d) {
      if (d.review_status === "merged" && d.merged_into) return openEvent(d.merged_into);
      renderEvent(d);
      var m = state.markers[d.id];
      if (m) cluster.zoomToShowLayer(m, function () { m.openTooltip(); });
    }).catch(function (err) { toast(err.message); });
  }

  function renderEvent(d) {
    var panel = $("#panel");
    panel.replaceChildren();
    panel.setAttribute("data-event", d.id);
    var overrides = (d.review && d.review.overrides) || {};
    panel.appendChild(el("div", { className: "panel-title", text: (d.sub_event_type || d.event_type || "Event") + " — " + (d.location || "unknown place") }));
    panel.appendChild(el("div", { className: "panel-sub" }, [
      el("span", { className: "badge status-" + d.review_status, text: d.review_status }),
      (d.event_date || "undated") + " · " + d.id
    ]));
    var flags = el("div");
    (d.flags || []).forEach(function (f) { flags.appendChild(el("span", { className: "badge flag", text: f })); });
    panel.appendChild(flags);

    var dl = el("dl", { className: "fields" });
    var machine = d.machine || {};
    var deaths = String(d.fatalities || 0) + "  (range " + (d.fatalities_min || 0) + "–" + (d.fatalities_max || 0) + ")";
    field(dl, "deaths", deaths, "fatalities" in overrides ? machine.fatalities : undefined);
    ["event_date", "event_type", "sub_event_type", "actor1", "actor2", "location", "admin1", "country"].forEach(function (k) {
      field(dl, k.replace(/_/g, " "), d[k], k in overrides ? machine[k] : undefined);
    });
    field(dl, "coordinates", d.latitude !== null && d.latitude !== undefined ? d.latitude.toFixed(4) + ", " + d.longitude.toFixed(4) + " (precision " + d.geo_precision + ")" : null);
    field(dl, "injured", d.injured);
    field(dl, "said by", d.attributed_to);
    field(dl, "sources", (d.n_sources || 0) + " independent · " + (d.n_reports || 0) + " reports");
    panel.appendChild(dl);

    panel.appendChild(reviewButtons(d));

    panel.appendChild(el("h3", { text: "Figures per source" }));
    var figs = el("ul");
    Object.keys(d.figures || {}).forEach(function (src) {
      figs.appendChild(el("li", { text: src + ": " + (d.figures[src] || []).join(", ") }));
    });
    panel.appendChild(figs);

    panel.appendChild(el("h3", { text: "Reports and evidence" }));
    (d.reports || []).forEach(function (r) {
      var box = el("div", { className: "report", "data-report": r.report_id, "data-mention": r.mention_id });
      var meta = el("div", { className: "report-meta" }, [
        el("strong", { text: r.outlet || "unknown outlet" }), " · " + (r.published || "undated") + " · " + (r.fatalities || 0) + " deaths · "
      ]);
      if (r.url && /^https?:\/\//i.test(r.url)) {
        meta.appendChild(el("a", { href: r.url, rel: "noopener noreferrer nofollow", target: "_blank", text: "link" }));
      }
      if (r.title) meta.appendChild(el("div", { text: r.title }));
      if (r.link_reason) meta.appendChild(el("div", { className: "hint", text: r.link_reason }));
      box.appendChild(meta);
      if (typeof r.text === "string") box.appendChild(highlighted(r.text, r.evidence));
      else (r.evidence || []).forEach(function (e) { box.appendChild(el("mark", { className: "evidence", text: e.text })); });
      panel.appendChild(box);
    });

    panel.appendChild(el("h3", { text: "Review history" }));
    var hist = el("ul", { className: "history" });
    (d.history || []).forEach(function (h) {
      var changed = "";
      if (h.before && h.after && typeof h.before === "object" && typeof h.after === "object") {
        changed = Object.keys(h.after).filter(function (k) {
          return JSON.stringify(h.before[k]) !== JSON.stringify(h.after[k]);
        }).map(function (k) { return k + ": " + JSON.stringify(h.before[k]) + " → " + JSON.stringify(h.after[k]); }).join("; ");
      }
      hist.appendChild(el("li", { text: h.at + " · " + h.actor + " · " + h.action + (changed ? " · " + changed : "") + (h.note ? " · " + h.note : "") }));
    });
    if (!(d.history || []).length) hist.appendChild(el("li", { text: "not reviewed yet" }));
    panel.appendChild(hist);
  }

  function reviewButtons(d) {
    var wrap = el("div");
    var bar = el("div", { className: "review-buttons" });
    var area = el("div");
    function act(label, name, fn) {
      var b = el("button", { type: "button", "data-action": name, text: label });
      b.addEventListener("click", fn);
      bar.appendChild(b);
    }
    function done(promise, message) {
      promise.then(function (res) {
        toast(message);
        refresh();
        var target = res && res.event ? res.event : res;
        if (target && target.id) renderEvent(target);
      }).catch(function (err) { toast(err.message); });
    }
    act("Confirm", "confirm", function () {
      done(api("/api/events/" + encodeURIComponent(d.id) + "/confirm", { method: "POST", body: {} }), "confirmed");
    });
    act("Reject", "reject", function () {
      done(api("/api/events/" + encodeURIComponent(d.id) + "/reject", { method: "POST", body: {} }), "rejected");
    });
    act("Edit", "edit", function () {
      area.replaceChildren();
      var form = el("form", { className: "inline" });
      EDITABLE.forEach(function (k) {
        form.appendChild(el("label", { for: "edit-" + k, text: k }));
        var input = el("input", { id: "edit-" + k, name: k });
        input.value = d[k] === null || d[k] === undefined ? "" : String(d[k]);
        form.appendChild(input);
      });
      form.appendChild(el("label", { for: "edit-note", text: "note" }));
      form.appendChild(el("input", { id: "edit-note", name: "note" }));
      form.appendChild(el("div", { className: "actions" }, [el("button", { type: "submit", text: "Save" })]));
      form.addEventListener("submit", function (e) {
        e.preventDefault();
        var fields = {};
        EDITABLE.forEach(function (k) {
          var v = form.elements[k].value.trim(), old = d[k] === null || d[k] === undefined ? "" : String(d[k]);
          if (v !== old) fields[k] = v === "" ? null : v;
        });
        if (!Object.keys(fields).length) { toast("nothing changed"); return; }
        done(api("/api/events/" + encodeURIComponent(d.id), { method: "PATCH", body: { fields: fields, note: form.elements.note.value || null } }), "saved");
      });
      area.appendChild(form);
    });
    act("Merge…", "merge", function () {
      area.replaceChildren();
      var form = el("form", { className: "inline" });
      form.appendChild(el("label", { for: "merge-other", text: "event to fold in" }));
      form.appendChild(el("input", { id: "merge-other", name: "other", placeholder: "e…" }));
      form.appendChild(el("div", { className: "actions" }, [el("button", { type: "submit", text: "Merge" })]));
      form.addEventListener("submit", function (e) {
        e.preventDefault();
        done(api("/api/events/" + encodeURIComponent(d.id) + "/merge", { method: "POST", body: { other_id: form.elements.other.value.trim() } }), "merged");
      });
      area.appendChild(form);
    });
    act("Split…", "split", function () {
      area.replaceChildren();
      var form = el("form");
      (d.reports || []).forEach(function (r) {
        var cb = el("input", { type: "checkbox", name: "m", value: r.mention_id });
        form.appendChild(el("div", null, [el("label", null, [cb, " " + (r.outlet || "?") + " · " + (r.published || "") + " · " + (r.fatalities || 0) + " deaths"])]));
      });
      form.appendChild(el("button", { type: "submit", text: "Move checked into a new event" }));
      form.addEventListener("submit", function (e) {
        e.preventDefault();
        var ids = Array.prototype.slice.call(form.querySelectorAll("input[name=m]:checked")).map(function (c) { return c.value; });
        done(api("/api/events/" + encodeURIComponent(d.id) + "/split", { method: "POST", body: { mention_ids: ids } }), "split");
      });
      area.appendChild(form);
    });
    wrap.appendChild(bar);
    wrap.appendChild(area);
    return wrap;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // wiring

  function refresh() {
    writeURL();
    document.body.setAttribute("data-loading", "1");
    return Promise.all([loadMap(), loadTable(), loadTimeline()]).then(function () {
      document.body.setAttribute("data-loading", "0");
    }).catch(function (err) {
      document.body.setAttribute("data-loading", "0");
      toast(err.message);
    });
  }

  function initAuth() {
    var input = $("#token");
    input.value = token();
    function who() {
      if (!token()) { $("#who").textContent = ""; return; }
      api("/api/me").then(function (me) { $("#who").textContent = me.name + " (" + me.role + ")"; })
        .catch(function () { $("#who").textContent = "token refused"; });
    }
    $("#auth").addEventListener("submit", function (e) { e.preventDefault(); $("#save-token").click(); });
    $("#save-token").addEventListener("click", function () {
      if (input.value.trim()) sessionStorage.setItem(TOKEN_KEY, input.value.trim());
      else sessionStorage.removeItem(TOKEN_KEY);
      who();
    });
    who();
  }

  function init() {
    readURL();
    initMap();
    initBrush();
    initAuth();
    var form = $("#filters");
    form.addEventListener("submit", function (e) { e.preventDefault(); readForm(); state.page = 1; refresh(); });
    $("#clear-filters").addEventListener("click", function () { form.reset(); readForm(); state.page = 1; refresh(); });
    $("#prev").addEventListener("click", function () { state.page = Math.max(1, state.page - 1); refresh(); });
    $("#next").addEventListener("click", function () { state.page += 1; refresh(); });
    document.querySelectorAll("th[data-sort]").forEach(function (th) {
      th.addEventListener("click", function () {
        var key = th.getAttribute("data-sort");
        state.sort = state.sort === "-" + key ? key : "-" + key;
        refresh();
      });
    });
    window.addEventListener("resize", function () { loadTimeline(); });
    refresh().then(function () { if (state.selected) openEvent(state.selected); });
  }

  document.addEventListener("DOMContentLoaded", init);
})();
