"""A seeded synthetic news corpus about legislative change, with the facts it planted.

Every article is written from templates in the project's own words: a headline, a
dateline paragraph naming the country, an official and a law, paragraphs stating
penalties under numbered code articles (terms in digits or words, fines in local
currency), legislative steps, and background paragraphs that carry no facts. The same
``seed`` and ``count`` always give the same articles, byte for byte, so a benchmark run
can check that speed did not cost correctness: :func:`write_corpus` stores, beside the
articles, ``planted.json`` with every law, code article and penalty each one states.

:func:`planted_extraction` turns an article's planted facts into the
:class:`~kg.extract.model.Extraction` a perfect extractor would return; the query
benchmark builds its store from those, so query figures do not depend on how much the
extractor finds today.

>>> a = generate_article(7, seed=1); b = generate_article(7, seed=1)
>>> a.title == b.title and a.body == b.body
True
>>> generate_article(8, seed=1).body != a.body
True
"""
from __future__ import annotations

import json
import random
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Iterator

#: bump when the templates change: cached corpora and stores are keyed by it
GENERATOR_VERSION = "3"  # the legal templates; the corpus stamp also records the kind

__all__ = ["GENERATOR_VERSION", "Article", "generate_article", "generate_other", "mixed_article", "iter_articles",
           "write_corpus", "KINDS",
           "planted_document", "planted_extraction", "COUNTRIES"]


@dataclass(frozen=True)
class Country:
    iso: str
    name: str
    demonym: str
    capital: str
    legislature: str
    currency: str  # ISO 4217
    money: str  # the word news uses for it, plural


COUNTRIES = [
    Country("KZ", "Kazakhstan", "Kazakh", "Astana", "Mazhilis", "KZT", "tenge"),
    Country("UZ", "Uzbekistan", "Uzbek", "Tashkent", "Legislative Chamber", "UZS", "soums"),
    Country("KG", "Kyrgyzstan", "Kyrgyz", "Bishkek", "Jogorku Kenesh", "KGS", "soms"),
    Country("TJ", "Tajikistan", "Tajik", "Dushanbe", "Majlisi Namoyandagon", "TJS", "somoni"),
    Country("RU", "Russia", "Russian", "Moscow", "State Duma", "RUB", "rubles"),
    Country("UA", "Ukraine", "Ukrainian", "Kyiv", "Verkhovna Rada", "UAH", "hryvnias"),
    Country("GE", "Georgia", "Georgian", "Tbilisi", "Parliament of Georgia", "GEL", "lari"),
    Country("AM", "Armenia", "Armenian", "Yerevan", "National Assembly", "AMD", "drams"),
    Country("AZ", "Azerbaijan", "Azerbaijani", "Baku", "Milli Majlis", "AZN", "manats"),
    Country("TR", "Turkey", "Turkish", "Ankara", "Grand National Assembly", "TRY", "liras"),
    Country("PK", "Pakistan", "Pakistani", "Islamabad", "National Assembly", "PKR", "rupees"),
    Country("IN", "India", "Indian", "New Delhi", "Lok Sabha", "INR", "Indian rupees"),
    Country("BD", "Bangladesh", "Bangladeshi", "Dhaka", "Jatiya Sangsad", "BDT", "taka"),
    Country("NG", "Nigeria", "Nigerian", "Abuja", "Senate", "NGN", "naira"),
    Country("GH", "Ghana", "Ghanaian", "Accra", "Parliament", "GHS", "cedis"),
    Country("PL", "Poland", "Polish", "Warsaw", "Sejm", "PLN", "zlotys"),
    Country("DE", "Germany", "German", "Berlin", "Bundestag", "EUR", "euros"),
    Country("FR", "France", "French", "Paris", "National Assembly", "EUR", "euros"),
    Country("GB", "United Kingdom", "British", "London", "House of Commons", "GBP", "pounds"),
    Country("BR", "Brazil", "Brazilian", "Brasilia", "Chamber of Deputies", "BRL", "reais"),
    Country("MX", "Mexico", "Mexican", "Mexico City", "Chamber of Deputies", "MXN", "Mexican pesos"),
    Country("KE", "Kenya", "Kenyan", "Nairobi", "National Assembly", "KES", "Kenyan shillings"),
    Country("ZA", "South Africa", "South African", "Pretoria", "National Assembly", "ZAR", "rand"),
    Country("ID", "Indonesia", "Indonesian", "Jakarta", "House of Representatives", "IDR", "rupiah"),
]

