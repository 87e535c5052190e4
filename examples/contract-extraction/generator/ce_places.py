"""Jurisdictions, company and person names, addresses: the world the contracts are set in.

Every name is invented from parts; no real company or person is meant. Jurisdictions are drawn through
the chooser, so the ones at index 3, 7, 11, ... of JURISDICTIONS occur only in the held-out split.
"""


class Jurisdiction:
    def __init__(self, key, laws, adjective, courts, incorporated, suffixes, currency, cities, numbering):
        self.key = key                    # the extraction's governing_law
        self.laws = laws                  # "the laws of the State of New York", ...
        self.adjective = adjective        # "New York law" (may be None)
        self.courts = courts              # where disputes go
        self.incorporated = incorporated  # descriptors of a company formed there ("{no}" = a register number)
        self.suffixes = suffixes          # legal forms of company names
        self.currency = currency
        self.cities = cities
        self.numbering = numbering        # what a register number looks like ("08######")


J = Jurisdiction
JURISDICTIONS = [
    J("England and Wales",
      ["the laws of England and Wales", "the law of England and Wales", "English law", "the laws of England"],
      "English law",
      ["the courts of England and Wales", "the English courts", "the courts of London"],
      ["a company incorporated in England and Wales (company number {no})",
       "a private limited company registered in England and Wales under number {no}",
       "a company registered in England with company number {no}"],
      ["Ltd", "Limited", "plc", "LLP", "Ltd."], "GBP", ["London", "Manchester", "Leeds", "Bristol"], "0#######"),
    J("New York",
      ["the laws of the State of New York", "New York law", "the internal laws of the State of New York"],
      "New York law",
      ["the state and federal courts located in New York County, New York", "the courts of the State of New York"],
      ["a New York corporation", "a New York limited liability company"],
      ["Inc.", "LLC", "Corp.", "Corporation", "L.P."], "USD", ["New York", "Brooklyn", "Albany"], None),
    J("Delaware",
      ["the laws of the State of Delaware", "Delaware law", "the internal laws of the State of Delaware"],
      "Delaware law",
      ["the Court of Chancery of the State of Delaware", "the state and federal courts in Wilmington, Delaware"],
      ["a Delaware corporation", "a Delaware limited liability company", "a corporation organized under the laws "
       "of the State of Delaware"],
      ["Inc.", "LLC", "Corp.", "Holdings, Inc."], "USD", ["Wilmington", "Dover"], None),
    J("Texas",
      ["the laws of the State of Texas", "Texas law"],
      "Texas law",
      ["the state and federal courts located in Travis County, Texas", "the courts of Harris County, Texas"],
      ["a Texas corporation", "a Texas limited liability company"],
      ["Inc.", "LLC", "L.P."], "USD", ["Austin", "Houston", "Dallas"], None),
    J("California",
      ["the laws of the State of California", "California law"],
      "California law",
      ["the state and federal courts located in San Francisco County, California",
       "the courts of Santa Clara County, California"],
      ["a California corporation", "a California limited liability company"],
      ["Inc.", "LLC", "Corp."], "USD", ["San Francisco", "San Jose", "Los Angeles", "Oakland"], None),
    J("Germany",
      ["the laws of the Federal Republic of Germany", "German law", "the substantive laws of Germany"],
      "German law",
      ["the courts of Munich", "the competent courts of Frankfurt am Main", "the courts of Berlin"],
      ["a German limited liability company registered with the commercial register of the local court of Munich "
       "under HRB {no}", "a company organised under the laws of Germany (HRB {no})"],
      ["GmbH", "AG", "GmbH & Co. KG"], "EUR", ["Munich", "Hamburg", "Berlin", "Frankfurt am Main"], "######"),
    J("Ontario",
      ["the laws of the Province of Ontario and the federal laws of Canada applicable therein",
       "the laws of the Province of Ontario", "Ontario law"],
      "Ontario law",
      ["the courts of the Province of Ontario sitting in Toronto", "the Ontario Superior Court of Justice"],
      ["a corporation incorporated under the laws of Ontario", "an Ontario corporation"],
      ["Inc.", "Ltd.", "Corp."], "CAD", ["Toronto", "Ottawa", "Mississauga"], None),
    J("Scotland",
      ["the law of Scotland", "Scots law", "the laws of Scotland"],
      "Scots law",
      ["the Scottish courts", "the Court of Session in Edinburgh"],
      ["a company incorporated in Scotland (registered number SC{no})"],
      ["Limited", "Ltd"], "GBP", ["Edinburgh", "Glasgow", "Aberdeen"], "######"),
    J("Singapore",
      ["the laws of the Republic of Singapore", "Singapore law", "the laws of Singapore"],
      "Singapore law",
      ["the courts of Singapore", "the Singapore International Commercial Court"],
      ["a company incorporated in Singapore (UEN {no})", "a Singapore private limited company"],
      ["Pte. Ltd.", "Pte Ltd"], "SGD", ["Singapore"], "20#######K"),
    J("Ireland",
      ["the laws of Ireland", "Irish law", "the law of Ireland"],
      "Irish law",
      ["the courts of Ireland", "the Irish courts"],
      ["a company incorporated in Ireland (registered number {no})", "a private company limited by shares "
       "registered in Ireland under number {no}"],
      ["Limited", "DAC", "Ltd"], "EUR", ["Dublin", "Cork", "Galway"], "######"),
    J("Netherlands",
      ["the laws of the Netherlands", "Dutch law", "the laws of the Kingdom of the Netherlands"],
      "Dutch law",
      ["the competent court in Amsterdam", "the courts of Rotterdam"],
      ["a private limited company under Dutch law registered with the Chamber of Commerce under number {no}",
       "a Dutch company (KvK {no})"],
      ["B.V.", "N.V."], "EUR", ["Amsterdam", "Rotterdam", "Utrecht", "Eindhoven"], "########"),
    J("Hong Kong",
      ["the laws of the Hong Kong Special Administrative Region", "Hong Kong law", "the laws of Hong Kong"],
      "Hong Kong law",
      ["the courts of Hong Kong"],
      ["a company incorporated in Hong Kong (company number {no})"],
      ["Limited", "Ltd."], "HKD", ["Hong Kong", "Kowloon"], "#######"),
    J("New South Wales",
      ["the laws in force in New South Wales", "the laws of the State of New South Wales, Australia",
       "the law of New South Wales"],
      "New South Wales law",
      ["the courts of New South Wales", "the courts exercising jurisdiction in Sydney"],
      ["a company registered in New South Wales (ACN {no})", "an Australian company (ABN {no})"],
      ["Pty Ltd", "Pty Limited"], "AUD", ["Sydney", "Newcastle", "Parramatta"], "### ### ###"),
    J("France",
      ["the laws of France", "French law", "the law of the French Republic"],
      "French law",
      ["the commercial court of Paris", "the competent courts of Lyon"],
      ["a French société par actions simplifiée registered with the Paris Trade and Companies Register under "
       "number {no}", "a company organised under French law (RCS {no})"],
      ["SAS", "S.A.", "SARL"], "EUR", ["Paris", "Lyon", "Lille", "Bordeaux"], "### ### ###"),
    J("Switzerland",
      ["the substantive laws of Switzerland", "Swiss law", "the laws of Switzerland"],
      "Swiss law",
      ["the courts of the City of Zurich", "the ordinary courts of Geneva"],
      ["a Swiss company registered in the commercial register of the Canton of Zurich (CHE-{no})"],
      ["AG", "SA", "GmbH"], "CHF", ["Zurich", "Geneva", "Basel", "Lausanne"], "###.###.###"),
    J("Sweden",
      ["the laws of Sweden", "Swedish law", "the substantive law of Sweden"],
      "Swedish law",
      ["the Stockholm District Court", "the courts of Sweden"],
      ["a Swedish limited company (reg. no. 556{no})"],
      ["AB"], "SEK", ["Stockholm", "Gothenburg", "Malmö"], "###-####"),
    J("Massachusetts",
      ["the laws of the Commonwealth of Massachusetts", "Massachusetts law"],
      "Massachusetts law",
      ["the state and federal courts located in Suffolk County, Massachusetts", "the courts of Boston, Massachusetts"],
      ["a Massachusetts corporation", "a Massachusetts limited liability company"],
      ["Inc.", "LLC", "Corp."], "USD", ["Boston", "Cambridge", "Worcester"], None),
    J("Japan",
      ["the laws of Japan", "Japanese law"],
      "Japanese law",
      ["the Tokyo District Court", "the Osaka District Court"],
      ["a company incorporated under the laws of Japan", "a Japanese kabushiki kaisha"],
      ["K.K.", "Co., Ltd.", "Corporation"], "JPY", ["Tokyo", "Osaka", "Yokohama", "Nagoya"], None),
    J("India",
      ["the laws of India", "Indian law", "the laws of the Republic of India"],
      "Indian law",
      ["the courts at Mumbai", "the courts of Bengaluru", "the courts at New Delhi"],
      ["a company incorporated under the Companies Act, 2013 (CIN U72{no})", "an Indian private limited company"],
      ["Private Limited", "Pvt. Ltd.", "Limited"], "INR", ["Mumbai", "Bengaluru", "Pune", "Hyderabad"], "######"),
    J("British Columbia",
      ["the laws of the Province of British Columbia and the federal laws of Canada applicable therein",
       "the laws of British Columbia", "British Columbia law"],
      "British Columbia law",
      ["the courts of British Columbia sitting in Vancouver"],
      ["a British Columbia company", "a company incorporated under the laws of British Columbia"],
      ["Ltd.", "Inc.", "Corp."], "CAD", ["Vancouver", "Victoria", "Kelowna"], None),
    J("Illinois",
      ["the laws of the State of Illinois", "Illinois law"],
      "Illinois law",
      ["the state and federal courts located in Cook County, Illinois"],
      ["an Illinois corporation", "an Illinois limited liability company"],
      ["Inc.", "LLC", "Co."], "USD", ["Chicago", "Evanston", "Springfield"], None),
    J("New Zealand",
      ["the laws of New Zealand", "New Zealand law"],
      "New Zealand law",
      ["the courts of New Zealand", "the High Court of New Zealand at Auckland"],
      ["a New Zealand company (company number {no})"],
      ["Limited", "Ltd"], "NZD", ["Auckland", "Wellington", "Christchurch"], "#######"),
    J("South Africa",
      ["the laws of the Republic of South Africa", "South African law"],
      "South African law",
      ["the High Court of South Africa, Gauteng Division, Johannesburg", "the courts of Cape Town"],
      ["a private company registered in South Africa (registration number 20##/{no}/07)"],
      ["(Pty) Ltd", "Proprietary Limited"], "ZAR", ["Johannesburg", "Cape Town", "Durban"], "######"),
    J("Spain",
      ["the laws of Spain", "Spanish law", "the common law of Spain"],
      "Spanish law",
      ["the courts of Madrid", "the courts and tribunals of Barcelona"],
      ["a Spanish limited company (sociedad limitada) with tax ID B{no}"],
      ["S.L.", "S.A."], "EUR", ["Madrid", "Barcelona", "Valencia", "Seville"], "########"),
    J("Washington",
      ["the laws of the State of Washington", "Washington law"],
      "Washington law",
      ["the state and federal courts located in King County, Washington"],
      ["a Washington corporation", "a Washington limited liability company"],
      ["Inc.", "LLC", "PLLC"], "USD", ["Seattle", "Tacoma", "Spokane", "Redmond"], None),
    J("Victoria",
      ["the laws of the State of Victoria, Australia", "the law in force in Victoria", "the laws of Victoria"],
      "Victorian law",
      ["the courts of Victoria", "the Supreme Court of Victoria in Melbourne"],
      ["a company registered in Victoria (ACN {no})", "an Australian proprietary company (ABN {no})"],
      ["Pty Ltd", "Pty. Ltd."], "AUD", ["Melbourne", "Geelong", "Ballarat"], "### ### ###"),
    J("Denmark",
      ["the laws of Denmark", "Danish law"],
      "Danish law",
      ["the Copenhagen City Court", "the courts of Denmark"],
      ["a Danish private limited company (CVR no. {no})"],
      ["ApS", "A/S"], "DKK", ["Copenhagen", "Aarhus", "Odense"], "########"),
    J("Florida",
      ["the laws of the State of Florida", "Florida law"],
      "Florida law",
      ["the state and federal courts located in Miami-Dade County, Florida"],
      ["a Florida corporation", "a Florida limited liability company"],
      ["Inc.", "LLC", "Corp."], "USD", ["Miami", "Orlando", "Tampa"], None),
]
BY_KEY = {j.key: j for j in JURISDICTIONS}


