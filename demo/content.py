"""Demo newsroom content for ``manage.py load_demo``: the fictional Hanbit News Agency.

Pure data, written for this project. Every person, company, club, festival, museum and
figure below is invented; real public bodies appear only in routine, generic statements.
"Today" for the demo is Sunday, Nov. 29, 2026: ``hours_ago`` counts back from the moment
the loader runs, and the weekdays and caption dates in the copy assume that date.
"""

from __future__ import annotations

AGENCY = "Hanbit"
DESK_EMAIL = "newsdesk@hanbit.example"

WRITERS = [
    {
        "name": "Park Min-seo",
        "name_ko": "박민서",
        "email": "minseo@hanbit.example",
        "slug": "park-min-seo",
    },
    {
        "name": "Han Seo-yeon",
        "name_ko": "한서연",
        "email": "syhan@hanbit.example",
        "slug": "han-seo-yeon",
    },
    {
        "name": "Kang Na-rae",
        "name_ko": "강나래",
        "email": "naraek@hanbit.example",
        "slug": "kang-na-rae",
    },
    {
        "name": "Choi Ji-hoon",
        "name_ko": "최지훈",
        "email": "jhchoi@hanbit.example",
        "slug": "choi-ji-hoon",
    },
    {
        "name": "Yoon Dae-sung",
        "name_ko": "윤대성",
        "email": "dsyoon@hanbit.example",
        "slug": "yoon-dae-sung",
    },
    {
        "name": "Oh Jun-young",
        "name_ko": "오준영",
        "email": "jyoh@hanbit.example",
        "slug": "oh-jun-young",
    },
    {
        "name": "Seo Jae-won",
        "name_ko": "서재원",
        "email": "jwseo@hanbit.example",
        "slug": "seo-jae-won",
    },
    {
        "name": "Lim Soo-bin",
        "name_ko": "임수빈",
        "email": "soobin@hanbit.example",
        "slug": "lim-soo-bin",
    },
    {
        "name": "Kwon Hae-jin",
        "name_ko": "권해진",
        "email": "hjkwon@hanbit.example",
        "slug": "kwon-hae-jin",
    },
]

KEYWORDS = [
    "Seoul",
    "transport",
    "subway",
    "weather",
    "Jeju",
    "aviation",
    "food prices",
    "kimjang",
    "Busan",
    "shipping",
    "startups",
    "robotics",
    "electronics",
    "baseball",
    "marathon",
    "festivals",
    "museums",
    "crafts",
    "libraries",
    "North Korea",
    "separated families",
    "elections",
    "accessibility",
    "overseas Koreans",
    "snow",
]

PHOTOS = {
    "night-bus": {
        "description": "A late-night bus leaves a stop in central Seoul.",
        "photographer": "Lee Ha-eun",
        "credit": "Hanbit",
        "source": "",
        "restriction": "",
        "alt_text": "A blue city bus pulling away from a lit bus stop at night",
        "width": 1600,
        "height": 1067,
        "palette": ["#1d3557", "#f1c40f", "#0b132b"],
    },
    "icy-road": {
        "description": "Commuters walk along an icy sidewalk in Seoul during a cold wave.",
        "photographer": "Jung Woo-jin",
        "credit": "Hanbit",
        "source": "",
        "restriction": "",
        "alt_text": "Bundled-up pedestrians on a frosty sidewalk beside a wide road",
        "width": 1600,
        "height": 900,
        "palette": ["#dfe7ef", "#6c7a89", "#2e86de"],
    },
    "first-snow": {
        "description": "A snow-covered path in a park in central Seoul.",
        "photographer": "Seo Ga-young",
        "credit": "Hanbit",
        "source": "",
        "restriction": "",
        "alt_text": "A person walking a small dog on a snowy park path lined with bare trees",
        "width": 1080,
        "height": 1620,
        "palette": ["#f5f7fa", "#8d99ae", "#2b2d42"],
    },
    "cabbage-market": {
        "description": "Napa cabbages are stacked for sale at a traditional market in Seoul.",
        "photographer": "Bae Tae-min",
        "credit": "Hanbit",
        "source": "",
        "restriction": "",
        "alt_text": "Shoppers beside tall stacks of green napa cabbages at a market stall",
        "width": 1800,
        "height": 1200,
        "palette": ["#7cb342", "#f4e4c1", "#5d4037"],
    },
    "port-cranes": {
        "description": "Container cranes load a cargo ship at a terminal in Busan.",
        "photographer": "Jung Woo-jin",
        "credit": "Hanbit",
        "source": "",
        "restriction": "",
        "alt_text": "Red gantry cranes over a container ship at a busy port terminal",
        "width": 2048,
        "height": 1365,
        "palette": ["#0077b6", "#e63946", "#adb5bd"],
    },
    "robot-delivery": {
        "description": "A sidewalk delivery robot at an apartment complex in Seoul.",
        "photographer": "Lee Ha-eun",
        "credit": "Hanbit",
        "source": "",
        "restriction": "",
        "alt_text": "A small white six-wheeled robot with an orange flag waiting by an elevator",
        "width": 1600,
        "height": 1200,
        "palette": ["#ffffff", "#ff7f11", "#3a506b"],
    },
    "ereader-launch": {
        "description": "A foldable e-book reader is displayed at a launch event in Seoul.",
        "photographer": "Bae Tae-min",
        "credit": "Hanbit",
        "source": "",
        "restriction": "",
        "alt_text": "A half-folded e-reader showing a page of text on a dark display stand",
        "width": 1400,
        "height": 933,
        "palette": ["#222831", "#eeeeee", "#00adb5"],
    },
    "marathon-runners": {
        "description": "Runners set off along the Han River in Seoul at the start of a marathon.",
        "photographer": "Seo Ga-young",
        "credit": "Hanbit",
        "source": "",
        "restriction": "",
        "alt_text": "A crowd of runners in colorful jackets and hats crossing a start line",
        "width": 2000,
        "height": 1333,
        "palette": ["#ff595e", "#1982c4", "#8ac926"],
    },
    "lantern-festival": {
        "description": "Visitors walk past lanterns at a riverside festival in western Seoul.",
        "photographer": "Lee Ha-eun",
        "credit": "Hanbit",
        "source": "",
        "restriction": "",
        "alt_text": "Glowing orange and yellow lanterns shaped like boats over a dark path",
        "width": 1080,
        "height": 1350,
        "palette": ["#0d1b2a", "#ffb703", "#fb8500"],
    },
    "museum-lacquer": {
        "description": (
            "A mother-of-pearl sewing box is displayed at the Seoul Museum of Everyday Crafts"
            " in this photo provided by the museum."
        ),
        "photographer": "",
        "credit": "Hanbit",
        "source": "",
        "restriction": "PHOTO NOT FOR SALE",
        "alt_text": "A black lacquered box inlaid with shimmering shell in a crane and pine design",
        "width": 1500,
        "height": 1500,
        "palette": ["#1b1b1b", "#c9b79c", "#6b4226"],
    },
    "library-night": {
        "description": "People read at a public library in northern Seoul late at night.",
        "photographer": "Jung Woo-jin",
        "credit": "Hanbit",
        "source": "",
        "restriction": "",
        "alt_text": "Readers at long wooden tables under warm desk lamps in a quiet library",
        "width": 1067,
        "height": 1600,
        "palette": ["#3e2723", "#ffe082", "#795548"],
    },
    "ballot-guide": {
        "description": "Officials demonstrate an easy-read voter guide at a mock polling station.",
        "photographer": "Kim Do-yeon",
        "credit": "Hanbit",
        "source": "Pool photo",
        "restriction": "",
        "alt_text": "Two officials holding an illustrated booklet beside a voting booth",
        "width": 1600,
        "height": 1067,
        "palette": ["#003f88", "#fdc500", "#f8f9fa"],
    },
}

