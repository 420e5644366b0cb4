"""What page chrome looks like, in general: the lines a partner site puts around a story.

Copy saved from a web page carries the site's furniture: share and short-link lines, skip
links and accessibility labels, the site's own name, menus and breadcrumbs, footers with
addresses and phone numbers, stray punctuation. None of it is a list of the strings one
site uses; each test below describes a *kind* of line an editor would skip at a glance:

* no letters or digits at all ("·", "|", "--", "▶");
* a web address or a labelled link ("Short link : https://…", "www.example.com");
* only interface words ("Share", "Skip to main content", "A+ A-", "facebookfacebook");
* a link list or breadcrumb: three or more short items between separators;
* hashtags only; a date or time stamp only;
* a site name: a few Title-Case words naming a publication ("The Korea Herald").

Every test is a regular expression anchored at one end or a set lookup over a line's
words: linear in the line, whatever it holds.
"""

from __future__ import annotations

import re

# Words of interface text: buttons, links, labels, menus, widgets. A line made only of
# these (and at least one that is not a stop word) is chrome.
_UI_WORDS = """
    share shares shared sharing print printer printing email e mail mailto send
    facebook twitter x kakao kakaotalk kakaostory naver band line pinterest linkedin
    whatsapp telegram reddit tumblr weibo wechat instagram youtube tiktok threads
    copy copied link links url urls short shortlink shorturl permalink address
    close open menu search skip main content contents navigation nav go jump top back
    bottom font size text increase decrease larger smaller bigger zoom reset
    listen audio play stop pause read aloud tts
    subscribe subscription subscribers login logout log sign signin signup register join
    home more less related article articles story stories news latest most viewed popular
    comments comment view views like likes tweet post save bookmark scrap report
    previous next prev page pages accessibility toggle button expand collapse list
    translate translation language languages english korean chinese japanese
    pc version mobile app apps download newsletter newsletters rss feed feeds
    advertisement advertisements ad ads sponsored promotion
    photo photos video videos gallery enlarge image images original thumbnail
    settings dark light mode all headlines section sections quick hot trending
    recommended picks editor editors top
    contact terms privacy policy use cookie cookies accept sitemap help faq
    press enter esc loading
    and or of on to this for a an your our us in the it with
"""
UI_WORDS = frozenset(_UI_WORDS.split())
_STOP = "and or of on to this for a an your our us in the it with e x"
# Words only interface text uses: a line of UI words needs one of these to be chrome, so a
# subhead such as "UP NEXT" or "More news" in a story's body is kept.
_STRONG = """
share print email mailto facebook twitter kakao kakaotalk kakaostory naver band pinterest
linkedin whatsapp telegram reddit tumblr weibo wechat instagram youtube tiktok copy link
url shortlink shorturl permalink menu search skip navigation nav font size zoom listen
subscribe login logout signin signup bookmark scrap toggle accessibility translate
advertisement sponsored enlarge settings cookie cookies sitemap tweet
"""
STRONG_UI_WORDS = frozenset(_STRONG.split())
_STOP_WORDS = frozenset(_STOP.split())

# Words that name a publication: "The Korea Herald", "OANA News Agency", "KBS World".
_SITE = """
    news agency times herald post daily journal tribune network media press wire tv radio
    broadcasting broadcast world today online magazine gazette observer weekly monitor
    newswire wires channel report reporter review insider vibe times
"""
_SITE_WORDS = frozenset(_SITE.split())
_SMALL = "of the and & for in on at a an"
_SMALL_WORDS = frozenset(_SMALL.split())

_NO_WORD = re.compile(r"^[\W_]*$")
_URL = re.compile(
    r"(?:https?://|www\.)\S+|\b[\w-]+\.(?:co\.)?(?:com|net|org|kr|jp|cn|io|me|ly)\b(?:/\S*)?", re.I
)
_LABELLED_LINK = re.compile(
    r"^(?:short\s*link|shortlink|short\s*url|url|link|permalink|source|photo|image)\s*[:：]\s*\S+$",
    re.I,
)
_SEPARATORS = re.compile(r"\s+[|│·•∙»›>/]\s+|\s*[|│·•∙»›]\s*")
_HASHTAGS = re.compile(r"^(?:#[^\s#]+\s*){1,20}$")
_STAMP = re.compile(
    r"^(?:(?:posted|published|updated|modified|입력|수정|date)\s*[:：]?\s*)?"
    r"(?:\d{4}[-./]\d{1,2}[-./]\d{1,2}\.?"
    r"|[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s+\d{4}"
    r"|\d{1,2}\s+[A-Z][a-z]{2,8}\.?\s+\d{4})"
    r"(?:\s*[,T]?\s*\d{1,2}:\d{2}(?::\d{2})?(?:\s*[APap]\.?[Mm]\.?)?(?:\s*\(?(?:KST|GMT|UTC)\)?)?)?$",
    re.I,
)
_WORD = re.compile(r"[a-z]+")


def _ui_word(word: str) -> bool:
    if word in UI_WORDS:
        return True
    # Share buttons saved with their label twice: "facebookfacebook", "kakaokakao".
    half = len(word) // 2
    doubled = len(word) % 2 == 0 and half > 1 and word[:half] == word[half:]
    return doubled and word[:half] in UI_WORDS