_GIVEN = ["Aigerim", "Bakhyt", "Dilnoza", "Erlan", "Farrukh", "Gulnara", "Hamid", "Irina", "Jamshid", "Kamila",
          "Lukas", "Marta", "Nnamdi", "Olena", "Pedro", "Qasim", "Rustam", "Sabina", "Tomasz", "Ulugbek",
          "Vera", "Wanjiru", "Yusuf", "Zarina", "Amara", "Bogdan", "Chiara", "Dmitri", "Efua", "Gustavo"]
_FAMILY = ["Abenov", "Bekova", "Chukwu", "Dzhaksybekov", "Esposito", "Fayzullaev", "Gonzalez", "Hartmann",
           "Ibragimova", "Jankowski", "Karimov", "Lopes", "Mensah", "Nurlanov", "Okafor", "Petrenko",
           "Qureshi", "Rahimova", "Sadykov", "Tkachenko", "Usmonov", "Volkova", "Wambui", "Yildiz", "Zhumabaev",
           "Kowalczyk", "Moreau", "Schmidt", "Adeyemi", "Haidarov"]
_POSTS = ["President", "Prime Minister", "Minister of Justice", "Minister of Internal Affairs",
          "Prosecutor General", "Speaker of the {legislature}", "Deputy Minister of Justice"]
_CODES = ["Criminal Code", "Code of Administrative Offences", "Tax Code", "Labour Code", "Customs Code",
          "Environmental Code", "Penal Code", "Election Code"]
_OFFENSES = ["drunk driving", "bribery", "money laundering", "illegal logging", "poaching", "tax evasion",
             "cyberbullying", "spreading false information", "domestic violence", "vandalism",
             "smuggling of cultural property", "illegal gambling", "insulting a public official",
             "selling alcohol to minors", "illegal mining", "fraud in public procurement", "human trafficking",
             "organising an unauthorised rally", "dumping industrial waste", "extortion",
             "forging documents", "illegal hunting", "animal cruelty", "stalking", "street racing",
             "unlicensed medical practice", "counterfeiting medicines", "abuse of office", "hooliganism",
             "violating quarantine rules", "election fraud", "illegal migration brokering"]
_TOPICS = ["Road Safety", "Countering Corruption", "Public Order", "Protection of Animals", "Digital Media",
           "Forest Protection", "Combating Domestic Violence", "Tax Administration", "Consumer Protection",
           "Public Procurement", "Migration", "Elections", "Mass Media", "Subsoil Use", "Public Health"]
_NUMBER_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight",
                 9: "nine", 10: "ten", 12: "twelve", 15: "fifteen", 20: "twenty"}
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"]

_HEADLINES = [
    "{Country} Toughens Penalties For {Offense}",
    "{Legislature} Backs Tougher Punishment For {Offense}",
    "New Fines For {Offense} Proposed In {Country}",
    "{Country} Amends {Code} To Curb {Offense}",
    "Lawmakers In {Country} Approve Law On {Topic}",
    "{Demonym} Parliament Votes To Raise Penalties Under {Code}",
    "{Country} Adopts Changes To Law On {Topic}",
]
_BACKGROUND = [
    "Officials said the changes follow a review of court practice over the past {n} years.",
    "Rights groups in {capital} cautioned that harsher punishment alone would not change behaviour.",
    "The explanatory note to the bill cites a steady rise in reported cases since {year}.",
    "Several deputies asked the government to publish statistics before the next reading.",
    "Observers expect the courts to apply the new rules only to offences committed after they take effect.",
    "The ministry promised a public awareness campaign in the regions.",
    "Business associations asked for a transition period of at least {n} months.",
    "Commentators in {capital} noted that similar proposals had failed twice before.",
    "The debate lasted several hours and ended late in the evening.",
    "Experts from international organisations took part in drafting the amendments.",
    "Opposition members argued that the wording of several provisions was too vague.",
    "The authors of the bill said it brings national rules closer to international standards.",
    "Regional prosecutors will report on how the provisions are applied within a year.",
    "Local media reported that the draft had been discussed with civil society groups.",
    "A working group of the ministry spent {n} months preparing the text with practising lawyers.",
    "Critics said the draft was published for comment for only {n} days.",
    "Police officials welcomed the decision and asked for more inspectors to enforce it.",
    "The chairman of the committee said the wording had been revised after consultations with judges.",
    "Figures from the statistics agency show that the number of convictions fell in {year}.",
    "Lawyers in {capital} said defendants would still be able to appeal under the old rules.",
    "The government plans to evaluate the effect of the measures after {n} years.",
    "Some deputies abstained, saying the explanatory note lacked a cost estimate.",
]


