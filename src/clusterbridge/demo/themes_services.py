"""Theme profiles of consumer, health, energy, environment, digital and service sectors."""

from __future__ import annotations

from clusterbridge.demo.profile import Theme, korean, theme

SERVICE_THEMES: tuple[Theme, ...] = (
    theme(
        "food",
        "food and nutrition",
        "food industry",
        nace="10.13 10.85 10.89 10.39 10.51 | 10.82 10.84 28.93 46.38 10.11 10.71",
        tech="food-processing; agri-food-technology; alternative-proteins; packaging-technology;"
        " precision-agriculture; industrial-biotechnology; big-data-analytics",
        emerging="experience-industries",
        products="cured meat products; ready meals; plant-based protein foods; dairy desserts;"
        " fruit preparations; healthy snacks; functional ingredients",
        capabilities="food product development; high-pressure processing; sensory analysis;"
        " food safety certification; co-packing",
        needs="sustainable packaging suppliers; distributors in Korea and Japan; partners for"
        " alternative protein research; automation of food lines",
        related="packaging; wine; logistics; biopharma",
        words_ca="Alimentació; Conserves; Embotits; Càrnics; Lactis; Fruites",
        words_en="Foods; Nutrition; Food; Ingredients",
        hubs="Lleida; Vic; Girona; Olot; Mollerussa; Reus",
        parts="CL6; SC2",
        ko=korean(
            "농식품=Agro-Food",
            "식품=Foods; 푸드=Food; 농산=Agro; 바이오푸드=Biofood",
            "가공식품=Processed Food; 기능성식품=Functional Food; 발효=Fermentation;"
            " 포장=Packaging",
        ),
    ),
    theme(
        "wine",
        "wine and cava",
        "wine sector",
        nace="11.02 | 01.21 11.01 46.34 28.93 23.13",
        tech="agri-food-technology; precision-agriculture; food-processing;"
        " environmental-monitoring; sensors; drones",
        emerging="experience-industries",
        products="wines; cava; organic wines; vermouth; wine tourism experiences; winery equipment",
        capabilities="viticulture; winemaking; ageing and bottling; wine tourism; export marketing",
        needs="importers in Korea; lightweight glass bottles; precision viticulture sensors;"
        " climate adaptation advice",
        related="food; packaging; sports",
        words_ca="Celler; Vinyes; Caves; Vins",
        words_en="Wines; Cellars; Vineyards",
        hubs="Vilafranca del Penedès; Sant Sadurní d'Anoia; Reus; Figueres; Lleida; Valls",
        parts="CL6; SC2",
    ),
    theme(
        "beauty",
        "beauty and cosmetics",
        "beauty and cosmetics industry",
        nace="20.42 | 20.41 46.45 17.22 22.22 72.10",
        tech="biotechnology; chemical-processes; industrial-biotechnology; packaging-technology;"
        " nanotechnology; bioeconomy",
        emerging="creative-industries; biopharmaceuticals",
        products="skin care formulations; natural cosmetics; fragrances; hair care products;"
        " cosmetic packaging; active ingredients",
        capabilities="private-label cosmetic manufacturing; dermatological testing; formulation"
        " development; regulatory affairs for cosmetics",
        needs="K-beauty distribution partners; natural active ingredients; refillable packaging"
        " suppliers",
        related="chemicals; packaging; biopharma; fashion",
        words_ca="Cosmètica; Bellesa; Perfums",
        words_en="Cosmetics; Beauty; Care; Labs",
        hubs="Barcelona; Sant Cugat del Vallès; Granollers; Mataró",
        parts="CL6; SC2",
    ),
    theme(
        "biopharma",
        "biotechnology and pharmaceuticals",
        "life sciences sector",
        nace="21.20 21.10 72.10 | 46.46 20.14 71.20",
        tech="biotechnology; biopharmaceutical-production; drug-delivery; genomics;"
        " regenerative-medicine; diagnostics; life-science-technologies; machine-learning",
        emerging="biopharmaceuticals",
        products="generic medicines; biologics; vaccines; active pharmaceutical ingredients;"
        " cell therapies; diagnostic kits",
        capabilities="contract development and manufacturing; clinical trial management;"
        " GMP production; bioanalytical services",
        needs="licensing partners in Asia; CDMO capacity for biologics; AI for drug discovery;"
        " clinical sites for trials",
        related="medtech; chemicals; beauty; digital",
        words_ca="Biotech; Farma; Laboratoris; Biociències",
        words_en="Bio; Pharma; Therapeutics; Biosciences",
        hubs="Barcelona; Sant Cugat del Vallès; Cerdanyola del Vallès; L'Hospitalet de Llobregat",
        parts="CL1; SC1",
        ko=korean(
            "바이오헬스=Bio-Health",
            "바이오=Bio; 제약=Pharmaceutical; 바이오로직스=Biologics; 헬스케어=Healthcare",
            "의약품=Medicines; 바이오소재=Biomaterials; 진단=Diagnostics; 세포치료=Cell Therapy",
        ),
    ),
    theme(
        "medtech",
        "medical technology and e-health",
        "health technology sector",
        nace="32.50 26.60 | 26.51 62.10 86.91 46.46 72.10",
        tech="medical-devices; digital-health; medical-imaging; diagnostics; assistive-technology;"
        " sensors; artificial-intelligence; additive-manufacturing",
        emerging="medical-devices",
        products="surgical instruments; patient monitoring devices; telemedicine platforms;"
        " orthopaedic implants; imaging equipment; rehabilitation devices",
        capabilities="medical device design under ISO 13485; clinical validation; CE and MDR"
        " certification; software as a medical device",
        needs="hospitals for clinical pilots; distributors in Korea; partners in AI for"
        " diagnostics; contract manufacturers of implants",
        related="biopharma; digital; photonics; textiles",
        words_ca="Medical; Salut; Tecnologies Sanitàries",
        words_en="Medical; Health; Medtech; Care",
        hubs="Barcelona; Sant Cugat del Vallès; Girona; Terrassa",
        parts="CL1; SC1",
        ko=korean(
            "의료기기=Medical Devices",
            "메디칼=Medical; 헬스케어=Healthcare; 메디텍=Meditech; 의료=Medical",
            "진단기기=Diagnostic Devices; 재활=Rehabilitation; 디지털헬스=Digital Health;"
            " 영상=Imaging",
        ),
    ),
    theme(
        "energy-efficiency",
        "energy efficiency",
        "energy services sector",
        nace="43.22 27.12 71.12 | 28.25 35.30 26.51 43.21 43.23 62.10",
        tech="energy-efficiency; heating-cooling; smart-grids; internet-of-things;"
        " sustainable-construction; big-data-analytics",
        emerging="environmental-industries",
        products="heat pumps; building energy management systems; smart meters; efficient HVAC"
        " systems; district heating solutions",
        capabilities="energy audits; ESCO contracts; installation of efficient systems;"
        " monitoring and verification",
        needs="partners for industrial heat recovery; financing for ESCO projects; IoT sensor"
        " suppliers",
        related="solar; building; water; digital; power-equipment",
        words_ca="Energia; Eficiència; Climatització; Instal·lacions",
        words_en="Energy; Efficiency; Thermal; Climate",
        hubs="Barcelona; Terrassa; Girona; Lleida",
        parts="CL5; SC3",
    ),
    theme(
        "solar",
        "solar and renewable energy",
        "renewable energy sector",
        nace="35.12 27.90 43.21 | 26.11 42.22 71.12 35.16",
        tech="solar-energy; renewable-energy; energy-storage; smart-grids; power-electronics;"
        " wind-energy",
        emerging="environmental-industries",
        products="photovoltaic modules; solar trackers; inverters; agrivoltaic systems; battery"
        " storage for solar plants",
        capabilities="PV plant engineering; installation and maintenance; energy communities;"
        " grid integration studies",
        needs="battery storage suppliers; partners for floating PV; offtakers for PPAs",
        related="energy-efficiency; e-mobility; power-equipment; hydrogen",
        words_ca="Solar; Renovables; Fotovoltaica",
        words_en="Solar; Renewables; Sun; PV",
        hubs="Lleida; Tarragona; Girona; Barcelona",
        parts="CL5; SC3",
    ),
    theme(
        "water",
        "water",
        "water sector",
        nace="36.00 37.00 | 42.91 28.13 28.14 71.12 26.51 39.00 42.21",
        tech="water-treatment; environmental-monitoring; sensors; internet-of-things;"
        " digital-twins; circular-economy",
        emerging="environmental-industries; blue-growth-industries",
        products="desalination plants; water treatment membranes; smart water meters; pumps and"
        " valves; wastewater reuse systems",
        capabilities="water utility management; hydraulic engineering; water quality analysis;"
        " leak detection",
        needs="digital twin partners for water networks; membrane suppliers; pilot sites for"
        " water reuse",
        related="circular; energy-efficiency; chemicals; digital",
        words_ca="Aigües; Hidràulica; Depuració",
        words_en="Water; Aqua; Hydro",
        hubs="Barcelona; Girona; Tarragona; Lleida",
        parts="CL6; SC5",
    ),
    theme(
        "circular",
        "circular economy and recycling",
        "circular economy sector",
        nace="38.21 38.11 38.12 | 38.22 38.23 39.00 46.87",
        tech="circular-economy; recycling; bioeconomy; bioenergy; environmental-monitoring;"
        " computer-vision; air-quality",
        emerging="environmental-industries",
        products="recycled plastics; waste sorting lines; biogas plants; compost; recovered metals",
        capabilities="waste collection and sorting; material recovery; eco-design consulting;"
        " life-cycle assessment",
        needs="AI vision systems for sorting; customers for secondary raw materials; battery"
        " recycling partners",
        related="plastics; water; chemicals; packaging; building",
        words_ca="Reciclatge; Recuperacions; Residus",
        words_en="Recycling; Circular; Recovery",
        hubs="Barcelona; Tarragona; Girona; Manresa",
        parts="CL6; SC5",
    ),
    theme(
        "building",
        "sustainable building",
        "construction sector",
        nace="41.00 43.99 71.11 | 23.61 16.23 43.23 71.12 23.32",
        tech="sustainable-construction; energy-efficiency; digital-twins; additive-manufacturing;"
        " heating-cooling; advanced-materials",
        emerging="environmental-industries",
        products="prefabricated timber buildings; insulation systems; ceramic facades; BIM"
        " services; low-carbon concrete",
        capabilities="industrialised construction; BIM modelling; energy renovation; building"
        " certification",
        needs="bio-based insulation suppliers; digital twin tools for buildings; partners for"
        " 3D-printed housing",
        related="energy-efficiency; habitat; circular; solar",
        words_ca="Construccions; Edificació; Obres; Arquitectura",
        words_en="Build; Construction; Structures",
        hubs="Barcelona; Girona; Lleida; Tarragona; Olot",
        parts="CL5; SC5",
    ),
    theme(
        "digital",
        "ICT and digital",
        "digital sector",
        nace="62.10 62.20 63.10 | 26.20 58.29 62.90 61.10 26.30",
        tech="artificial-intelligence; cloud-computing; big-data-analytics; internet-of-things;"
        " software-engineering; advanced-connectivity; machine-learning; edge-computing;"
        " blockchain; high-performance-computing",
        emerging="digital-industries",
        products="industrial IoT platforms; AI software; cloud services; 5G private networks;"
        " data analytics dashboards; ERP solutions",
        capabilities="software development; data science; cloud migration; system integration;"
        " IoT connectivity",
        needs="industrial customers for AI pilots; partners in Korea for 5G applications;"
        " data scientists; access to HPC",
        related="cybersecurity; audiovisual; machinery; medtech; semiconductors",
        words_ca="Digital; Sistemes; Informàtica; Dades",
        words_en="Digital; Data; Systems; Soft; Tech",
        hubs="Barcelona; Sant Cugat del Vallès; Cerdanyola del Vallès; Girona; Lleida",
        parts="CL4; LEIT-ICT",
        ko=korean(
            "ICT융합=ICT Convergence",
            "정보통신=ICT; 소프트=Soft; 시스템=Systems; 데이터=Data; 네트웍스=Networks",
            "소프트웨어=Software; 인공지능=AI; 사물인터넷=IoT; 클라우드=Cloud",
        ),
    ),
    theme(
        "cybersecurity",
        "cybersecurity",
        "cybersecurity sector",
        nace="62.20 62.10 | 62.90 58.29 63.10 80.09",
        tech="cybersecurity; security-connectivity; blockchain; artificial-intelligence;"
        " cloud-computing; embedded-systems; quantum-technologies",
        emerging="digital-industries",
        products="security operations centre services; identity management software; OT"
        " security appliances; penetration testing",
        capabilities="security audits; incident response; secure software development; NIS2"
        " compliance consulting",
        needs="industrial customers for OT security; post-quantum cryptography partners;"
        " security analysts",
        related="digital; railways; medtech",
        words_ca="Ciberseguretat; Seguretat Digital",
        words_en="Cyber; Secure; Shield; Guard",
        hubs="Barcelona; Sant Cugat del Vallès",
        parts="CL3; SC7",
    ),
    theme(
        "audiovisual",
        "audiovisual and content",
        "audiovisual sector",
        nace="59.11 59.12 | 59.20 60.20 58.21 73.11 74.20",
        tech="creative-technologies; augmented-virtual-reality; artificial-intelligence;"
        " cloud-computing; computer-vision",
        emerging="creative-industries; digital-industries; experience-industries",
        products="film and series production; animation; video games; visual effects; immersive"
        " experiences",
        capabilities="post-production; virtual production; dubbing and subtitling; game"
        " development",
        needs="co-production partners in Korea; virtual production studios; AI tools for"
        " post-production",
        related="digital; graphic; sports",
        words_ca="Audiovisual; Produccions; Estudis; Animació",
        words_en="Studios; Media; Pictures; Games",
        hubs="Barcelona; Sant Cugat del Vallès; Terrassa",
        parts="CL2; SC6",
    ),
    theme(
        "habitat",
        "furniture and habitat",
        "habitat and furniture industry",
        nace="31.00 | 16.23 27.40 23.31 13.92 74.13 46.47",
        tech="sustainable-construction; advanced-materials; internet-of-things;"
        " additive-manufacturing; creative-technologies; circular-economy",
        emerging="creative-industries",
        products="contract furniture; lighting design; ceramic tiles; kitchen furniture; home"
        " textiles; outdoor furniture",
        capabilities="interior design; furniture manufacturing; contract projects for hotels;"
        " product design",
        needs="recycled materials for furniture; contract projects abroad; smart home"
        " technology partners",
        related="building; fashion; plastics; textiles",
        words_ca="Mobles; Interiors; Fusteria; Il·luminació",
        words_en="Furniture; Living; Design; Interiors",
        hubs="Barcelona; Olot; Manresa; Granollers",
        parts="CL2; SC6",
    ),
    theme(
        "graphic",
        "printing and graphic communication",
        "graphic industry",
        nace="18.12 18.13 | 18.14 17.12 58.19 20.30 74.12",
        tech="printed-electronics; packaging-technology; creative-technologies;"
        " additive-manufacturing; software-engineering",
        emerging="creative-industries; advanced-packaging",
        products="commercial printing; printed labels; publishing services; large-format"
        " printing; printed electronics",
        capabilities="offset and digital printing; pre-press; bookbinding; variable data printing",
        needs="functional inks; customers in packaging; web-to-print software",
        related="packaging; audiovisual; plastics",
        words_ca="Gràfiques; Arts Gràfiques; Impremta; Edicions",
        words_en="Print; Graphics; Press",
        hubs="Barcelona; Sabadell; Manresa; Girona",
        parts="CL2; SC6",
    ),
    theme(
        "sports",
        "sports industry",
        "sports industry",
        nace="32.30 93.19 | 93.11 93.13 14.21 15.20 62.10",
        tech="sensors; advanced-textiles; big-data-analytics; augmented-virtual-reality;"
        " composites; digital-health",
        emerging="experience-industries",
        products="sports equipment; bicycles and components; sportswear; sports analytics apps;"
        " fitness equipment; outdoor gear",
        capabilities="sports event organisation; performance testing; product design for sports",
        needs="smart textile partners; distributors in Asia; wearables suppliers",
        related="textiles; fashion; medtech; digital",
        words_ca="Esports; Sport; Outdoor",
        words_en="Sports; Active; Outdoor; Fit",
        hubs="Barcelona; Girona; Sant Cugat del Vallès; Olot",
        parts="CL2; SC6",
    ),
    theme(
        "logistics",
        "logistics",
        "logistics sector",
        nace="52.25 52.10 49.41 | 52.24 52.21 53.20 52.31 62.10",
        tech="logistics-technology; internet-of-things; autonomous-systems; big-data-analytics;"
        " blockchain; drones; intelligent-transport; robotics-automation",
        emerging="logistical-services",
        products="warehousing; freight forwarding; last-mile delivery; cold chain logistics;"
        " warehouse automation",
        capabilities="intermodal transport; customs brokerage; supply chain consulting; fleet"
        " management",
        needs="warehouse robots; electric delivery vans; partners in Korea for sea-air routes",
        related="maritime; railways; food; e-mobility",
        words_ca="Logística; Transports; Magatzems",
        words_en="Logistics; Cargo; Freight; Transport",
        hubs="El Prat de Llobregat; Barcelona; Tarragona; Lleida; Granollers",
        parts="CL5; SC4",
    ),
    theme(
        "maritime",
        "maritime and blue economy",
        "maritime sector",
        nace="52.22 50.20 33.15 | 30.12 30.11 50.10 71.12 03.21",
        tech="maritime-technology; aquaculture; autonomous-systems; sustainable-fuels;"
        " wind-energy; environmental-monitoring; logistics-technology",
        emerging="blue-growth-industries; logistical-services",
        products="port services; recreational boats; marine equipment; aquaculture systems;"
        " underwater drones",
        capabilities="ship repair; port logistics; marine engineering; nautical services",
        needs="green shipping fuels; partners in offshore wind; port digitalisation tools",
        related="logistics; shipbuilding; water",
        words_ca="Nàutica; Marítima; Port",
        words_en="Marine; Maritime; Nautical; Port",
        hubs="Barcelona; Tarragona; Blanes; Mataró",
        parts="CL6; SC2",
    ),
)
