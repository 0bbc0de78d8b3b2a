"""The technology vocabulary: what clusters and their members work on.

Written for ClusterBridge. Sources of the choice of terms: the European Commission's key
enabling technologies (COM(2009) 512 and the 2018 update by the High-Level Group on KETs:
advanced manufacturing, advanced materials, life-science technologies, micro- and
nanoelectronics and photonics, artificial intelligence, security and connectivity); the
Industry 4.0 literature (acatech's Industrie 4.0 recommendations, 2013; the Boston
Consulting Group's nine technologies, 2015); and the fields that recur in the profiles of
the European Cluster Collaboration Platform (energy, mobility, health, agri-food, ...).

Groups are entries of level 1; each technology is an entry of level 2 whose parent is its
group. A value matches a slug, a label or a synonym, ignoring case, accents and
punctuation ('3D printing', 'Additive Manufacturing' -> 'additive-manufacturing').
"""

from __future__ import annotations

from functools import cache

from clusterbridge.core.errors import UnknownCode
from clusterbridge.taxonomy.entry import Entry
from clusterbridge.taxonomy.matching import add_keys, fold, suggest

# slug | label | synonyms separated by ';'
_GROUPS = """
industry-4.0 | Industry 4.0 and digital technologies | digitalisation; smart industry
ket | Key enabling technologies | KETs
electronics | Electronics, semiconductors and quantum | electronics industry
energy | Energy technologies | energy; clean energy technologies
mobility | Mobility and transport technologies | mobility; transport
health | Health and life-science technologies | health; healthcare; life sciences
agri-food | Agri-food | agrifood; agriculture and food
environment | Environment and circular economy | cleantech; greentech; environment
materials | Materials and production technologies | production technologies
space | Space and aeronautics | space and aerospace
"""

# [group] starts a group's technologies; then slug | label | synonyms separated by ';'
_TECHNOLOGIES = """
[industry-4.0]
internet-of-things | Internet of Things | IoT; connected devices; M2M
industrial-internet | Industrial internet of things | IIoT; industrial IoT
cloud-computing | Cloud computing | cloud; SaaS; software as a service
edge-computing | Edge computing | fog computing; edge
high-performance-computing | High-performance computing | HPC; supercomputing
big-data-analytics | Big data and analytics | big data; data analytics; data science
machine-learning | Machine learning | ML; deep learning; neural networks
computer-vision | Computer vision | machine vision; image recognition
robotics-automation | Robotics and automation | robotics; robots; automation; cobots
additive-manufacturing | Additive manufacturing | 3D printing; AM; rapid prototyping
augmented-virtual-reality | Augmented and virtual reality | AR; VR; XR; mixed reality
cybersecurity | Cybersecurity | cyber security; information security; IT security
digital-twins | Digital twins | digital twin; virtual commissioning
simulation | Simulation and modelling | modelling; modeling; CAE; virtual prototyping
blockchain | Blockchain and distributed ledgers | DLT; distributed ledger; smart contracts
advanced-connectivity | 5G and advanced connectivity | 5G; 6G; wireless communication
autonomous-systems | Autonomous systems | autonomous robots; unmanned systems
sensors | Sensors and sensing | sensor; sensing; smart sensors; sensor networks
embedded-systems | Embedded and cyber-physical systems | embedded systems; CPS
smart-factory | Smart factory | smart manufacturing; MES; connected factory
predictive-maintenance | Predictive maintenance | condition monitoring
human-machine-interaction | Human-machine interaction | HMI; human-robot interaction
drones | Drones and unmanned aerial vehicles | drone; UAV; UAS
software-engineering | Software engineering | software; software development
creative-technologies | Creative and media technologies | video games; media technology
[ket]
advanced-manufacturing | Advanced manufacturing technologies | advanced manufacturing
advanced-materials | Advanced materials | new materials; smart materials
life-science-technologies | Life-science technologies | life-science technology
industrial-biotechnology | Industrial biotechnology | white biotechnology; bioprocessing
micro-nanoelectronics | Micro- and nanoelectronics | microelectronics; nanoelectronics
photonics | Photonics | optics; lasers; laser technology; optoelectronics
nanotechnology | Nanotechnology | nanotech; nanomaterials
artificial-intelligence | Artificial intelligence | AI; intelligent systems; NLP
security-connectivity | Security and connectivity | digital security and connectivity
[electronics]
semiconductors | Semiconductors | chips; microchips; integrated circuits; chip design
electronic-components | Electronic components and systems | ECS; electronic systems
power-electronics | Power electronics | power semiconductors; wide-bandgap; SiC; GaN
printed-electronics | Printed and flexible electronics | flexible electronics
mems | MEMS and microsystems | microsystems; micro-electro-mechanical systems
quantum-technologies | Quantum technologies | quantum; quantum computing
[energy]
battery-technology | Battery technology | batteries; battery; lithium-ion
hydrogen-fuel-cells | Hydrogen and fuel cells | hydrogen; fuel cells; electrolysers
renewable-energy | Renewable energy | renewables
solar-energy | Solar energy | photovoltaics; PV; solar
wind-energy | Wind energy | wind power; wind turbines; offshore wind
bioenergy | Bioenergy and biofuels | biofuels; biogas; biomass
sustainable-fuels | Sustainable and synthetic fuels | e-fuels; synthetic fuels; SAF
energy-storage | Energy storage | thermal storage; grid storage
smart-grids | Smart grids | smart grid; demand response; smart metering
energy-efficiency | Energy efficiency | energy management
heating-cooling | Heating, cooling and heat pumps | heat pumps; HVAC; district heating
carbon-capture | Carbon capture, utilisation and storage | CCUS; CCS; carbon capture
nuclear-technology | Nuclear technology | nuclear energy; small modular reactors
[mobility]
electric-mobility | Electric mobility | e-mobility; electric vehicles; EV; electromobility
charging-infrastructure | Charging infrastructure | EV charging; charging stations
automated-driving | Connected and automated driving | self-driving cars; CCAM; ADAS
rail-technology | Rail technology | railway; railways; rolling stock
maritime-technology | Maritime technology | shipbuilding; marine technology
intelligent-transport | Intelligent transport systems | ITS; smart mobility; MaaS
logistics-technology | Logistics technology | supply chain technology; logistics
[health]
biotechnology | Biotechnology | biotech; red biotechnology
medical-imaging | Medical imaging | imaging; radiology; MRI
drug-delivery | Drug delivery | drug delivery systems; controlled release
medical-devices | Medical devices | medtech; medical technology
diagnostics | Diagnostics | in vitro diagnostics; IVD; point-of-care testing
genomics | Genomics and precision medicine | precision medicine; personalised medicine
digital-health | Digital health | e-health; telemedicine; mHealth
regenerative-medicine | Regenerative medicine | cell therapy; gene therapy; ATMP
biopharmaceutical-production | Biopharmaceutical production | biologics; vaccines
assistive-technology | Assistive technology and active ageing | AAL; ambient assisted living
[agri-food]
agri-food-technology | Agri-food technology | agritech; agtech; foodtech
precision-agriculture | Precision agriculture | smart farming; precision farming
food-processing | Food processing | food technology; food production
alternative-proteins | Alternative proteins | plant-based protein; novel food
aquaculture | Aquaculture and fisheries | fish farming; fisheries
vertical-farming | Vertical and indoor farming | indoor farming; hydroponics
[environment]
water-treatment | Water treatment | wastewater treatment; desalination; water technology
circular-economy | Circular economy | circularity; remanufacturing; reuse
recycling | Recycling and waste management | waste management; waste treatment
air-quality | Air quality and emissions control | emissions control; air filtration
bioeconomy | Bio-based products and bioeconomy | bio-based; bioplastics; biorefineries
environmental-monitoring | Environmental monitoring | pollution monitoring
sustainable-construction | Sustainable construction | green building; smart buildings
[materials]
composites | Composite materials | composites; carbon fibre; CFRP; GFRP
advanced-textiles | Advanced textiles | technical textiles; smart textiles
packaging-technology | Packaging technology | packaging; smart packaging
lightweight-construction | Lightweight construction | lightweighting; lightweight design
surface-engineering | Surface engineering and coatings | coatings; thin films
metal-processing | Metals and metal processing | metalworking; metallurgy; machining
polymers | Polymers and plastics | plastics; plastics processing
chemical-processes | Chemical process technology | chemical engineering; catalysis
precision-engineering | Precision engineering and mechatronics | mechatronics; machinery
[space]
space-technology | Space technology | satellites; launchers; new space
earth-observation | Earth observation | remote sensing; Copernicus
satellite-navigation | Satellite navigation | GNSS; GPS; Galileo
aeronautics | Aeronautics and aviation | aerospace; aviation; aircraft
"""


