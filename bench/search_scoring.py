"""Measuring site search for bench/search_relevance.py: every query through the real
view, the links scored in the order shown (recall@K, reciprocal rank), the flat
ranking of `portal.search.find` scored alike, and each query timed."""

import statistics
import time

from bench.search_queries import EMPTY_QUERIES, QUERIES, Query

K = 10


def shown_links(client, query: Query) -> tuple[list[str], float]:
    from bs4 import BeautifulSoup

    started = time.perf_counter()
    response = client.get(f"/{query.language}/search/", {"q": query.text})
    elapsed = time.perf_counter() - started
    if response.status_code != 200:
        raise RuntimeError(f"{query.text!r}: status {response.status_code}")
    soup = BeautifulSoup(response.content, "html.parser")
    return [a["href"] for a in soup.select(".result__title")], elapsed


def ranked_links(query: Query) -> list[str]:
    from django.utils import translation

    from portal import search

    with translation.override(query.language):
        parsed = search.parse(query.text)
        if parsed.empty:
            return []
        _, matches, _ = search.find(parsed, query.language)
        return [document.url for document in search.documents(matches[:K])]


def score(links: list[str], expected: tuple[str, ...]) -> tuple[float, float]:
    """recall@K and reciprocal rank; a query that must find nothing scores 1 for
    an empty page and 0 otherwise."""
    top = links[:K]
    if not expected:
        return (0.0, 0.0) if top else (1.0, 1.0)
    found = [url for url in expected if url in top]
    recall = len(found) / min(len(expected), K)
    ranks = [top.index(url) + 1 for url in found]
    return recall, (1 / min(ranks)) if ranks else 0.0


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))
    return ordered[index]


def measure(client, repeat: int) -> dict:
    rows, timings = [], []
    for query in [*QUERIES, *EMPTY_QUERIES]:
        links, _ = shown_links(client, query)  # also warms caches
        mine = [shown_links(client, query)[1] * 1000 for _ in range(repeat)]
        timings += mine
        ranked = ranked_links(query)
        recall, rr = score(links, query.expected)
        ranked_recall, ranked_rr = score(ranked, query.expected)
        rows.append(
            {
                "query": query.text,
                "language": query.language,
                "group": query.group,
                "expected": list(query.expected),
                "shown": links,
                "ranked": ranked,
                "recall": recall,
                "rr": rr,
                "ranked_recall": ranked_recall,
                "ranked_rr": ranked_rr,
                "ms": statistics.median(mine),
            }
        )
    return {"rows": rows, "timings": timings}


def summary(rows: list[dict]) -> dict:
    def mean(key: str, subset: list[dict]) -> float:
        return sum(r[key] for r in subset) / len(subset)

    groups = {}
    for group in dict.fromkeys(r["group"] for r in rows):
        subset = [r for r in rows if r["group"] == group]
        groups[group] = (len(subset), mean("recall", subset), mean("rr", subset))
    return {
        "recall": mean("recall", rows),
        "mrr": mean("rr", rows),
        "ranked_recall": mean("ranked_recall", rows),
        "ranked_mrr": mean("ranked_rr", rows),
        "groups": groups,
    }


def latency_line(label: str, timings: list[float]) -> str:
    return (
        f"| {label} | {len(timings)} | {statistics.median(timings):.0f} | "
        f"{percentile(timings, 0.95):.0f} | {max(timings):.0f} |"
    )