STORIES = [
    # ------------------------------------------------------------------ national
    {
        "slug": "Night-bus-routes",
        "section": "national",
        "keywords": ["Seoul", "transport"],
        "top": True,
        "photos": ["night-bus"],
        "versions": [
            {
                "kind": "original",
                "genre": "news",
                "hours_ago": 52,
                "headline": "Seoul to expand late-night bus network to 14 lines",
                "deck": "",
                "writers": ["Park Min-seo"],
                "place": "SEOUL",
                "body": [
                    "The Seoul Metropolitan Government said Friday it will add five late-night"
                    " bus lines next month, expanding to 14 lines a network that serves commuters"
                    " after the subway stops running.",
                    "The new lines will connect residential districts on the city's northeastern"
                    " and southwestern edges with central business areas, running from around"
                    " midnight to 5 a.m., the city said in a statement.",
                    "The existing nine lines carried an average of about 9,800 passengers a night"
                    " in October, up 12 percent from a year earlier, according to city data.",
                    "The city said it will announce the exact routes and the start date next week.",
                    "Officials have cited growing late-night demand from shift workers in"
                    " delivery, health care and hospitality, as well as from students and"
                    " restaurant staff.",
                ],
                "signoff": "minseo@hanbit.example",
                "advisory": [],
                "captions": [
                    {
                        "photo": "night-bus",
                        "after": 0,
                        "text": "A late-night bus leaves a stop in central Seoul on Nov. 26, 2026.",
                    }
                ],
                "correction_note": "",
                "internal_note": (
                    "Line count confirmed with the city's bus policy division at 10:40."
                    " Start date still pending; they promised a briefing after lunch."
                ),
            },
            {
                "kind": "lead",
                "genre": "news",
                "hours_ago": 49,
                "headline": "Seoul to expand late-night bus network to 14 lines from mid-December",
                "deck": "",
                "writers": ["Park Min-seo"],
                "place": "SEOUL",
                "body": [
                    "Seoul will add five late-night bus lines from Dec. 14, expanding to 14 lines"
                    " a network that carries commuters home after the subway stops running, city"
                    " officials said Friday.",
                    "The new lines will link the northeastern districts of Nowon and Jungnang and"
                    " the southwestern districts of Gangseo and Guro with downtown Seoul, Yeouido"
                    " and the Gangnam business district, according to the Seoul Metropolitan"
                    " Government.",
                    "Buses on the new lines will run from 11:30 p.m. to 4:50 a.m., the city said.",
                    '"Many of the people who keep the city running at night, from hospital staff'
                    " to delivery workers, have had to wait a long time or take a taxi to get"
                    ' home," said Moon Hye-rin, who heads the city\'s bus policy division. "The'
                    ' new lines are drawn around where they actually live."',
                    "The existing nine lines carried an average of about 9,800 passengers a night"
                    " in October, up 12 percent from a year earlier, according to city data.",
                    "The busiest of them, which crosses the city from east to west, often runs"
                    " close to full on Friday nights, officials said.",
                    "The city plans to review ridership on the new lines after three months and"
                    " adjust intervals where needed.",
                ],
                "signoff": "minseo@hanbit.example",
                "advisory": [["UPDATES", "throughout"]],
                "captions": [
                    {
                        "photo": "night-bus",
                        "after": 1,
                        "text": (
                            "A late-night bus leaves a stop in central Seoul on Nov. 26, 2026."
                            " The city will add five overnight lines from Dec. 14."
                        ),
                    }
                ],
                "correction_note": "",
                "internal_note": (
                    "Moon's title checked against the city org chart. District names are from"
                    " page 2 of the city's release."
                ),
            },
            {
                "kind": "lead",
                "genre": "news",
                "hours_ago": 46,
                "headline": "Seoul's new late-night buses to run every 25 minutes from Dec. 14",
                "deck": "Real-time arrival boards at 310 stops, free transfers to first trains",
                "writers": ["Park Min-seo"],
                "place": "SEOUL",
                "body": [
                    "Seoul will add five late-night bus lines from Dec. 14, bringing its overnight"
                    " network to 14 lines with a bus every 25 minutes on average, city officials"
                    " said Friday.",
                    "The new lines will link the northeastern districts of Nowon and Jungnang and"
                    " the southwestern districts of Gangseo and Guro with downtown Seoul, Yeouido"
                    " and the Gangnam business district, according to the Seoul Metropolitan"
                    " Government.",
                    "Buses on the new lines will run from 11:30 p.m. to 4:50 a.m., the city said.",
                    "Buses will arrive every 20 to 30 minutes depending on the hour, shorter than"
                    " the 35-minute average on some existing lines, which will also get extra"
                    " buses.",
                    "Real-time arrival information for all 14 lines will be shown on the city's"
                    " transit app and on display boards at 310 stops along the routes.",
                    "The fare will stay at the current late-night rate, and transfers to the first"
                    " subway trains of the morning will be free if made within 30 minutes,"
                    " officials said.",
                    '"Many of the people who keep the city running at night, from hospital staff'
                    " to delivery workers, have had to wait a long time or take a taxi to get"
                    ' home," said Moon Hye-rin, who heads the city\'s bus policy division. "The'
                    ' new lines are drawn around where they actually live."',
                    "The existing nine lines carried an average of about 9,800 passengers a night"
                    " in October, up 12 percent from a year earlier, according to city data.",
                    "The city plans to review ridership on the new lines after three months and"
                    " adjust intervals where needed.",
                ],
                "signoff": "minseo@hanbit.example",
                "advisory": [["ADDS", "details in paras 4-6"], ["CHANGES", "headline"]],
                "captions": [
                    {
                        "photo": "night-bus",
                        "after": 0,
                        "text": (
                            "A late-night bus leaves a stop in central Seoul on Nov. 26, 2026."
                        ),
                    }
                ],
                "correction_note": "",
                "internal_note": "Stop count (310) from the transport headquarters fact sheet.",
            },
        ],
    },
    {
        "slug": "Subway-fares",
        "section": "national",
        "keywords": ["Seoul", "subway", "transport"],
        "top": False,
        "photos": [],
        "versions": [
            {
                "kind": "original",
                "genre": "news",
                "hours_ago": 76,
                "headline": "Seoul to widen early-morning discount on subway fares",
                "deck": "",
                "writers": ["Park Min-seo"],
                "place": "SEOUL",
                "body": [
                    "Seoul will widen a discount on subway fares for early-morning riders from"
                    " January, offering 20 percent off trips that begin before 7 a.m., the city"
                    " said Thursday.",
                    "The discount now applies only to rides that start before 6:30 a.m. The change"
                    " is expected to benefit about 180,000 riders a day, many of them cleaning,"
                    " construction and market workers, according to the city.",
                    "Riders will need a registered transit card, and the discount will be applied"
                    " automatically at the gate.",
                    "The city said it expects the program to cost about 9 billion won a year and"
                    " will study whether it eases crowding during the 8 a.m. rush hour.",
                ],
                "signoff": "minseo@hanbit.example",
                "advisory": [],
                "captions": [],
                "correction_note": "",
                "internal_note": (
                    "Rider estimate from the transport headquarters. Ask whether 9 billion won is"
                    " a yearly figure or the first year only."
                ),
            },
            {
                "status": "draft",
                "kind": "lead",
                "genre": "news",
                "headline": (
                    "Seoul's early-morning subway discount to cover trips before 7 a.m. from Jan. 2"
                ),
                "deck": "",
                "writers": ["Park Min-seo"],
                "place": "SEOUL",
                "body": [
                    "Seoul will offer 20 percent off subway fares for trips that begin before"
                    " 7 a.m. from Jan. 2, extending an early-morning discount by half an hour,"
                    " city officials said.",
                    "The discount now applies only to rides that start before 6:30 a.m. About"
                    " 180,000 riders a day are expected to benefit, the city said.",
                    "The city will also apply the discount to transfers between the subway and"
                    " city buses made within 30 minutes of the first tap.",
                    "Riders will need a registered transit card, and the discount will be applied"
                    " automatically at the gate.",
                    "The program will cost about 9 billion won a year and will be reviewed after"
                    " six months.",
                    "[DRAFT-NOT-PUBLIC] Confirm the Jan. 2 start date and the bus transfer rule"
                    " with the transport headquarters before release.",
                ],
                "signoff": "minseo@hanbit.example",
                "advisory": [["UPDATES", "throughout"], ["CHANGES", "headline"]],
                "captions": [],
                "correction_note": "",
                "internal_note": "Holding until the city calls back on the start date.",
            },
        ],
    },
    {
        "slug": "Cold-wave",
        "section": "national",
        "keywords": ["weather", "Seoul", "Jeju", "snow"],
        "top": True,
        "folds": ["Jeju-flights"],
        "photos": ["icy-road", "first-snow"],
        "versions": [
            {
                "kind": "original",
                "genre": "news",
                "hours_ago": 22,
                "headline": "Cold wave advisory issued for Seoul as temperatures set to plunge",
                "deck": "",
                "writers": ["Han Seo-yeon"],
                "place": "SEOUL",
                "body": [
                    "A cold wave advisory was issued for Seoul and much of the central region"
                    " Saturday, the first of the season, with the morning low in the capital"
                    " forecast to fall to minus 9 C on Sunday, the state weather agency said.",
                    "The advisory takes effect at 9 p.m. and covers Seoul, Gyeonggi Province and"
                    " most of Gangwon Province.",
                    "Morning lows Sunday are forecast to range from minus 13 C in inland areas of"
                    " Gangwon Province to minus 2 C along the southern coast, with strong winds"
                    " making it feel several degrees colder.",
                    "Up to 3 centimeters of snow is expected in parts of Seoul and Gyeonggi"
                    " Province overnight, the agency said.",
                    "The agency advised people to wrap exposed water pipes and meters and to limit"
                    " outdoor activity in the early morning.",
                ],
                "signoff": "syhan@hanbit.example",
                "advisory": [],
                "captions": [],
                "correction_note": "",
                "internal_note": "Check the weather agency's 4 p.m. briefing for revised lows.",
            },
            {
                "kind": "lead",
                "genre": "news",
                "hours_ago": 12,
                "headline": "Temperatures plunge as season's first cold wave hits Seoul",
                "deck": "",
                "writers": ["Han Seo-yeon"],
                "place": "SEOUL",
                "body": [
                    "Temperatures in Seoul fell below minus 5 C late Saturday as the season's"
                    " first cold wave swept across the central region, with the morning low"
                    " expected to reach minus 9 C on Sunday, the state weather agency said.",
                    "A cold wave advisory has been in effect for Seoul, Gyeonggi Province and most"
                    " of Gangwon Province since 9 p.m.",
                    "Morning lows Sunday are forecast to range from minus 13 C in inland Gangwon"
                    " areas to minus 2 C along the southern coast. Winds of up to 10 meters per"
                    " second will make it feel as cold as minus 15 C in Seoul, the agency said.",
                    "The Seoul city government raised its cold-weather response level and opened"
                    " 420 warming shelters at community and senior centers, keeping them open"
                    " until 9 p.m.",
                    "Up to 3 centimeters of snow is expected in parts of Seoul and Gyeonggi"
                    " Province overnight, and the agency warned of icy roads on Sunday morning.",
                    "Strong wind warnings were also issued for Jeju Island and the southern seas,"
                    " with waves of up to 4 meters forecast.",
                ],
                "signoff": "syhan@hanbit.example",
                "advisory": [["UPDATES", "throughout"]],
                "captions": [
                    {
                        "photo": "icy-road",
                        "after": 0,
                        "text": (
                            "Commuters walk along a frosty sidewalk in central Seoul on"
                            " Nov. 28, 2026, as a cold wave advisory is issued for the capital."
                        ),
                    }
                ],
                "correction_note": "",
                "internal_note": "Shelter count from the city disaster safety office, 10:50 p.m.",
            },
            {
                "kind": "roundup",
                "genre": "news",
                "hours_ago": 5,
                "headline": "Season's first cold wave grips Korea; winds ground Jeju flights",
                "deck": "",
                "writers": ["Han Seo-yeon", "Kang Na-rae"],
                "place": "SEOUL/JEJU",
                "body": [
                    "South Korea shivered through its coldest morning of the season Sunday as the"
                    " first cold wave of the winter pushed Seoul's temperature down to minus 9.4 C,"
                    " while strong winds grounded hundreds of flights on the southern resort"
                    " island of Jeju.",
                    "A cold wave advisory remained in effect for Seoul, Gyeonggi Province and most"
                    " of Gangwon Province, where the mercury fell to minus 14.1 C in some inland"
                    " areas, according to the state weather agency.",
                    '"The cold air from the north will stay over the peninsula until Tuesday,'
                    ' keeping temperatures 5 to 8 degrees below the seasonal average," said'
                    ' Hwang In-soo, a forecaster at the agency. "Wind chill is the bigger risk'
                    ' for anyone outdoors early in the morning."',
                    "On Jeju, more than 230 flights were canceled Saturday evening and Sunday"
                    " morning under strong wind and wind shear warnings, leaving thousands of"
                    " travelers waiting at the airport, an airport official said.",
                    "Airlines plan to add extra flights once the warnings are lifted, which the"
                    " weather agency expects by Sunday afternoon.",
                    "Seoul also saw its first snow of the season overnight. A thin layer left some"
                    " roads slick, and police said they handled more than 40 minor collisions in"
                    " the city before 7 a.m.",
                    "The city government kept its 420 warming shelters open and sent care workers"
                    " to check on about 3,100 elderly people living alone.",
                    '"I put on two pairs of socks and my feet are still frozen," said Kim'
                    " Yeon-ok, 67, who was waiting for a bus to a wholesale market before dawn."
                    ' "But the snow looked beautiful under the street lights."',
                    "The agency said temperatures will begin to recover from Wednesday, though"
                    " another cold spell is possible in the second week of December.",
                ],
                "signoff": "syhan@hanbit.example",
                "advisory": [["RECASTS", "lead"], ["ADDS", "comments"]],
                "captions": [
                    {
                        "photo": "icy-road",
                        "after": 1,
                        "text": (
                            "Commuters walk along an icy sidewalk in central Seoul on"
                            " Nov. 29, 2026, the coldest morning of the season so far."
                        ),
                    },
                    {
                        "photo": "first-snow",
                        "after": 5,
                        "text": (
                            "A man walks his dog on a snow-covered path in a park in central"
                            " Seoul on Nov. 29, 2026."
                        ),
                    },
                ],
                "correction_note": "",
                "internal_note": (
                    "Jeju figures folded in from Kang's Jeju-flights copy; that slug now points"
                    " here. Police collision count is provisional."
                ),
            },
        ],
    },
    {
        "slug": "Jeju-flights",
        "section": "national",
        "keywords": ["Jeju", "aviation", "weather"],
        "top": False,
        "photos": [],
        "versions": [
            {
                "kind": "urgent",
                "genre": "news",
                "hours_ago": 17,
                "headline": "All flights at Jeju airport suspended due to strong winds",
                "deck": "",
                "writers": [],
                "place": "JEJU",
                "body": [
                    "All departures and arrivals at Jeju International Airport were suspended"
                    " Saturday evening due to strong winds and wind shear, airport officials said.",
                ],
                "signoff": DESK_EMAIL,
                "advisory": [],
                "captions": [],
                "correction_note": "",
                "internal_note": "Kang is on her way to the airport; LEAD to follow.",
            },
            {
                "kind": "lead",
                "genre": "news",
                "hours_ago": 15,
                "headline": "Strong winds ground flights at Jeju airport, stranding travelers",
                "deck": "",
                "writers": ["Kang Na-rae"],
                "place": "JEJU",
                "body": [
                    "All flights at Jeju International Airport were suspended Saturday evening as"
                    " strong winds and wind shear swept the southern resort island, stranding"
                    " thousands of travelers, airport officials said.",
                    "At least 160 departing and arriving flights had been canceled as of 9 p.m.,"
                    " and airlines said more cancellations were likely on Sunday morning.",
                    "Strong wind and wind shear warnings were in effect for the airport, with"
                    " gusts of up to 25 meters per second, according to the weather agency.",
                    "The airport handed out blankets and mats to travelers who chose to stay in"
                    " the terminal overnight, and a local tourism association opened a help desk"
                    " to find them rooms nearby.",
                    '"We will add extra flights as soon as the warnings are lifted," an airline'
                    ' official said. "Passengers should check their booking before heading to the'
                    ' airport."',
                ],
                "signoff": "naraek@hanbit.example",
                "advisory": [["ADDS", "details"], ["CHANGES", "headline"]],
                "captions": [],
                "correction_note": "",
                "internal_note": "Fold into the Cold-wave roundup if the winds last into Sunday.",
            },
        ],
    },
    # ------------------------------------------------------------------ north-korea
    {
        "slug": "Separated-families",
        "section": "north-korea",
        "keywords": ["North Korea", "separated families"],
        "top": False,
        "photos": [],
        "versions": [
            {
                "kind": "original",
                "genre": "news",
                "hours_ago": 78,
                "headline": "Unification ministry to expand video letters for separated families",
                "deck": "",
                "writers": ["Kwon Hae-jin"],
                "place": "SEOUL",
                "body": [
                    "The unification ministry said Thursday it will expand a program that records"
                    " video messages from South Koreans separated from their families in North"
                    " Korea, as aging applicants see little prospect of meeting relatives in"
                    " person.",
                    "The ministry plans to record about 1,500 video letters next year, up from"
                    " around 900 this year, a ministry official said.",
                    "The videos are kept in a government archive so that they can be delivered if"
                    " exchanges with the North resume, or passed on to relatives in the future.",
                    "Reunions of separated families have been suspended for years amid strained"
                    " inter-Korean relations.",
                ],
                "signoff": "hjkwon@hanbit.example",
                "advisory": [],
                "captions": [],
                "correction_note": "",
                "internal_note": "Official briefed on background; do not name.",
            },
            {
                "kind": "lead",
                "genre": "news",
                "hours_ago": 74,
                "headline": "Unification ministry to expand video letters for separated families",
                "deck": "",
                "writers": ["Kwon Hae-jin"],
                "place": "SEOUL",
                "body": [
                    "The unification ministry said Thursday it will expand a program that records"
                    " video messages from South Koreans separated from their families in North"
                    " Korea, as aging applicants see little prospect of meeting relatives in"
                    " person.",
                    "The ministry plans to record about 1,500 video letters next year, up from"
                    " around 900 this year, a ministry official said.",
                    "Film crews will visit applicants at home, and for the first time the ministry"
                    " will offer to digitize old family photographs and letters and attach them to"
                    " the recordings, the official said.",
                    "Most applicants are in their 80s and 90s, and priority will go to those over"
                    " 90 and those who live alone.",
                    '"Some of them have told us this may be the only way their voice ever reaches'
                    ' their hometown," the official said on condition of anonymity.',
                    "The videos are kept in a government archive so that they can be delivered if"
                    " exchanges with the North resume, or passed on to relatives in the future.",
                    "Reunions of separated families have been suspended for years amid strained"
                    " inter-Korean relations.",
                    "Applications will be accepted at community service centers and on the"
                    " ministry's website from January.",
                ],
                "signoff": "hjkwon@hanbit.example",
                "advisory": [["ADDS", "details in paras 3-5"]],
                "captions": [],
                "correction_note": "",
                "internal_note": "",
            },
        ],
    },
    # ------------------------------------------------------------------ politics
    {
        "slug": "Easy-read-ballots",
        "section": "politics",
        "keywords": ["elections", "accessibility"],
        "top": False,
        "photos": ["ballot-guide"],
        "versions": [
            {
                "kind": "original",
                "genre": "news",
                "hours_ago": 100,
                "headline": "Election commission to introduce easy-read voter guides",
                "deck": "",
                "writers": ["Kwon Hae-jin"],
                "place": "SEOUL",
                "body": [
                    "The National Election Commission said Wednesday it will publish easy-read"
                    " voter guides with pictures and short sentences for people with intellectual"
                    " disabilities, starting with by-elections next year.",
                    "The guides explain how to find a polling station, check in, mark a ballot and"
                    " fold it, in steps reviewed by people with disabilities, the commission said.",
                    "It will also expand braille and large-print editions of candidate booklets"
                    " and place magnifying sheets in every polling booth.",
                    '"Voting is simple for some people and a wall for others," a commission'
                    ' official said. "The guides are meant to take that wall down one step at a'
                    ' time."',
                    "The commission said it drafted the guides with disability rights groups over"
                    " the past year and tested them in mock elections at 12 welfare centers.",
                ],
                "signoff": "hjkwon@hanbit.example",
                "advisory": [],
                "captions": [
                    {
                        "photo": "ballot-guide",
                        "after": 1,
                        "text": (
                            "Officials demonstrate an easy-read voter guide at a mock polling"
                            " station in Gwacheon, south of Seoul, on Nov. 25, 2026."
                        ),
                    }
                ],
                "correction_note": "",
                "internal_note": (
                    "Check whether the 12 welfare centers include the two added in Busan last week."
                ),
            },
        ],
    },
    # ------------------------------------------------------------------ economy
    {
        "slug": "Kimchi-prices",
        "section": "economy",
        "keywords": ["food prices", "kimjang"],
        "top": True,
        "photos": ["cabbage-market"],
        "versions": [
            {
                "kind": "original",
                "genre": "news",
                "hours_ago": 75,
                "headline": "Cabbage prices fall as kimjang season nears peak",
                "deck": "Good autumn harvest lowers the cost of making winter kimchi at home",
                "writers": ["Choi Ji-hoon"],
                "place": "SEOUL",
                "body": [
                    "Prices of napa cabbages have fallen sharply this month on a good autumn"
                    " harvest, lowering the cost of kimjang, the yearly tradition of making a"
                    " winter's supply of kimchi, as the season nears its peak, data showed"
                    " Thursday.",
                    "A head of napa cabbage sold for an average of 2,980 won (US$2.10) at retail"
                    " stores nationwide this week, down 23 percent from a year earlier, according"
                    " to price data compiled by a state-run agricultural marketing agency.",
                    "Radishes, another key ingredient, fell 15 percent to 1,870 won each, while"
                    " red pepper powder rose 6 percent on-year due to a smaller crop.",
                    "Making kimchi with 20 heads of cabbage for a family of four is estimated to"
                    " cost about 318,000 won this year, down 9 percent from last year, the agency"
                    " said.",
                    '"The weather was kind to us this autumn, with enough rain in September and'
                    ' no early frost," said Ahn Chul-woo, a cabbage farmer in the southwestern'
                    ' county of Haenam. "Prices at the farm gate are low, but at least the'
                    ' quality is good."',
                    "Many households have scaled back kimjang in recent years, buying ready-made"
                    " kimchi or making smaller batches, though cheaper vegetables have drawn more"
                    " shoppers to traditional markets this month.",
                    '"Last year I bought only 10 heads because they were so expensive. This year'
                    " I'm making 25 and sharing with my daughter,\" said Gu Bo-ram, 58, at a market"
                    " in eastern Seoul.",
                ],
                "signoff": "jhchoi@hanbit.example",
                "advisory": [],
                "captions": [
                    {
                        "photo": "cabbage-market",
                        "after": 1,
                        "text": (
                            "Shoppers look at napa cabbages at a traditional market in eastern"
                            " Seoul on Nov. 26, 2026."
                        ),
                    }
                ],
                "correction_note": "",
                "internal_note": (
                    "Agency figures are weekly averages. Double-check the radish change"
                    " (15 or 16 percent?)."
                ),
            },
        ],
    },
    {
        "slug": "Port-cargo",
        "section": "economy",
        "keywords": ["Busan", "shipping"],
        "top": True,
        "photos": ["port-cranes"],
        "versions": [
            {
                "kind": "original",
                "genre": "news_focus",
                "hours_ago": 60,
                "headline": "Busan port leans on transshipment cargo as container volumes climb",
                "deck": "",
                "writers": ["Yoon Dae-sung"],
                "place": "BUSAN",
                "body": [
                    "Container volumes at Busan port, the country's largest, climbed to their"
                    " highest level this year in October on transshipment cargo moving between"
                    " Asia and the Americas, but analysts warn the growth rests on routes the port"
                    " does not control.",
                    "The port handled 2.18 million 20-foot equivalent units (TEUs) last month, up"
                    " 6.4 percent from a year earlier, according to figures released Friday by the"
                    " port authority.",
                    "Transshipment cargo, which is unloaded in Busan and reloaded onto other"
                    " vessels bound for third countries, made up 56 percent of the total, up from"
                    " 53 percent a year earlier.",
                    "Import and export cargo for South Korean shippers grew 1.2 percent, well"
                    " below the port's overall rise.",
                    '"Shipping lines are reorganizing their Asian hubs, and Busan has gained from'
                    ' its location and from the berths that opened this year," said Cha Eun-ho, a'
                    " senior analyst at Daeyang Shipping Research, a private research firm in"
                    ' Busan. "But transshipment is footloose. A line can move it to another hub'
                    ' within a season."',
                    "Port officials said a new automated terminal on the western side of the port,"
                    " partly in operation since spring, has cut average vessel waiting times to"
                    " under six hours from about nine hours a year ago.",
                    "The port authority aims to handle 24.5 million TEUs this year, up about"
                    " 3 percent from last year, and has set a target of 26 million TEUs for 2027.",
                    "Cha said the next test is whether the port can win cargo from shipping"
                    " alliances whose route plans for next year are still being drawn up.",
                    '"The October numbers are strong," he said. "What matters is where the big'
                    ' lines decide to put their ships in March."',
                ],
                "signoff": "dsyoon@hanbit.example",
                "advisory": [],
                "captions": [
                    {
                        "photo": "port-cranes",
                        "after": 0,
                        "text": (
                            "Container cranes load a cargo ship at a terminal in Busan on"
                            " Nov. 25, 2026."
                        ),
                    }
                ],
                "correction_note": "",
                "internal_note": (
                    "Cha agreed to be named; firm name confirmed. Annual target is from the"
                    " authority's October briefing."
                ),
            },
        ],
    },
    {
        "slug": "Dalbit-Robotics-interview",
        "section": "economy",
        "keywords": ["startups", "robotics"],
        "top": False,
        "photos": ["robot-delivery"],
        "versions": [
            {
                "kind": "original",
                "genre": "interview",
                "hours_ago": 90,
                "headline": (
                    "Delivery robot startup Dalbit aims for 300 apartment complexes by 2028: CEO"
                ),
                "deck": "",
                "writers": ["Oh Jun-young"],
                "place": "SEOUL",
                "body": [
                    "Dalbit Robotics, a Seoul-based startup whose robots carry parcels from"
                    " apartment gates to front doors, plans to operate in 300 apartment complexes"
                    " by 2028 after raising 24 billion won (US$17 million) in new funding, its"
                    " chief executive said.",
                    "\"The hardest part of a delivery is not the highway. It's the last 200"
                    " meters,\" Shin Kyung-ho, Dalbit's co-founder and CEO, said in an interview"
                    " with Hanbit News Agency at the company's office in eastern Seoul.",
                    "Founded in 2022, the company runs about 140 robots in 38 complexes in Seoul"
                    " and Gyeonggi Province. Each robot carries up to 20 kilograms and rides"
                    " elevators through a wireless link the company installs.",
                    "Shin said the money from the Series B round, led by two domestic venture"
                    " capital firms he declined to name, will pay for a second assembly line and"
                    " about 60 new engineers next year.",
                    "Couriers drop parcels into lockers at the entrance of a complex, and"
                    " residents call a robot through an app to bring them up. Company data show"
                    " the system cuts the time couriers spend inside large complexes by about a"
                    " third.",
                    '"Couriers told us they were spending 40 minutes waiting for elevators in some'
                    ' buildings," Shin said. "We are not replacing them. We are giving them back'
                    ' that time."',
                    "The company also plans a pilot in Japan next year and is in talks with two"
                    " property managers there, he said.",
                    "Shin said safety remains the top priority: the robots travel no faster than"
                    " 5 kilometers per hour and stop automatically when a child or a pet comes"
                    " within a meter.",
                ],
                "signoff": "jyoh@hanbit.example",
                "advisory": [],
                "captions": [
                    {
                        "photo": "robot-delivery",
                        "after": 1,
                        "text": (
                            "A Dalbit Robotics delivery robot waits for an elevator at an"
                            " apartment complex in Seoul on Nov. 24, 2026."
                        ),
                    }
                ],
                "correction_note": "",
                "internal_note": (
                    "Interview recorded Nov. 24; transcript in the shared drive. Shin asked us"
                    " not to name the VC firms."
                ),
            },
        ],
    },
    {
        "slug": "Sora-e-reader",
        "section": "economy",
        "keywords": ["electronics"],
        "top": False,
        "photos": ["ereader-launch"],
        "versions": [
            {
                "kind": "original",
                "genre": "news",
                "hours_ago": 70,
                "headline": "Sora Electronics to open pre-orders for foldable e-reader Sunday",
                "deck": "",
                "writers": ["Oh Jun-young"],
                "place": "SEOUL",
                "body": [
                    "Sora Electronics Co., a midsize consumer electronics maker, said Thursday it"
                    " will open pre-orders for its first foldable e-book reader on Sunday evening,"
                    " betting on demand from commuters who read on crowded trains.",
                    "The device, called the Sora Page Fold, opens to a 10-inch screen and folds to"
                    " the size of a paperback, the company said in a statement.",
                    'The company did not disclose the price but said it would be "in line with'
                    ' premium e-readers" already on the market.',
                    "Sora, based in Suwon, south of Seoul, makes tablets for schools and small"
                    " home appliances and posted sales of about 410 billion won last year.",
                ],
                "signoff": "jyoh@hanbit.example",
                "advisory": [],
                "captions": [],
                "correction_note": "",
                "internal_note": (
                    "Price and specs are under company embargo until 8 p.m. Sunday. LEAD is"
                    " written and scheduled."
                ),
            },
            {
                "status": "scheduled",
                "kind": "lead",
                "genre": "news",
                "hours_ago": -5,
                "headline": "Sora Electronics opens pre-orders for 349,000-won foldable e-reader",
                "deck": "",
                "writers": ["Oh Jun-young"],
                "place": "SEOUL",
                "body": [
                    "Sora Electronics Co. opened pre-orders Sunday evening for its first foldable"
                    " e-book reader, priced at 349,000 won (US$245), as it seeks to grow beyond"
                    " school tablets and small appliances.",
                    "The Sora Page Fold opens to a 10-inch screen, folds to 6.8 inches and weighs"
                    " 298 grams, the company said at a launch event in Seoul.",
                    "Its battery lasts up to five weeks of reading at 30 minutes a day, and the"
                    " screen can show color at a lower resolution for comics and picture books,"
                    " according to the company.",
                    '"People read on the subway standing up, with one hand," said Jeon Ha-rin,'
                    ' who leads the product team. "We designed the fold so you can turn a page'
                    ' with your thumb and never need the other hand."',
                    "Deliveries in South Korea will begin Dec. 10, and the company plans to sell"
                    " the device in Taiwan and Southeast Asia in the first half of next year.",
                    "Sora, based in Suwon, south of Seoul, posted sales of about 410 billion won"
                    " last year.",
                    "[SCHEDULED-NOT-YET-PUBLIC] Embargoed until 8 p.m. Sunday.",
                ],
                "signoff": "jyoh@hanbit.example",
                "advisory": [["UPDATES", "throughout"], ["CHANGES", "headline"]],
                "captions": [
                    {
                        "photo": "ereader-launch",
                        "after": 1,
                        "text": (
                            "The Sora Page Fold, a foldable e-reader from Sora Electronics Co.,"
                            " is displayed at a launch event in Seoul on Nov. 29, 2026."
                        ),
                    }
                ],
                "correction_note": "",
                "internal_note": "Embargo lifts at 8 p.m.; set to release automatically.",
            },
        ],
    },
    # ------------------------------------------------------------------ culture
    {
        "slug": "Lantern-festival",
        "section": "culture",
        "keywords": ["festivals", "Seoul"],
        "top": False,
        "photos": ["lantern-festival"],
        "versions": [
            {
                "kind": "original",
                "genre": "news",
                "hours_ago": 45,
                "headline": "Riverside lantern festival opens in Seoul with 3,000 lanterns",
                "deck": "",
                "writers": ["Lim Soo-bin"],
                "place": "SEOUL",
                "body": [
                    "A winter lantern festival opened Friday along the Han River in western Seoul,"
                    " lighting up the riverside with about 3,000 handmade lanterns shaped like"
                    " animals, ferries and old shop signs.",
                    "The Mapo Riverside Lantern Festival, now in its fourth year, runs through"
                    " Dec. 13, with the lanterns lit from 5 p.m. to 10 p.m. daily, organizers"
                    " said.",
                    'This year\'s theme, "Lights of the Old Ferry," recalls the river crossings'
                    " that once linked the area to the southern bank. The centerpiece is a"
                    " 12-meter lantern ferry that local craftspeople spent four months building.",
                    "About 600 of the lanterns were made by residents, from elementary school"
                    " students to retirees, at weekend workshops held at community centers since"
                    " September.",
                    '"Every lantern has a name tag, so people come back to find the one their'
                    ' child or grandmother made," said Baek Ji-woo, who heads the festival'
                    " committee. \"That's what makes it a neighborhood festival, not just a"
                    ' show."',
                    "Organizers expect about 250,000 visitors, up from around 190,000 last year,"
                    " and have added weekend shuttle buses from two nearby subway stations.",
                    "Entry is free, and stalls run by local merchants sell hot drinks and snacks.",
                ],
                "signoff": "soobin@hanbit.example",
                "advisory": [],
                "captions": [
                    {
                        "photo": "lantern-festival",
                        "after": 2,
                        "text": (
                            "Visitors walk past lanterns at the Mapo Riverside Lantern Festival"
                            " in western Seoul on Nov. 27, 2026."
                        ),
                    }
                ],
                "correction_note": "",
                "internal_note": "Visitor figures are the committee's own; attribute them.",
            },
        ],
    },
    {
        "slug": "Lacquerware-exhibition",
        "section": "culture",
        "keywords": ["museums", "crafts", "Seoul"],
        "top": False,
        "photos": ["museum-lacquer"],
        "versions": [
            {
                "kind": "original",
                "genre": "news",
                "hours_ago": 96,
                "headline": "Museum shows mother-of-pearl boxes from lost 19th-century workshop",
                "deck": "",
                "writers": ["Lim Soo-bin"],
                "place": "SEOUL",
                "body": [
                    "A Seoul museum has opened an exhibition of mother-of-pearl lacquerware traced"
                    " to a small workshop that vanished more than a century ago, bringing 86 of its"
                    " pieces together for the first time.",
                    '"Shell and Shadow: The Haeseong Workshop" runs through March 7 at the Seoul'
                    " Museum of Everyday Crafts, the private museum said Wednesday.",
                    "The boxes, trays and a folding screen were made at the Haeseong workshop,"
                    " which operated in a southern coastal town in the late 19th century,"
                    " according to the museum. Curators identified the workshop from a carved mark"
                    " on the underside of 31 pieces.",
                    "\"For years these pieces sat in different collections labeled simply 'late"
                    ' Joseon,\'" said curator Yeo Seung-mi. "Once we found the mark, we could see'
                    " one family's hands across three generations.\"",
                    "Highlights include a sewing box with a crane and pine design made from more"
                    " than 4,000 pieces of cut shell, and a set of 12 small trays decorated with"
                    " the months of the year.",
                    "The show also includes tools, raw shell and unfinished panels donated by a"
                    " descendant of the workshop's last master, and a video of a present-day"
                    " artisan reproducing its techniques.",
                ],
                "signoff": "soobin@hanbit.example",
                "advisory": [],
                "captions": [
                    {
                        "photo": "museum-lacquer",
                        "after": 2,
                        "text": (
                            "A mother-of-pearl sewing box from the Haeseong workshop is displayed"
                            " at the Seoul Museum of Everyday Crafts in this photo provided by the"
                            " museum on Nov. 25, 2026."
                        ),
                    }
                ],
                "correction_note": "",
                "internal_note": "Handout photo: not for sale, museum credit line agreed.",
            },
        ],
    },
    {
        "slug": "Library-night-hours",
        "section": "culture",
        "keywords": ["libraries", "Seoul"],
        "top": False,
        "photos": ["library-night"],
        "versions": [
            {
                "kind": "original",
                "genre": "feature",
                "hours_ago": 34,
                "headline": "Night owls find a quiet table at Seoul library open till midnight",
                "deck": (
                    "A pilot program keeps a district library lit for shift workers and late-night"
                    " students"
                ),
                "writers": ["Han Seo-yeon"],
                "place": "SEOUL",
                "body": [
                    "At 11 p.m. on a Friday, the third floor of a district library in northern"
                    " Seoul is almost full. A nurse just off her shift reads a novel with her coat"
                    " still on, two high school students share a desk over chemistry notes, and a"
                    " retired bus driver works slowly through a crossword.",
                    "Since September, the library has stayed open until midnight four nights a"
                    " week under a pilot program run by the district office, one of the first"
                    " public libraries in the capital to keep such hours.",
                    "About 230 people a night have used the late hours on average, and the number"
                    " has risen as the weather has turned cold, according to the library.",
                    '"Before, the only places open this late were cafes and convenience stores,"'
                    " said Cho Eun-byul, 34, a nurse at a nearby hospital who stops by two or three"
                    ' times a week after work. "Here I don\'t have to buy anything to sit down."',
                    "Librarians say the night crowd differs from the daytime one. Fewer books are"
                    " borrowed, but visitors stay longer, and the library has added a shelf of"
                    " short story collections and a basket of reading glasses to lend.",
                    "The district hired four more staff and a security guard for the late shift"
                    " and pays the extra cost, about 180 million won a year, from its own budget.",
                    '"We thought we would mostly see students studying for exams," said Nam'
                    ' Gi-hoon, who manages the library. "We also see people who simply want'
                    ' somewhere warm and quiet to be before they go home."',
                    "The district will decide in February whether to make the hours permanent, and"
                    " two other districts have asked to see the results, officials said.",
                ],
                "signoff": "syhan@hanbit.example",
                "advisory": [],
                "captions": [
                    {
                        "photo": "library-night",
                        "after": 0,
                        "text": (
                            "People read at a public library in northern Seoul late at night on"
                            " Nov. 27, 2026."
                        ),
                    }
                ],
                "correction_note": "",
                "internal_note": "Cho and Nam both agreed to be named and photographed.",
            },
        ],
    },
    # ------------------------------------------------------------------ sports
    {
        "slug": "Riverside-marathon",
        "section": "sports",
        "keywords": ["marathon", "Seoul", "weather"],
        "top": True,
        "photos": ["marathon-runners"],
        "versions": [
            {
                "kind": "original",
                "genre": "news",
                "hours_ago": 2.5,
                "headline": "Runners brave sub-zero cold at Seoul Riverside Marathon",
                "deck": "",
                "writers": ["Seo Jae-won"],
                "place": "SEOUL",
                "body": [
                    "Thousands of runners braved sub-zero temperatures Sunday at the Seoul"
                    " Riverside Marathon, where Kwak Do-hyun, a 31-year-old firefighter, won the"
                    " men's full course and university student Ryu Seung-ah took the women's"
                    " title.",
                    "Kwak finished the 42.195-kilometer course along the Han River in 2 hours,"
                    " 24 minutes and 18 seconds, while Ryu clocked 2:51:40, organizers said.",
                    "About 13,000 runners took part in the full course, the half marathon and a"
                    " 10-kilometer race, which started at 8 a.m. from a riverside park in Yeouido"
                    " with the temperature at minus 7 C.",
                    "Organizers set up warming tents at the start and finish lines and handed out"
                    " heat packs at water stations after a cold wave advisory was issued Saturday.",
                    '"My fingers hurt for the first 10 kilometers, and then I forgot about them,"'
                    ' Kwak said after the race. "I train after night shifts, so the cold and the'
                    " dark don't scare me.\"",
                    "Medical staff treated 27 runners for minor injuries and mild hypothermia, and"
                    " no serious cases were reported, according to organizers.",
                ],
                "signoff": "jwseo@hanbit.example",
                "advisory": [],
                "captions": [
                    {
                        "photo": "marathon-runners",
                        "after": 0,
                        "text": (
                            "Runners set off from a riverside park in Yeouido, western Seoul, at"
                            " the start of the Seoul Riverside Marathon on Nov. 29, 2026."
                        ),
                    }
                ],
                "correction_note": "",
                "internal_note": "Entry count from the race office's morning release.",
            },
            {
                "kind": "correction",
                "genre": "news",
                "hours_ago": 1,
                "headline": "Runners brave sub-zero cold at Seoul Riverside Marathon",
                "deck": "",
                "writers": ["Seo Jae-won"],
                "place": "SEOUL",
                "body": [
                    "Thousands of runners braved sub-zero temperatures Sunday at the Seoul"
                    " Riverside Marathon, where Kwak Do-hyun, a 31-year-old firefighter, won the"
                    " men's full course and university student Ryu Seung-ah took the women's"
                    " title.",
                    "Kwak finished the 42.195-kilometer course along the Han River in 2 hours,"
                    " 24 minutes and 18 seconds, while Ryu clocked 2:51:40, organizers said.",
                    "About 12,000 runners took part in the full course, the half marathon and a"
                    " 10-kilometer race, which started at 8 a.m. from a riverside park in Yeouido"
                    " with the temperature at minus 7 C.",
                    "Organizers set up warming tents at the start and finish lines and handed out"
                    " heat packs at water stations after a cold wave advisory was issued Saturday.",
                    '"My fingers hurt for the first 10 kilometers, and then I forgot about them,"'
                    ' Kwak said after the race. "I train after night shifts, so the cold and the'
                    " dark don't scare me.\"",
                    "Medical staff treated 27 runners for minor injuries and mild hypothermia, and"
                    " no serious cases were reported, according to organizers.",
                ],
                "signoff": "jwseo@hanbit.example",
                "advisory": [["CORRECTS", "para 3"]],
                "captions": [
                    {
                        "photo": "marathon-runners",
                        "after": 0,
                        "text": (
                            "Runners set off from a riverside park in Yeouido, western Seoul, at"
                            " the start of the Seoul Riverside Marathon on Nov. 29, 2026."
                        ),
                    }
                ],
                "correction_note": (
                    "Corrects the number of participants in para 3 to 12,000 from 13,000."
                ),
                "internal_note": (
                    "Race office revised the entry count after matching chip data; confirmed by"
                    " phone at 11:20."
                ),
            },
        ],
    },
    {
        "slug": "Gulls-manager",
        "section": "sports",
        "keywords": ["baseball"],
        "top": False,
        "photos": [],
        "versions": [
            {
                "kind": "original",
                "genre": "news",
                "hours_ago": 54,
                "headline": "Incheon Gulls name former catcher Noh Sang-hyun as manager",
                "deck": "",
                "writers": ["Seo Jae-won"],
                "place": "INCHEON",
                "body": [
                    "The Incheon Gulls on Friday named Noh Sang-hyun, a former catcher and"
                    " longtime coach, as their new manager, as the club looks to rebuild after"
                    " finishing seventh in the 10-team league this season.",
                    "Noh, 49, signed a three-year deal worth 1.8 billion won (US$1.27 million),"
                    " including a signing bonus, the club said.",
                    "He spent 14 seasons as a player with the Gulls and two other clubs and has"
                    " been the team's battery coach since 2021.",
                    '"Our pitchers are young and talented, but they need to trust the person'
                    ' behind the plate and the person in the dugout," Noh said in a statement'
                    ' released by the club. "I know this clubhouse, and I know what we have been'
                    ' missing."',
                    "The Gulls went 63-78-3 this season, and their team ERA of 4.92 was the"
                    " second-worst in the league.",
                    "Noh replaces Yang Tae-gyu, whose contract expired at the end of the season.",
                ],
                "signoff": "jwseo@hanbit.example",
                "advisory": [],
                "captions": [],
                "correction_note": "",
                "internal_note": "Contract figures from the club; Noh's agent did not call back.",
            },
        ],
    },
    # ------------------------------------------------------------------ world
    {
        "slug": "Vancouver-kimjang",
        "section": "world",
        "keywords": ["overseas Koreans", "kimjang"],
        "top": False,
        "photos": [],
        "versions": [
            {
                "kind": "original",
                "genre": "news",
                "hours_ago": 40,
                "headline": "Korean community kitchen in Vancouver makes kimchi for 500 households",
                "deck": "",
                "writers": [],
                "place": "VANCOUVER",
                "body": [
                    "Volunteers at a Korean community kitchen in Vancouver made about 1,200"
                    " kilograms of kimchi over two days this week to share with 500 households,"
                    " including elderly Korean immigrants and residents of nearby shelters,"
                    " organizers said Friday.",
                    "The Pacific Korean Community Kitchen, a volunteer group started by Korean"
                    " immigrants in 2014, has held the kimjang event every year since 2016,"
                    " growing from a few dozen jars to this year's record batch.",
                    "About 150 volunteers, including Canadian students learning Korean, salted"
                    " cabbages and mixed seasoning in a church hall in the city's east, said Jang"
                    " Mi-kyung, who heads the group.",
                    '"Many of our seniors live alone and can no longer make kimchi themselves,"'
                    ' Jang said. "For them, a jar of kimchi in winter is a taste of home."',
                ],
                "signoff": DESK_EMAIL,
                "advisory": [],
                "captions": [],
                "correction_note": "",
                "internal_note": "From our Vancouver stringer; phone interview with Jang.",
            },
        ],
    },
    # ------------------------------------------------------------------ photos
    {
        "slug": "First-snow",
        "section": "photos",
        "keywords": ["snow", "weather", "Seoul"],
        "top": False,
        "photos": ["first-snow"],
        "versions": [
            {
                "kind": "original",
                "genre": "photo",
                "hours_ago": 6,
                "headline": "First snow in Seoul",
                "deck": "",
                "writers": [],
                "place": "SEOUL",
                "body": [
                    "Seoul saw its first snow of the season early Sunday as a cold wave swept"
                    " across the central region.",
                ],
                "signoff": DESK_EMAIL,
                "advisory": [],
                "captions": [
                    {
                        "photo": "first-snow",
                        "after": 0,
                        "text": (
                            "A man walks his dog on a snow-covered path in a park in central"
                            " Seoul on Nov. 29, 2026, as the capital sees its first snow of the"
                            " season."
                        ),
                    }
                ],
                "correction_note": "",
                "internal_note": "",
            },
        ],
    },
]
