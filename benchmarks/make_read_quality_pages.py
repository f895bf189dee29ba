"""Write the synthetic news pages of ``benchmarks/data/read_quality/`` and their ground truth.

Every page is written for this project in the shape of a real news site (navigation, share
bars, bylines, related links, cookie banners, comment forms with "Name"/"Your name" labels,
"© 2026" footers). Ground truth ``articleBody`` is the dateline and the body paragraphs, without
byline, captions, share lines, related links or any other furniture.

    .venv/bin/python benchmarks/make_read_quality_pages.py
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

OUT = Path(__file__).resolve().parent / "data" / "read_quality"


@dataclass
class Page:
    id: str
    site: str
    title: str
    dateline: str  # "KYIV (Reuters) -", written at the start of the first paragraph
    paragraphs: list[str]
    byline: str | None = None  # a byline element above the body
    byline_in_body: str | None = None  # a <p> byline inside the article body (first or last)
    byline_last: bool = False
    inline_junk: list[tuple[int, str]] = field(default_factory=list)  # (before paragraph i, html)
    # article content that is not a <p> (a list of pledges): (before paragraph i, html, text)
    content: list[tuple[int, str, str]] = field(default_factory=list)
    meta: str = ""  # extra <head> content
    comment_form: str = "wordpress"  # "wordpress", "yourname", "none"
    cookie_banner: bool = True
    related: bool = True


NAV = (
    '<header class="site-header"><a class="logo" href="/">{site}</a><nav><ul>'
    '<li><a href="/world">World</a></li><li><a href="/europe">Europe</a></li>'
    '<li><a href="/politics">Politics</a></li><li><a href="/business">Business</a></li>'
    '<li><a href="/opinion">Opinion</a></li><li><a href="/video">Video</a></li></ul></nav>'
    '<form class="search"><input name="q" placeholder="Search"></form></header>'
)
SHARE = (
    '<div class="share-bar"><span>Share</span><a href="#">Facebook</a><a href="#">X</a>'
    '<a href="#">LinkedIn</a><a href="#">Email</a><a href="#">Print</a></div>'
)
COOKIES = (
    '<div class="cookie-banner" id="cookie-consent"><p>We use cookies to improve your '
    "experience on our site and to show you relevant advertising. By continuing you agree to "
    "our cookie policy.</p><button>Accept all</button><button>Manage preferences</button></div>"
)
RELATED = (
    '<aside class="related"><h3>Related stories</h3><ul>'
    '<li><a href="/a1">Allies weigh air defence pledges ahead of winter</a></li>'
    '<li><a href="/a2">What a ceasefire line could look like on the map</a></li>'
    '<li><a href="/a3">Sanctions package stalls over energy exemptions</a></li></ul></aside>'
)
WORDPRESS_FORM = (
    '<div id="respond" class="comment-respond"><h3 id="reply-title">Leave a Reply</h3>'
    '<form id="commentform" class="comment-form"><p class="comment-notes">Your email address '
    "will not be published. Required fields are marked *</p>"
    '<p class="comment-form-comment"><label for="comment">Comment *</label>'
    '<textarea id="comment" name="comment"></textarea></p>'
    '<p class="comment-form-author"><label for="author">Name *</label>'
    '<input id="author" name="author" type="text"></p>'
    '<p class="comment-form-email"><label for="email">Email *</label>'
    '<input id="email" name="email" type="email"></p>'
    '<p class="form-submit"><input name="submit" type="submit" value="Post Comment"></p>'
    "</form></div>"
)
YOURNAME_FORM = (
    '<div class="comment-form"><h3>Join the discussion</h3>'
    '<span itemprop="author">Your name</span><input name="name">'
    '<span>Your email</span><input name="email"><textarea></textarea>'
    "<button>Submit</button></div>"
)
FOOTER = (
    '<footer class="site-footer"><ul><li><a href="/about">About us</a></li>'
    '<li><a href="/contact">Contact</a></li><li><a href="/privacy">Privacy policy</a></li>'
    '<li><a href="/terms">Terms of use</a></li></ul><p>© 2026 {site}. All rights reserved.</p>'
    "</footer>"
)


def render(page: Page) -> str:
    body_ps = []
    for i, text in enumerate(page.paragraphs):
        for before, junk in page.inline_junk:
            if before == i:
                body_ps.append(junk)
        for before, html, _ in page.content:
            if before == i:
                body_ps.append(html)
        if i == 0:
            text = f"{page.dateline} {text}"
        body_ps.append(f"<p>{escape(text)}</p>")
    for before, junk in page.inline_junk:
        if before >= len(page.paragraphs):
            body_ps.append(junk)
    if page.byline_in_body:
        p = f'<p class="byline-text">{escape(page.byline_in_body)}</p>'
        body_ps = [*body_ps, p] if page.byline_last else [p, *body_ps]
    byline = (
        f'<div class="byline"><a href="/authors">{escape(page.byline)}</a></div>'
        if (page.byline)
        else ""
    )
    form = {"wordpress": WORDPRESS_FORM, "yourname": YOURNAME_FORM, "none": ""}[page.comment_form]
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(page.title)} | {escape(page.site)}</title>{page.meta}</head><body>"
        + (COOKIES if page.cookie_banner else "")
        + NAV.format(site=escape(page.site))
        + '<main><article class="story">'
        + f"<h1>{escape(page.title)}</h1>{byline}{SHARE}"
        + '<div class="story-body">'
        + "".join(body_ps)
        + "</div>"
        + SHARE
        + "</article>"
        + (RELATED if page.related else "")
        + form
        + "</main>"
        + FOOTER.format(site=escape(page.site))
        + "</body></html>\n"
    )


def truth(page: Page) -> str:
    lines = []
    for i, text in enumerate(page.paragraphs):
        lines += [t for before, _, t in page.content if before == i]
        lines.append(f"{page.dateline} {text}" if i == 0 else text)
    return "\n".join(lines)


PAGES = [
    Page(
        "p01-kyiv-air-defence", "The Morning Ledger",
        "Allies pledge more air defence as ceasefire talks resume",
        "KYIV (Reuters) -",
        [
            "Ukraine's allies pledged additional air defence systems on Tuesday as envoys "
            "resumed talks on a ceasefire, two officials familiar with the discussions said.",
            "The pledges, made at a meeting of defence ministers from the so-called coalition "
            "of the willing, include two medium-range batteries and interceptor missiles for "
            "the coming winter.",
            "Ukraine's foreign ministry welcomed the commitments but said any ceasefire would "
            "need guarantees that could deter a renewed offensive.",
            "Russia's defence ministry said its forces had struck energy facilities overnight "
            "and denied targeting residential areas.",
        ],
        byline="By Olena Kovalenko",
    ),
    Page(
        "p02-paris-guarantees", "Continental Wire",
        "Coalition leaders meet in Paris to shape security guarantees",
        "PARIS, Jan. 6 (AP) —",
        [
            "Leaders of more than 30 countries gathered in Paris on Tuesday to work out how "
            "they would guarantee Ukraine's security once the fighting stops.",
            "French officials said the meeting would focus on a multinational force that "
            "could be deployed away from the front line, backed by air patrols.",
            "Britain and France have said they are ready to commit troops, while other "
            "members have offered logistics, training and intelligence sharing.",
            "Moscow has repeatedly said it would not accept foreign troops in Ukraine, and "
            "a Kremlin spokesman on Monday called the plan a provocation.",
            "The talks were expected to end with a joint declaration, diplomats said.",
        ],
        byline="By Claire Martin and Tomas Novak",
        comment_form="yourname",
    ),
    Page(
        "p03-brussels-sanctions", "Capital Briefing",
        "EU ministers agree new sanctions package",
        "BRUSSELS —",
        [
            "European Union foreign ministers agreed on Monday a new package of sanctions "
            "targeting Russian oil shipments and the banks that finance them.",
            "The package adds dozens of tankers to a list of vessels barred from European "
            "ports and tightens controls on dual-use goods.",
            "Hungary dropped its objections after securing an exemption for pipeline "
            "deliveries, two diplomats said.",
            "Ukraine's president thanked the ministers and urged them to move faster on the "
            "use of frozen Russian assets.",
        ],
        byline_in_body="By Ana Ruiz",
        inline_junk=[(2, "<p>Related: EU weighs use of frozen assets for Ukraine loan</p>")],
    ),
    Page(
        "p04-london-troops", "Northern Herald",
        "Britain ready to lead reassurance force, minister says",
        "LONDON, Feb 3, 2026 -",
        [
            "Britain is prepared to lead a multinational reassurance force in Ukraine after a "
            "ceasefire, the defence secretary said on Tuesday.",
            "Speaking to lawmakers, he said the force would help rebuild Ukraine's armed forces "
            "and secure its skies and seas rather than patrol a front line.",
            "He declined to say how many British troops would take part, saying the numbers "
            "depended on the terms of any agreement.",
            "Opposition lawmakers asked for a vote in parliament before any deployment.",
        ],
        byline="By James Whitfield",
        inline_junk=[(2, "<p>Subscribe to our newsletter for the latest updates from "
                         "Westminster.</p>")],
    ),
    Page(
        "p05-washington-envoy", "Atlantic Daily",
        "US envoy to meet Russian officials on ceasefire terms",
        "WASHINGTON, Jan. 12 (AP) —",
        [
            "The U.S. special envoy will meet Russian officials this week to discuss the terms "
            "of a possible ceasefire in Ukraine, the State Department said on Monday.",
            "A spokesperson said the talks would cover a monitoring mechanism and an exchange "
            "of prisoners, but not territorial questions.",
            "European diplomats said they had been briefed on the plan and would send their "
            "own proposals for security guarantees to Washington.",
            "Kyiv has insisted it must be present at any talks that decide its future.",
        ],
        byline="By Daniel Brooks",
        inline_junk=[(1, '<p class="ad">Advertisement</p>'),
                     (3, "<p>Share this article</p>")],
    ),
    Page(
        "p06-kharkiv-shelling", "Eastern Observer",
        "Shelling hits Kharkiv as negotiators meet",
        "KHARKIV, Ukraine (AP) —",
        [
            "Russian shelling struck residential districts of Kharkiv overnight, killing two "
            "people and wounding at least eleven, the regional governor said on Wednesday.",
            "The attack came hours after negotiators from both sides met in a third country "
            "to discuss an exchange of prisoners.",
            "Rescue workers searched the rubble of a five-storey building into the morning, "
            "the emergency service said.",
            "Russia's defence ministry said it had struck military targets and denied hitting "
            "civilians.",
        ],
        byline="By Iryna Bondar",
        inline_junk=[(2, "<p>Photo: Rescue workers at the site of the strike in Kharkiv.</p>")],
        comment_form="yourname",
    ),
    Page(
        "p07-berlin-patriot", "Berlin Report",
        "Germany to send another Patriot system",
        "BERLIN, March 4 -",
        [
            "Germany will send another Patriot air defence system to Ukraine, the defence "
            "ministry said, part of a pledge made at the coalition's last meeting.",
            "The system is expected to arrive within weeks and will be operated by Ukrainian "
            "crews trained in Germany.",
            "The chancellor said Germany would keep supporting Ukraine for as long as "
            "necessary and called on other allies to match its contribution.",
        ],
        byline_in_body="Markus Weber, Reuters",
        byline_last=True,
        meta='<meta property="article:published_time" content="2026-03-04T09:30:00+01:00">',
    ),
    Page(
        "p08-ankara-black-sea", "Bosphorus Times",
        "Turkey offers to host Black Sea navigation talks",
        "ANKARA (Reuters) -",
        [
            "Turkey offered on Thursday to host talks on safe navigation in the Black Sea as "
            "part of a broader ceasefire, the foreign ministry said.",
            "The offer follows attacks on merchant ships near Ukraine's ports that have pushed "
            "up insurance costs for grain exporters.",
            "Ukraine welcomed the proposal, while Russia said it would study it.",
            "Turkish officials said a demining effort would be needed before any shipping "
            "corridor could be declared safe.",
        ],
        byline="By Selin Kaya and David Green",
        inline_junk=[(2, "<p>Read more: Grain exports recover despite attacks on ports</p>")],
        meta='<script type="application/ld+json">{"@type": "NewsArticle", '
        '"datePublished": "2026-02-19", "author": {"@type": "Person", "name": "Selin Kaya"}}'
        "</script>",
    ),
    Page(
        "p09-warsaw-logistics", "Vistula News",
        "Poland to run logistics hub for reassurance force",
        "WARSAW —",
        [
            "Poland will host the logistics hub for a future reassurance force in Ukraine, "
            "but will not send combat troops, the prime minister said on Friday.",
            "He said the hub at Rzeszow would handle supplies and rotations for the countries "
            "that take part.",
            "Poland already serves as the main route for Western weapons and aid to Ukraine.",
        ],
        byline="By Piotr Zielinski",
        cookie_banner=False,
        inline_junk=[(3, "<p>Follow us on Telegram and X for live updates.</p>")],
    ),
    Page(
        "p10-ottawa-pledge", "Maple Courier",
        "Canada pledges trainers and air defence funding",
        "OTTAWA —",
        [
            "Canada will send military trainers and fund air defence equipment for Ukraine "
            "as part of the coalition's security guarantees, the prime minister said.",
            "The package includes money for interceptors and a commitment to keep trainers in "
            "Europe for at least three years.",
            "Opposition leaders backed the pledge but asked the government to explain how it "
            "would be paid for.",
            "Canada has been among the larger donors of military aid to Ukraine since 2022.",
        ],
        byline_in_body="By Sarah Thompson",
        comment_form="wordpress",
        inline_junk=[(4, "<p>Copyright 2026 Maple Courier. All rights reserved.</p>")],
    ),
    Page(
        "p11-geneva-prisoners", "Lakeside Post",
        "Prisoner exchange agreed at Geneva talks",
        "GENEVA, Feb. 20 (AFP) -",
        [
            "Russia and Ukraine agreed to exchange several hundred prisoners of war after talks "
            "in Geneva, the mediators said in a statement on Friday.",
            "The exchange is to take place in stages over the coming weeks, starting with the "
            "wounded and the sick.",
            "Ukraine's human rights commissioner called the agreement an important step but "
            "said thousands of civilians remained in Russian custody.",
            "The mediators said further rounds of talks were planned but gave no dates.",
        ],
        byline="By Lea Fontaine",
        inline_junk=[(2, "<p>Sign up for our newsletter and get the morning briefing in your "
                         "inbox.</p>")],
        comment_form="none",
    ),
    Page(
        "p12-rome-reconstruction", "Tiber Chronicle",
        "Reconstruction conference opens with new pledges",
        "ROME, June 10 -",
        [
            "Donors pledged new funds for Ukraine's reconstruction at a conference in Rome on "
            "Tuesday, with a focus on energy networks damaged by strikes.",
            "The Italian prime minister said the pledges showed that Europe would stand by "
            "Ukraine after the war.",
            "Ukrainian officials presented plans for rebuilding power plants and housing in "
            "the regions near the front line.",
            "Business leaders were urged to invest alongside public lenders.",
        ],
        byline="By Giulia Romano",
        comment_form="yourname",
    ),
    # -- harder pages: furniture the rules do not know, and article text that looks like
    # furniture, so the benchmark can show post-processing that removes too much.
    Page(
        "p13-vilnius-pledges", "Baltic Monitor",
        "Baltic states list their pledges to the reassurance force",
        "VILNIUS (Reuters) -",
        [
            "The three Baltic states set out on Monday what they would contribute to a "
            "reassurance force for Ukraine, in a joint statement issued in Vilnius.",
            "Related talks in Warsaw last week ended without agreement on who would command "
            "the force, officials said.",
            "Share prices of Baltic defence firms rose after the announcement.",
            "Email exchanges seen by reporters show the statement was drafted over a weekend.",
        ],
        byline="By Ruta Kazlauskiene",
        content=[(1, "<ul><li>Lithuania: a company of engineers and two air defence teams</li>"
                     "<li>Latvia: training of Ukrainian crews at home bases</li>"
                     "<li>Estonia: a cyber defence unit and intelligence officers</li></ul>",
                  "Lithuania: a company of engineers and two air defence teams\n"
                  "Latvia: training of Ukrainian crews at home bases\n"
                  "Estonia: a cyber defence unit and intelligence officers")],
        inline_junk=[(4, '<aside class="most-read"><h3>Most read</h3><ol><li>Markets slide as '
                         "talks stall</li><li>Winter storm hits the coast</li></ol></aside>")],
    ),
    Page(
        "p14-istanbul-listen", "Bosphorus Review",
        "Negotiators return to Istanbul for a fourth round",
        "ISTANBUL —",
        [
            "Russian and Ukrainian negotiators returned to Istanbul on Wednesday for a fourth "
            "round of talks on a ceasefire, Turkish officials said.",
            "The delegations were expected to discuss the exchange of the bodies of fallen "
            "soldiers and a possible pause in strikes on energy facilities.",
            "Turkey's foreign minister said both sides had shown a willingness to continue.",
            "Previous rounds produced prisoner exchanges but no agreement on a ceasefire.",
        ],
        byline="By Emre Demir",
        inline_junk=[
            (0, '<div class="audio"><p>Listen to this article</p><p>4 min</p></div>'),
            (2, "<figure><img src=x.jpg><figcaption>Delegations arrive at the palace on "
                "Wednesday. (AFP)</figcaption></figure>"),
            (3, "<p>Watch: Negotiators arrive for the fourth round</p>"),
        ],
        cookie_banner=False,
    ),
    Page(
        "p15-helsinki-quote", "Nordic Ledger",
        "Finland says guarantees must be credible",
        "HELSINKI, Feb. 2 (AP) —",
        [
            "Finland's president said on Monday that any security guarantees for Ukraine must "
            "be credible enough to deter a new attack.",
            "“Guarantees on paper are not enough,” he told reporters.",
            "Asked whether Finland would send troops, he said: “We will decide when we see the "
            "plan.”",
            "Finland shares a long border with Russia and joined NATO in 2023.",
        ],
        byline="By Aino Virtanen",
        comment_form="yourname",
        inline_junk=[(2, "<p>Comment</p>"), (4, "<p>Tags: Finland, Ukraine, NATO</p>")],
    ),
    Page(
        "p16-bucharest-divs", "Danube Post",
        "Romania offers Black Sea base for air patrols",
        "BUCHAREST —",
        [
            "Romania offered on Thursday to host air patrols over the Black Sea from its "
            "Mihail Kogalniceanu base as part of guarantees for Ukraine.",
            "The defence minister said the patrols would protect shipping lanes and could "
            "start soon after a ceasefire.",
            "Romania already hosts a NATO battlegroup and an F-16 training centre.",
        ],
        byline="Andrei Popescu, Reuters",
        inline_junk=[(3, '<div class="newsletter-box"><p>Get the Danube Post morning '
                         "briefing</p><form><input placeholder=\"Your email\"><button>Sign "
                         "up</button></form></div>")],
    ),
]  # fmt: skip


# A second site template, written after the boilerplate rules, with furniture worded
# differently (listen bars, inline adverts, captions, "Most read" boxes inside the article,
# author bios, topic tags, sign-in prompts), so the benchmark is not only pages the rules
# were written against.
LISTEN = '<div class="audio"><span>Listen to this article</span> <span>4 min</span></div>'
UPDATED = '<p class="timestamp">Updated {when}</p>'
INLINE_AD = '<div class="ad-slot"><p>Advertisement</p><p>Article continues below</p></div>'
FIGURE = '<figure><img src="/i.jpg" alt=""><figcaption>{caption}</figcaption></figure>'
MOST_READ = (
    '<div class="most-read"><h4>Most read</h4><ol><li><a href="/m1">Kremlin rejects '
    'proposal for monitors</a></li><li><a href="/m2">Winter strikes test Ukraine grid</a>'
    "</li></ol></div>"
)
NEWSLETTER = (
    '<div class="newsletter-box"><p>Get our Europe briefing every morning</p>'
    '<input placeholder="Your email address"><button>Sign up</button></div>'
)
COMMENTS_B = (
    '<section class="comments"><h3>Comments (12)</h3><p>Sign in to comment</p>'
    '<p><label>Your name</label><input name="n"></p></section>'
)


@dataclass
class PageB:
    id: str
    site: str
    title: str
    dateline: str
    paragraphs: list[str]
    byline: str
    updated: str
    caption: str
    bio: str
    tags: list[str]


def render_b(page: PageB) -> str:
    body = []
    for i, text in enumerate(page.paragraphs):
        if i == 0:
            text = f"{page.dateline} {text}"
        if i == 1:
            body.append(FIGURE.format(caption=escape(page.caption)))
        if i == 2:
            body.append(INLINE_AD)
        if i == 3:
            body.append(MOST_READ)
        body.append(f"<p>{escape(text)}</p>")
    body.append(NEWSLETTER)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(page.title)} - {escape(page.site)}</title></head><body>"
        + NAV.format(site=escape(page.site))
        + f'<div class="page"><article><header><h1>{escape(page.title)}</h1>'
        + f'<p class="author">{escape(page.byline)}</p>'
        + UPDATED.format(when=escape(page.updated))
        + LISTEN
        + "</header>"
        + '<div class="article-body">'
        + "".join(body)
        + f'<p class="author-bio"><em>{escape(page.bio)}</em></p>'
        + '<p class="tags">Topics: '
        + ", ".join(f'<a href="/t/{t.lower()}">{escape(t)}</a>' for t in page.tags)
        + "</p></div></article>"
        + COMMENTS_B
        + "</div>"
        + FOOTER.format(site=escape(page.site))
        + "</body></html>\n"
    )


PAGES_B = [
    PageB(
        "q01-geneva-monitors", "Lakeside Courier",
        "Envoys discuss a monitoring mission for a future ceasefire line",
        "GENEVA (AFP) -",
        [
            "Envoys from the United States, Ukraine and several European countries discussed "
            "on Wednesday how an international mission could monitor a future ceasefire line.",
            "A draft circulated before the meeting proposes unarmed observers backed by drones "
            "and satellite imagery, diplomats said.",
            "Ukraine wants the mission to report violations within hours, while some European "
            "governments favour a slower review by a joint commission.",
            "Russia did not send a delegation and has said it would not accept foreign "
            "monitors on territory it controls.",
            "Another round of talks is planned for next month.",
        ],
        byline="By Anna Keller",
        updated="14:20 GMT, 21 January 2026",
        caption="Delegates arrive for talks in Geneva. (Photo: AFP)",
        bio="Anna Keller covers diplomacy for the Lakeside Courier.",
        tags=["Ukraine", "Diplomacy"],
    ),
    PageB(
        "q02-oslo-funding", "Northern Dispatch",
        "Nordic states pledge funds for Ukraine's air defence",
        "OSLO, Feb. 2 (Reuters) -",
        [
            "Norway, Sweden, Denmark and Finland pledged on Monday to fund the purchase of "
            "additional air defence systems for Ukraine before the end of the winter.",
            "The ministers said the money would pay for interceptors and radar units, "
            "without giving the exact amount.",
            "Ukraine's defence minister thanked the four governments and said the systems "
            "would protect power stations from drone attacks.",
            "The Kremlin said the pledges showed that Europe was not interested in peace.",
        ],
        byline="By Erik Solberg and Ines Lund",
        updated="09:05 GMT, 2 February 2026",
        caption="A radar unit during an exercise. Image: Reuters",
        bio="Erik Solberg is a defence correspondent based in Oslo.",
        tags=["Norway", "Air defence", "Ukraine"],
    ),
    PageB(
        "q03-vilnius-border", "Baltic Review",
        "Lithuania tightens border controls after drone incursion",
        "VILNIUS —",
        [
            "Lithuania tightened controls along its border with Belarus on Thursday after a "
            "drone crossed into its airspace overnight, the interior ministry said.",
            "The drone crashed in a forest and caused no damage, but officials said it was "
            "the third such incident this month.",
            "Neighbouring Latvia and Poland said they were ready to help and called for a "
            "common European response.",
            "Belarus denied that the drone had been launched from its territory.",
        ],
        byline="By Ruta Petrauskaite",
        updated="11:30 GMT, 12 February 2026",
        caption="Border guards on patrol near the Belarusian border",
        bio="Ruta Petrauskaite reports from Vilnius.",
        tags=["Lithuania", "Belarus"],
    ),
    PageB(
        "q04-madrid-sanctions", "Iberian Times",
        "Spain backs new sanctions on Russian energy exports",
        "MADRID, March 10 -",
        [
            "Spain said on Tuesday it would support a new package of European sanctions "
            "targeting Russian energy exports, including liquefied natural gas.",
            "The foreign minister told parliament that the measures should take effect "
            "before the summer.",
            "Some member states have warned that a ban on gas imports could raise prices for "
            "households.",
            "Moscow called the proposal an act of economic war and said it would respond.",
        ],
        byline="By Lucia Herrera",
        updated="16:45 GMT, 10 March 2026",
        caption="The Spanish foreign minister in parliament. Photograph: EFE",
        bio="Lucia Herrera is the Iberian Times's European affairs editor.",
        tags=["Spain", "Sanctions", "Energy"],
    ),
]  # fmt: skip


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    gold = {}
    for page in PAGES:
        (OUT / f"{page.id}.html").write_text(render(page), encoding="utf-8")
        gold[page.id] = {"articleBody": truth(page)}
    for page_b in PAGES_B:
        (OUT / f"{page_b.id}.html").write_text(render_b(page_b), encoding="utf-8")
        first, *rest = page_b.paragraphs
        gold[page_b.id] = {"articleBody": "\n".join([f"{page_b.dateline} {first}", *rest])}
    (OUT / "ground_truth.json").write_text(
        json.dumps(gold, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    main()