@dataclass
class PlantedPenalty:
    type: str  # lk:PenaltyType local name
    stage: str  # lk:PenaltyStage local name
    offense: str
    code: str | None = None
    article: str | None = None
    min_years: float | None = None
    max_years: float | None = None
    amount: float | None = None
    currency: str | None = None
    sentence: int = 0  # index into Article.sentences


@dataclass
class PlantedLaw:
    title: str
    status: str
    amends: list[tuple[str, str]] = field(default_factory=list)  # (code, article number)
    sentence: int = 0


@dataclass
class PlantedPerson:
    name: str
    post: str
    sentence: int = 0


@dataclass
class PlantedEvent:
    type: str
    agent: str  # person name or organisation name
    agent_is_person: bool
    date: str | None
    sentence: int = 0


@dataclass
class Article:
    """One generated article and the facts it states."""

    serial: int
    title: str
    body: str
    date: str
    country: Country
    legislature: str
    sentences: list[tuple[int, int]]  # (start, end) of fact sentences in title + "\n\n" + body
    laws: list[PlantedLaw] = field(default_factory=list)
    penalties: list[PlantedPenalty] = field(default_factory=list)
    persons: list[PlantedPerson] = field(default_factory=list)
    events: list[PlantedEvent] = field(default_factory=list)
    kind: str = "legal"  # "legal" or "other" (no legislative fact)

    @property
    def text(self) -> str:
        return f"{self.title}\n\n{self.body}"

    @property
    def articles(self) -> list[tuple[str, str]]:
        """The (code, number) pairs of code articles the article cites."""
        seen = dict.fromkeys((p.code, p.article) for p in self.penalties if p.article)
        return list(seen)

    def planted(self) -> dict:
        return {"serial": self.serial, "kind": self.kind, "title": self.title, "country": self.country.iso, "date": self.date,
                "laws": [asdict(l) for l in self.laws], "penalties": [asdict(p) for p in self.penalties],
                "articles": [list(a) for a in self.articles], "persons": [asdict(p) for p in self.persons],
                "events": [asdict(e) for e in self.events]}


def _words(n: int, rng: random.Random) -> str:
    return _NUMBER_WORDS[n] if n in _NUMBER_WORDS and rng.random() < 0.5 else str(n)


def _money(amount: int) -> str:
    return f"{amount:,}"


class _Writer:
    """Paragraphs of sentences, with the offsets of the sentences that state facts."""

    def __init__(self, title: str):
        self.title = title
        self.paragraphs: list[list[str]] = []
        self.marks: list[tuple[int, int]] = []  # (paragraph, sentence) of fact sentences

    def paragraph(self) -> None:
        self.paragraphs.append([])

    def say(self, sentence: str, fact: bool = False) -> int:
        self.paragraphs[-1].append(sentence)
        if fact:
            self.marks.append((len(self.paragraphs) - 1, len(self.paragraphs[-1]) - 1))
            return len(self.marks) - 1
        return -1

    def finish(self) -> tuple[str, list[tuple[int, int]]]:
        body_parts, spans, pos = [], {}, len(self.title) + 2
        for p_index, sentences in enumerate(self.paragraphs):
            if p_index:
                pos += 2
            for s_index, sentence in enumerate(sentences):
                if s_index:
                    pos += 1
                spans[(p_index, s_index)] = (pos, pos + len(sentence))
                pos += len(sentence)
            body_parts.append(" ".join(sentences))
        return "\n\n".join(body_parts), [spans[m] for m in self.marks]