# Company names: a distinctive word, often a line of business, then the legal form of the place.
NAME_HEADS = ["Brightwater", "Kestrel", "Halcyon", "Pinebrook", "Ironbridge", "Bluefern", "Northgate", "Silverline",
              "Redwood", "Oakhurst", "Cobalt", "Meridian", "Tidewater", "Lumen", "Ashgrove", "Granite Peak",
              "Fairhaven", "Quayside", "Amberly", "Westmoor", "Stonebridge", "Clearpath", "Harrow", "Vantage",
              "Juniper", "Corvid", "Elmstead", "Saltmarsh", "Highmoor", "Copperleaf", "Riverbend", "Orchid",
              "Larkspur", "Greyfield", "Sable", "Wrenfield", "Atlas Rock", "Blue Heron", "Calder", "Drumlin",
              "Emberline", "Fennick", "Goldcrest", "Hollis", "Inverness", "Jasper", "Kingsway", "Lyric", "Marlow",
              "Nimbus", "Olivine", "Pemberton", "Quarry Hill", "Rowan", "Seabright", "Thornbury", "Umber",
              "Verity", "Willowmere", "Yarrow", "Zephyr", "Alder", "Beacon", "Crestwood", "Dunmore", "Everly",
              "Foxglove", "Glenhaven", "Heathrow Park", "Ivory", "Kittering", "Lindell", "Moorcroft", "Norland",
              "Oxley", "Primrose", "Quillon", "Ravensworth", "Solent", "Tamsin", "Upland", "Vireo", "Weyland",
              "Arden", "Bellweather", "Castellan", "Denholm", "Eastbrook", "Falkner", "Greenlaw", "Hartwell",
              "Isola", "Kinloch", "Lockhart", "Mirren", "Northcote", "Orrin", "Portwell", "Redcliffe", "Skye",
              "Trevarno", "Aquila", "Borealis", "Cygnet", "Delphine", "Estuary", "Fjord", "Garnet", "Helix",
              "Indigo", "Kairos", "Lodestar", "Mosaic", "Nettle", "Opal", "Pavilion", "Quantum Leaf", "Rill",
              "Sorrel", "Talon", "Ursa", "Vesper", "Wicklow", "Xylem", "Yew Tree"]
