"""Where the demo's organisations are: cities with their region codes and coordinates, and
the Korean industrial complexes that host the mini-clusters."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class City:
    """A city: ISO 3166-2 region, NUTS 2 region (empty outside the EU), centre coordinates;
    ``area`` is the Catalan phrase for its comarca as company names use it ('del Vallès')."""

    name: str
    country: str
    region: str
    nuts: str
    latitude: float
    longitude: float
    weight: int = 1
    area: str = ""


def _cities(table: str) -> tuple[City, ...]:
    """'name | region | nuts | lat | lon | weight | area' lines -> cities (the country is the
    region code's prefix)."""
    found = []
    for line in table.strip().splitlines():
        name, region, nuts, lat, lon, weight, area = (part.strip() for part in line.split("|"))
        country = region.split("-")[0]
        found.append(City(name, country, region, nuts, float(lat), float(lon), int(weight), area))
    return tuple(found)


CATALONIA = _cities(
    """
    Barcelona | ES-CT | ES51 | 41.3874 | 2.1686 | 14 | del Barcelonès
    L'Hospitalet de Llobregat | ES-CT | ES51 | 41.3597 | 2.0998 | 3 | del Llobregat
    Badalona | ES-CT | ES51 | 41.4500 | 2.2474 | 2 | del Barcelonès
    Terrassa | ES-CT | ES51 | 41.5632 | 2.0089 | 4 | del Vallès
    Sabadell | ES-CT | ES51 | 41.5463 | 2.1086 | 4 | del Vallès
    Rubí | ES-CT | ES51 | 41.4933 | 2.0326 | 2 | del Vallès
    Sant Cugat del Vallès | ES-CT | ES51 | 41.4722 | 2.0864 | 2 | del Vallès
    Cerdanyola del Vallès | ES-CT | ES51 | 41.4913 | 2.1408 | 1 | del Vallès
    Granollers | ES-CT | ES51 | 41.6079 | 2.2876 | 2 | del Vallès Oriental
    Mataró | ES-CT | ES51 | 41.5381 | 2.4445 | 2 | del Maresme
    Martorell | ES-CT | ES51 | 41.4743 | 1.9307 | 2 | del Baix Llobregat
    El Prat de Llobregat | ES-CT | ES51 | 41.3275 | 2.0952 | 1 | del Llobregat
    Castelldefels | ES-CT | ES51 | 41.2803 | 1.9767 | 1 | del Garraf
    Manresa | ES-CT | ES51 | 41.7251 | 1.8266 | 2 | del Bages
    Igualada | ES-CT | ES51 | 41.5789 | 1.6174 | 1 | de l'Anoia
    Vilafranca del Penedès | ES-CT | ES51 | 41.3463 | 1.6996 | 1 | del Penedès
    Sant Sadurní d'Anoia | ES-CT | ES51 | 41.4262 | 1.7855 | 1 | del Penedès
    Vic | ES-CT | ES51 | 41.9301 | 2.2549 | 2 | d'Osona
    Girona | ES-CT | ES51 | 41.9794 | 2.8214 | 3 | del Gironès
    Figueres | ES-CT | ES51 | 42.2667 | 2.9617 | 1 | de l'Empordà
    Olot | ES-CT | ES51 | 42.1818 | 2.4894 | 1 | de la Garrotxa
    Blanes | ES-CT | ES51 | 41.6741 | 2.7903 | 1 | de la Selva
    Tarragona | ES-CT | ES51 | 41.1189 | 1.2445 | 3 | del Tarragonès
    Reus | ES-CT | ES51 | 41.1561 | 1.1069 | 2 | del Baix Camp
    Valls | ES-CT | ES51 | 41.2862 | 1.2497 | 1 | de l'Alt Camp
    Tortosa | ES-CT | ES51 | 40.8125 | 0.5216 | 1 | de l'Ebre
    Lleida | ES-CT | ES51 | 41.6176 | 0.6200 | 3 | del Segrià
    Mollerussa | ES-CT | ES51 | 41.6314 | 0.8948 | 1 | del Pla d'Urgell
    Balaguer | ES-CT | ES51 | 41.7900 | 0.8050 | 1 | de la Noguera
    """,
)

REST_OF_SPAIN = _cities(
    """
    Madrid | ES-MD | ES30 | 40.4168 | -3.7038 | 4 |
    Bilbao | ES-PV | ES21 | 43.2630 | -2.9350 | 2 |
    València | ES-VC | ES52 | 39.4699 | -0.3763 | 2 |
    Zaragoza | ES-AR | ES24 | 41.6488 | -0.8891 | 1 |
    """,
)

KOREA = _cities(
    """
    Seoul | KR-11 | | 37.5665 | 126.9780 | 8 |
    Busan | KR-26 | | 35.1796 | 129.0756 | 4 |
    Daegu | KR-27 | | 35.8714 | 128.6014 | 3 |
    Incheon | KR-28 | | 37.4563 | 126.7052 | 3 |
    Gwangju | KR-29 | | 35.1595 | 126.8526 | 2 |
    Daejeon | KR-30 | | 36.3504 | 127.3845 | 2 |
    Ulsan | KR-31 | | 35.5384 | 129.3114 | 2 |
    Sejong | KR-50 | | 36.4800 | 127.2890 | 1 |
    Suwon | KR-41 | | 37.2636 | 127.0286 | 2 |
    Seongnam | KR-41 | | 37.4200 | 127.1265 | 2 |
    Ansan | KR-41 | | 37.3219 | 126.8309 | 2 |
    Siheung | KR-41 | | 37.3800 | 126.8029 | 2 |
    Hwaseong | KR-41 | | 37.1995 | 126.8312 | 2 |
    Pyeongtaek | KR-41 | | 36.9921 | 127.1129 | 1 |
    Wonju | KR-42 | | 37.3422 | 127.9202 | 1 |
    Cheongju | KR-43 | | 36.6424 | 127.4890 | 2 |
    Cheonan | KR-44 | | 36.8151 | 127.1139 | 2 |
    Asan | KR-44 | | 36.7898 | 127.0018 | 1 |
    Hongseong | KR-44 | | 36.6012 | 126.6608 | 1 |
    Jeonju | KR-45 | | 35.8242 | 127.1480 | 1 |
    Gunsan | KR-45 | | 35.9676 | 126.7366 | 1 |
    Iksan | KR-45 | | 35.9483 | 126.9577 | 1 |
    Yeongam | KR-46 | | 34.8003 | 126.6967 | 1 |
    Yeosu | KR-46 | | 34.7604 | 127.6622 | 1 |
    Mokpo | KR-46 | | 34.8118 | 126.3922 | 1 |
    Gumi | KR-47 | | 36.1195 | 128.3446 | 2 |
    Pohang | KR-47 | | 36.0190 | 129.3435 | 2 |
    Changwon | KR-48 | | 35.2280 | 128.6811 | 3 |
    Gimhae | KR-48 | | 35.2285 | 128.8894 | 1 |
    Geoje | KR-48 | | 34.8806 | 128.6211 | 1 |
    Sacheon | KR-48 | | 35.0037 | 128.0642 | 1 |
    Jinju | KR-48 | | 35.1800 | 128.1076 | 1 |
    """,
)

EU_CITIES = _cities(
    """
    München | DE-BY | DE21 | 48.1351 | 11.5820 | 4 |
    Stuttgart | DE-BW | DE11 | 48.7758 | 9.1829 | 4 |
    Karlsruhe | DE-BW | DE12 | 49.0069 | 8.4037 | 2 |
    Düsseldorf | DE-NW | DEA1 | 51.2277 | 6.7735 | 3 |
    Aachen | DE-NW | DEA2 | 50.7753 | 6.0839 | 2 |
    Berlin | DE-BE | DE30 | 52.5200 | 13.4050 | 4 |
    Dresden | DE-SN | DED2 | 51.0504 | 13.7373 | 2 |
    Paris | FR-IDF | FR10 | 48.8566 | 2.3522 | 6 |
    Lyon | FR-ARA | FRK2 | 45.7640 | 4.8357 | 4 |
    Grenoble | FR-ARA | FRK2 | 45.1885 | 5.7245 | 2 |
    Toulouse | FR-OCC | FRJ2 | 43.6047 | 1.4442 | 3 |
    Nantes | FR-PDL | FRG0 | 47.2184 | -1.5536 | 2 |
    Milano | IT-25 | ITC4 | 45.4642 | 9.1900 | 6 |
    Torino | IT-21 | ITC1 | 45.0703 | 7.6869 | 4 |
    Bologna | IT-45 | ITH5 | 44.4949 | 11.3426 | 3 |
    Eindhoven | NL-NB | NL41 | 51.4416 | 5.4697 | 3 |
    Amsterdam | NL-NH | NL32 | 52.3676 | 4.9041 | 3 |
    Rotterdam | NL-ZH | NL36 | 51.9244 | 4.4777 | 3 |
    Porto | PT-13 | PT11 | 41.1579 | -8.6291 | 3 |
    Lisboa | PT-11 | PT1A | 38.7223 | -9.1393 | 3 |
    Kraków | PL-12 | PL21 | 50.0647 | 19.9450 | 3 |
    Warszawa | PL-14 | PL91 | 52.2297 | 21.0122 | 3 |
    Poznań | PL-30 | PL41 | 52.4064 | 16.9252 | 2 |
    Wrocław | PL-02 | PL51 | 51.1079 | 17.0385 | 2 |
    Stockholm | SE-AB | SE11 | 59.3293 | 18.0686 | 4 |
    Göteborg | SE-O | SE23 | 57.7089 | 11.9746 | 3 |
    Helsinki | FI-18 | FI1B | 60.1699 | 24.9384 | 3 |
    Espoo | FI-18 | FI1B | 60.2055 | 24.6559 | 2 |
    Tampere | FI-11 | FI19 | 61.4978 | 23.7610 | 2 |
    Wien | AT-9 | AT13 | 48.2082 | 16.3738 | 4 |
    Graz | AT-6 | AT22 | 47.0707 | 15.4395 | 2 |
    Linz | AT-4 | AT31 | 48.3069 | 14.2858 | 2 |
    Bruxelles | BE-BRU | BE10 | 50.8503 | 4.3517 | 3 |
    Antwerpen | BE-VLG | BE21 | 51.2194 | 4.4025 | 2 |
    Leuven | BE-VLG | BE24 | 50.8798 | 4.7005 | 2 |
    Gent | BE-VLG | BE23 | 51.0543 | 3.7174 | 2 |
    """,
)
CITIES: dict[str, City] = {c.name: c for c in (*CATALONIA, *REST_OF_SPAIN, *KOREA, *EU_CITIES)}


@dataclass(frozen=True)
class Complex:
    """A Korean industrial complex: names in English and Hangul, type, host cities, area,
    the usual number of mini-clusters and the themes they take, in order."""

    code: str
    short: str
    short_ko: str
    name: str
    name_ko: str
    complex_type: str
    cities: tuple[str, ...]
    area_km2: float
    clusters: int
    themes: tuple[str, ...]

    @property
    def region(self) -> str:
        return CITIES[self.cities[0]].region


def _complex(spec: str, themes: str) -> Complex:
    """'code | short | short_ko | kind | cities | area | clusters' and its themes -> a complex."""
    code, short, short_ko, kind, cities, area, count = (part.strip() for part in spec.split("|"))
    suffix, suffix_ko = _COMPLEX_SUFFIXES[kind]
    return Complex(
        code=code,
        short=short,
        short_ko=short_ko,
        name=f"{short} {suffix}",
        name_ko=f"{short_ko}{suffix_ko}",
        complex_type=kind,
        cities=tuple(cities.split(";")),
        area_km2=float(area),
        clusters=int(count),
        themes=tuple(themes.split()),
    )


_COMPLEX_SUFFIXES = {
    "national": ("National Industrial Complex", "국가산업단지"),
    "general": ("General Industrial Complex", "일반산업단지"),
    "urban_high_tech": ("Urban High-tech Industrial Complex", "도시첨단산업단지"),
    "agro_industrial": ("Agro-industrial Complex", "농공단지"),
    "foreign_investment_zone": ("Foreign Investment Zone", "외국인투자지역"),
}

COMPLEXES: tuple[Complex, ...] = (
    _complex(
        "banwol-sihwa | Banwol-Sihwa | 반월시화 | national | Ansan;Siheung | 27.6 | 11",
        "batteries machinery automotive semiconductors chemicals metals power-equipment digital",
    ),
    _complex(
        "namdong | Namdong | 남동 | national | Incheon | 9.6 | 7",
        "machinery automotive metals digital chemicals semiconductors",
    ),
    _complex(
        "changwon | Changwon | 창원 | national | Changwon | 25.2 | 9",
        "machinery automotive power-equipment hydrogen aerospace shipbuilding metals",
    ),
    _complex(
        "gumi | Gumi | 구미 | national | Gumi | 24.4 | 7",
        "display semiconductors digital batteries photonics machinery",
    ),
    _complex(
        "ulsan-mipo | Ulsan Mipo | 울산미포 | national | Ulsan | 49.9 | 6",
        "shipbuilding automotive chemicals hydrogen batteries",
    ),
    _complex("onsan | Onsan | 온산 | national | Ulsan | 24.8 | 4", "chemicals metals hydrogen"),
    _complex(
        "daebul | Daebul | 대불 | national | Yeongam;Mokpo | 11.6 | 4",
        "shipbuilding machinery metals",
    ),
    _complex("yeosu | Yeosu | 여수 | national | Yeosu | 50.9 | 4", "chemicals hydrogen metals"),
    _complex(
        "osong | Osong Bio-health | 오송생명과학 | national | Cheongju | 4.6 | 5",
        "biopharma medtech",
    ),
    _complex(
        "gwangju | Gwangju High-tech | 광주첨단과학 | national | Gwangju | 9.3 | 5",
        "photonics automotive digital power-equipment medtech",
    ),
    _complex(
        "daegu-seongseo | Daegu Seongseo | 대구성서 | general | Daegu | 11.6 | 5",
        "textiles machinery medtech automotive digital",
    ),
    _complex(
        "seoul-digital | Seoul Digital | 서울디지털 | urban_high_tech | Seoul | 1.9 | 6",
        "digital semiconductors medtech photonics",
    ),
    _complex(
        "busan-noksan | Busan Noksan | 부산녹산 | national | Busan | 7.0 | 4",
        "shipbuilding automotive machinery metals textiles",
    ),
    _complex(
        "pohang | Pohang Steel | 포항철강 | general | Pohang | 13.4 | 4",
        "metals batteries hydrogen",
    ),
    _complex(
        "gunsan | Gunsan | 군산 | national | Gunsan | 16.6 | 4",
        "automotive machinery power-equipment",
    ),
    _complex(
        "ochang | Ochang Science | 오창과학 | general | Cheongju | 9.4 | 5",
        "batteries semiconductors biopharma display",
    ),
    _complex(
        "sacheon | Sacheon Aerospace | 사천항공 | general | Sacheon;Jinju | 3.6 | 3",
        "aerospace machinery",
    ),
    _complex(
        "cheonan | Cheonan | 천안 | foreign_investment_zone | Cheonan;Asan | 1.3 | 2",
        "display semiconductors",
    ),
    _complex("iksan | Iksan Food | 익산식품 | national | Iksan | 2.3 | 3", "food"),
    _complex(
        "hongseong | Hongseong | 홍성 | agro_industrial | Hongseong | 0.4 | 2", "food machinery"
    ),
)