def technology(value: str) -> str:
    """The slug of a technology or technology group, from its slug, label or a synonym
    ('3D printing' -> 'additive-manufacturing', 'IoT' -> 'internet-of-things')."""
    found = _keys().get(fold(value))
    if found is None:
        raise UnknownCode("technology", value, suggest(value, _entries(), _keys()))
    return found


def technology_entries() -> list[Entry]:
    """Every group (level 1), each followed by its technologies (level 2)."""
    return list(_entries().values())


def technology_terms() -> dict[str, tuple[str, ...]]:
    """Each slug -> its label and synonyms, the words a search should find it by."""
    return {slug: terms for slug, (_, terms) in _parsed().items()}


@cache
def _entries() -> dict[str, Entry]:
    return {slug: entry for slug, (entry, _) in _parsed().items()}


@cache
def _keys() -> dict[str, str]:
    keys: dict[str, str] = {}
    for slug, (_, terms) in _parsed().items():
        add_keys(keys, slug, (slug, *terms))
    return keys


@cache
def _parsed() -> dict[str, tuple[Entry, tuple[str, ...]]]:
    """Slug -> (entry, label and synonyms), groups each followed by their members."""
    groups = {slug: (Entry(slug, label), terms) for slug, label, terms in _rows(_GROUPS)}
    members: dict[str, list[tuple[str, str, tuple[str, ...]]]] = {slug: [] for slug in groups}
    group = ""
    for line in _TECHNOLOGIES.strip().splitlines():
        if line.startswith("["):
            group = line.strip("[]")
        else:
            members[group].extend(_rows(line))
    parsed: dict[str, tuple[Entry, tuple[str, ...]]] = {}
    for slug, (entry, terms) in groups.items():
        parsed[slug] = (entry, (entry.label, *terms))
        for code, label, synonyms in members[slug]:
            parsed[code] = (Entry(code, label, slug, 2), (label, *synonyms))
    return parsed


def _rows(table: str) -> list[tuple[str, str, tuple[str, ...]]]:
    """'slug | label | a; b' lines -> (slug, label, ('a', 'b'))."""
    rows = []
    for line in table.strip().splitlines():
        slug, label, synonyms = (part.strip() for part in line.split("|"))
        rows.append((slug, label, tuple(word.strip() for word in synonyms.split(";"))))
    return rows
