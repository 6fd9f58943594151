"""Countries, organizations and persons read from sentences written for these tests."""
from __future__ import annotations

import random
from pathlib import Path

import pytest

from kg.extract import extract
from kg.extract.countries import find_country, main_country
from kg.extract.gazetteers import body_index, countries, country_record, tokenize
from kg.extract.pipeline import Context
from kg.extract.sentences import split_sentences
from kg.ingest.document import Document

SHARED = Path(__file__).resolve().parents[2] / "shared"


def read(title: str, body: str):
    return extract(Document(title=title, body=body, source="test"))


def orgs(ex) -> dict[str, object]:
    return {o.name: o for o in ex.organizations}


def person(ex, name: str):
    return next(p for p in ex.persons if p.name == name)


# -- gazetteers ----------------------------------------------------------------------------------

def test_every_un_member_state_is_shipped():
    data = countries()
    assert len(data) >= 197
    for iso in ("KZ", "UZ", "KG", "TJ", "TM", "AF", "XK", "TW", "PS", "GB", "US", "NG", "LK"):
        assert iso in data
    assert country_record("kz").wikidata == "Q232"


def test_body_spellings_resolve_to_one_record():
    for spelling in ("Majilis", "Mazhilis", "Wolisi Jirga", "Wolesi Jirga", "Zhogorku Kenesh", "Jogorku Kenesh"):
        hit = body_index().match_at(tokenize(spelling), 0)
        assert hit is not None, spelling
    rec = body_index().match_at(tokenize("Majilis"), 0)[1][0]
    assert rec.country == "KZ" and rec.name == "Mazhilis"


# -- countries --------------------------------------------------------------------------------------

def test_find_country_reads_names_demonyms_and_official_names():
    assert find_country("the Criminal Code of the Republic of Azerbaijan") == "AZ"
    assert find_country("Uzbek lawmakers") == "UZ"
    assert find_country("a court in Shymkent") == "KZ"
    assert find_country("the new law") is None


def test_country_from_currency_units_when_never_named():
    ex = read("Fines raised for littering", "Offenders will pay 20 MCI, or about 70,000 tenge, from July.")
    assert ex.countries == ["KZ"]
    ex = read("Fines raised for littering", "Fines of 10 BCA (about 3.7 million soums) will apply.")
    assert ex.countries == ["UZ"]


def test_treaty_partner_and_incidental_places_are_left_out():
    ex = read("Lawmakers ratify pension deal",
              "The State Duma ratified an agreement between Russia and Armenia on pensions. "
              "Russian deputies also discussed migrants arriving from Tajikistan.")
    assert ex.countries == ["RU"]


def test_countries_that_open_sentences_as_subjects_are_about():
    ex = read("Region debates water law",
              "Kyrgyzstan has adopted a water code. Meanwhile, Kazakhstan and Uzbekistan have drafted similar laws.")
    assert set(ex.countries) == {"KG", "KZ", "UZ"}


def test_main_country_helper():
    doc = Document(title="Bishkek lawmakers meet", body="BISHKEK. Deputies met on Monday.", source="t")
    ctx = Context(document=doc, text=doc.text, sentences=split_sentences(doc.text))
    assert main_country(ctx) == "KG"


# -- organizations ----------------------------------------------------------------------------------

def test_chamber_with_parent_and_country_qualifier():
    ex = read("Senators back media law",
              "The Senate of the Oliy Majlis of Uzbekistan approved the media law. The Senate sent it to the president.")
    found = orgs(ex)
    assert "Senate of the Oliy Majlis" in found and "Oliy Majlis" in found
    assert found["Senate of the Oliy Majlis"].country == "UZ"
    assert found["Senate of the Oliy Majlis"].parent == found["Oliy Majlis"].key
    assert "Senate" not in found  # the short reference is the same chamber


