"""Theme profiles of mobility and energy hardware: vehicles, batteries, ships, aircraft,
trains, hydrogen and power equipment."""

from __future__ import annotations

from clusterbridge.demo.profile import Theme, korean, theme

MOBILITY_THEMES: tuple[Theme, ...] = (
    theme(
        "automotive",
        "automotive components",
        "automotive industry",
        nace="29.32 29.31 29.10 29.20 | 25.53 22.26 28.15 25.40 27.11 71.12",
        tech="lightweight-construction; electric-mobility; automated-driving;"
        " advanced-manufacturing; embedded-systems; robotics-automation; composites; sensors",
        emerging="mobility-technologies",
        products="brake and chassis components; wiring harnesses; injection-moulded interior parts;"
        " electronic control units; stamped body parts; powertrain components; seating systems;"
        " automotive lighting modules",
        capabilities="series production of automotive parts to IATF 16949; precision stamping;"
        " tooling design; functional safety engineering; end-of-line testing;"
        " just-in-sequence delivery",
        needs="suppliers of battery modules and battery management systems; lightweight composite"
        " materials; partners for ADAS software validation; automation of assembly lines;"
        " engineers in power electronics; recycled plastics for interior parts",
        related="e-mobility; batteries; plastics; machinery; metals; power-equipment",
        words_ca="Automoció; Components; Recanvis; Estampacions; Mecanitzats",
        words_en="Automotive; Auto Parts; Components; Drive Systems; Motion",
        hubs="Martorell; Barcelona; Sabadell; Terrassa; Granollers; El Prat de Llobregat",
        parts="CL5; LEIT-NMBP",
        ko=korean(
            "자동차부품=Automotive Parts",
            "오토텍=Autotech; 모터스=Motors; 오토모티브=Automotive; 정공=Precision;"
            " 산업=Industrial",
            "전장=Electronics; 경량소재=Lightweight Materials; 샤시=Chassis; 미래차=Future Vehicle",
        ),
    ),
    theme(
        "e-mobility",
        "electric mobility",
        "electric mobility sector",
        nace="29.10 29.31 27.90 30.91 30.92 | 27.11 27.12 43.21 62.10 71.12",
        tech="electric-mobility; charging-infrastructure; battery-technology; power-electronics;"
        " intelligent-transport; smart-grids; software-engineering",
        emerging="mobility-technologies; environmental-industries",
        products="EV charging stations; electric motorbikes; e-bike drive units; fleet management"
        " software; on-board chargers; light electric vehicles",
        capabilities="charging point installation; vehicle electrification; battery integration;"
        " homologation support; mobility-as-a-service platforms",
        needs="battery cells and battery packs; power electronics suppliers; grid operators for"
        " smart charging pilots; partners for vehicle-to-grid trials; lightweight chassis parts",
        related="automotive; batteries; power-equipment; solar; digital",
        words_ca="Mobilitat; Electromobilitat; Vehicles Elèctrics; Recàrrega",
        words_en="E-Mobility; EV; Charging; Volt; Mobility",
        hubs="Barcelona; Martorell; Sant Cugat del Vallès; Granollers",
        parts="CL5; SC4",
    ),
    theme(
        "batteries",
        "secondary batteries",
        "battery industry",
        nace="27.20 20.59 | 24.45 38.21 26.11 28.99 71.20",
        tech="battery-technology; energy-storage; advanced-materials; recycling;"
        " chemical-processes; electric-mobility; nanotechnology",
        emerging="mobility-technologies; environmental-industries",
        products="lithium-ion battery cells; battery modules; battery management systems; cathode"
        " materials; electrolyte additives; separators; battery packs for energy storage",
        capabilities="cell assembly; electrode coating; battery testing and certification;"
        " battery recycling; formation and ageing",
        needs="European customers in automotive and e-mobility; recycling partners for black mass;"
        " suppliers of lithium and nickel precursors; testing of battery safety;"
        " partners in solid-state batteries",
        related="automotive; e-mobility; chemicals; power-equipment; hydrogen",
        words_ca="Bateries; Emmagatzematge; Energia",
        words_en="Battery; Energy; Cell; Power; Storage",
        hubs="Barcelona; Martorell",
        parts="CL5; SC3",
        ko=korean(
            "이차전지=Secondary Battery",
            "배터리=Battery; 에너지=Energy; 셀텍=Celltech; 소재=Materials; 이노텍=Innotek",
            "소재=Materials; 장비=Equipment; 셀·모듈=Cells and Modules; 재활용=Recycling",
        ),
    ),
    theme(
        "hydrogen",
        "hydrogen and fuel cells",
        "hydrogen economy",
        nace="20.11 28.29 27.90 | 35.21 35.22 28.13 28.14 71.12",
        tech="hydrogen-fuel-cells; renewable-energy; energy-storage; sustainable-fuels;"
        " chemical-processes; advanced-materials",
        emerging="environmental-industries; mobility-technologies",
        products="PEM electrolysers; fuel cell stacks; hydrogen refuelling stations; hydrogen"
        " storage tanks; compressors and valves for hydrogen",
        capabilities="fuel cell testing; hydrogen safety engineering; electrolyser integration;"
        " gas system installation",
        needs="offtakers for green hydrogen; partners for fuel cell trucks and ships; suppliers of"
        " membranes and catalysts",
        related="chemicals; power-equipment; automotive; shipbuilding; solar",
        words_ca="Hidrogen; Piles de Combustible",
        words_en="Hydrogen; H2; Fuel Cell",
        hubs="Tarragona; Barcelona",
        parts="CL5; SC3",
        ko=korean(
            "수소연료전지=Hydrogen and Fuel Cell",
            "수소에너지=Hydrogen Energy; 퓨얼셀=Fuel Cell; 가스텍=Gastech; 에너지=Energy",
            "연료전지=Fuel Cells; 수전해=Electrolysis; 충전소=Refuelling; 저장=Storage",
        ),
    ),
    theme(
        "power-equipment",
        "electric power equipment",
        "electrical equipment industry",
        nace="27.11 27.12 27.32 | 27.33 27.90 33.14 43.21",
        tech="power-electronics; smart-grids; energy-storage; electronic-components;"
        " predictive-maintenance; energy-efficiency",
        emerging="environmental-industries",
        products="power transformers; switchgear; electric motors; power cables; inverters;"
        " substation automation systems",
        capabilities="high-voltage testing; transformer design; grid connection engineering;"
        " motor rewinding and repair",
        needs="partners for offshore wind grid connection; suppliers of SiC power modules;"
        " utilities for smart grid pilots",
        related="e-mobility; solar; hydrogen; batteries; machinery",
        words_ca="Electricitat; Transformadors; Cables; Motors Elèctrics",
        words_en="Electric; Power; Cable; Grid",
        hubs="Terrassa; Barcelona; Manresa",
        parts="CL5; SC3",
        ko=korean(
            "전력기기=Electric Power Equipment",
            "전기=Electric; 전력=Power; 전선=Cable; 일렉트릭=Electric",
            "변압기=Transformers; 전동기=Motors; 배전=Distribution; 스마트그리드=Smart Grid",
        ),
    ),
    theme(
        "shipbuilding",
        "shipbuilding and offshore plant",
        "shipbuilding industry",
        nace="30.11 33.15 30.12 | 25.11 28.11 71.12 25.99",
        tech="maritime-technology; metal-processing; digital-twins; autonomous-systems;"
        " sustainable-fuels; robotics-automation; wind-energy",
        emerging="blue-growth-industries; mobility-technologies",
        products="ship blocks and hull sections; marine engines; offshore platform modules;"
        " LNG cargo containment parts; ship outfitting; ballast water systems",
        capabilities="welding automation; ship design; offshore plant engineering; ship repair"
        " and retrofitting",
        needs="partners for ammonia and hydrogen-fuelled ships; European shipowners;"
        " suppliers of offshore wind foundations; welding robots",
        related="metals; machinery; hydrogen; maritime; power-equipment",
        words_ca="Naval; Drassanes; Construcció Naval",
        words_en="Marine; Shipbuilding; Offshore; Ocean",
        hubs="Barcelona; Tarragona",
        parts="CL5; SC4",
        ko=korean(
            "조선해양=Shipbuilding and Offshore Plant",
            "조선=Shipbuilding; 중공업=Heavy Industries; 마린=Marine; 해양=Ocean;"
            " 엔지니어링=Engineering",
            "기자재=Marine Equipment; 해양플랜트=Offshore Plant; 친환경선박=Green Ships;"
            " 블록=Hull Blocks",
        ),
    ),
    theme(
        "aerospace",
        "aerospace and space",
        "aerospace industry",
        nace="30.31 33.16 | 25.53 26.51 51.22 71.12 26.30",
        tech="aeronautics; space-technology; composites; additive-manufacturing; earth-observation;"
        " satellite-navigation; drones; simulation",
        emerging="mobility-technologies",
        products="aircraft structural parts; small satellites; drone systems; avionics; satellite"
        " ground stations; composite fuselage panels",
        capabilities="aerospace machining to EN 9100; composite manufacturing; satellite"
        " integration and testing; flight software",
        needs="customers among aircraft manufacturers; partners in Earth observation data;"
        " launch opportunities; suppliers of aerospace-grade composites",
        related="machinery; metals; photonics; digital; automotive",
        words_ca="Aeroespacial; Aeronàutica; Espai",
        words_en="Aerospace; Aero; Space; Avionics",
        hubs="Barcelona; Castelldefels; Sabadell; Sant Cugat del Vallès",
        parts="CL4; LEIT-SPACE",
        ko=korean(
            "항공부품=Aerospace Parts",
            "항공=Aerospace; 에어로텍=Aerotech; 우주=Space; 정밀=Precision",
            "기체부품=Airframe Parts; 엔진부품=Engine Parts; 위성=Satellites; 드론=Drones",
        ),
    ),
    theme(
        "railways",
        "railways",
        "railway industry",
        nace="30.20 33.17 | 42.12 27.12 26.30 71.12 49.20",
        tech="rail-technology; embedded-systems; predictive-maintenance; intelligent-transport;"
        " power-electronics; cybersecurity",
        emerging="mobility-technologies; logistical-services",
        products="rolling stock components; railway signalling systems; catenary equipment;"
        " passenger information systems; bogies",
        capabilities="railway engineering; maintenance of rolling stock; RAMS analysis;"
        " signalling integration",
        needs="partners for hydrogen trains; digital maintenance tools; European rail operators",
        related="e-mobility; logistics; power-equipment; machinery",
        words_ca="Ferroviari; Rail; Catenària",
        words_en="Rail; Railway; Transit",
        hubs="Barcelona; Sabadell; Martorell",
        parts="CL5; SC4",
    ),
)
