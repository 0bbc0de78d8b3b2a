"""The fixed organisations of the scenario: agencies, public bodies, universities, research
centres and chambers of commerce. Universities and agencies carry their public names; research
centres and regional agencies are invented for the demo."""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Institution:
    """An organisation every scenario has. ``latin`` is the romanised name of a Korean one;
    ``themes`` are the sectors a research centre works for (universities get theirs from
    the clusters they join)."""

    key: str
    kind: str
    name: str
    latin: str
    city: str
    founded: int | None
    themes: tuple[str, ...] = ()


def _table(kind: str, text: str) -> tuple[Institution, ...]:
    """'key | name | latin | city | founded | themes' lines -> institutions."""
    found = []
    for line in text.strip().splitlines():
        key, name, latin, city, founded, themes = (part.strip() for part in line.split("|"))
        year = int(founded) if founded else None
        found.append(Institution(key, kind, name, latin, city, year, tuple(themes.split())))
    return tuple(found)


ACCIO = Institution(
    "accio",
    "public_body",
    "ACCIÓ – Agència per la Competitivitat de l'Empresa",
    "",
    "Barcelona",
    2008,
)
KICOX = Institution(
    "kicox",
    "public_body",
    "한국산업단지공단",
    "Korea Industrial Complex Corporation (KICOX)",
    "Daegu",
    1997,
)

PUBLIC_BODIES = _table(
    "public_body",
    """
    kiat | 한국산업기술진흥원 | Korea Institute for Advancement of Technology | Seoul | 2009 |
    tp-gyeonggi | 경기테크노파크 | Gyeonggi Technopark | Ansan | 1998 |
    tp-incheon | 인천테크노파크 | Incheon Technopark | Incheon | 1998 |
    tp-gyeongnam | 경남테크노파크 | Gyeongnam Technopark | Changwon | 1998 |
    tp-gyeongbuk | 경북테크노파크 | Gyeongbuk Technopark | Gumi | 1998 |
    tp-ulsan | 울산테크노파크 | Ulsan Technopark | Ulsan | 2003 |
    tp-jeonnam | 전남테크노파크 | Jeonnam Technopark | Mokpo | 2004 |
    tp-chungbuk | 충북테크노파크 | Chungbuk Technopark | Cheongju | 1999 |
    tp-gwangju | 광주테크노파크 | Gwangju Technopark | Gwangju | 1999 |
    tp-daegu | 대구테크노파크 | Daegu Technopark | Daegu | 1998 |
    tp-busan | 부산테크노파크 | Busan Technopark | Busan | 1999 |
    tp-jeonbuk | 전북테크노파크 | Jeonbuk Technopark | Jeonju | 2003 |
    tp-chungnam | 충남테크노파크 | Chungnam Technopark | Cheonan | 1999 |
    tp-seoul | 서울테크노파크 | Seoul Technopark | Seoul | 2004 |
    aj-terrassa | Ajuntament de Terrassa | | Terrassa | |
    aj-sabadell | Ajuntament de Sabadell | | Sabadell | |
    aj-girona | Ajuntament de Girona | | Girona | |
    aj-tarragona | Ajuntament de Tarragona | | Tarragona | |
    aj-lleida | Ajuntament de Lleida | | Lleida | |
    aj-reus | Ajuntament de Reus | | Reus | |
    aj-manresa | Ajuntament de Manresa | | Manresa | |
    aj-mataro | Ajuntament de Mataró | | Mataró | |
    eu-bavaria | Bavarian Regional Innovation Agency | | München | 2001 |
    eu-bw | Innovation Agency Baden-Württemberg | | Stuttgart | 2004 |
    eu-ara | Agence Régionale d'Innovation Auvergne-Rhône-Alpes | | Lyon | 2006 |
    eu-lombardy | Agenzia Regionale per lo Sviluppo Industriale Lombardo | | Milano | 2003 |
    eu-brabant | Brabant Regional Development Agency | | Eindhoven | 2000 |
    eu-norte | Agência de Inovação do Norte | | Porto | 2007 |
    eu-malopolska | Małopolska Innovation Agency | | Kraków | 2005 |
    eu-west-sweden | West Sweden Industry Agency | | Göteborg | 2002 |
    eu-uusimaa | Uusimaa Business Agency | | Helsinki | 2010 |
    eu-styria | Styrian Business Agency | | Graz | 2001 |
    eu-flanders | Flanders Cluster Office | | Bruxelles | 2017 |
    """,
)