def test_ministries_committees_and_acronyms():
    ex = read("Bar association objects",
              "The Ministry of Health and the Finance Ministry backed the plan. The Nairobi Lawyers Union (NLU) "
              "objected. The NLU said the Committee on Budget, Trade and Industry of Parliament had not met.")
    found = orgs(ex)
    assert {"Ministry of Health", "Finance Ministry", "Nairobi Lawyers Union", "Parliament"} <= set(found)
    assert any(name.startswith("Committee on Budget, Trade and Industry") for name in found)
    assert "NLU" in found["Nairobi Lawyers Union"].aliases
    assert len(found["Nairobi Lawyers Union"].evidence) == 2


def test_generic_references_resolve_to_the_named_body():
    ex = read("Lower house passes bill",
              "The Majlisi Namoyandagon, the lower house of Tajikistan's parliament, passed the bill. "
              "The house will send it to the upper chamber.")
    assert [o.name for o in ex.organizations] == ["Majlisi Namoyandagon"]
    assert ex.organizations[0].country == "TJ"


def test_bare_parliament_is_an_organization_when_no_chamber_is_named():
    ex = read("MP tables bill", "An MP tabled the bill in the Parliament of Malawi on Friday. The parliament adjourned.")
    assert [o.name for o in ex.organizations] == ["Parliament of Malawi"]


def test_news_outlets_and_places_are_not_organizations():
    ex = read("Court rules", "ASTANA. KAZINFORM - An Almaty court fined the activist, Interfax reports. "
              "Anadolu Agency said the Supreme Court would review it.")
    assert [o.name for o in ex.organizations] == ["Supreme Court"]


def test_un_bodies_have_no_country_and_parties_are_read():
    ex = read("Envoy briefs council",
              "The UN Security Council heard the envoy. The ruling Freedom and Unity Party (FUP) and the "
              "opposition Green Movement Party voted against the resolution.")
    found = orgs(ex)
    assert found["UN Security Council"].country is None
    assert {"Freedom and Unity Party", "Green Movement Party"} <= set(found)


def test_descriptor_names_an_organization():
    ex = read("Activists detained in Almaty",
              "Police detained members of the youth group Oyan and of a charity called Mercy House in Almaty.")
    assert {"Oyan", "Mercy House"} <= set(orgs(ex))


# -- persons ---------------------------------------------------------------------------------------

def test_titles_before_names_give_role_and_country():
    ex = read("Ministers meet",
              "Kazakh Energy Minister Almasadam Satkaliyev met Uzbekistan’s Foreign Minister Bakhtiyor Saidov. "
              "Satkaliyev said the talks went well.")
    sat = person(ex, "Almasadam Satkaliyev")
    assert [(p.title, p.country) for p in sat.posts] == [("Energy Minister", "KZ")]
    assert "Satkaliyev" in sat.aliases and len(sat.evidence) == 2
    assert person(ex, "Bakhtiyor Saidov").posts[0].country == "UZ"
    assert sat.key == "almasadam-satkaliyev"


def test_appositions_former_posts_and_international_posts():
    ex = read("Envoy speaks",
              "Jane K. Doe, former Prime Minister of Estonia and now Special Envoy of the UN Secretary-General "
              "for Yemen, spoke on Friday. Kwame Mensah, Head of the Cyber Crime Unit at the Ghana Police "
              "Service, said arrests rose.")
    doe = person(ex, "Jane K. Doe")
    titles = {(p.title, p.country, p.former) for p in doe.posts}
    assert ("Prime Minister", "EE", True) in titles
    assert any(t.startswith("Special Envoy") and c is None for t, c, _ in titles)
    mensah = person(ex, "Kwame Mensah")
    assert mensah.posts[0].title.startswith("Head of the Cyber Crime Unit")


def test_title_before_a_comma_and_particles_and_initials():
    ex = read("Committee chair objects",
              "The chairwoman of the budget committee, Maria van der Berg, objected. "
              "Speaker Dr Ahmed Raza Khan and MP Lukas de Souza agreed.")
    names = {p.name for p in ex.persons}
    assert {"Maria van der Berg", "Ahmed Raza Khan", "Lukas de Souza"} <= names
    assert person(ex, "Ahmed Raza Khan").posts[0].title == "Speaker"


