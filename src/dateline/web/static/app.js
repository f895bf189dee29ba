/* dateline pages: charts (Chart.js), the actor network (Cytoscape) and the map (TopoJSON).
 * Page data arrives as JSON in <script type="application/json" id="page-data">; nothing here
 * builds HTML from strings, so text from articles only ever reaches the page as text. */
(function () {
  "use strict";

  var CLASSES = ["verbal cooperation", "material cooperation", "verbal conflict", "material conflict"];
  var COLORS = {
    "verbal cooperation": "#7cb87c",
    "material cooperation": "#2e7d32",
    "verbal conflict": "#f0a03c",
    "material conflict": "#c62828"
  };
  var CLUSTER_PX = 16; // places nearer than this on screen (at the map's width) share a circle
  var state = { charts: [], graph: null, map: null, ready: false };
  window.dateline = state;

  function pageData() {
    var node = document.getElementById("page-data");
    if (!node) { return null; }
    try { return JSON.parse(node.textContent); } catch (e) { return null; }
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function svgEl(tag, attrs) {
    var node = document.createElementNS("http://www.w3.org/2000/svg", tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }

  /* A stacked bar chart of counts over time (every period, empty ones too), one series per
   * PLOVER class or type; a click on a bar lists the events of that period. */
  function timelineChart(canvas, timeline) {
    if (!canvas || !timeline || !window.Chart) { return; }
    var groups = timeline.group === "type" ? Object.keys(timeline.counts).sort() : CLASSES;
    var datasets = groups.map(function (g) {
      var cls = timeline.group === "type" ? (timeline.class_of || {})[g] : g;
      return {
        label: g,
        data: timeline.periods.map(function (p) { return (timeline.counts[g] || {})[p] || 0; }),
        backgroundColor: COLORS[cls] || "#889",
        borderColor: "#fff",
        borderWidth: timeline.group === "type" ? 1 : 0,
        stack: "groups"
      };
    });
    var chart = new window.Chart(canvas, {
      type: "bar",
      data: { labels: timeline.periods, datasets: datasets },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
        plugins: { legend: { position: "bottom" } },
        onHover: function (evt, active) {
          evt.native.target.style.cursor = active.length ? "pointer" : "default";
        },
        onClick: function (evt, active) {
          if (!active.length) { return; }
          window.location.href = periodUrl(timeline, active[0].index);
        }
      }
    });
    state.charts.push(chart);
  }

  /* The events list of one period of a timeline, with the filters the timeline had. */
  function periodUrl(timeline, index) {
    var range = timeline.ranges[index];
    var params = new URLSearchParams(timeline.link || {});
    params.set("since", range[0]);
    params.set("until", range[1]);
    return "/events?" + params.toString();
  }
  state.periodUrl = periodUrl;

  /* The network of actors that deal with one actor: nodes sized by events, edges by count. */
  function network(container, graph) {
    if (!container || !graph || !window.cytoscape) { return; }
    var maxCount = 1, maxNode = 1;
    graph.edges.forEach(function (e) { maxCount = Math.max(maxCount, e.count); });
    graph.nodes.forEach(function (n) { if (!n.focus) { maxNode = Math.max(maxNode, n.count); } });
    // Area, not width, grows with the count (a square root), relative to the busiest
    // counterpart: sizes never saturate, however many events the actor has.
    function size(n) { return n.focus ? 46 : 12 + 30 * Math.sqrt(Math.min(n.count, maxNode) / maxNode); }
    var elements = graph.nodes.map(function (n) {
      return { data: { id: n.id, label: n.label, count: n.count, focus: n.focus ? 1 : 0, size: size(n) } };
    }).concat(graph.edges.map(function (e, i) {
      return { data: { id: "e" + i, source: e.source, target: e.target, count: e.count,
                       width: 1 + 5 * Math.sqrt(e.count / maxCount), color: COLORS[e.quad_class] || "#889" } };
    }));
    var cy = window.cytoscape({
      container: container,
      elements: elements,
      wheelSensitivity: 0.3,
      style: [
        { selector: "node", style: {
          "label": "data(label)", "font-size": 11, "text-valign": "bottom", "text-margin-y": 3,
          "background-color": "#456", "width": "data(size)", "height": "data(size)" } },
        { selector: "node[focus = 1]", style: { "background-color": "#1f3a5f", "font-weight": "bold" } },
        { selector: "edge", style: {
          "width": "data(width)", "line-color": "data(color)", "curve-style": "bezier",
          "target-arrow-shape": "triangle", "target-arrow-color": "data(color)", "opacity": 0.8 } }
      ],
      layout: { name: "cose", animate: false, randomize: false, nodeRepulsion: 8000, padding: 20 }
    });
    cy.on("tap", "node", function (evt) {
      var id = evt.target.id();
      if (!evt.target.data("focus")) { window.location.href = "/actors/" + encodeURIComponent(id); }
    });
    state.graph = cy;
  }

  /* Events on a world outline: an equirectangular projection of world-atlas's countries,
   * circles by place, sized by count and coloured by the place's commonest class. */
  function worldMap(container, places, query) {
    if (!container || !window.topojson) { return; }
    var W = 960, H = 480;
    function x(lon) { return (lon + 180) / 360 * W; }
    function y(lat) { return (90 - lat) / 180 * H; }
    var svg = svgEl("svg", { viewBox: "0 0 " + W + " " + H, role: "img", "aria-label": "Map of events", class: "world" });
    container.appendChild(svg);
    state.map = { svg: svg, points: 0, countries: 0 };
    fetch(container.getAttribute("data-outline")).then(function (r) { return r.json(); }).then(function (topo) {
      var land = window.topojson.feature(topo, topo.objects.countries);
      var g = svgEl("g", { class: "land" });
      land.features.forEach(function (f) {
        var d = pathData(f.geometry);
        if (d) { g.appendChild(svgEl("path", { d: d })); state.map.countries += 1; }
      });
      svg.insertBefore(g, svg.firstChild);
    }).catch(function () { container.classList.add("no-outline"); });
    var scale = zoomToPoints(svg, places, x, y, W, H);
    // Places closer than CLUSTER_PX (as drawn) merge into one circle with their total, so
    // the whole world's view is not a heap of overlapping dots; zoomed in, they part.
    var groups = clusters(places, x, y, CLUSTER_PX * scale);
    var maxCount = 1;
    groups.forEach(function (g) { maxCount = Math.max(maxCount, g.count); });
    var dots = svgEl("g", { class: "dots" });
    state.map.clusters = 0;
    groups.forEach(function (g) {
      // The group's events with the map's own filters (several places: any of them).
      var params = new URLSearchParams(query || {});
      params.set("place", g.places.map(function (p) { return quoted(p.name); }).join(","));
      var a = svgEl("a", { href: "/events?" + params.toString(), "data-count": String(g.count) });
      var r = (3 + 12 * Math.sqrt(g.count / maxCount)) * Math.max(scale, 0.25);
      var c = svgEl("circle", { cx: g.x.toFixed(1), cy: g.y.toFixed(1), r: r.toFixed(2),
        fill: COLORS[g.quad_class] || "#456", class: g.places.length > 1 ? "dot cluster" : "dot" });
      c.style.strokeWidth = (1 * scale).toFixed(2);
      var title = svgEl("title", {});
      var names = g.places.map(function (p) { return p.name + " " + p.count; }).join(", ");
      title.textContent = g.places.length > 1
        ? g.count + " events at " + g.places.length + " places: " + names
        : g.places[0].name + ": " + g.count + " event" + (g.count === 1 ? "" : "s");
      c.appendChild(title);
      a.appendChild(c);
      if (g.places.length > 1) {
        var label = svgEl("text", { x: g.x.toFixed(1), y: g.y.toFixed(1), class: "cluster-count",
          "text-anchor": "middle", "dominant-baseline": "central" });
        label.style.fontSize = (10 * scale).toFixed(2) + "px";
        label.textContent = String(g.count);
        a.appendChild(label);
        state.map.clusters += 1;
      }
      dots.appendChild(a);
      state.map.points += g.places.length;
    });
    svg.appendChild(dots);

    function ring(coords) {
      var out = "", prev = null;
      coords.forEach(function (pt, i) {
        var px = x(pt[0]), py = y(pt[1]);
        // A jump across the antimeridian starts a new subpath instead of a line across the map.
        var jump = prev !== null && Math.abs(pt[0] - prev) > 180;
        out += (i === 0 || jump ? "M" : "L") + px.toFixed(1) + "," + py.toFixed(1);
        prev = pt[0];
      });
      return out + "Z";
    }
    function pathData(geom) {
      if (!geom) { return ""; }
      if (geom.type === "Polygon") { return geom.coordinates.map(ring).join(""); }
      if (geom.type === "MultiPolygon") {
        return geom.coordinates.map(function (poly) { return poly.map(ring).join(""); }).join("");
      }
      return "";
    }
  }

  /* Frame the places (with a margin, at least a sixth of the world wide, 2:1 like the map);
   * the whole world when there is nothing to frame. */
  function zoomToPoints(svg, places, x, y, W, H) {
    var xs = [], ys = [];
    places.forEach(function (p) {
      if (p.lat !== null && p.lon !== null) { xs.push(x(p.lon)); ys.push(y(p.lat)); }
    });
    if (!xs.length) { return 1; }
    var minX = Math.min.apply(null, xs), maxX = Math.max.apply(null, xs);
    var minY = Math.min.apply(null, ys), maxY = Math.max.apply(null, ys);
    var w = Math.max(W / 6, (maxX - minX) * 1.4, (maxY - minY) * 2 * 1.4);
    var h = w / 2;
    var cx = (minX + maxX) / 2, cy = (minY + maxY) / 2;
    var left = Math.min(Math.max(cx - w / 2, 0), W - w), top = Math.min(Math.max(cy - h / 2, 0), H - h);
    if (w >= W) { return 1; }
    svg.setAttribute("viewBox", left.toFixed(1) + " " + top.toFixed(1) + " " + w.toFixed(1) + " " + h.toFixed(1));
    var scale = w / W;
    svg.classList.add("zoomed");
    state.map.zoom = 1 / scale;
    return scale;
  }

  /* Places with coordinates gathered greedily, busiest first: a place joins the first group
   * whose centre is within ``radius`` (map units), else starts one. A group is drawn at the
   * count-weighted centre of its places, coloured by its busiest place's class. */
  /* One filter value as the server splits lists back (store.types.split_values): a name
   * holding a comma ("Washington, D.C.") goes in double quotes, a quote doubled. */
  function quoted(name) {
    return /,|^\s*"/.test(name) ? '"' + name.replace(/"/g, '""') + '"' : name;
  }

  function clusters(places, x, y, radius) {
    var groups = [];
    places.filter(function (p) { return p.lat !== null && p.lon !== null; })
      .sort(function (a, b) { return b.count - a.count || (a.name < b.name ? -1 : 1); })
      .forEach(function (p) {
        var px = x(p.lon), py = y(p.lat);
        var near = null;
        groups.forEach(function (g) {
          if (!near && Math.sqrt((g.x - px) * (g.x - px) + (g.y - py) * (g.y - py)) <= radius) { near = g; }
        });
        if (!near) {
          groups.push({ x: px, y: py, count: p.count, quad_class: p.quad_class, places: [p] });
          return;
        }
        near.x = (near.x * near.count + px * p.count) / (near.count + p.count);
        near.y = (near.y * near.count + py * p.count) / (near.count + p.count);
        near.count += p.count;
        near.places.push(p);
      });
    return groups;
  }

  /* Filters on the events page apply as soon as a select or date changes. */
  function autoSubmit(form) {
    if (!form) { return; }
    // Empty fields stay out of the URL: shorter links, and the JSON twin reads the same.
    form.addEventListener("submit", function () {
      Array.prototype.forEach.call(form.elements, function (input) {
        if (input.name && input.value === "" ) { input.disabled = true; }
      });
    });
    Array.prototype.forEach.call(form.querySelectorAll("select, input[type=date]"), function (input) {
      input.addEventListener("change", function () {
        var page = form.querySelector("input[name=page]");
        if (page) { page.value = "1"; }
        if (form.requestSubmit) { form.requestSubmit(); } else { form.submit(); }
      });
    });
  }

  /* A legend for the four classes, built from data (no HTML strings). */
  function legends() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-legend]"), function (box) {
      CLASSES.forEach(function (cls) {
        var item = el("span", { class: "legend-item" });
        var sw = el("span", { class: "swatch" });
        sw.style.background = COLORS[cls];
        item.appendChild(sw);
        item.appendChild(document.createTextNode(cls));
        box.appendChild(item);
      });
    });
  }

  /* The overview says how many articles the feeds brought in since it was opened: it asks
   * /api/v1/feeds?since=<the server's time when the page was built> every data-every
   * seconds (and on window.dateline.checkNew()). Text only, built from numbers. */
  function newSince(box) {
    if (!box || !window.fetch) { return; }
    var opened = box.getAttribute("data-opened");
    var every = Math.max(5, parseInt(box.getAttribute("data-every"), 10) || 60);
    function show(n) {
      while (box.firstChild) { box.removeChild(box.firstChild); }
      if (!n) { box.hidden = true; return; }
      box.appendChild(document.createTextNode(
        n + (n === 1 ? " new article" : " new articles") + " since you opened this page. "));
      box.appendChild(el("a", { href: window.location.pathname + window.location.search, id: "new-since-reload" }, "Show them"));
      box.hidden = false;
    }
    function check() {
      return window.fetch("/api/v1/feeds?since=" + encodeURIComponent(opened), {
        headers: { accept: "application/json" }, credentials: "same-origin"
      }).then(function (r) { return r.ok ? r.json() : null; })
        .then(function (body) { if (body) { show(body["new"] || 0); } return body ? body["new"] : null; })
        .catch(function () { return null; });
    }
    state.checkNew = check;
    window.setInterval(check, every * 1000);
  }

  function start() {
    var data = pageData() || {};
    var page = document.body.getAttribute("data-page");
    if (data.timeline) { timelineChart(document.getElementById("timeline-chart"), data.timeline); }
    if (data.graph) { network(document.getElementById("network"), data.graph); }
    if (page === "map") { worldMap(document.getElementById("map"), data.places || [], data.query); }
    autoSubmit(document.getElementById("filters"));
    // On a phone the filters would fill the first screen: fold them until asked for.
    var box = document.getElementById("filter-box");
    if (box && window.matchMedia("(max-width: 640px)").matches) { box.open = false; }
    legends();
    newSince(document.getElementById("new-since"));
    state.ready = true;
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
