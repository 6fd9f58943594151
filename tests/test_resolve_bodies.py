"""Canonical bodies: spellings of one body give one key, with the other names as labels."""
from __future__ import annotations

import pytest

from kg.extract.model import Extraction, LegislativeEvent, Organization, Person, Post
from kg.resolve.bodies import canonical_body, resolve_bodies


@pytest.mark.parametrize("country, name, key", [
    ("KZ", "Mazhilis", "kz/mazhilis"),
    ("KZ", "Majilis", "kz/mazhilis"),
    ("KZ", "Mazhilis of the Parliament", "kz/mazhilis"),
    ("KZ", "the Majilis of Parliament", "kz/mazhilis"),
    ("KG", "Zhogorku Kenesh", "kg/jogorku-kenesh"),
    ("KG", "Jogorku Kenesh", "kg/jogorku-kenesh"),
    ("UZ", "Legislative Chamber of the Oliy Majlis", "uz/legislative-chamber-of-the-oliy-majlis"),
    ("UZ", "lower house of the Oliy Majlis", "uz/legislative-chamber-of-the-oliy-majlis"),
    ("UZ", "Senate", "uz/senate"),  # a generic name: the country's body of that kind and house
    ("UZ", "Senate of the Oliy Majlis", "uz/senate"),
    ("KZ", "Senate", "kz/senate"),
    ("KZ", "Senate of Kazakhstan", "kz/senate"),
    ("UZ", "Legislative Chamber", "uz/legislative-chamber-of-the-oliy-majlis"),
    # a generic name qualified only by the country, and "Parliament" for a unicameral legislature
    ("KG", "Parliament of Kyrgyzstan", "kg/jogorku-kenesh"),
    ("KG", "the Kyrgyz parliament", "kg/jogorku-kenesh"),
    ("KG", "Kyrgyzstan's parliament", "kg/jogorku-kenesh"),
    ("KG", "Parliament", "kg/jogorku-kenesh"),
    ("UZ", "Parliament of Uzbekistan", "uz/oliy-majlis"),
])
def test_spellings_of_one_body_give_one_key(country, name, key):
    match = canonical_body(country, [name])
    assert match is not None and match.key == key


def test_unknown_body_and_other_country_are_not_resolved():
    assert canonical_body("KZ", ["Committee on Roads and Bridges"]) is None
    assert canonical_body("UZ", ["Mazhilis"]) is None  # the Kazakh chamber, named in an Uzbek context
    # a qualifier that is not the country, or another country's name, leaves the body unknown
    assert canonical_body("KG", ["Youth Parliament of Kyrgyzstan"]) is None
    assert canonical_body("KG", ["Parliament of Kazakhstan"]) is None


def test_resolve_rewrites_every_reference_and_keeps_the_article_name():
    ex = Extraction(
        organizations=[Organization("kz/majilis", "Majilis", "KZ"),
                       Organization("kz/mazhilis-of-the-parliament", "Mazhilis of the Parliament", "KZ")],
        persons=[Person("a-b", "A B", posts=[Post("deputy", "KZ", organization="kz/majilis")])],
        events=[LegislativeEvent("e1", "ParliamentaryApproval", "kz/x", agents=["kz/majilis",
                                                                             "kz/mazhilis-of-the-parliament"])])
    remap = resolve_bodies(ex)
    assert remap == {"kz/majilis": "kz/mazhilis", "kz/mazhilis-of-the-parliament": "kz/mazhilis"}
    [org] = ex.organizations
    assert (org.key, org.name, org.preferred) == ("kz/mazhilis", "Majilis", "Mazhilis")
    assert "Mazhilis of the Parliament" in org.aliases and "Mazhilis" in org.aliases
    assert org.super_org == "kz/parliament"
    assert ex.persons[0].posts[0].organization == "kz/mazhilis"
    assert ex.events[0].agents == ["kz/mazhilis"]
