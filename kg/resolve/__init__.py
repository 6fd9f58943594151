"""Resolution: one thing, one IRI, across articles.

- :mod:`kg.resolve.bodies`: every spelling of a body the gazetteer knows gives one key (in
  the worker, after the whole-article reading; no store needed);
- :mod:`kg.resolve.names`: how names and titles are compared (transliteration folding,
  title words);
- :mod:`kg.resolve.resolver`: persons and laws read in a new document matched against the
  ones already in the store, when the document is added (:func:`kg.build.build`); each
  decision is written as an ``lk:ResolutionDecision`` in the document's graph, so
  ``kg explain IRI`` can show why mentions were merged.
"""
