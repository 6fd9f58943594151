/* legiskg explorer: draws the graph in #kg-data with vis-network, filters it, shows evidence.
 * Every string from the data goes into the page with textContent, never as HTML. */
(function () {
  "use strict";

  var timings = { start: performance.now() };
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  timings.parsed = performance.now();
  var byId = new Map();
  data.nodes.forEach(function (n) { byId.set(n.id, n); });
  var classes = {};
  data.classes.forEach(function (c) { classes[c.kind] = c; });
  var container = document.getElementById("kg-graph");
  var panel = document.getElementById("kg-panel");
  var large = !data.physics;

  var state = { kinds: new Set(data.classes.map(function (c) { return c.kind; })), country: "", from: "", to: "" };
  var pinned = null;

  // -- helpers --------------------------------------------------------------------------------
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function dateStart(d) { return d.length === 4 ? d + "-01-01" : d.length === 7 ? d + "-01" : d; }
  function dateEnd(d) { return d.length === 4 ? d + "-12-31" : d.length === 7 ? d + "-31" : d; }

  function visible(n) {
    if (!n || !state.kinds.has(n.kind)) return false;
    if (state.country && n.countries.indexOf(state.country) < 0) return false;
    if ((state.from || state.to) && n.kind === "LegislativeEvent") {
      if (!n.date) return false;
      if (state.from && dateEnd(n.date) < state.from) return false;
      if (state.to && dateStart(n.date) > state.to) return false;
    }
    return true;
  }

  // -- the network ------------------------------------------------------------------------------
  var groups = {};
  data.classes.forEach(function (c) {
    groups[c.kind] = {
      shape: c.shape,
      color: { background: c.color, border: c.color, highlight: { background: c.color, border: "#111" },
               hover: { background: c.color, border: "#111" } },
      // a group's font replaces the nodes' font as a whole in vis-network 9: give all of it
      font: { size: 14, face: "system-ui, sans-serif", color: c.inside ? "#ffffff" : "#222222",
              strokeWidth: c.inside ? 0 : 3, strokeColor: "#ffffff" }
    };
  });
  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    var v = { id: n.id, label: n.short, group: n.kind };
    if (!(classes[n.kind] || {}).inside) v.size = n.size;
    if (n.x !== undefined) { v.x = n.x; v.y = n.y; }
    return v;
  }));
  // a large graph is drawn without edge labels (unreadable at that zoom, and measuring thousands
  // of them delays the first frame); they are added the first time the view zooms in
  var edgeLabels = !large;
  var edges = new vis.DataSet(data.edges.map(function (e, i) {
    return edgeLabels ? { id: i, from: e.from, to: e.to, label: e.label } : { id: i, from: e.from, to: e.to };
  }));
  var nodeView = new vis.DataView(nodes, { filter: function (v) { return visible(byId.get(v.id)); } });
  var edgeView = new vis.DataView(edges, {
    filter: function (e) { return visible(byId.get(e.from)) && visible(byId.get(e.to)); }
  });
  var options = {
    groups: groups,
    nodes: { font: { size: 14, face: "system-ui, sans-serif", strokeWidth: 3, strokeColor: "#ffffff" },
             borderWidth: 1, scaling: { label: { drawThreshold: 5 } } },
    edges: { arrows: { to: { enabled: true, scaleFactor: 0.5 } }, smooth: false,
             color: { color: "#b5b5b5", highlight: "#333333", hover: "#555555" },
             font: { size: 10, align: "middle", color: "#555555", strokeWidth: 3, strokeColor: "#ffffff" },
             selectionWidth: 2 },
    layout: { improvedLayout: false, randomSeed: 7 },
    interaction: { hover: true, tooltipDelay: 150, hideEdgesOnDrag: large, hideEdgesOnZoom: large,
                   navigationButtons: false, keyboard: false },
    physics: data.physics ? {
      solver: "barnesHut",
      barnesHut: { gravitationalConstant: -1800, centralGravity: 0.6, springLength: 80, springConstant: 0.05,
                   avoidOverlap: 0.1 },
      stabilization: { enabled: true, iterations: 300, updateInterval: 50, fit: true }
    } : false
  };

  var api = window.kgExplorer = { ready: false, stabilized: false, data: data, network: null, timings: timings };
  timings.built = performance.now();
  var network = new vis.Network(container, { nodes: [], edges: [] }, options);
  api.network = network;

  function markReady() {
    timings.laidOut = performance.now();
    network.once("afterDrawing", function () { timings.drawn = performance.now(); api.ready = true; });
    network.redraw();
  }
  if (data.physics) {
    // physics arranges the graph once, then stops: nothing moves afterwards
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: false });
      api.stabilized = true;
      network.fit();
      markReady();
    });
    network.setData({ nodes: nodeView, edges: edgeView });
  } else {
    network.setData({ nodes: nodeView, edges: edgeView });
    api.stabilized = true;
    network.fit();
    markReady();
  }

  // -- the details panel --------------------------------------------------------------------------
  function clearPanel() {
    panel.textContent = "";
    panel.appendChild(el("p", "kg-hint", "Hover over or click a node to see what it is and the sentences it was read from."));
  }

  function showNode(id) {
    var n = byId.get(id);
    if (!n) return clearPanel();
    var cls = classes[n.kind] || { name: n.kind, color: "#999" };
    panel.textContent = "";
    var kind = el("span", "kg-kind", data.aggregated ? cls.name + " (group)" : cls.name);
    kind.style.background = cls.color;
    panel.appendChild(kind);
    panel.appendChild(el("h3", "kg-label", n.label));
    if (n.iri) panel.appendChild(el("div", "kg-iri", n.iri));
    var rows = [];
    if (n.countries.length) rows.push(["country", n.countries.join(", ")]);
    if (n.date) rows.push(["date", n.date]);
    n.values.forEach(function (pair) { if (pair[0] !== "date") rows.push(pair); });
    if (rows.length) {
      var table = el("table", "kg-props");
      rows.forEach(function (pair) {
        var tr = el("tr");
        tr.appendChild(el("th", null, pair[0]));
        tr.appendChild(el("td", null, pair[1]));
        table.appendChild(tr);
      });
      panel.appendChild(table);
    }
    var links = network.getConnectedEdges(id).map(function (e) { return edges.get(e); }).filter(Boolean);
    if (links.length) {
      panel.appendChild(el("h2", null, "Links"));
      var list = el("ul", "kg-links");
      links.slice(0, 30).forEach(function (e) {
        var other = byId.get(e.from === id ? e.to : e.from);
        var label = data.edges[e.id].label;
        var text = e.from === id ? label + " → " + other.label : other.label + " → " + label + " → this";
        list.appendChild(el("li", null, text));
      });
      if (links.length > 30) list.appendChild(el("li", null, "… " + (links.length - 30) + " more"));
      panel.appendChild(list);
    }
    if (n.evidence.length) {
      panel.appendChild(el("h2", null, "Evidence"));
      n.evidence.forEach(function (ev) {
        var box = el("div", "kg-evidence");
        box.appendChild(el("blockquote", null, ev.quote));
        var source = [ev.title, ev.date].filter(Boolean).join(" — ");
        box.appendChild(el("cite", null, source));
        panel.appendChild(box);
      });
    } else if (!data.aggregated) {
      panel.appendChild(el("p", "kg-hint", "No sentence of its own: it is known through the entities linked to it."));
    }
  }

  function showEdge(edgeId) {
    var e = edges.get(edgeId);
    if (!e) return clearPanel();
    panel.textContent = "";
    panel.appendChild(el("span", "kg-kind", "link")).style.background = "#777";
    panel.appendChild(el("h3", null, byId.get(e.from).label + " → " + data.edges[e.id].label + " → " +
                                     byId.get(e.to).label));
  }

  network.on("zoom", function (p) {
    if (edgeLabels || p.scale < 0.6) return;
    edgeLabels = true;
    edges.update(data.edges.map(function (e, i) { return { id: i, label: e.label }; }));
  });
  network.on("hoverNode", function (p) { showNode(p.node); });
  network.on("blurNode", function () { if (pinned !== null) showNode(pinned); else clearPanel(); });
  network.on("click", function (p) {
    if (p.nodes.length) { pinned = p.nodes[0]; showNode(pinned); }
    else if (p.edges.length) { pinned = null; showEdge(p.edges[0]); }
    else { pinned = null; clearPanel(); }
  });

  // -- filters ----------------------------------------------------------------------------------------
  var counter = document.getElementById("kg-count");
  function refresh() {
    nodeView.refresh();
    edgeView.refresh();
    var shown = nodeView.length;
    counter.textContent = shown + " of " + data.nodes.length + " nodes" +
      (data.aggregated ? " (groups of " + data.total + ")" : "");
  }

  var legend = document.getElementById("kg-classes");
  var boxes = {};
  data.classes.forEach(function (c) {
    var li = el("li");
    var label = el("label");
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.value = c.kind;
    box.addEventListener("change", function () {
      if (box.checked) state.kinds.add(c.kind); else state.kinds.delete(c.kind);
      refresh();
    });
    boxes[c.kind] = box;
    var swatch = el("span", "kg-swatch " + c.shape);
    swatch.style.background = c.color;
    label.appendChild(box);
    label.appendChild(swatch);
    label.appendChild(el("span", null, c.name));
    label.appendChild(el("span", "kg-n", c.count));
    li.appendChild(label);
    legend.appendChild(li);
  });

  var countrySelect = document.getElementById("kg-country");
  data.countries.forEach(function (c) {
    var option = el("option", null, c.name === c.iso ? c.iso : c.name + " (" + c.iso + ")");
    option.value = c.iso;
    countrySelect.appendChild(option);
  });
  countrySelect.addEventListener("change", function () { state.country = countrySelect.value; refresh(); });
  var from = document.getElementById("kg-from");
  var to = document.getElementById("kg-to");
  from.addEventListener("change", function () { state.from = from.value; refresh(); });
  to.addEventListener("change", function () { state.to = to.value; refresh(); });

  function resetFilters() {
    data.classes.forEach(function (c) { state.kinds.add(c.kind); boxes[c.kind].checked = true; });
    state.country = state.from = state.to = "";
    countrySelect.value = from.value = to.value = "";
    refresh();
  }
  document.getElementById("kg-reset").addEventListener("click", function () {
    resetFilters();
    network.fit();
  });

  if (data.message) {
    var banner = document.getElementById("kg-message");
    banner.textContent = data.message;
    banner.hidden = false;
  }

  // -- search --------------------------------------------------------------------------------------
  var names = document.getElementById("kg-names");
  if (data.nodes.length <= 20000) {
    var seen = new Set();
    data.nodes.forEach(function (n) {
      if (seen.has(n.label)) return;
      seen.add(n.label);
      var option = el("option");
      option.value = n.label;
      names.appendChild(option);
    });
  }

  function find(text) {
    var q = text.trim().toLowerCase();
    if (!q) return null;
    var exact = null, partial = null;
    data.nodes.forEach(function (n) {
      var label = n.label.toLowerCase();
      var better = function (best) {
        return best === null || (best.kind === "SourceDocument" && n.kind !== "SourceDocument");
      };
      if (label === q && better(exact)) exact = n;
      else if (label.indexOf(q) >= 0 && better(partial)) partial = n;
    });
    return exact || partial;
  }

  function focusNode(id) {
    if (!visible(byId.get(id))) resetFilters();
    pinned = id;
    network.selectNodes([id]);
    network.focus(id, { scale: large ? 1.2 : 1.4, animation: { duration: 300, easingFunction: "easeInOutQuad" } });
    showNode(id);
  }

  var search = document.getElementById("kg-search");
  function runSearch() {
    var hit = find(search.value);
    search.setCustomValidity(hit || !search.value ? "" : "no match");
    search.classList.toggle("kg-miss", !hit && !!search.value);
    if (hit) focusNode(hit.id);
    return hit ? hit.id : null;
  }
  search.addEventListener("keydown", function (e) { if (e.key === "Enter") runSearch(); });
  search.addEventListener("change", runSearch);

  // -- what tests and notebooks may ask ------------------------------------------------------------
  api.visibleNodeIds = function () { return nodeView.getIds(); };
  api.nodeId = function (iriOrLabel) {
    var hit = data.nodes.find(function (n) { return n.iri === iriOrLabel || n.label === iriOrLabel; });
    return hit ? hit.id : null;
  };
  api.clientPosition = function (id) {
    var at = network.canvasToDOM(network.getPosition(id));
    var box = container.getBoundingClientRect();
    return { x: box.left + at.x, y: box.top + at.y };
  };
  api.selected = function () { return network.getSelectedNodes(); };
  api.search = function (text) { search.value = text; return runSearch(); };
  api.setCountry = function (iso) { countrySelect.value = iso; state.country = iso; refresh(); };
  api.setDates = function (a, b) { from.value = a || ""; to.value = b || ""; state.from = a || ""; state.to = b || ""; refresh(); };
  api.setKinds = function (kinds) {
    data.classes.forEach(function (c) {
      var on = kinds.indexOf(c.kind) >= 0;
      boxes[c.kind].checked = on;
      if (on) state.kinds.add(c.kind); else state.kinds.delete(c.kind);
    });
    refresh();
  };
  api.reset = resetFilters;
  refresh();
})();
