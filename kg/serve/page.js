// The query page of `kg serve`: saved queries on the left, a query box, the answer as a table.
"use strict";
(function () {
  const PREFIXES = {
    "https://w3id.org/legiskg/ontology#": "lk:", "https://w3id.org/legiskg/id/": "id:",
    "http://www.w3.org/2000/01/rdf-schema#": "rdfs:", "http://www.w3.org/1999/02/22-rdf-syntax-ns#": "rdf:",
    "http://purl.org/dc/terms/": "dcterms:", "http://www.w3.org/2001/XMLSchema#": "xsd:",
    "http://www.w3.org/2004/02/skos/core#": "skos:",
  };
  const form = document.getElementById("form");
  const box = document.getElementById("query");
  const results = document.getElementById("results");
  const status = document.getElementById("status");

  function el(tag, attrs, text) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, v));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function compact(iri) {
    for (const [ns, prefix] of Object.entries(PREFIXES)) {
      if (iri.startsWith(ns)) return prefix + iri.slice(ns.length);
    }
    return iri;
  }

  // Numbers for people, as kg.format.cell_text writes them: terms in months and years, amounts grouped.
  const NUMERIC = /#(decimal|double|float|integer|int|long)$/;
  function plural(n, word) { return `${n} ${word}${n === 1 ? "" : "s"}`; }
  function years(value) {
    const months = value * 12, whole = Math.round(months);
    if (Math.abs(months - whole) >= 0.02) return plural(Math.round(value * 365), "day");
    const y = Math.floor(whole / 12), m = whole % 12, parts = [];
    if (y) parts.push(plural(y, "year"));
    if (m || !y) parts.push(plural(m, "month"));
    return parts.join(" ");
  }
  function human(variable, value, datatype) {
    if (!datatype || !NUMERIC.test(datatype) || isNaN(Number(value))) return value;
    const name = variable.toLowerCase(), n = Number(value);
    if (["minyears", "maxyears", "beforemin", "beforemax", "aftermin", "aftermax", "min", "max", "years"].includes(name)
        || name.endsWith("years")) return years(n);
    if (["mindays", "maxdays", "days"].includes(name) || name.endsWith("days")) return plural(n, "day");
    if (!name.includes("rate") && ["amount", "usd", "fine", "value"].some((w) => name.includes(w))) {
      return n.toLocaleString("en-US", { minimumFractionDigits: Number.isInteger(n) ? 0 : 2, maximumFractionDigits: 2 });
    }
    return value;
  }

  function cell(term, variable) {
    const td = el("td");
    if (!term) return td;
    if (term.type === "uri") {
      td.appendChild(el("a", { href: term.value, title: term.value, target: "_blank", rel: "noopener" }, compact(term.value)));
    } else {
      td.textContent = term.type === "bnode" ? "_:" + term.value : human(variable || "", term.value, term.datatype);
      if (term["xml:lang"]) td.title = "@" + term["xml:lang"];
      else if (term.datatype) td.title = `${term.value} (${compact(term.datatype)})`;
    }
    return td;
  }

  function link(format) {
    return "/sparql?" + new URLSearchParams({ query: box.value, format: format }).toString();
  }

  function refreshLinks() {
    document.getElementById("download-csv").href = link("csv");
    document.getElementById("download-json").href = link("json");
  }

  async function run() {
    refreshLinks();
    results.replaceChildren();
    status.textContent = "running…";
    const started = performance.now();
    let response;
    try {
      response = await fetch("/sparql", {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded",
                   "Accept": "application/sparql-results+json, text/turtle;q=0.9" },
        body: new URLSearchParams({ query: box.value }),
      });
    } catch (error) {
      status.textContent = "";
      results.appendChild(el("p", { class: "error" }, "The server did not answer: " + error));
      return;
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    const text = await response.text();
    if (!response.ok) {
      status.textContent = `HTTP ${response.status} after ${seconds} s`;
      results.appendChild(el("p", { class: "error" }, text));
      return;
    }
    const truncated = response.headers.get("X-KG-Truncated") === "true";
    const type = response.headers.get("Content-Type") || "";
    if (truncated) {
      results.appendChild(el("p", { class: "notice" },
        `Only the first ${response.headers.get("X-KG-Max-Rows")} results are shown (the server's --max-rows).`));
    }
    if (!type.includes("json")) {
      status.textContent = `graph answer in ${seconds} s`;
      results.appendChild(el("pre", {}, text));
      return;
    }
    const data = JSON.parse(text);
    if ("boolean" in data) {
      status.textContent = `answered in ${seconds} s`;
      results.appendChild(el("p", {}, String(data.boolean)));
      return;
    }
    const vars = data.head.vars;
    const rows = data.results.bindings;
    status.textContent = `${rows.length} row${rows.length === 1 ? "" : "s"} in ${seconds} s`;
    const table = el("table");
    const head = el("tr");
    vars.forEach((v) => head.appendChild(el("th", {}, v)));
    table.appendChild(el("thead")).appendChild(head);
    const body = el("tbody");
    rows.forEach((row) => {
      const tr = el("tr");
      vars.forEach((v) => tr.appendChild(cell(row[v], v)));
      body.appendChild(tr);
    });
    table.appendChild(body);
    results.appendChild(table);
  }

  async function loadSaved() {
    const list = document.getElementById("saved");
    try {
      const saved = await (await fetch("/queries")).json();
      list.replaceChildren();
      saved.forEach((q) => {
        const button = el("button", { type: "button", title: q.text });
        button.appendChild(el("b", {}, q.name));
        button.appendChild(el("small", {}, q.description));
        button.addEventListener("click", () => { box.value = q.text; run(); });
        list.appendChild(el("li")).appendChild(button);
      });
    } catch (error) {
      list.replaceChildren(el("li", { class: "error" }, "cannot load the saved queries"));
    }
  }

  form.addEventListener("submit", (event) => { event.preventDefault(); run(); });
  box.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { event.preventDefault(); run(); }
  });
  box.addEventListener("input", refreshLinks);
  refreshLinks();
  loadSaved();
  // A link to the page with ?query=... opens that query and runs it.
  const shared = new URLSearchParams(window.location.search).get("query");
  if (shared) { box.value = shared; run(); }
})();
