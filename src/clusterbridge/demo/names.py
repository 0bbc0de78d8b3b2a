"""Names of companies and people: Catalan-sounding, Korean (Hangul with a romanised form)
and from the other EU countries, built from parts so that thousands stay distinct."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from random import Random

from clusterbridge.demo.profile import Pair, Theme


@dataclass(frozen=True)
class OrgName:
    """``name`` as registered (Hangul for Korea), ``latin`` its romanised form (Korea only)
    and ``short`` the name without legal form, as a sentence would use it."""

    name: str
    latin: str
    short: str


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


def _pairs(text: str) -> tuple[Pair, ...]:
    return tuple((k, v) for k, v in (item.split("=") for item in text.split()))


CATALAN_FIRST = _words(
    "Jordi Marta Montserrat Pere Núria Joan Laia Oriol Anna Xavier Carme Albert Mireia Sergi"
    " Gemma Marc Roser Pau Meritxell Arnau Queralt Josep Elisenda Ferran Judit Enric Clara"
    " Guillem Neus Àlex Berta Jaume Sílvia Ramon Aina Eduard"
)
CATALAN_SURNAMES = _words(
    "Puig Vila Ferrer Serra Soler Font Roca Pujol Casals Vidal Sala Mas Riera Bosch Codina Camps"
    " Pons Prat Farré Grau Rovira Torrents Comas Batlle Costa Martí Garcia Martínez López Sánchez"
    " Fernández Planas Sabater Vilaró Esteve Canals Fabregat Closa Oliveras Ribas Tort Cortada"
    " Coll Bru Miralles Sendra Tarrés Vendrell"
)
KOREAN_SURNAMES = _pairs(
    "김=Kim 김=Kim 김=Kim 김=Kim 이=Lee 이=Lee 이=Lee 박=Park 박=Park 최=Choi 정=Jung 강=Kang"
    " 조=Cho 윤=Yoon 장=Jang 임=Lim 한=Han 오=Oh 서=Seo 신=Shin 권=Kwon 황=Hwang 안=Ahn 송=Song"
    " 류=Ryu 홍=Hong"
)
KOREAN_GIVEN = _pairs(
    "민준=Min-jun 서연=Seo-yeon 지훈=Ji-hoon 수빈=Su-bin 현우=Hyun-woo 지민=Ji-min 예린=Ye-rin"
    " 도윤=Do-yun 하은=Ha-eun 준호=Jun-ho 영수=Young-soo 미경=Mi-kyung 성호=Sung-ho 은지=Eun-ji"
    " 동현=Dong-hyun 혜진=Hye-jin 재원=Jae-won 상철=Sang-chul 유진=Yu-jin 태희=Tae-hee"
    " 승민=Seung-min 지영=Ji-young 정훈=Jung-hoon 수진=Su-jin 민서=Min-seo 현정=Hyun-jung"
)
KOREAN_SYLLABLES = _pairs(
    "한=Han 대=Dae 성=Seong 진=Jin 우=Woo 신=Shin 영=Young 동=Dong 세=Se 광=Gwang 명=Myeong"
    " 태=Tae 일=Il 삼=Sam 현=Hyeon 창=Chang 경=Gyeong 보=Bo 유=Yu 정=Jeong 은=Eun 미=Mi 하=Ha"
    " 서=Seo 도=Do 금=Geum 풍=Pung 효=Hyo 화=Hwa 원=Won 빛=Bit 솔=Sol 온=On 새=Sae 청=Cheong"
    " 주=Ju 국=Guk 제=Je 인=In 혜=Hye 준=Jun 호=Ho 연=Yeon 수=Su 민=Min 아=A 나=Na 라=Ra"
    " 비=Bi 예=Ye 상=Sang 용=Yong 기=Gi 건=Geon 승=Seung 윤=Yun 흥=Heung 백=Baek 선=Seon 해=Hae"
)
BRAND_STARTS = _words(
    "Vol Nex Aur Kin Lum Ter Nov Sen Ael Cir Dat Flu Hex Ion Mar Nau Orb Pix Quan Ret Sol Tek"
    " Vit Zen Bion Cel Eko Gra Hel Ixo Lyn Myr Neo Oxy Pol Rho Syn Tri Ul Vox"
)
BRAND_ENDS = _words("ia ix ora ent um is eo ara on ela ica iq os yx era ant io ex")

EU_SURNAMES = {
    "DE": _words("Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Hoffmann Koch Wolf"),
    "FR": _words("Martin Bernard Dubois Moreau Laurent Lefèvre Garnier Faure Rousseau Girard"),
    "IT": _words("Rossi Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo Conti Ferrari"),
    "NL": _words("Jansen Bakker Visser Smit Meijer Mulder Bos Vos Peters Hendriks Dekker"),
    "PT": _words("Silva Santos Ferreira Pereira Oliveira Rodrigues Martins Sousa Almeida"),
    "PL": _words("Nowak Kowalski Wiśniewski Wójcik Kamiński Lewandowski Zieliński Szymański"),
    "SE": _words("Andersson Johansson Karlsson Nilsson Eriksson Larsson Lindqvist Berg"),
    "FI": _words("Korhonen Virtanen Mäkinen Nieminen Mäkelä Hämäläinen Laine Heikkinen"),
    "AT": _words("Gruber Huber Bauer Pichler Steiner Moser Mayer Hofer Leitner"),
    "BE": _words("Peeters Janssens Maes Jacobs Mertens Willems Claes Goossens Wouters"),
    "ES": _words("García Martínez López Sánchez Fernández Gómez Díaz Ruiz Hernández Moreno"),
}
EU_FIRST = {
    "DE": _words("Anna Lukas Julia Felix Katrin Stefan Lena Jonas"),
    "FR": _words("Camille Julien Claire Nicolas Élodie Thomas Manon Hugo"),
    "IT": _words("Giulia Marco Francesca Luca Chiara Alessandro Sara Matteo"),
    "NL": _words("Sanne Daan Lotte Bram Eva Jeroen Femke Ruben"),
    "PT": _words("Inês João Mariana Tiago Beatriz Rui Catarina Pedro"),
    "PL": _words("Agnieszka Piotr Katarzyna Tomasz Magdalena Paweł Anna Michał"),
    "SE": _words("Elin Erik Karin Johan Sofia Anders Maja Oskar"),
    "FI": _words("Aino Mikko Laura Juha Elina Antti Veera Ville"),
    "AT": _words("Lena Florian Sabine Martin Theresa Georg Katharina Lukas"),
    "BE": _words("Lotte Pieter Sarah Wouter Louise Thomas Emma Bart"),
    "ES": _words("Lucía Carlos María Javier Elena David Carmen Pablo"),
}
EU_LEGAL = {
    "DE": ("GmbH", "GmbH", "AG"),
    "FR": ("SAS", "SAS", "SA"),
    "IT": ("S.r.l.", "S.r.l.", "S.p.A."),
    "NL": ("B.V.", "B.V.", "N.V."),
    "PT": ("Lda.", "Lda.", "S.A."),
    "PL": ("Sp. z o.o.", "Sp. z o.o.", "S.A."),
    "SE": ("AB",),
    "FI": ("Oy", "Oy", "Oyj"),
    "AT": ("GmbH", "GmbH", "AG"),
    "BE": ("BV", "NV", "SRL"),
    "ES": ("SL", "SL", "SA"),
}
_COOPERATIVE_THEMES = ("food", "wine")


def fold(text: str) -> str:
    """ASCII letters for an address or a web name: 'Vallès' -> 'Valles', 'Łódź' -> 'Lodz'."""
    text = text.replace("ł", "l").replace("Ł", "L").replace("ß", "ss").replace("·", "")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c) and c.isascii())


def slugify(text: str) -> str:
    """A lower-case web name: 'Envasos del Vallès' -> 'envasos-del-valles'."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text).lower()).strip("-")


