/* warlog web map: Leaflet map (clusters coloured by type, offline outlines and place labels), timeline brush (mouse
 * and keyboard), filters in the URL, overview panels (totals, series by type, admin1 and actor breakdowns), table,
 * event panel with a per-source comparison, and review actions.
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
  var FILTER_KEYS = ["since", "until", "event_type", "sub_event_type", "country", "admin1", "actor", "min_fatalities",
    "status", "q"];
  var OFFLINE_MAX_ZOOM = 11;  // the offline outlines (1:10m admin-1, 1:50m countries) hold no more detail than this
  var FIT_MAX_ZOOM = 9;  // zooming to the results never goes closer than this
  var SELECT_ZOOM = 9;  // selecting an event in a cluster zooms to this at most, then spreads the cluster
  var EDITABLE = ["event_date", "event_type", "sub_event_type", "actor1", "actor2", "location", "admin1", "country",
    "latitude", "longitude", "fatalities"];
  var PAGE_SIZE = 50;
  // the item keys the table shows (the detail comes from /api/events/{id}): the server then skips each event's reports
  var TABLE_FIELDS = "id,event_date,event_type,sub_event_type,actor1,actor2,location,admin1,fatalities,fatalities_min," +
    "fatalities_max,n_sources,review_status";
  // the property keys the map's markers use (colour, size, tooltip, click): the server then builds each feature from
  // the event's row alone (a tenth of the bytes and CPU of whole features); the GeoJSON download link asks for all
  var MAP_FIELDS = "id,event_date,event_type,sub_event_type,location,fatalities";
  var TOKEN_KEY = "warlog-token";

  var state = { filters: {}, page: 1, sort: "-event_date", selected: null, markers: {}, bounds: null };
  var map, cluster, labels, places = [];

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
    FILTER_KEYS.forEach(function (k) {
      var input = form.elements[k];
      if (input.tagName === "SELECT" && state.filters[k] && !Array.prototype.some.call(input.options, function (o) { return o.value === state.filters[k]; })) {
        input.appendChild(el("option", { value: state.filters[k], text: state.filters[k] }));  // until the pick-list loads
      }
      input.value = state.filters[k] || "";
    });
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
    map = L.map("map", { preferCanvas: true, worldCopyJump: true, minZoom: 2, maxZoom: OFFLINE_MAX_ZOOM })
      .setView([35.0, 38.5], 6);
    window.warlogMap = map;  // for the browser tests
    // The outlines get their own pane under the markers (overlayPane is at z-index 400, tiles at 200).
    map.createPane("basemap").style.zIndex = 250;
    var canvas = L.canvas({ padding: 0.5, pane: "basemap" });
    var osm = L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
      maxZoom: 18, attribution: "&copy; OpenStreetMap contributors"
    });
    var countries = L.layerGroup(), admin1 = L.layerGroup();
    map.createPane("labels").style.zIndex = 350;  // above the outlines, under the markers
    labels = L.layerGroup();
    countries.addTo(map);  // the base layer selected at start
    admin1.addTo(map);
    labels.addTo(map);
    cluster = L.markerClusterGroup({
      chunkedLoading: true, showCoverageOnHover: false, maxClusterRadius: 40, iconCreateFunction: clusterIcon
    });
    cluster.addTo(map);
    window.warlogCluster = cluster;  // for the browser tests
    L.control.layers(
      { "Offline outlines (Natural Earth)": countries, "OpenStreetMap (online)": osm },
      { "Admin-1 units": admin1, "Place names": labels, "Events": cluster },
      { collapsed: true }
    ).addTo(map);
    map.on("baselayerchange", function (e) {
      // Online tiles have detail to zoom 18; the offline outlines stop being useful past OFFLINE_MAX_ZOOM.
      map.setMaxZoom(e.layer === osm ? 18 : OFFLINE_MAX_ZOOM);
      document.body.setAttribute("data-base", e.layer === osm ? "osm" : "offline");
    });
    document.body.setAttribute("data-base", "offline");
    resetControl().addTo(map);
    legend().addTo(map);
    L.control.scale({ imperial: false }).addTo(map);
    map.on("zoomend moveend", drawLabels);
    fetch("/static/places.geojson").then(function (r) { return r.json(); }).then(function (fc) {
      places = fc.features.map(function (f) {
        return { name: f.properties.name, z: f.properties.z, lat: f.geometry.coordinates[1], lon: f.geometry.coordinates[0] };
      });
      drawLabels();
    }).catch(function () { toast("place names could not be loaded"); });
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

  // Natural Earth's min_zoom says from which zoom a place deserves a label; the file is sorted by importance.
  function drawLabels() {
    if (!labels || !places.length) return;
    labels.clearLayers();
    var zoom = map.getZoom(), view = map.getBounds().pad(0.05), shown = 0, placed = [];
    for (var i = 0; i < places.length && shown < 60; i++) {
      var p = places[i];
      if (p.z > zoom) break;
      if (!view.contains([p.lat, p.lon])) continue;
      var pt = map.latLngToContainerPoint([p.lat, p.lon]);
      // a more important label already nearby keeps its place
      if (placed.some(function (q) { return Math.abs(q.x - pt.x) < 80 && Math.abs(q.y - pt.y) < 16; })) continue;
      placed.push(pt);
      var html = el("span", { text: p.name });
      labels.addLayer(L.marker([p.lat, p.lon], {
        pane: "labels", interactive: false, keyboard: false,
        icon: L.divIcon({ className: "place-label" + (p.z <= zoom - 2 ? " major" : ""), html: html, iconSize: null, iconAnchor: [2, 8] })
      }));
      shown++;
    }
    document.body.setAttribute("data-labels", String(shown));
  }

  // A cluster takes the colour of the event type most of its events have, and shows how many events it holds.
  function clusterIcon(c) {
    var counts = {}, children = c.getAllChildMarkers(), best = null;
    children.forEach(function (m) {
      var t = m.options.eventType || "";
      counts[t] = (counts[t] || 0) + 1;
      if (best === null || counts[t] > counts[best]) best = t;
    });
    var n = children.length, share = counts[best] / n;
    var div = el("div", { title: n + " events, " + Math.round(share * 100) + "% " + (best || "unknown type") });
    div.style.background = colour(best);
    div.appendChild(el("span", { text: String(n) }));
    return L.divIcon({
      html: div, className: "type-cluster" + (share < 0.6 ? " mixed" : ""), iconSize: L.point(36, 36)
    });
  }

  function resetControl() {
    var control = L.control({ position: "topleft" });
    control.onAdd = function () {
      var div = el("div", { className: "leaflet-bar leaflet-control reset-view" });
      var b = el("button", { type: "button", id: "reset-view", title: "Zoom to the results", "aria-label": "Zoom to the results", text: "\u2922" });
      L.DomEvent.disableClickPropagation(div);
      b.addEventListener("click", function () { fitResults(); });
      div.appendChild(b);
      return div;
    };
    return control;
  }

  function fitResults() {
    if (state.bounds && state.bounds.isValid()) {
      map.fitBounds(state.bounds.pad(0.15), { maxZoom: FIT_MAX_ZOOM, animate: false });
    }
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
      div.appendChild(el("div", { text: "circle size: deaths · clusters: colour of most events" }));
      return div;
    };
    return control;
  }

  function radius(deaths) { return 5 + 2.2 * Math.sqrt(Math.max(0, deaths || 0)); }

  // Each refresh has a number; an answer to an older refresh is dropped, so a slow response never overwrites a newer
  // view and the loading state ends with the latest refresh only.
  function current(gen) { return gen === undefined || gen === state.gen; }

  function loadMap(gen) {
    return api("/api/events.geojson?" + query({ limit: 5000, fields: MAP_FIELDS })).then(function (fc) {
      if (!current(gen)) return;
      cluster.clearLayers();
      state.markers = {};
      var layers = fc.features.map(function (f) {
        var p = f.properties, c = f.geometry.coordinates;
        var m = L.circleMarker([c[1], c[0]], {
          radius: radius(p.fatalities), color: "#333", weight: 1, fillColor: colour(p.event_type), fillOpacity: 0.8,
          eventType: p.event_type
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
      state.bounds = layers.length ? L.latLngBounds(layers.map(function (m) { return m.getLatLng(); })) : null;
      document.body.setAttribute("data-markers", String(layers.length));
      var key = query();
      if (key !== state.fitted) { state.fitted = key; fitResults(); }  // on load and when the filters change
    });
  }

  // ---------------------------------------------------------------------------------------------------------------
  // timeline with brushing

  var timeline = { bins: [], start: null, end: null };

  function dayNumber(iso) { return Math.floor(Date.parse(iso + "T00:00:00Z") / 86400000); }
  function isoDay(n) { return new Date(n * 86400000).toISOString().slice(0, 10); }

  function loadTimeline(gen) {
    return api("/api/stats?" + query({ by: "day" }, ["since", "until"])).then(function (s) {
      if (current(gen)) drawTimeline(s.by_day || []);
    });
  }

  function drawTimeline(byDay) {
    var svg = $("#timeline-svg");
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    drawTimeline.lastData = byDay;
    var width = svg.clientWidth || 800, height = 84, ns = "http://www.w3.org/2000/svg", left = 34;
    var plotH = height - 16;  // bars end above the date labels
    if (!byDay.length) { $("#timeline-label").textContent = "no dated events"; timeline.start = null; return; }
    var first = dayNumber(byDay[0].key), last = dayNumber(byDay[byDay.length - 1].key);
    var span = Math.max(1, last - first + 1);
    var binDays = span <= 120 ? 1 : span <= 900 ? 7 : 30;
    first -= 3; last += 3; span = last - first + 1;
    var nBins = Math.ceil(span / binDays), counts = new Array(nBins).fill(0);
    byDay.forEach(function (d) { counts[Math.floor((dayNumber(d.key) - first) / binDays)] += d.events; });
    var max = Math.max.apply(null, counts) || 1, bw = (width - left) / nBins;
    timeline.start = first; timeline.binDays = binDays; timeline.nBins = nBins; timeline.width = width;
    timeline.left = left;
    var since = state.filters.since ? dayNumber(state.filters.since) : null;
    var until = state.filters.until ? dayNumber(state.filters.until) : null;
    counts.forEach(function (n, i) {
      if (!n) return;
      var h = Math.max(2, (n / max) * (plotH - 6));
      var d0 = first + i * binDays, d1 = d0 + binDays - 1;
      var inside = (since === null || d1 >= since) && (until === null || d0 <= until);
      var r = document.createElementNS(ns, "rect");
      r.setAttribute("x", String(left + i * bw));
      r.setAttribute("width", String(Math.max(1, bw - 1)));
      r.setAttribute("y", String(plotH - h));
      r.setAttribute("height", String(h));
      r.setAttribute("class", "bar" + (inside && (since !== null || until !== null) ? " in" : ""));
      var title = document.createElementNS(ns, "title");
      title.textContent = isoDay(d0) + (binDays > 1 ? " – " + isoDay(d1) : "") + ": " + n + " events";
      r.appendChild(title);
      svg.appendChild(r);
    });
    function line(x1, y1, x2, y2) {
      var l = document.createElementNS(ns, "line");
      l.setAttribute("x1", x1); l.setAttribute("y1", y1); l.setAttribute("x2", x2); l.setAttribute("y2", y2);
      l.setAttribute("class", "axis-line");
      svg.appendChild(l);
    }
    function text(x, y, anchor, label, cls) {
      var t = document.createElementNS(ns, "text");
      t.setAttribute("x", String(x));
      t.setAttribute("y", String(y));
      t.setAttribute("text-anchor", anchor);
      t.setAttribute("class", cls || "axis");
      t.textContent = label;
      svg.appendChild(t);
    }
    // y-axis: 0, half and the maximum events per bin; x-axis: first, middle and last dates
    line(left - 1, 4, left - 1, plotH);
    line(left - 1, plotH, width, plotH);
    [0, Math.round(max / 2), max].forEach(function (v, i) {
      if (i === 1 && (v === 0 || v === max)) return;
      var y = plotH - (v / max) * (plotH - 6);
      line(left - 4, y, left - 1, y);
      text(left - 6, y + 3, "end", String(v), "axis y-tick");
    });
    var mid = first + Math.floor(span / 2);
    [[first, left + 2, "start"], [mid, left + (width - left) / 2, "middle"], [last, width - 2, "end"]].forEach(function (a) {
      text(a[1], height - 3, a[2], isoDay(a[0]), "axis x-tick");
    });
    var unit = binDays === 1 ? "day" : binDays === 7 ? "week" : "month";
    var label = state.filters.since || state.filters.until
      ? (state.filters.since || "…") + " → " + (state.filters.until || "…") + " (double-click or Escape to clear)"
      : "drag (or focus and use the arrow keys) to choose dates";
    $("#timeline-label").textContent = "events per " + unit + " · " + label;
    svg.setAttribute("aria-valuemin", String(first));
    svg.setAttribute("aria-valuemax", String(last));
    svg.setAttribute("aria-valuenow", String(since !== null ? since : first));
    svg.setAttribute("aria-valuetext", state.filters.since || state.filters.until
      ? (state.filters.since || "start") + " to " + (state.filters.until || "end") : "all dates");
  }

  function xToDay(x) {
    var frac = Math.min(1, Math.max(0, (x - timeline.left) / (timeline.width - timeline.left)));
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
      brush.setAttribute("height", "68");
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
    function setRange(since, until) {
      if (since === null) { delete state.filters.since; delete state.filters.until; }
      else { state.filters.since = isoDay(since); state.filters.until = isoDay(until); }
      $("#filters").elements.since.value = state.filters.since || "";
      $("#filters").elements.until.value = state.filters.until || "";
      state.page = 1;
    }
    svg.addEventListener("dblclick", function () { setRange(null); refresh(); });
    // Keyboard brush: arrows move the chosen range by one bar (or start one at the last bar), Shift+arrows move its
    // end, Escape clears; the view refreshes once the keys rest.
    var pending = null;
    svg.addEventListener("keydown", function (e) {
      if (timeline.start === null) return;
      var step = timeline.binDays, lastBin = timeline.start + (timeline.nBins - 1) * step;
      var since = state.filters.since ? dayNumber(state.filters.since) : null;
      var until = state.filters.until ? dayNumber(state.filters.until) : null;
      if (e.key === "Escape") { setRange(null); }
      else if (e.key === "ArrowLeft" || e.key === "ArrowRight") {
        var dir = e.key === "ArrowLeft" ? -1 : 1;
        if (since === null || until === null) { since = lastBin; until = lastBin + step - 1; if (dir < 0) { since -= step; until -= step; } }
        else if (e.shiftKey) { until = Math.max(since + step - 1, until + dir * step); }
        else { since += dir * step; until += dir * step; }
        if (since < timeline.start) { until += timeline.start - since; since = timeline.start; }
        setRange(since, until);
      } else { return; }
      e.preventDefault();
      drawTimeline(drawTimeline.lastData || []);
      clearTimeout(pending);
      pending = setTimeout(refresh, 350);
    });
  }

  // ---------------------------------------------------------------------------------------------------------------
  // table

  function loadTable(gen) {
    var q = query({ page: state.page, page_size: PAGE_SIZE, sort: state.sort, fields: TABLE_FIELDS });
    $("#csv-link").setAttribute("href", "/api/events.csv?" + query());
    $("#geojson-link").setAttribute("href", "/api/events.geojson?" + query());
    return api("/api/events?" + q).then(function (res) {
      if (!current(gen)) return;
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
        tr.tabIndex = 0;
        tr.addEventListener("click", function () { openEvent(e.id); });
        tr.addEventListener("keydown", function (ev) {
          if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); openEvent(e.id); }
          else if (ev.key === "ArrowDown" && tr.nextElementSibling) { ev.preventDefault(); tr.nextElementSibling.focus(); }
          else if (ev.key === "ArrowUp" && tr.previousElementSibling) { ev.preventDefault(); tr.previousElementSibling.focus(); }
        });
        tbody.appendChild(tr);
      });
      // count_exact false: the server estimated the total (a dear count), so say "about" and let Next follow the
      // items rather than a page count that may be a little short
      var exact = res.count_exact !== false;
      var pages = Math.max(1, Math.ceil(res.total / PAGE_SIZE));
      $("#count").textContent = (exact ? res.total : "about " + Number(res.total.toPrecision(2))) + " events";
      $("#page").textContent = "page " + res.page + " / " + (exact ? pages : "about " + pages);
      $("#prev").disabled = res.page <= 1;
      $("#next").disabled = exact ? res.page >= pages : res.items.length < PAGE_SIZE;
      document.querySelectorAll("th[data-sort]").forEach(function (th) {
        var key = th.getAttribute("data-sort");
        if (state.sort === key) th.setAttribute("aria-sort", "ascending");
        else if (state.sort === "-" + key) th.setAttribute("aria-sort", "descending");
        else th.removeAttribute("aria-sort");
      });
    });
  }

  // ---------------------------------------------------------------------------------------------------------------
  // overview: totals, series by type, breakdowns by admin1 and actor (each row sets that filter)

  function loadOverview(gen) {
    return api("/api/panels/summary?" + query()).then(function (s) { if (current(gen)) renderOverview(s); });
  }

  function pickFilter(key, value) {
    state.filters[key] = value;
    $("#filters").elements[key].value = value;
    state.page = 1;
    refresh();
  }

  function breakdown(title, rows, key, labelOf) {
    var body = el("tbody");
    rows.forEach(function (r) {
      var b = el("button", { type: "button", className: "pick", text: labelOf(r), title: "show only " + labelOf(r) });
      b.addEventListener("click", function () { pickFilter(key, r[key]); });
      body.appendChild(el("tr", null, [el("td", null, [b]), el("td", { className: "n", text: String(r.events) }),
        el("td", { className: "n", text: String(r.fatalities) })]));
    });
    return el("table", { className: "breakdown", id: "by-" + key, "aria-label": title }, [
      el("thead", null, [el("tr", null, [el("th", { scope: "col", text: title }), el("th", { scope: "col", className: "n", text: "events" }),
        el("th", { scope: "col", className: "n", text: "deaths" })])]), body]);
  }

  function seriesChart(series) {
    var ns = "http://www.w3.org/2000/svg", width = 390, height = 120, left = 30, plotH = height - 16;
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("id", "series-svg");
    svg.setAttribute("width", String(width));
    svg.setAttribute("height", String(height));
    svg.setAttribute("role", "img");
    if (!series.length) { svg.setAttribute("aria-label", "no dated events"); return svg; }
    var first = dayNumber(series[0].day), last = dayNumber(series[series.length - 1].day);
    var span = last - first + 1, binDays = span <= 60 ? 1 : span <= 420 ? 7 : 30;
    var nBins = Math.ceil(span / binDays), bins = [], types = [];
    for (var i = 0; i < nBins; i++) bins.push({});
    series.forEach(function (s) {
      var b = bins[Math.floor((dayNumber(s.day) - first) / binDays)];
      b[s.event_type] = (b[s.event_type] || 0) + s.events;
      if (types.indexOf(s.event_type) < 0) types.push(s.event_type);
    });
    types.sort(function (a, b) { return Object.keys(TYPE_COLOURS).indexOf(a) - Object.keys(TYPE_COLOURS).indexOf(b); });
    var totals = bins.map(function (b) { return types.reduce(function (n, t) { return n + (b[t] || 0); }, 0); });
    var max = Math.max.apply(null, totals) || 1, bw = (width - left) / nBins;
    var unit = binDays === 1 ? "day" : binDays === 7 ? "week" : "month";
    svg.setAttribute("aria-label", "events per " + unit + " by type, " + isoDay(first) + " to " + isoDay(last) + ", at most " + max + " in one " + unit);
    bins.forEach(function (b, i) {
      var y = plotH;
      types.forEach(function (t) {
        if (!b[t]) return;
        var h = (b[t] / max) * (plotH - 6);
        y -= h;
        var r = document.createElementNS(ns, "rect");
        r.setAttribute("x", String(left + i * bw));
        r.setAttribute("width", String(Math.max(1, bw - 1)));
        r.setAttribute("y", String(y));
        r.setAttribute("height", String(h));
        r.setAttribute("fill", colour(t));
        r.setAttribute("data-type", t);
        var title = document.createElementNS(ns, "title");
        title.textContent = isoDay(first + i * binDays) + " · " + t + ": " + b[t];
        r.appendChild(title);
        svg.appendChild(r);
      });
    });
    [[0, plotH], [max, 6]].forEach(function (a) {
      var t = document.createElementNS(ns, "text");
      t.setAttribute("x", String(left - 4)); t.setAttribute("y", String(a[1] + 3));
      t.setAttribute("text-anchor", "end"); t.setAttribute("class", "axis"); t.textContent = String(a[0]);
      svg.appendChild(t);
    });
    [[first, left, "start"], [last, width, "end"]].forEach(function (a) {
      var t = document.createElementNS(ns, "text");
      t.setAttribute("x", String(a[1])); t.setAttribute("y", String(height - 3));
      t.setAttribute("text-anchor", a[2]); t.setAttribute("class", "axis"); t.textContent = isoDay(a[0]);
      svg.appendChild(t);
    });
    var axis = document.createElementNS(ns, "line");
    axis.setAttribute("x1", String(left)); axis.setAttribute("x2", String(width));
    axis.setAttribute("y1", String(plotH)); axis.setAttribute("y2", String(plotH)); axis.setAttribute("stroke", "#999");
    svg.appendChild(axis);
    return svg;
  }

  function renderOverview(s) {
    var box = $("#overview");
    box.replaceChildren();
    var t = s.totals;
    box.appendChild(el("h2", { text: "Filtered view" }));
    var range = t.fatalities_min !== t.fatalities_max ? "reported " + t.fatalities_min + "–" + t.fatalities_max : "";
    box.appendChild(el("dl", { className: "totals", id: "totals" }, [
      el("div", null, [el("dt", { text: "events" }), el("dd", { "data-total": "events", text: String(t.events) })]),
      el("div", null, [el("dt", { text: "deaths" }), el("dd", null, [el("span", { "data-total": "fatalities", text: String(t.fatalities) }), " ", el("small", { text: range })])]),
      el("div", null, [el("dt", { text: "outlets" }), el("dd", { "data-total": "sources", text: t.sources === null ? "—" : String(t.sources),
        title: t.sources === null ? "not counted over so many events: narrow the filters" : "" })])
    ]));
    box.appendChild(el("h3", { text: "Events over time, by type" }));
    var types = {};
    s.series.forEach(function (x) { types[x.event_type] = true; });
    var lg = el("div", { className: "series-legend" });
    Object.keys(types).forEach(function (ty) {
      var sw = el("span", { className: "swatch" });
      sw.style.background = colour(ty);
      lg.appendChild(el("span", null, [sw, ty]));
    });
    box.appendChild(lg);
    box.appendChild(seriesChart(s.series));
    box.appendChild(el("h3", { text: "By admin1" }));
    box.appendChild(breakdown("admin1", s.by_admin1, "admin1", function (r) { return (r.admin1 || "(unknown)") + (r.country ? ", " + r.country : ""); }));
    box.appendChild(el("h3", { text: "By actor" }));
    box.appendChild(breakdown("actor", s.by_actor, "actor", function (r) { return r.actor; }));
    box.appendChild(el("p", { className: "hint", text: "Select an event on the map or in the table for its sources." }));
  }

  function loadOptions() {
    return api("/api/panels/options").then(function (o) {
      var list = $("#admin1-list");
      list.replaceChildren();
      o.admin1.forEach(function (a) {
        list.appendChild(el("option", { value: a.admin1, label: a.admin1 + (a.country ? " (" + a.country + ")" : "") + " · " + a.events }));
      });
      var sel = $("#filters").elements.sub_event_type, groups = {};
      sel.replaceChildren(el("option", { value: "", text: "any" }));
      o.sub_event_types.forEach(function (x) {
        if (!groups[x.event_type]) { groups[x.event_type] = el("optgroup", { label: x.event_type }); sel.appendChild(groups[x.event_type]); }
        groups[x.event_type].appendChild(el("option", { value: x.sub_event_type, text: x.sub_event_type }));
      });
      sel.value = state.filters.sub_event_type || "";
    }).catch(function (err) { toast(err.message); });
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
      showOnMap(d.id);
    }).catch(function (err) { toast(err.message); });
  }

  // Select the event's marker and bring it into view: pan when it is visible, otherwise open its cluster, at most
  // to the map's maximum zoom (the offline outlines' detail), never beyond.
  function showOnMap(id) {
    Object.keys(state.markers).forEach(function (k) { state.markers[k].setStyle({ weight: 1, color: "#333" }); });
    var m = state.markers[id];
    if (!m) return;
    m.setStyle({ weight: 3, color: "#000" });
    if (cluster.getVisibleParent(m) === m) {
      map.panTo(m.getLatLng());
      m.openTooltip();
      return;
    }
    // Inside a cluster: go to SELECT_ZOOM at most (never closer than the map is already), then spread the cluster
    // that still holds it, rather than zooming in until it splits.
    var z = Math.max(map.getZoom(), Math.min(SELECT_ZOOM, map.getMaxZoom())), done = false;
    function spread() {  // once the clusters of the new zoom are in place (their animation ended)
      if (done) return;
      done = true;
      var parent = cluster.getVisibleParent(m);
      if (parent && parent !== m && parent.spiderfy) parent.spiderfy();
      document.body.setAttribute("data-spread", parent && parent !== m ? "1" : "0");
      setTimeout(function () { m.openTooltip(); }, 300);  // after the spiderfy animation
    }
    cluster.once("animationend", spread);
    map.setView(m.getLatLng(), z, { animate: false });
    setTimeout(spread, 700);  // when the zoom did not change, no cluster animation runs
  }

  function showOverview() {
    $("#detail").hidden = true;
    $("#overview").hidden = false;
    $("#panel").removeAttribute("data-event");
    state.selected = null;
    writeURL();
    document.querySelectorAll("#events tbody tr.selected").forEach(function (tr) { tr.className = ""; });
  }

  function renderEvent(d) {
    var panel = $("#detail");
    $("#overview").hidden = true;
    panel.hidden = false;
    panel.replaceChildren();
    $("#panel").setAttribute("data-event", d.id);
    var back = el("button", { type: "button", className: "back", text: "\u2190 overview of the filtered view" });
    back.addEventListener("click", showOverview);
    panel.appendChild(back);
    var overrides = (d.review && d.review.overrides) || {};
    panel.appendChild(el("div", { className: "panel-title", text: (d.sub_event_type || d.event_type || "Event") + " — " + (d.location || "unknown place") }));
    panel.appendChild(el("div", { className: "panel-sub" }, [
      el("span", { className: "badge status-" + d.review_status, text: d.review_status }),
      (d.event_date || "undated") + " · " + d.id
    ]));
    panel.appendChild(el("ul", { className: "flag-list", id: "flags" }));

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

    panel.appendChild(el("h3", { text: "What each source said" }));
    panel.appendChild(el("div", { id: "compare" }, [el("p", { className: "hint", text: "loading…" })]));

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
    api("/api/events/" + encodeURIComponent(d.id) + "/comparison").then(function (cmp) {
      if ($("#panel").getAttribute("data-event") === cmp.id) renderComparison(cmp);
    }).catch(function (err) { toast(err.message); });
  }

  // The event's reports side by side; cells where the reports differ are marked. Flags in words.
  function renderComparison(cmp) {
    var flags = $("#flags");
    if (flags) {
      flags.replaceChildren();
      cmp.flags.forEach(function (f) {
        flags.appendChild(el("li", { className: f.contradiction ? "contradiction" : "", title: f.flag, text: f.text }));
      });
    }
    var box = $("#compare");
    if (!box) return;
    box.replaceChildren();
    var cols = [["outlet", "outlet"], ["published", "published"], ["event_date", "date"], ["location", "place"],
      ["actor1", "perpetrator"], ["fatalities", "deaths"]];
    var head = el("tr", null, cols.map(function (c) { return el("th", { scope: "col", text: c[1] }); }));
    var body = el("tbody");
    cmp.reports.forEach(function (r) {
      body.appendChild(el("tr", { "data-report": r.report_id }, cols.map(function (c) {
        var v = r[c[0]];
        var td = el("td", { text: v === null || v === undefined || v === "" ? "—" : String(v) });
        if (cmp.differs[c[0]]) td.className = "differs";
        return td;
      })));
    });
    box.appendChild(el("table", { className: "compare", "aria-label": "what each source said" }, [el("thead", null, [head]), body]));
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
    var gen = state.gen = (state.gen || 0) + 1;
    document.body.setAttribute("data-loading", "1");
    return Promise.all([loadMap(gen), loadTable(gen), loadTimeline(gen), loadOverview(gen)]).then(function () {
      if (current(gen)) document.body.setAttribute("data-loading", "0");
    }).catch(function (err) {
      if (current(gen)) document.body.setAttribute("data-loading", "0");
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
    document.querySelectorAll("th[data-sort] button.sort").forEach(function (b) {
      b.addEventListener("click", function () {
        var key = b.parentNode.getAttribute("data-sort");
        state.sort = state.sort === "-" + key ? key : "-" + key;
        refresh();
      });
    });
    window.addEventListener("resize", function () { loadTimeline(); });
    loadOptions();
    refresh().then(function () { if (state.selected) openEvent(state.selected); });
  }

  document.addEventListener("DOMContentLoaded", init);
})();