NAME_TRADES = ["Analytics", "Logistics", "Foods", "Robotics", "Software", "Health", "Capital", "Properties",
               "Engineering", "Media", "Textiles", "Pharma", "Systems", "Labs", "Partners", "Holdings", "Dental",
               "Consulting", "Energy", "Marine", "Packaging", "Biotech", "Retail", "Hospitality", "Data", "Studios",
               "Trading", "Security", "Interiors", "Estates", "Freight", "Medical", "Networks", "Finance",
               "Components", "Apparel", "Brewing", "Learning", "Events", "Technologies", "Ventures", "Supplies",
               "Clinics", "Design", "Aviation", "Agritech", "Payments", "Cloud", "Mobility", "Print", "Realty",
               "Instruments", "Coffee Roasters", "Recruitment", "Insights", "Digital", "Materials", "Tooling"]

BUSINESS_AREAS = ["logistics", "food distribution", "software development", "medical devices", "renewable energy",
                  "data analytics", "retail operations", "marine engineering", "digital payments", "packaging",
                  "hospitality", "construction", "biotechnology", "digital marketing", "cybersecurity", "recruitment",
                  "precision agriculture", "technical textiles", "print and publishing", "pharmaceuticals",
                  "event management", "industrial automation", "e-learning", "freight forwarding", "interior design",
                  "clinical research", "property management", "specialty coffee", "aviation maintenance",
                  "fleet telematics", "cloud hosting", "audio equipment"]