def test_private_persons_and_bylines_are_left_out():
    ex = read("Residents protest", "Aigerim Bekova, 34, joined the march. Author: Timur Aliyev. "
              "Image: Dana Serik. Petitioners Erlan Abdi and Bolat Nur filed the claim.")
    assert ex.persons == []


def test_spelling_variants_merge_into_one_person():
    ex = read("President signs decree",
              "President Gurbanguly Berdimuhamedov signed the decree. Gurbanguly Berdymuhamedov said it was fair.")
    assert len(ex.persons) == 1
    assert "Gurbanguly Berdymuhamedov" in ex.persons[0].aliases


def test_title_case_headline_does_not_invent_people():
    ex = read("Send Concerns To Attorney General Kofi Mensah Says Lawmaker",
              "Lawmaker Kofi Mensah Owusu said the bar should write to the Attorney General.")
    assert [p.name for p in ex.persons] == ["Kofi Mensah Owusu"]


# -- robustness -------------------------------------------------------------------------------------

@pytest.mark.timeout(120)  # a hang guard, not a speed target: tests/test_fuzz.py counts the work, benchmarks/ time it
def test_huge_sentence_reads_through():
    rnd = random.Random(7)
    vocab = ("President Minister of the Justice Committee on , and Senate Parliament parliament Kazakh "
             "Kazakhstan’s John Smith Ministry Office for Human Rights Legislative Chamber (GBA) GBA deputy "
             "former MP house the lower chamber said group called Feminita UN Security Council Bill Act "
             "Department agency party Speaker Dr K. de Bois").split()
    body = " ".join(rnd.choice(vocab) for _ in range(10000)) + "."
    ex = read("Fuzz", body)
    assert ex.organizations


@pytest.mark.skipif(not (SHARED / "corpus" / "dev").is_dir(), reason="shared dev corpus not available")
def test_dev_corpus_reads_without_error():
    from kg.ingest import iter_documents
    docs = [d for d in iter_documents([str(SHARED / "corpus" / "dev")]) if isinstance(d, Document)]
    for doc in docs:
        ex = extract(doc)
        assert ex.countries, doc.title
        for o in ex.organizations:
            for ev in o.evidence:
                assert doc.text[ev.start:ev.end] == ev.quote


@pytest.mark.parametrize("title, body, iso", [
    ("Provincial legislature passes tenancy act", "British Columbia's legislature passed the Tenancy Amendment Act on "
     "Thursday, Housing Minister Ann Roy said in Victoria.", "CA"),
    ("Upper house votes down driving bill", "The NSW upper house voted down the Dangerous Driving Bill on Tuesday.", "AU"),
    ("Queensland MPs back youth crime law", "Queensland's parliament passed the Youth Justice Act late on Wednesday.",
     "AU"),
    ("Assembly passes traffic amendment", "Lawmaker Kim Ha-eun of the Democratic Party of Korea proposed the "
     "amendment, which the National Assembly passed on Monday.", "KR"),
    ("Bavarian parliament passes police law", "The state parliament in Bavaria passed the Police Tasks Act.", "DE"),
])
def test_a_province_state_or_party_names_its_country(title, body, iso):
    ex = read(title, body)
    assert ex.countries[:1] == [iso]


def test_another_countrys_body_of_the_same_words_is_not_that_body():
    ex = read("Assembly passes traffic amendment", "Lawmakers of the Democratic Party of Korea backed the bill.")
    assert all(o.country != "US" for o in ex.organizations)


def test_a_towns_name_between_two_words_of_a_name_is_part_of_the_name():
    ex = read("Senate backs cable theft bill", "Senator Matías Lagos Urrutia introduced the bill in Santiago.")
    assert [p.name for p in ex.persons] == ["Matías Lagos Urrutia"]