def generate_article(serial: int, *, seed: int = 0) -> Article:
    """Article number ``serial`` of the corpus with this ``seed`` (independent of the others)."""
    rng = random.Random(f"{seed}:{serial}")
    country = rng.choice(COUNTRIES)
    legislature = country.legislature
    year = rng.randint(2016, 2025)
    month = rng.randint(1, 12)
    day = rng.randint(1, 28)
    date = f"{year:04d}-{month:02d}-{day:02d}"
    spoken_date = rng.choice([f"{day} {_MONTHS[month - 1]} {year}", f"{_MONTHS[month - 1]} {day}, {year}"])
    offenses = rng.sample(_OFFENSES, rng.randint(2, 4))
    topic = rng.choice(_TOPICS)
    code = rng.choice(_CODES)
    person = f"{rng.choice(_GIVEN)} {rng.choice(_FAMILY)}"
    post = rng.choice(_POSTS).format(legislature=legislature)
    enacted = rng.random() < 0.5
    law_title = rng.choice([f"Law on {topic}", f"Law on Amendments to the {code}",
                            f"Bill on {topic}", f"Law on Amendments and Additions to Certain Legislative Acts on {topic}"])
    title = rng.choice(_HEADLINES).format(
        Country=country.name, Offense=offenses[0].title(), Legislature=legislature, Code=code, Topic=topic,
        Demonym=country.demonym)
    w = _Writer(title)
    article = Article(serial, title, "", date, country, legislature, [])

    # the dateline: who did what to which law
    w.paragraph()
    status = "Signed" if enacted else rng.choice(["Proposed", "ApprovedByParliament"])
    if enacted:
        opener = rng.choice([
            f"{country.capital.upper()}, {spoken_date} – {post} {person} has signed the {law_title}, the press "
            f"service reported.",
            f"{post} {person} signed the {law_title} on {spoken_date}, according to an official statement.",
        ])
        event_type = "Signing"
    elif status == "Proposed":
        opener = rng.choice([
            f"{country.capital.upper()}, {spoken_date} – The {legislature} of {country.name} received the "
            f"{law_title}, submitted by the government.",
            f"The government of {country.name} has proposed the {law_title}, {post} {person} said on {spoken_date}.",
        ])
        event_type = "Proposal"
    else:
        opener = rng.choice([
            f"{country.capital.upper()}, {spoken_date} – Deputies of the {legislature} approved the {law_title} "
            f"in the second reading.",
            f"The {legislature} of {country.name} approved the {law_title} on {spoken_date}, {post} {person} said.",
        ])
        event_type = "ParliamentaryApproval"
    mark = w.say(opener, fact=True)
    law = PlantedLaw(law_title, status, sentence=mark)
    article.laws.append(law)
    if person in opener:
        article.persons.append(PlantedPerson(person, post, mark))
    signed = event_type == "Signing"
    article.events.append(PlantedEvent(event_type, person if signed else legislature, signed, date, mark))
    w.say(rng.choice(_BACKGROUND).format(n=rng.randint(2, 9), capital=country.capital, year=year - rng.randint(2, 6)))

    # penalties, one paragraph per offense
    stage_new = "NewPenalty" if enacted else "ProposedPenalty"
    for offense in offenses:
        w.paragraph()
        previous = None
        number = str(rng.randint(5, 420)) + (f"-{rng.randint(1, 9)}" if rng.random() < 0.15 else "")
        kind = rng.random()
        if kind < 0.45:
            top = rng.choice([2, 3, 4, 5, 6, 7, 8, 10, 12, 15])
            low = rng.choice([None, None, max(1, top - rng.randint(1, 4))])
            if low:
                term = f"from {_words(low, rng)} to {_words(top, rng)} years"
            else:
                term = rng.choice([f"up to {_words(top, rng)} years", f"a maximum of {_words(top, rng)} years"])
            sentence = rng.choice([
                f"Under Article {number} of the {code}, {offense} will be punishable by imprisonment for {term}.",
                f"The amendments to Article {number} of the {code} set a prison term of {term} for {offense}.",
                f"Article {number} of the {code} now provides for {term} in prison for {offense}.",
            ])
            penalty = PlantedPenalty("Imprisonment", stage_new, offense, code, number, min_years=low, max_years=top)
        elif kind < 0.85:
            amount = rng.choice([5, 10, 20, 50, 100, 200, 500]) * 10 ** rng.randint(2, 5)
            old = amount // rng.choice([2, 4, 5])
            sentence = rng.choice([
                f"The fine for {offense} under Article {number} of the {code} rises from {_money(old)} to "
                f"{_money(amount)} {country.money}.",
                f"Under Article {number} of the {code}, {offense} will cost offenders a fine of {_money(amount)} "
                f"{country.money}, up from {_money(old)} {country.money}.",
            ])
            penalty = PlantedPenalty("Fine", stage_new, offense, code, number, amount=amount,
                                     currency=country.currency)
            previous = PlantedPenalty("Fine", "PreviousPenalty", offense, code, number, amount=old,
                                      currency=country.currency)
        else:
            sentence = rng.choice([
                f"Life imprisonment is introduced for {offense} under Article {number} of the {code}.",
                f"Under Article {number} of the {code}, {offense} will carry a sentence of life imprisonment.",
            ])
            penalty = PlantedPenalty("LifeImprisonment", stage_new, offense, code, number)
        mark = w.say(sentence, fact=True)
        for planted in (previous, penalty):
            if planted is not None:
                planted.sentence = mark
                article.penalties.append(planted)
        law.amends.append((code, number))
        for _ in range(rng.randint(2, 4)):
            w.say(rng.choice(_BACKGROUND).format(n=rng.randint(2, 9), capital=country.capital,
                                                 year=year - rng.randint(2, 6)))

    # background to the length of a typical wire story (about 3 KB)
    for _ in range(2):
        w.paragraph()
        for line in rng.sample(_BACKGROUND, rng.randint(5, 8)):
            w.say(line.format(n=rng.randint(2, 9), capital=country.capital, year=year - rng.randint(2, 6)))
    article.body, article.sentences = w.finish()
    return article