FIRST_NAMES = ["Amara", "Priya", "Daniel", "Sofia", "Kenji", "Fatima", "Lukas", "Chloe", "Mateo", "Aisha", "Oliver",
               "Ingrid", "Rahul", "Grace", "Tomasz", "Yuki", "Nadia", "Samuel", "Elena", "Kwame", "Hannah", "Diego",
               "Mei", "Jonas", "Leila", "Patrick", "Anika", "Marco", "Zara", "Henrik", "Olga", "Ravi", "Claire",
               "Ibrahim", "Lucia", "Ethan", "Noor", "Felix", "Ama", "Martin", "Sana", "Pierre", "Emily", "Arjun",
               "Beatriz", "Connor", "Dalia", "Erik", "Farah", "Gustav", "Helena", "Ivan", "Julia", "Karim", "Laura",
               "Mohammed", "Nina", "Omar", "Paula", "Quentin", "Rosa", "Stefan", "Tara", "Uma", "Victor", "Wen",
               "Xavier", "Yasmin", "Zoltan", "Aoife", "Bjorn", "Carmen", "Dev", "Esther", "Finn", "Gabriela",
               "Hugo", "Imani", "Jakob", "Keiko", "Lars", "Maya", "Niall", "Oksana", "Pedro", "Rania", "Sven",
               "Thandiwe", "Ursula", "Vikram", "Wanjiru", "Yosef"]
