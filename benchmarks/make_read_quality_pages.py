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
    first, *rest = page.paragraphs
    return "\n".join([f"{page.dateline} {first}", *rest])


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
]  # fmt: skip


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    gold = {}
    for page in PAGES:
        (OUT / f"{page.id}.html").write_text(render(page), encoding="utf-8")
        gold[page.id] = {"articleBody": truth(page)}
    (OUT / "ground_truth.json").write_text(
        json.dumps(gold, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    main()
