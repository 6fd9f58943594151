"""Where the ontology, the SHACL shapes and the JSON-LD context are found at run time.

The canonical files live in ``ontology/`` at the repository root; a built package carries
copies in ``kg/data/ontology/``. Each function returns the repository's file when there is
one (a checkout, an editable install), else the packaged copy.
"""
from __future__ import annotations

from pathlib import Path

from kg.errors import KGError

__all__ = ["ontology_path", "shapes_path", "context_path"]

_PACKAGE = Path(__file__).resolve().parent
_FOLDERS = (_PACKAGE.parent / "ontology", _PACKAGE / "data" / "ontology")


def _find(name: str) -> Path:
    for folder in _FOLDERS:
        path = folder / name
        if path.is_file():
            return path
    places = " or ".join(str(folder) for folder in _FOLDERS)
    raise KGError(f"{name} is in neither {places}: the installation is incomplete")


def ontology_path() -> Path:
    """The OWL ontology, ``legiskg.ttl``."""
    return _find("legiskg.ttl")


def shapes_path() -> Path:
    """The SHACL shapes, ``shapes.ttl``."""
    return _find("shapes.ttl")


def context_path() -> Path:
    """The JSON-LD context for exports, ``context.jsonld``."""
    return _find("context.jsonld")