TECHNOPARKS: dict[str, str] = {
    "KR-41": "tp-gyeonggi",
    "KR-28": "tp-incheon",
    "KR-48": "tp-gyeongnam",
    "KR-47": "tp-gyeongbuk",
    "KR-31": "tp-ulsan",
    "KR-46": "tp-jeonnam",
    "KR-43": "tp-chungbuk",
    "KR-29": "tp-gwangju",
    "KR-27": "tp-daegu",
    "KR-26": "tp-busan",
    "KR-45": "tp-jeonbuk",
    "KR-44": "tp-chungnam",
    "KR-11": "tp-seoul",
}
"""Region -> the technopark that manages its general and agro-industrial complexes here."""

# Founding years before 1800 (Barcelona 1450, Bologna 1088, Leuven 1425) are left empty:
# the registry accepts years from 1800 on.
UNIVERSITIES = _table(
    "university",
    """
    ub | Universitat de Barcelona | | Barcelona | |
    uab | Universitat Autònoma de Barcelona | | Cerdanyola del Vallès | 1968 |
    upc | Universitat Politècnica de Catalunya | | Barcelona | 1971 |
    upf | Universitat Pompeu Fabra | | Barcelona | 1990 |
    udg | Universitat de Girona | | Girona | 1991 |
    udl | Universitat de Lleida | | Lleida | 1991 |
    urv | Universitat Rovira i Virgili | | Tarragona | 1991 |
    uoc | Universitat Oberta de Catalunya | | Barcelona | 1995 |
    kaist | 한국과학기술원 | KAIST | Daejeon | 1971 |
    snu | 서울대학교 | Seoul National University | Seoul | 1946 |
    postech | 포항공과대학교 | POSTECH | Pohang | 1986 |
    unist | 울산과학기술원 | UNIST | Ulsan | 2007 |
    gist | 광주과학기술원 | GIST | Gwangju | 1993 |
    dgist | 대구경북과학기술원 | DGIST | Daegu | 2004 |
    pnu | 부산대학교 | Pusan National University | Busan | 1946 |
    knu | 경북대학교 | Kyungpook National University | Daegu | 1946 |
    jnu | 전남대학교 | Chonnam National University | Gwangju | 1952 |
    cwnu | 국립창원대학교 | Changwon National University | Changwon | 1969 |
    kit-kumoh | 국립금오공과대학교 | Kumoh National Institute of Technology | Gumi | 1979 |
    cbnu | 충북대학교 | Chungbuk National University | Cheongju | 1951 |
    kmou | 국립한국해양대학교 | Korea Maritime & Ocean University | Busan | 1945 |
    tukorea | 한국공학대학교 | Tech University of Korea | Siheung | 1997 |
    inu | 인천대학교 | Incheon National University | Incheon | 1979 |
    gnu | 경상국립대학교 | Gyeongsang National University | Jinju | 1948 |
    tum | Technische Universität München | | München | 1868 |
    kit | Karlsruher Institut für Technologie | | Karlsruhe | 2009 |
    rwth | RWTH Aachen University | | Aachen | 1870 |
    polimi | Politecnico di Milano | | Milano | 1863 |
    polito | Politecnico di Torino | | Torino | 1859 |
    unibo | Università di Bologna | | Bologna | |
    tue | Technische Universiteit Eindhoven | | Eindhoven | 1956 |
    up | Universidade do Porto | | Porto | 1911 |
    uga | Université Grenoble Alpes | | Grenoble | 2016 |
    ut3 | Université Toulouse III – Paul Sabatier | | Toulouse | 1969 |
    kth | KTH Royal Institute of Technology | | Stockholm | 1827 |
    chalmers | Chalmers University of Technology | | Göteborg | 1829 |
    aalto | Aalto University | | Espoo | 2010 |
    tuwien | Technische Universität Wien | | Wien | 1815 |
    tugraz | Technische Universität Graz | | Graz | 1811 |
    kuleuven | KU Leuven | | Leuven | |
    agh | AGH University of Krakow | | Kraków | 1919 |
    put | Politechnika Poznańska | | Poznań | 1919 |
    """,
)