@pytest.mark.parametrize("body, name", [
    ("The Attorney General, Hon. Hamisi Mwakyusa, backed the bill.", "Hamisi Mwakyusa"),
    ("The bill was moved by Minister of Tourism Hon. Chileshe Mwansa.", "Chileshe Mwansa"),
    ("The bill was introduced by the Minister for Labour, Hon Lena Whitby, on Monday.", "Lena Whitby"),
    ("Deputy Home Minister Datuk Lim Wei Chuan tabled the bill.", "Lim Wei Chuan"),
])
def test_a_form_of_address_is_no_part_of_the_name(body, name):
    assert [p.name for p in read("Parliament debates bill", body).persons] == [name]


@pytest.mark.parametrize("body, iso", [
    ("Individuals face a fine of up to NZ$200,000 under the Wage Theft Act.", "NZ"),
    ("Offenders face a fine of ₦5 million under the Cybercrimes Act.", "NG"),
])
def test_a_currency_sign_of_one_country_points_to_it(body, iso):
    assert read("New law takes effect", body).countries[:1] == [iso]


def test_a_nickname_in_quotes_is_no_part_of_the_name():
    ex = read("Senate passes bill", 'Sen. Maria Lourdes "Malou" Javier, chair of the health committee, sponsored the '
              'bill.')
    assert [p.name for p in ex.persons] == ["Maria Lourdes Javier"]


@pytest.mark.parametrize("body, name, iso", [
    ("The Legislative Yuan passed the amendments on Tuesday.", "Legislative Yuan", "TW"),
    ("The Eduskunta approved the bill.", "Eduskunta", "FI"),
    ("The Pyithu Hluttaw passed the bill.", "Pyithu Hluttaw", "MM"),
])
def test_national_legislatures_by_their_own_names(body, name, iso):
    ex = read("Lawmakers pass bill", body)
    assert orgs(ex)[name].country == iso and ex.countries[:1] == [iso]


def test_parties_of_more_countries_are_read_with_their_country():
    ex = read("Dáil passes bill", "The Dáil passed the Emergency Workers Bill on Thursday. Sinn Féin supported the "
              "bill, while Fianna Fáil opposed it.")
    assert {(o.name, o.kind, o.country) for o in ex.organizations} >= {
        ("Sinn Féin", "party", "IE"), ("Fianna Fáil", "party", "IE")}


@pytest.mark.parametrize("body, name, role", [
    ("Greens MLC Sophie Tran said the bill went too far.", "Sophie Tran", "Greens MLC"),
    ("Social Democrats TD Ciara Mull opposed the bill.", "Ciara Mull", "Social Democrats TD"),
    ("Labour MSP Ann Bell backed the bill.", "Ann Bell", "Labour MSP"),
])
def test_members_of_other_legislatures_by_their_letters(body, name, role):
    ex = read("Bill debated", body)
    assert [(p.name, p.posts[0].title) for p in ex.persons] == [(name, role)]


def test_a_given_name_written_short_opens_the_name():
    ex = read("Bill placed", "Food Minister Md. Abdul Karim Talukder placed the bill in the House.")
    assert [p.name for p in ex.persons] == ["Md. Abdul Karim Talukder"]


@pytest.mark.parametrize("body, name, kind", [
    ("The Justice Ministry drafted the bill.", "Justice Ministry", "ministry"),
    ("The Attorney General's Office backed the bill.", "Attorney General's Office", "office"),
    ("The Umbrella for Democratic Change (UDC) opposed the bill.", "Umbrella for Democratic Change", "organization"),
    ("A Partnership for National Unity (APNU) opposed the bill.", "A Partnership for National Unity", "party"),
])
def test_bodies_by_portfolio_by_post_and_by_their_acronym(body, name, kind):
    assert orgs(read("Bill debated", body))[name].kind == kind


def test_an_acts_name_with_its_acronym_is_no_body():
    ex = read("Bill passed", "The Personal Data Protection Act (PDPA) was passed. The Bharatiya Nyaya Sanhita (BNS) "
              "Bill was tabled.")
    assert not ex.organizations