# -- news that is not about law -------------------------------------------------------------

_TEAMS = ["Lions", "Falcons", "Rovers", "United", "Dynamo", "Athletic", "Wanderers", "Stars", "Rangers", "City"]
_SPORTS = ["football", "basketball", "volleyball", "wrestling", "boxing", "cycling", "athletics", "tennis"]
_COMPANIES = ["Steppe Telecom", "Silk Road Logistics", "Northern Grain", "Golden Valley Mining", "Blue River Foods",
              "Sunrise Textiles", "Caspian Air", "Meridian Bank", "Altyn Retail", "Highland Energy"]
_GOODS = ["wheat", "cotton", "copper", "natural gas", "smartphones", "cement", "fertiliser", "steel", "tea", "wool"]
_WEATHER = ["heavy snow", "a heatwave", "strong winds", "freezing rain", "thunderstorms", "dense fog", "a sandstorm",
            "heavy rain"]
_ARTS = ["a film festival", "a jazz festival", "an exhibition of contemporary painting", "a book fair",
         "a folk music concert", "a theatre premiere", "a photography exhibition", "a season of opera"]
_PARTIES = ["the ruling party", "the main opposition party", "a new centrist movement", "the green party"]

_OTHER = {
    "sport": {
        "headlines": ["{Team} Beat {Team2} In {City} Derby", "{Person} Wins Gold At {Country} Championship",
                      "{Team} Coach Praises Young Squad After Win", "{Country} Reach {Sport} Semi-Final"],
        "lines": [
            "{CITY}, {date} – {Team} beat {Team2} {g1}-{g2} in front of {n},000 spectators on Saturday.",
            "{Person} scored twice in the second half and was named player of the match.",
            "The {demonym} {sport} team will play its next match in {city} on {date}.",
            "Coach {Person} said the squad had trained hard through the winter.",
            "{Person} finished the race in {g1} hours and {n} minutes, a national best.",
            "The stadium in {city} was renovated last year and now seats {n},000 fans.",
            "Tickets for the final sold out within {n} hours, the organisers said.",
            "The club signed two young players from the national academy in the summer.",
            "Fans waited outside the arena for hours to greet the team after the victory.",
            "{Team} have now won {g1} of their last {n} games and lead the table.",
            "The federation said the national championship would resume after a short break.",
            "The veteran goalkeeper announced that this season would be his last.",
        ],
    },
    "business": {
        "headlines": ["{Company} Profit Rises On Strong {Good} Demand", "{Country} Exports Of {Good} Climb",
                      "{Company} Opens New Plant Near {City}", "{Demonym} Central Bank Holds Rate Steady"],
        "lines": [
            "{CITY}, {date} – {Company} reported a net profit of {amount} million {money} for the quarter.",
            "Exports of {good} rose by {n} percent in the first half of the year, the statistics agency said.",
            "Chief executive {Person} said the company would hire {n}00 workers at its new plant.",
            "The central bank of {country} kept its key rate at {g1}.{n} percent on {date}.",
            "Analysts in {city} expect demand for {good} to stay strong through next year.",
            "Shares of {Company} gained {g1}.{n} percent in morning trading.",
            "The company plans to expand its network to {n} more cities by the end of the year.",
            "Prices of {good} on world markets fell for the third week in a row.",
            "A spokesperson for {Company} declined to comment on the talks with investors.",
            "Retail sales grew faster than expected in the last quarter, according to the ministry of economy.",
            "The new terminal will handle up to {n} million tonnes of cargo a year.",
            "Inflation slowed to {g1}.{n} percent in the month, its lowest level since {year}.",
        ],
    },
    "weather": {
        "headlines": ["{Weather} Hits {City}", "Forecasters Warn Of {Weather} In {Country}",
                      "Flights Delayed As {Weather} Sweeps {City}", "Record Temperatures Expected In {City}"],
        "lines": [
            "{CITY}, {date} – Forecasters warned of {weather} across the north of {country} this week.",
            "Temperatures in {city} are expected to reach {n} degrees Celsius on Thursday.",
            "Several flights from {city} airport were delayed by up to {g1} hours.",
            "The meteorological service advised residents to stay indoors during the afternoon.",
            "Snowploughs worked through the night to clear the main roads into {city}.",
            "Farmers said the early frost had damaged part of the {good} harvest.",
            "The weather is expected to improve by the weekend, with sunny spells in the south.",
            "Rivers in the mountain regions rose by {n} centimetres after days of rain.",
            "Schools in {city} opened two hours late because of the conditions.",
            "Emergency services said there had been no serious injuries.",
            "The last time the region saw such conditions was in the winter of {year}.",
        ],
    },
    "culture": {
        "headlines": ["{City} Hosts {Art}", "{Person} Returns To The Stage In {City}",
                      "Crowds Flock To {Art} In {City}", "{Demonym} Director Wins Award Abroad"],
        "lines": [
            "{CITY}, {date} – More than {n},000 visitors came to {art} in the first weekend.",
            "The director {Person} said the film took {g1} years to make.",
            "The museum in {city} will show works by {n} young artists until the end of the month.",
            "Critics praised the production for its bold staging and live music.",
            "The festival opened with a concert in the old square of {city}.",
            "Singer {Person} performed songs from her new album to a full hall.",
            "Organisers said the event had grown every year since it began in {year}.",
            "The novel has been translated into {n} languages and sold widely abroad.",
            "Local craftsmen showed carpets, pottery and jewellery at the fair.",
            "A restored cinema in the centre of {city} reopened after {g1} years.",
            "Schoolchildren from the regions took part in a painting workshop.",
        ],
    },
    "politics": {
        "headlines": ["{Person} Visits {City} For Talks", "{Country} And Neighbours Agree On Trade Corridor",
                      "{Party} Holds Congress In {City}", "{Demonym} Foreign Minister Meets Counterpart"],
        "lines": [
            "{CITY}, {date} – The foreign minister of {country}, {Person}, met his counterpart for talks on trade.",
            "The two sides discussed transport links, energy and tourism, the ministry said.",
            "{Party} held its annual congress in {city} and re-elected its leader.",
            "The delegation visited a new hospital and a school on the outskirts of {city}.",
            "Opinion polls published on {date} show {n} percent support for the governing coalition.",
            "The president of {country} is expected to travel abroad next month.",
            "Officials said the talks had been friendly and constructive.",
            "Thousands of people attended the celebration of the national holiday in {city}.",
            "The mayor of {city} opened a new bridge across the river.",
            "Ambassadors from {n} countries attended the reception.",
            "A joint statement on cooperation in education and science was signed by the two ministers.",
            "Local elections are due to take place in the autumn.",
        ],
    },
}


