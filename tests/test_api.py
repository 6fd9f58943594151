"""The notebook API (kg.open) and the example notebook, executed as a reader would run it."""
from __future__ import annotations

from pathlib import Path

import pytest

import kg
from kg.errors import UsageError

EXAMPLES = Path(__file__).parent.parent / "examples"


def test_open_query_saved_and_dataframes(built_examples):
    with kg.open(built_examples) as g:
        laws = g.query("SELECT ?law WHERE { ?l a lk:Law ; rdfs:label ?law } ORDER BY ?law")
        assert len(laws) >= 3 and all(isinstance(v, str) for v in laws.column("law"))
        changes = g.saved("penalty-changes", country="Kazakhstan")
        rows = changes.to_dicts()
        assert rows and {"headline", "type", "afterMax"} <= set(rows[0])
        assert isinstance(rows[0]["afterMax"], float)  # decimals come back as numbers
        frame = changes.to_dataframe()
        assert list(frame.columns) == changes.variables and len(frame) == len(changes)
        assert "penalty-changes" in g.saved_queries()
        whole = g.saved("evidence", country="Kazakhstan")
        first = g.saved("evidence", country="Kazakhstan", page=1, page_size=1)
        assert first.variables == whole.variables + ["documents"] and 0 < len(first) <= len(whole)
        assert [tuple(r[v] for v in whole.variables) for r in first] == [tuple(r.values()) for r in whole][:len(first)]
        assert first[0]["documents"] == len({r["headline"] for r in whole})  # the total: documents with evidence
        graph = g.networkx()
        assert graph.number_of_nodes() > 20 and graph.number_of_edges() > 20
        data = g.report(country="KZ")
        assert data.changes and all(c.after.iso == "KZ" for c in data.changes)
        with pytest.raises(UsageError, match="no saved query"):
            g.saved("no-such-query")
        with pytest.raises(UsageError, match="takes no parameter"):
            g.saved("penalty-changes", colour="red")
        with pytest.raises(UsageError, match="SELECT"):
            g.query("ASK { ?s ?p ?o }")


def test_open_a_missing_store_is_an_error(tmp_path):
    with pytest.raises(kg.KGError):
        kg.open(tmp_path / "nowhere")


def test_the_example_notebook_runs(tmp_path, monkeypatch):
    import nbclient
    import nbformat
    notebook = nbformat.read(EXAMPLES / "analyst-notebook.ipynb", as_version=4)
    monkeypatch.setenv("KG_EXAMPLES", str(EXAMPLES))
    nbclient.NotebookClient(notebook, timeout=180, kernel_name="python3",
                            resources={"metadata": {"path": str(tmp_path)}}).execute()
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    text = "\n".join(str(o.get("text", "")) + str(o.get("data", {}).get("text/plain", "")) for o in outputs)
    assert "documents built" in text and "penalty changes" in text and "True" in text