RESEARCH_CENTRE_THEMES: dict[str, str] = {
    "ctic": "machinery plastics automotive",
    "icma": "chemicals plastics packaging building",
    "crsd": "medtech biopharma digital",
    "iremed": "energy-efficiency solar e-mobility water",
    "ctap": "food wine packaging",
    "icfv": "photonics medtech digital",
    "cim-mob": "automotive e-mobility railways",
    "csd": "digital cybersecurity audiovisual",
    "iqc": "chemicals plastics circular beauty",
    "cttx": "fashion sports habitat graphic",
    "imp": "maritime logistics",
    "cra": "aerospace photonics machinery",
    "caec": "water circular building",
    "kbti": "batteries chemicals",
    "ksmi": "machinery automotive metals",
    "khci": "hydrogen chemicals automotive",
    "kmei": "shipbuilding metals",
    "kbhri": "biopharma medtech",
    "ksei": "semiconductors display",
    "kpci": "photonics medtech digital",
    "ktmi": "textiles",
    "kfci": "chemicals batteries",
    "krci": "machinery shipbuilding",
    "kdti": "display semiconductors photonics",
    "kaci": "aerospace machinery",
    "kfoci": "food",
    "kepei": "power-equipment hydrogen automotive",
    "kmmi": "metals automotive",
    "kici": "digital semiconductors",
    "kapi": "automotive batteries",
    "ipts": "machinery automotive aerospace",
    "bfzs": "batteries e-mobility",
    "ctma": "chemicals plastics",
    "iras": "aerospace",
    "ima": "machinery automotive",
    "crbl": "biopharma medtech",
    "bsrc": "semiconductors photonics medtech",
    "iem": "maritime shipbuilding",
    "nhrc": "hydrogen maritime",
    "fict": "circular batteries digital",
    "zdpw": "digital machinery",
    "imll": "semiconductors digital display",
}
"""The sectors each research centre works for."""

RESEARCH_CENTRES = tuple(
    replace(c, themes=tuple(RESEARCH_CENTRE_THEMES[c.key].split()))
    for c in _table(
        "research_centre",
        """
    ctic | Centre Tecnològic Industrial del Vallès |  | Cerdanyola del Vallès | 1998 |
    icma | Institut Català de Materials Avançats |  | Barcelona | 2003 |
    crsd | Centre de Recerca en Salut Digital |  | Barcelona | 2009 |
    iremed | Institut de Recerca en Energia del Mediterrani |  | Tarragona | 2008 |
    ctap | Centre Tecnològic Agroalimentari de Ponent |  | Lleida | 1996 |
    icfv | Institut de Ciències Fotòniques del Vallès |  | Castelldefels | 2002 |
    cim-mob | Centre d'Innovació en Mobilitat |  | Martorell | 2011 |
    csd | Centre de Supercomputació i Dades |  | Barcelona | 2005 |
    iqc | Institut Químic del Camp |  | Tarragona | 1994 |
    cttx | Centre Tecnològic de la Indústria Tèxtil |  | Terrassa | 1989 |
    imp | Institut Marítim i Portuari |  | Barcelona | 2006 |
    cra | Centre de Recerca Aeroespacial |  | Castelldefels | 2010 |
    caec | Centre de l'Aigua i l'Economia Circular |  | Girona | 2012 |
    kbti | 한국이차전지기술연구원 | Korea Battery Technology Institute | Cheongju | 2012 |
    ksmi | 한국스마트제조연구원 | Korea Smart Manufacturing Institute | Ansan | 2008 |
    khci | 한국수소융합연구원 | Korea Hydrogen Convergence Institute | Ulsan | 2015 |
    kmei | 한국조선해양기술원 | Korea Marine Engineering Institute | Busan | 2001 |
    kbhri | 한국바이오헬스연구원 | Korea Bio-Health Research Institute | Cheongju | 2010 |
    ksei | 한국반도체장비연구원 | Korea Semiconductor Equipment Institute | Hwaseong | 2006 |
    kpci | 한국광융합연구원 | Korea Photonics Convergence Institute | Gwangju | 2001 |
    ktmi | 한국섬유소재연구원 | Korea Textile Materials Institute | Daegu | 1994 |
    kfci | 한국정밀화학연구원 | Korea Fine Chemicals Institute | Yeosu | 2003 |
    krci | 한국로봇융합연구원 | Korea Robotics Convergence Institute | Pohang | 2009 |
    kdti | 한국디스플레이기술원 | Korea Display Technology Institute | Gumi | 2005 |
    kaci | 한국항공부품연구원 | Korea Aerospace Components Institute | Sacheon | 2013 |
    kfoci | 한국식품융합연구원 | Korea Food Convergence Institute | Iksan | 2011 |
    kepei | 한국전력기기연구원 | Korea Electric Power Equipment Institute | Changwon | 1976 |
    kmmi | 한국금속소재연구원 | Korea Metal Materials Institute | Incheon | 1999 |
    kici | 한국정보통신융합연구원 | Korea ICT Convergence Institute | Daejeon | 1985 |
    kapi | 한국자동차부품연구원 | Korea Automotive Parts Institute | Cheonan | 1990 |
    ipts | Institut für Produktionstechnik Süd |  | München | 1994 |
    bfzs | Batterieforschungszentrum Stuttgart |  | Stuttgart | 2011 |
    ctma | Centre Technique des Matériaux Avancés |  | Lyon | 1992 |
    iras | Institut de Recherche Aéronautique du Sud |  | Toulouse | 1999 |
    ima | Istituto per la Meccatronica Avanzata |  | Torino | 2001 |
    crbl | Centro Ricerche Biomediche Lombardo |  | Milano | 2004 |
    bsrc | Brainport Sensor Research Centre |  | Eindhoven | 2008 |
    iem | Instituto de Engenharia do Mar |  | Porto | 1997 |
    nhrc | Nordic Hydrogen Research Centre |  | Göteborg | 2016 |
    fict | Finnish Institute for Circular Technologies |  | Espoo | 2012 |
    zdpw | Zentrum für Digitale Produktion Wien |  | Wien | 2015 |
    imll | Interuniversity Microelectronics Lab Leuven |  | Leuven | 1990 |
    """,
    )
)

