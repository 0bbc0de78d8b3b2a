"""Theme profiles of manufacturing: machines, metals, materials, electronics and textiles."""

from __future__ import annotations

from clusterbridge.demo.profile import Theme, korean, theme

INDUSTRY_THEMES: tuple[Theme, ...] = (
    theme(
        "machinery",
        "machinery and robotics",
        "machinery and Industry 4.0 sector",
        nace="28.41 28.99 28.29 28.22 | 28.15 33.12 33.20 28.96 26.51 62.10",
        tech="robotics-automation; precision-engineering; smart-factory; industrial-internet;"
        " predictive-maintenance; digital-twins; computer-vision; additive-manufacturing",
        emerging="digital-industries",
        products="CNC machine tools; industrial robots; automated guided vehicles; special-purpose"
        " machinery; vision inspection systems; collaborative robots; production line conveyors",
        capabilities="machine design and integration; robot cell programming; retrofitting of"
        " machine tools; precision machining; commissioning and maintenance",
        needs="partners in machine learning for quality control; suppliers of servo drives;"
        " distributors in Europe and Asia; pilot customers for predictive maintenance;"
        " engineers in industrial software",
        related="automotive; metals; semiconductors; aerospace; digital; shipbuilding",
        words_ca="Maquinària; Automatització; Robòtica; Enginyeria; Utillatges",
        words_en="Machinery; Robotics; Automation; Engineering; Mechatronics",
        hubs="Sabadell; Terrassa; Manresa; Rubí; Granollers; Girona",
        parts="CL4; LEIT-NMBP",
        ko=korean(
            "기계로봇=Machinery and Robotics",
            "기계=Machinery; 로보틱스=Robotics; 정공=Precision Machinery;"
            " 메카트로닉스=Mechatronics; 엔지니어링=Engineering",
            "스마트제조=Smart Manufacturing; 로봇=Robots; 공작기계=Machine Tools; 부품=Components",
        ),
    ),
    theme(
        "metals",
        "metal materials",
        "metalworking industry",
        nace="24.10 24.20 24.51 24.52 25.40 | 25.11 25.51 25.52 25.53 24.42 46.82",
        tech="metal-processing; surface-engineering; advanced-manufacturing;"
        " additive-manufacturing; lightweight-construction; simulation",
        emerging="",
        products="steel castings; forged parts; aluminium extrusions; heat-treated components;"
        " metal coatings; special steel tubes",
        capabilities="casting and forging; heat treatment; surface coating; metallurgical testing;"
        " metal powder production",
        needs="low-carbon steel and green hydrogen for furnaces; customers in shipbuilding and"
        " automotive; partners for metal additive manufacturing; scrap recycling partners",
        related="automotive; machinery; shipbuilding; batteries; hydrogen",
        words_ca="Metall; Foneria; Forja; Tractaments Tèrmics; Acers",
        words_en="Metal; Steel; Casting; Forging; Alloys",
        hubs="Manresa; Sabadell; Rubí; Tarragona",
        parts="CL4; LEIT-NMBP",
        ko=korean(
            "금속소재=Metal Materials",
            "금속=Metal; 철강=Steel; 주조=Casting; 단조=Forging; 특수강=Special Steel",
            "주조=Casting; 표면처리=Surface Treatment; 경량금속=Light Metals;"
            " 뿌리산업=Root Industry",
        ),
    ),
    theme(
        "plastics",
        "plastics and composites",
        "plastics industry",
        nace="22.21 22.25 22.26 20.16 | 22.22 28.96 22.12 38.21",
        tech="polymers; composites; bioeconomy; recycling; advanced-manufacturing;"
        " circular-economy; additive-manufacturing",
        emerging="advanced-packaging; environmental-industries",
        products="injection-moulded parts; plastic sheets and profiles; composite panels;"
        " bioplastic compounds; recycled polymer granulate; technical mouldings",
        capabilities="injection moulding; extrusion; mould making; compounding; polymer testing",
        needs="recycled and bio-based polymers; mould design partners; customers in automotive and"
        " packaging; energy-efficient injection machines",
        related="packaging; automotive; chemicals; circular; habitat",
        words_ca="Plàstics; Injecció; Motlles; Polímers; Composites",
        words_en="Plastics; Polymers; Moulding; Composites",
        hubs="Rubí; Terrassa; Sabadell; Tarragona; Igualada",
        parts="CL4; LEIT-NMBP",
    ),
    theme(
        "packaging",
        "packaging",
        "packaging industry",
        nace="17.21 22.22 25.92 23.13 | 28.29 18.12 16.24 25.91",
        tech="packaging-technology; polymers; bioeconomy; recycling; printed-electronics;"
        " robotics-automation; internet-of-things",
        emerging="advanced-packaging",
        products="corrugated cardboard boxes; flexible food packaging; glass bottles and jars;"
        " metal cans; compostable trays; packaging machinery; smart labels",
        capabilities="packaging design; end-of-line automation; migration testing for food"
        " contact; short-run digital printing; eco-design of packaging",
        needs="bio-based and recyclable materials; suppliers of smart labels; customers in food and"
        " cosmetics; partners for reusable packaging pilots",
        related="plastics; food; graphic; beauty; logistics; wine",
        words_ca="Envasos; Embalatges; Cartonatges; Packaging; Etiquetes",
        words_en="Packaging; Pack; Labels; Containers",
        hubs="Barcelona; Sabadell; Granollers; Vic; Igualada",
        parts="CL6; SC2",
    ),
    theme(
        "chemicals",
        "precision chemicals",
        "chemical industry",
        nace="20.14 20.13 20.16 20.59 20.30 | 20.11 20.12 20.15 46.85 71.20",
        tech="chemical-processes; advanced-materials; industrial-biotechnology; carbon-capture;"
        " polymers; surface-engineering; nanotechnology",
        emerging="environmental-industries; biopharmaceuticals",
        products="specialty chemicals; industrial coatings; adhesives; catalysts; fine chemical"
        " intermediates; industrial gases; high-performance resins",
        capabilities="chemical synthesis; process scale-up; analytical laboratory services;"
        " REACH registration support; pilot plant operation",
        needs="partners for carbon capture and utilisation; bio-based feedstock suppliers;"
        " green hydrogen offtake; customers in batteries and electronics",
        related="plastics; batteries; beauty; biopharma; hydrogen; circular",
        words_ca="Química; Productes Químics; Recobriments; Adhesius",
        words_en="Chemicals; Chem; Coatings; Catalysts",
        hubs="Tarragona; Reus; Valls; Martorell; Rubí",
        parts="CL4; SC5",
        ko=korean(
            "정밀화학=Precision Chemicals",
            "화학=Chemical; 케미칼=Chemical; 켐텍=Chemtech; 소재=Materials",
            "전자소재=Electronic Materials; 촉매=Catalysts; 코팅=Coatings; 고분자=Polymers",
        ),
    ),
    theme(
        "semiconductors",
        "semiconductor equipment",
        "semiconductor industry",
        nace="26.11 28.99 | 26.12 26.51 20.59 71.20 33.13",
        tech="semiconductors; micro-nanoelectronics; mems; electronic-components;"
        " advanced-manufacturing; nanotechnology; computer-vision",
        emerging="digital-industries",
        products="wafer cleaning equipment; vacuum pumps for fabs; probe cards; chip packaging"
        " materials; etching components; inspection systems",
        capabilities="cleanroom manufacturing; precision parts for deposition equipment; failure"
        " analysis; test and packaging services",
        needs="European chip design partners; customers for power semiconductor packaging;"
        " research partners in advanced packaging; specialists in metrology",
        related="display; machinery; photonics; digital; chemicals",
        words_ca="Semiconductors; Microelectrònica; Xips",
        words_en="Semiconductor; Semitech; Wafer; Microsystems",
        hubs="Barcelona; Cerdanyola del Vallès",
        parts="CL4; LEIT-ICT",
        ko=korean(
            "반도체장비=Semiconductor Equipment",
            "반도체=Semiconductor; 세미텍=Semitech; 일렉트로닉스=Electronics; 정밀=Precision",
            "장비=Equipment; 부품=Components; 소재=Materials; 후공정=Packaging and Test",
        ),
    ),
    theme(
        "display",
        "displays",
        "display industry",
        nace="26.11 26.40 | 26.12 23.15 20.59 28.99",
        tech="electronic-components; printed-electronics; photonics; advanced-materials;"
        " micro-nanoelectronics; semiconductors",
        emerging="digital-industries",
        products="OLED display panels; flexible display films; backlight units; touch sensors;"
        " display driver chips; cover glass",
        capabilities="thin-film deposition; panel inspection; optical bonding; display module"
        " assembly",
        needs="partners for micro-LED research; customers in automotive displays; suppliers of"
        " flexible substrates",
        related="semiconductors; photonics; digital; automotive",
        words_ca="Pantalles; Visualització",
        words_en="Display; Optics; Panel; Electronics",
        hubs="Barcelona",
        parts="CL4; LEIT-ICT",
        ko=korean(
            "디스플레이=Display",
            "디스플레이=Display; 옵틱스=Optics; 일렉트로닉스=Electronics; 광학=Optical",
            "OLED=OLED; 부품=Components; 소재=Materials; 장비=Equipment",
        ),
    ),
    theme(
        "photonics",
        "photonics",
        "photonics and optics sector",
        nace="26.70 27.40 26.51 | 27.31 26.11 32.50 71.20",
        tech="photonics; sensors; computer-vision; medical-imaging; micro-nanoelectronics;"
        " advanced-connectivity",
        emerging="digital-industries; medical-devices",
        products="industrial lasers; LED lighting systems; optical sensors; fibre optic"
        " components; hyperspectral cameras; optical lenses",
        capabilities="optical design; laser processing; photonic integration; optical testing",
        needs="customers in medical imaging and automotive LiDAR; partners in quantum photonics;"
        " distributors in Europe",
        related="display; semiconductors; medtech; digital; aerospace",
        words_ca="Fotònica; Òptica; Làser; Il·luminació",
        words_en="Photonics; Optics; Laser; Lighting",
        hubs="Castelldefels; Barcelona; Terrassa",
        parts="CL4; LEIT-ICT",
        ko=korean(
            "광융합=Photonics Convergence",
            "광학=Optical; 포토닉스=Photonics; 레이저=Laser; 라이팅=Lighting",
            "레이저=Lasers; 광센서=Optical Sensors; LED=LED; 광통신=Optical Communication",
        ),
    ),
    theme(
        "textiles",
        "technical textiles",
        "textile industry",
        nace="13.96 13.20 13.30 13.10 | 13.95 20.60 13.91 28.94",
        tech="advanced-textiles; composites; nanotechnology; circular-economy; sensors; polymers",
        emerging="creative-industries",
        products="technical fabrics; non-woven filters; functional yarns; smart textiles;"
        " coated fabrics; textile reinforcements for composites",
        capabilities="weaving and knitting; textile finishing; dyeing; textile testing",
        needs="recycled fibres; customers in automotive and medical textiles; partners in smart"
        " textile electronics",
        related="fashion; sports; medtech; automotive",
        words_ca="Tèxtil; Teixits; Filatures",
        words_en="Textile; Fabrics; Fibre",
        hubs="Terrassa; Sabadell; Mataró; Igualada",
        parts="CL4; LEIT-NMBP",
        ko=korean(
            "섬유=Textiles",
            "섬유=Textile; 텍스타일=Textile; 방직=Spinning; 화섬=Synthetic Fibre",
            "산업용섬유=Technical Textiles; 염색=Dyeing; 스마트섬유=Smart Textiles; 신발=Footwear",
        ),
    ),
    theme(
        "fashion",
        "fashion and apparel",
        "fashion industry",
        nace="14.21 14.10 15.20 14.29 | 46.42 13.30 74.11 15.12",
        tech="advanced-textiles; circular-economy; creative-technologies; blockchain;"
        " big-data-analytics; augmented-virtual-reality",
        emerging="creative-industries",
        products="knitwear collections; footwear; leather goods; sustainable fashion lines;"
        " made-to-measure apparel",
        capabilities="pattern making; garment manufacturing; digital fashion design; product"
        " traceability",
        needs="recycled textile suppliers; digital product passport solutions; retail partners"
        " in Asia",
        related="textiles; sports; habitat; beauty",
        words_ca="Moda; Confecció; Gènere de Punt; Calçat",
        words_en="Fashion; Apparel; Wear; Studio",
        hubs="Barcelona; Mataró; Igualada; Terrassa",
        parts="CL2; SC6",
    ),
)