def brand(rng: Random) -> str:
    """An invented brand, e.g. 'Nexora'."""
    return rng.choice(BRAND_STARTS) + rng.choice(BRAND_ENDS)


def korean_brand(rng: Random) -> Pair:
    """An invented two-syllable Korean brand and its romanisation, e.g. ('한빛', 'Hanbit')."""
    (first_ko, first_en), (second_ko, second_en) = rng.sample(KOREAN_SYLLABLES, 2)
    return f"{first_ko}{second_ko}", f"{first_en}{second_en.lower()}"


def catalan_company(rng: Random, theme: Theme, area: str, startup: bool) -> OrgName:
    """A Catalan company name, e.g. 'Envasos del Vallès SL' or 'Puig Automoció SA'."""
    word, surname = rng.choice(theme.words_ca), rng.choice(CATALAN_SURNAMES)
    roll = rng.random()
    if startup or roll < 0.1:
        short = f"{brand(rng)} {rng.choice(theme.words_en)}"
    elif roll < 0.4 and area:
        short = f"{word} {area}"
    elif roll < 0.65:
        short = f"{surname} {word}"
    elif roll < 0.9:
        short = f"{word} {surname}"
    else:
        short = f"{surname} i {rng.choice(CATALAN_SURNAMES)}"
    legal = "SL" if startup else rng.choice(("SL", "SL", "SL", "SA", "SLU"))
    if theme.key in _COOPERATIVE_THEMES and rng.random() < 0.15 and not startup:
        legal = "SCCL"
    return OrgName(f"{short} {legal}", "", short)