CHAMBERS = _table(
    "other",
    """
    cc-barcelona | Cambra de Comerç de Barcelona | | Barcelona | 1886 |
    cc-terrassa | Cambra de Comerç de Terrassa | | Terrassa | 1886 |
    cc-sabadell | Cambra de Comerç de Sabadell | | Sabadell | 1886 |
    cc-girona | Cambra de Comerç de Girona | | Girona | 1886 |
    cc-tarragona | Cambra de Comerç de Tarragona | | Tarragona | 1886 |
    cc-lleida | Cambra de Comerç de Lleida | | Lleida | 1905 |
    cc-reus | Cambra de Comerç de Reus | | Reus | 1886 |
    cc-manresa | Cambra de Comerç de Manresa | | Manresa | 1886 |
    kcci-ansan | 안산상공회의소 | Ansan Chamber of Commerce and Industry | Ansan | 1989 |
    kcci-changwon | 창원상공회의소 | Changwon Chamber of Commerce and Industry | Changwon | 1969 |
    kcci-gumi | 구미상공회의소 | Gumi Chamber of Commerce and Industry | Gumi | 1978 |
    kcci-ulsan | 울산상공회의소 | Ulsan Chamber of Commerce and Industry | Ulsan | 1949 |
    kcci-incheon | 인천상공회의소 | Incheon Chamber of Commerce and Industry | Incheon | 1885 |
    kcci-gwangju | 광주상공회의소 | Gwangju Chamber of Commerce and Industry | Gwangju | 1948 |
    kcci-daegu | 대구상공회의소 | Daegu Chamber of Commerce and Industry | Daegu | 1906 |
    kcci-busan | 부산상공회의소 | Busan Chamber of Commerce and Industry | Busan | 1889 |
    kcci-cheongju | 청주상공회의소 | Cheongju Chamber of Commerce and Industry | Cheongju | 1948 |
    kcci-pohang | 포항상공회의소 | Pohang Chamber of Commerce and Industry | Pohang | 1948 |
    ekif | Europe-Korea Industry Forum | | Bruxelles | 2012 |
    """,
)