LAST_NAMES = ["Osei", "Patel", "Novak", "Fischer", "Tanaka", "Haddad", "Moreau", "Okafor", "Lindqvist", "Reyes",
              "Kowalski", "Brennan", "Nakamura", "Adeyemi", "Castillo", "Schmidt", "Chen", "O'Neill", "Varga",
              "Mensah", "Dubois", "Andersen", "Rossi", "Sato", "Kaur", "Murphy", "Ibrahim", "Costa", "Horvat",
              "Walsh", "Bergström", "Silva", "Nguyen", "Kim", "Hughes", "Petrov", "Ali", "Jansen", "Fernández",
              "Ozturk", "Campbell", "Rahman", "Dimitrov", "Yamamoto", "Achebe", "Larsen", "MacLeod", "Santos",
              "Weber", "Khan", "Moretti", "Forde", "Lefebvre", "Abara", "Byrne", "Cohen", "Dlamini", "Eriksen",
              "Gallagher", "Hoffmann", "Iyer", "Jovanović", "Kovacs", "Lim", "Mahlangu", "Nieminen", "Ortiz",
              "Park", "Quinn", "Rasmussen", "Suzuki", "Tremblay", "Usman", "Vasquez", "Whitfield", "Zhou"]
TITLES = ["Mr", "Ms", "Mr.", "Ms.", "Dr", "Dr.", "Mrs", "Mx"]

STREETS = ["Harbour Street", "King's Road", "Market Square", "Elm Avenue", "Station Road", "Main Street",
           "Riverside Drive", "Victoria Street", "Mill Lane", "Broad Street", "Park Avenue", "Church Road",
           "Quay Street", "Bridge Street", "Hill Road", "Commerce Way", "Canal Street", "Oak Lane", "Wharf Road",
           "Castle Street", "Cedar Boulevard", "Industrial Estate Road", "Lakeview Parkway", "North Street"]


def register_number(ch, pattern):
    out = []
    for c in pattern:
        out.append(str(ch.randint(0, 9)) if c == "#" else c)
    return "".join(out)


def company_name(ch, juris):
    head = ch.pick(NAME_HEADS)
    r = ch.rng.random()
    if r < 0.7:
        core = head + " " + ch.pick(NAME_TRADES)
    elif r < 0.85:
        core = head
    else:
        core = head + " & " + ch.pick(LAST_NAMES)
    return core + " " + ch.pick(juris.suffixes)


def person_name(ch):
    return ch.pick(FIRST_NAMES) + " " + ch.pick(LAST_NAMES)


def address(ch, juris):
    return "%d %s, %s" % (ch.randint(1, 240), ch.pick(STREETS), ch.pick(juris.cities))