def generate_other(serial: int, *, seed: int = 0) -> Article:
    """Article ``serial`` of the news that carries no legislative fact (sport, business, weather, ...)."""
    rng = random.Random(f"other:{seed}:{serial}")
    country = rng.choice(COUNTRIES)
    topic = rng.choice(sorted(_OTHER))
    year = rng.randint(2016, 2025)
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    date = f"{year:04d}-{month:02d}-{day:02d}"
    team, team2 = rng.sample(_TEAMS, 2)

    def fill(line: str) -> str:
        city = rng.choice([country.capital, country.capital, f"the {country.demonym} port city"])
        return line.format(
            Team=f"{country.capital} {team}", Team2=f"{rng.choice(COUNTRIES).capital} {team2}",
            City=country.capital, CITY=country.capital.upper(), city=city, Country=country.name, country=country.name,
            Person=f"{rng.choice(_GIVEN)} {rng.choice(_FAMILY)}", Sport=rng.choice(_SPORTS).title(),
            sport=rng.choice(_SPORTS), Company=rng.choice(_COMPANIES), Good=rng.choice(_GOODS).title(),
            good=rng.choice(_GOODS), Weather=rng.choice(_WEATHER).title(), weather=rng.choice(_WEATHER),
            Art=rng.choice(_ARTS).title(), art=rng.choice(_ARTS), Party=rng.choice(_PARTIES).title(),
            Demonym=country.demonym, demonym=country.demonym, money=country.money, g1=rng.randint(1, 5),
            g2=rng.randint(0, 3), n=rng.randint(2, 60), amount=rng.randint(2, 900), year=year - rng.randint(1, 8),
            date=rng.choice([f"{day} {_MONTHS[month - 1]} {year}", f"{_MONTHS[month - 1]} {day}, {year}"]))

    templates = _OTHER[topic]
    title = fill(rng.choice(templates["headlines"]))
    w = _Writer(title)
    lines = templates["lines"]
    w.paragraph()
    w.say(fill(lines[0]))
    for _ in range(rng.randint(3, 5)):  # paragraphs to the length of a wire story
        w.paragraph()
        for line in rng.sample(lines[1:], rng.randint(3, 5)):
            w.say(fill(line))
    article = Article(serial, title, "", date, country, "", [], kind="other")
    article.body, article.sentences = w.finish()
    return article