def korean_company(rng: Random, theme: Theme, startup: bool) -> OrgName:
    """A Korean company in Hangul with its romanised name: '(주)한빛배터리' /
    'Hanbit Battery Co., Ltd.'."""
    brand_ko, brand_en = korean_brand(rng)
    words = theme.korean.words if theme.korean else (("테크", "Tech"), ("산업", "Industrial"))
    word_ko, word_en = rng.choice(words)
    hangul = f"{brand_ko}{word_ko}"
    short = f"{brand_en} {word_en}"
    if startup:
        return OrgName(hangul, f"{short} Inc.", short)
    roll = rng.random()
    prefix = "(주)" if roll < 0.45 else "주식회사 " if roll < 0.55 else ""
    suffix = "Corp." if rng.random() < 0.15 else "Co., Ltd."
    return OrgName(f"{prefix}{hangul}", f"{short} {suffix}", short)


def european_company(rng: Random, theme: Theme, country: str, startup: bool) -> OrgName:
    """A company elsewhere in the EU, e.g. 'Weber Automotive GmbH' or 'Lumora Robotics B.V.'."""
    word = rng.choice(theme.words_en)
    if startup or rng.random() < 0.45:
        short = f"{brand(rng)} {word}"
    else:
        short = f"{rng.choice(EU_SURNAMES[country])} {word}"
    return OrgName(f"{short} {rng.choice(EU_LEGAL[country])}", "", short)


@dataclass(frozen=True)
class PersonName:
    """How a person's name is written, and the local part of a work e-mail address."""

    name: str
    mailbox: str


def person(rng: Random, country: str) -> PersonName:
    """A plausible name for someone working in ``country``."""
    if country == "KR":
        (surname, surname_latin), (given, given_latin) = (
            rng.choice(KOREAN_SURNAMES),
            rng.choice(KOREAN_GIVEN),
        )
        name = f"{surname}{given} ({surname_latin} {given_latin})"
        return PersonName(name, f"{given_latin.replace('-', '')}.{surname_latin}".lower())
    if country == "ES" and rng.random() < 0.8:
        first, surname = rng.choice(CATALAN_FIRST), rng.choice(CATALAN_SURNAMES)
        name = f"{first} {surname} {rng.choice(CATALAN_SURNAMES)}"
    else:
        local = country if country in EU_FIRST else "ES"
        first, surname = rng.choice(EU_FIRST[local]), rng.choice(EU_SURNAMES[local])
        name = f"{first} {surname}"
    return PersonName(name, slugify(f"{first}.{surname}").replace("-", "."))