def is_interface_text(line: str, *, strong: bool = True) -> bool:
    """Only interface words: "Share", "Skip to main content", "Font size A+ A-".

    With ``strong`` (the default) one of them must be a word only interfaces use, so a
    subhead such as "UP NEXT" stays text; without it "Top" or "More" alone will do.
    """
    if len(line) > 80 or not re.search(r"[A-Za-z]", line):
        return False
    words = _WORD.findall(line.lower())
    if not words or len(words) > 8:
        return False
    # Interface text is no sentence: "Share your story." is a reader's call to act.
    if line.endswith((".", "!", "?", '"', "”")) or re.search(r"[a-z]{2,}[.!?]\s+[A-Z]", line):
        return False
    if not all(_ui_word(w) for w in words):
        return False
    if not strong:
        return any(w not in _STOP_WORDS for w in words)
    return any(w in STRONG_UI_WORDS or (w[: len(w) // 2] in STRONG_UI_WORDS) for w in words)


def is_link_list(line: str) -> bool:
    """Three or more short items between separators: a menu or a breadcrumb."""
    if len(line) > 300:
        return False
    parts = [p for p in _SEPARATORS.split(line) if p]
    if len(parts) < 3:
        return False
    return all(len(p.split()) <= 4 and not p.endswith((".", "?", "!", '"')) for p in parts)


def is_url_line(line: str) -> bool:
    """A web address, alone or labelled ("Short link : https://…")."""
    if _LABELLED_LINK.match(line):
        return True
    found = _URL.search(line)
    if not found:
        return False
    # Mostly address: what is left is at most a couple of words ("Copy link").
    rest = (line[: found.start()] + line[found.end() :]).strip(" :：-–—|·")
    return len(rest.split()) <= 2


def is_title_case(line: str) -> bool:
    words = re.findall(r"[A-Za-z][\w'’&.-]*", line)
    significant = [w for w in words if w.lower() not in _SMALL_WORDS]
    return bool(significant) and all(w[0].isupper() for w in significant)


def is_site_name(line: str) -> bool:
    """A publication's name: a few Title-Case words, one of them a newsy word.

    "The Korea Herald", "OANA News Agency", "Korean Vibe News". A headline in sentence
    case ("Seoul to add night buses") is never one; a Title-Case headline of more than
    five words is not either.
    """
    if len(line) > 60 or any(c.isdigit() for c in line) or not re.fullmatch(r"[\w&.'’ -]+", line):
        return False
    if line.endswith((".", "'", "’")):
        return False
    words = line.split()
    if not 1 <= len(words) <= 5 or not is_title_case(line):
        return False
    lowered = {w.lower().strip(".,'’") for w in words}
    return bool(lowered & _SITE_WORDS) or (len(words) == 1 and line.isupper() and len(line) <= 12)


_EMAIL = re.compile(r"^[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+$")


def is_chrome(line: str) -> bool:
    """A line of page furniture wherever it stands (head, body or tail).

    An e-mail address alone is never chrome: it is the writer's or the desk's sign-off.
    """
    stripped = line.strip()
    if not stripped or _EMAIL.match(stripped):
        return False
    if len(stripped) > 300:  # chrome is short; a long line is text, unless it has no words
        return bool(_NO_WORD.match(stripped))
    return bool(
        _NO_WORD.match(stripped)
        or _HASHTAGS.match(stripped)
        or _STAMP.match(stripped)
        or is_url_line(stripped)
        or is_interface_text(stripped)
        or is_link_list(stripped)
    )


# The heading of what a page shows after the story: related links, most read, comments.
_FOOTER_HEADING = re.compile(
    r"^(?:related\s+(?:articles?|news|stories|links?|photos?|videos?)"
    r"|(?:most|top)\s+(?:viewed|read|popular|shared|commented)(?:\s+\w+)?"
    r"|latest\s+(?:news|articles?|stories|headlines)|more\s+(?:news|stories|from\b.*)"
    r"|recommended(?:\s+\w+)?|you\s+may\s+also\s+like|trending(?:\s+now)?|editor'?s?\s+picks?"
    r"|hot\s+(?:news|issues?)|photo\s+news|comments?(?:\s*\(\d+\))?|keywords?(?:[\s:].*)?|tags?\s*:.*"
    r"|(?:go\s+to\s+)?(?:pc|desktop|full)\s+(?:version|site)|back\s+to\s+top)$",
    re.I,
)
# A footer's key-value lines: "Address : …", "Tel. 02-398-3114", "Registration No. …".
_FOOTER_LINE = re.compile(
    r"^(?:address|addr|tel|telephone|phone|fax|e-?mail|registration|registered|reg\.?|"
    r"publisher|editor|editor-in-chief|ceo|president|printed|youth|business|license|licence|"
    r"company|corporate|contact|customer|copyright|powered)\b[^:：]{0,40}[:：.]",
    re.I,
)
_PHONE = re.compile(r"\+?\d{2,4}[-.\s)]\d{3,4}[-.\s]\d{4}\b")


def is_footer_heading(line: str) -> bool:
    return len(line) <= 80 and bool(_FOOTER_HEADING.match(line.strip()))


def is_footer_line(line: str, *, alone: bool = True) -> bool:
    """A line of a site's footer: an address or phone block, a footer heading, chrome, a
    site name. Inside a block of text (``alone`` false) only the unmistakable kinds count:
    a wrapped line of a paragraph may happen to hold only short words or numbers."""
    stripped = line.strip()
    if not stripped or _EMAIL.match(stripped):
        return False
    if len(stripped) > 300:
        return False
    strong = bool(
        (len(stripped) <= 200 and _FOOTER_LINE.match(stripped))
        or is_footer_heading(stripped)
        or is_url_line(stripped)
        or (len(stripped) <= 300 and is_link_list(stripped) and "|" in stripped)
    )
    if strong or not alone:
        return strong
    return bool(
        is_chrome(stripped)
        or is_interface_text(stripped, strong=False)  # "Top", "More", "Home" at the foot
        or (len(stripped) <= 120 and _PHONE.search(stripped) and len(stripped.split()) <= 12)
        or is_site_name(stripped)
    )