def mixed_article(serial: int, *, seed: int = 0, legal_every: int = 10) -> Article:
    """The mix: one article in ``legal_every`` about law, the rest not (about 9 in 10 carry no legal fact)."""
    if serial % legal_every == 0:
        return generate_article(serial, seed=seed)
    return generate_other(serial, seed=seed)


#: the corpora :func:`write_corpus` writes: the legal articles, the others, and the mix of both
KINDS = {"legal": generate_article, "other": generate_other, "mix": mixed_article}


def iter_articles(count: int, *, seed: int = 0, start: int = 0, kind: str = "legal") -> Iterator[Article]:
    make = KINDS[kind]
    for serial in range(start, start + count):
        yield make(serial, seed=seed)


def article_path(root: Path, serial: int) -> Path:
    """One file per article, 1,000 to a folder (folders of a day's news stay listable)."""
    return root / f"{serial // 1000:04d}" / f"a{serial:07d}.txt"


def write_corpus(root: str | Path, count: int, *, seed: int = 0, kind: str = "legal") -> dict:
    """Write ``count`` articles under ``root/articles``, ``planted.json`` beside; return a summary.

    Reuses a complete corpus written earlier with the same version, seed and count.
    """
    root = Path(root)
    stamp = root / "corpus.json"
    want = {"generator": GENERATOR_VERSION, "seed": seed, "count": count, "kind": kind}
    if stamp.exists():
        summary = json.loads(stamp.read_text())
        if all(summary.get(k) == v for k, v in want.items()):
            return summary
    root.mkdir(parents=True, exist_ok=True)
    planted, size = [], 0
    for article in iter_articles(count, seed=seed, kind=kind):
        path = article_path(root / "articles", article.serial)
        path.parent.mkdir(parents=True, exist_ok=True)
        data = (article.text + "\n").encode("utf-8")
        path.write_bytes(data)
        size += len(data)
        planted.append(article.planted())
    (root / "planted.json").write_text(json.dumps(planted), encoding="utf-8")
    summary = dict(want, bytes=size)
    stamp.write_text(json.dumps(summary))
    return summary


# -- the perfect extractor's answer ---------------------------------------------------------

def planted_document(article: Article, *, copy: int = 0):
    """The :class:`~kg.ingest.document.Document` for an article (``copy`` > 0 gives a distinct id)."""
    from kg.ingest.document import Document
    body = article.body if not copy else f"{article.body}\n\n(copy {copy})"
    return Document(title=article.title, body=body, source=f"synthetic/{article.serial}-{copy}", date=article.date)


def planted_extraction(article: Article):
    """The facts a perfect extractor reads from ``article``, as an :class:`Extraction`."""
    from kg import iris
    from kg.extract import model
    from kg.extract.money import to_usd

    text = article.text
    iso = article.country.iso

    def evidence(mark: int) -> list:
        start, end = article.sentences[mark]
        return [model.Evidence(text[start:end], start, end)]

    ex = model.Extraction(countries=[iso])
    legislature_key = iris.org_key(iso, article.legislature)
    ex.organizations.append(model.Organization(legislature_key, article.legislature, iso, kind="legislature",
                                               evidence=evidence(article.laws[0].sentence)))
    for person in article.persons:
        key = iris.slug(person.name)
        ex.persons.append(model.Person(key, person.name, posts=[model.Post(person.post, iso)],
                                       evidence=evidence(person.sentence)))
    codes: dict[str, str] = {}
    for code_name, number in article.articles:
        code_key = codes.setdefault(code_name, iris.code_key(iso, code_name))
        offense = next((p.offense for p in article.penalties if p.article == number and p.code == code_name), None)
        mark = next(p.sentence for p in article.penalties if p.article == number and p.code == code_name)
        ex.articles.append(model.CodeArticle(iris.article_key(code_key, number), number, code_key, iso,
                                             offense=offense, evidence=evidence(mark)))
    ex.codes.extend(model.Code(key, name, iso) for name, key in codes.items())
    for n, law in enumerate(article.laws):
        key = iris.law_key(iso, law.title)
        amends = [iris.article_key(codes[c], num) for c, num in law.amends if c in codes]
        ex.laws.append(model.Law(key, law.title, iso, status=law.status, date=article.date, amends=amends,
                                 kind="bill" if law.title.startswith("Bill") else "law",
                                 evidence=evidence(law.sentence)))
    for n, penalty in enumerate(article.penalties):
        article_key = iris.article_key(codes[penalty.code], penalty.article) if penalty.article else None
        # a fine in a currency the rates table knows carries its dollar value, as the extractor writes it
        converted = to_usd(penalty.amount, penalty.currency, article.date) if penalty.amount and penalty.currency \
            else None
        ex.penalties.append(model.Penalty(
            f"p{n}", penalty.type, penalty.stage, min_years=penalty.min_years, max_years=penalty.max_years,
            amount=penalty.amount, currency=penalty.currency, amount_usd=converted[0] if converted else None,
            conversion=converted[1] if converted else None, article=article_key, offense=penalty.offense,
            law=iris.law_key(iso, article.laws[0].title), country=iso, evidence=evidence(penalty.sentence)))
    for n, event in enumerate(article.events):
        agent = iris.slug(event.agent) if event.agent_is_person else legislature_key
        ex.events.append(model.LegislativeEvent(
            f"e{n}", event.type, iris.law_key(iso, article.laws[0].title), agents=[agent], date=event.date,
            penalties=[f"p{i}" for i in range(len(article.penalties))], evidence=evidence(event.sentence)))
    return ex


if __name__ == "__main__":  # a look at one article: python benchmarks/corpus.py [SERIAL]
    import sys
    sample = generate_article(int(sys.argv[1]) if len(sys.argv) > 1 else 0)
    print(sample.text)
    print(json.dumps(sample.planted(), indent=1))
