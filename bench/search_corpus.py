"""The corpus of bench/search_relevance.py: a scratch database with the demo data,
the bench notices and synonyms of bench/search_queries.py, generated filler notices
inserted in bulk and indexed through the real provider, and (PostgreSQL) the pg_trgm
index to time with and without."""

import datetime
import random
import time
import uuid
from pathlib import Path

TRIGRAM_INDEX = "portal_searchdoc_text_trgm"


def recreate_database(url: str) -> None:
    if url.startswith("sqlite"):
        Path(url.split("sqlite:///", 1)[1]).unlink(missing_ok=True)
        return
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


# --- content the benchmark adds ---------------------------------------------------

TOPICS = [
    ("占道经营", "street vending"),
    ("垃圾分类", "waste sorting"),
    ("违法建设", "illegal building"),
    ("飞线充电", "e-bike charging"),
    ("楼道堆物", "corridor clutter"),
    ("餐饮油烟", "cooking fumes"),
    ("噪声扰民", "noise"),
    ("车辆停放", "parking"),
    ("架空线缆", "overhead cables"),
    ("门前三包", "shop-front duties"),
    ("装修垃圾", "renovation waste"),
    ("环境卫生", "sanitation"),
    ("绿化养护", "green spaces"),
    ("市政设施", "municipal facilities"),
    ("户外广告", "outdoor advertising"),
]
PLACES = [
    "黄河社区", "滨湖社区", "建国社区", "民主社区", "光明社区", "和平社区", "幸福社区",
    "朝阳社区", "解放社区", "复兴社区", "文化社区", "新华社区", "工农社区", "友谊社区",
    "长安社区", "青年社区", "育才社区", "花园社区", "春晖社区", "东方社区", "南湖社区",
    "北苑社区", "西城社区", "翠屏社区", "金山社区", "银河社区", "绿地社区", "永安社区",
]  # fmt: skip
TITLES_ZH = [
    "{place}{topic}专项整治情况通报",
    "{month}{topic}工作简报",
    "关于{place}{topic}问题的处理结果",
    "{place}开展{topic}宣传活动",
    "{place}居民议事会商议{topic}",
    "第{n}期{topic}巡查通报",
]
SENTENCES_ZH = [
    "{date},{place}工作站联合物业对{topic}问题开展巡查,共劝导{n}起。",
    "居民可通过扫码反映{topic}问题,工作站在{hours}小时内回复。",
    "本次行动共出动队员{n}人次,清理{topic2}点位{m}处。",
    "下一步将结合{topic2}治理,持续巩固整治成果。",
    "{place}网格员每日巡查,发现问题及时上报,办结率{pct}%。",
    "对首次发现的轻微问题以教育劝导为主,限期改正。",
]
TITLES_EN = [
    "{topic} in {place}: update no. {n}",
    "Progress on {topic}, week {n}",
    "{place} residents discuss {topic}",
]
SENTENCES_EN = [
    "On {date} the {place} station patrolled for {topic} and advised {n} people.",
    "Residents can report {topic} by scanning the code; the station replies "
    "within {hours} hours.",
    "Next, the team will work on {topic2} as well.",
    "Grid workers walk the area daily; {pct}% of cases were closed.",
]


def filler_text(rng: random.Random, english: bool, today: datetime.date) -> dict:
    topic, topic_en = rng.choice(TOPICS)
    topic2, topic2_en = rng.choice(TOPICS)
    place = rng.choice(PLACES)
    day = today - datetime.timedelta(days=rng.randrange(1, 3 * 365))
    values = {
        "place": place,
        "topic": topic,
        "topic2": topic2,
        "n": rng.randrange(2, 60),
        "m": rng.randrange(2, 30),
        "hours": rng.choice([2, 24, 48]),
        "pct": rng.randrange(85, 100),
        "month": f"{day.year}年{day.month}月",
        "date": f"{day.year}年{day.month}月{day.day}日",
    }
    titles, sentences = TITLES_ZH, SENTENCES_ZH
    if english:
        titles, sentences = TITLES_EN, SENTENCES_EN
        from pypinyin import lazy_pinyin

        values.update(
            place="".join(lazy_pinyin(place[:-2])).capitalize() + " Community",
            topic=topic_en,
            topic2=topic2_en,
            date=day.isoformat(),
        )
    title = rng.choice(titles).format(**values)
    body = "".join(s.format(**values) for s in rng.sample(sentences, 3))
    return {
        "title": title[:1].upper() + title[1:],
        "summary": body[:120],
        "body": f"<p>{body}</p><p>{rng.choice(sentences).format(**values)}</p>",
        "date": day,
    }


def add_filler(count: int, english_share: float = 0.2, seed: int = 2026) -> float:
    """Insert `count` filler notices in bulk and index them; returns seconds taken."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from django.db.models import F
    from django.utils import timezone
    from wagtail.models import Page

    from notices.models import NoticeIndexPage, NoticePage
    from portal import search_index

    existing = NoticePage.objects.filter(slug__startswith="filler-").count()
    if existing >= count:
        return 0.0
    started = time.perf_counter()
    rng = random.Random(seed + existing)
    today = timezone.localdate()
    now = timezone.now()
    content_type = ContentType.objects.get_for_model(NoticePage)
    english_count = int((count - existing) * english_share)
    plan = [("en", english_count), ("zh-hans", count - existing - english_count)]
    columns = list(NoticePage._meta.local_concrete_fields)
    table = connection.ops.quote_name(NoticePage._meta.db_table)
    names = ", ".join(connection.ops.quote_name(f.column) for f in columns)
    placeholders = ", ".join(["%s"] * len(columns))
    number = existing
    for language, how_many in plan:
        parent = NoticeIndexPage.objects.get(locale__language_code=language)
        last = parent.get_last_child()
        step = Page._str2int(last.path[-Page.steplen :]) if last else 0
        for start in range(0, how_many, 1000):
            batch = min(1000, how_many - start)
            texts, pages = [], []
            for _ in range(batch):
                number += 1
                step += 1
                text = filler_text(rng, language == "en", today)
                slug = f"filler-{number}"
                texts.append(text)
                pages.append(
                    Page(
                        title=text["title"],
                        draft_title=text["title"],
                        slug=slug,
                        content_type=content_type,
                        live=True,
                        has_unpublished_changes=False,
                        url_path=f"{parent.url_path}{slug}/",
                        locale_id=parent.locale_id,
                        translation_key=uuid.uuid4(),
                        path=Page._get_path(parent.path, parent.depth + 1, step),
                        depth=parent.depth + 1,
                        numchild=0,
                        first_published_at=now,
                        last_published_at=now,
                    )
                )
            with transaction.atomic():
                created = Page.objects.bulk_create(pages)
                rows = []
                for page, text in zip(created, texts, strict=True):
                    values = {
                        "page_ptr_id": page.pk,
                        "date": text["date"],
                        "category": "work-news",
                        "summary": text["summary"],
                        "lead_image_id": None,
                        "body": text["body"],
                        "scope": "citywide",
                    }
                    rows.append(
                        [
                            f.get_db_prep_save(
                                values.get(f.attname, f.get_default()), connection
                            )
                            for f in columns
                        ]
                    )
                with connection.cursor() as cursor:
                    cursor.executemany(
                        f"INSERT INTO {table} ({names}) VALUES ({placeholders})",  # noqa: S608
                        rows,
                    )
                Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + batch)
            for page in NoticePage.objects.filter(pk__in=[p.pk for p in created]):
                search_index.reindex(page)
            print(f"  {number} filler notices", flush=True)  # noqa: T201
    return time.perf_counter() - started


# --- trigram index (PostgreSQL only) ---------------------------------------------


def trigram_index(create: bool) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        if create:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            cursor.execute(
                f"CREATE INDEX IF NOT EXISTS {TRIGRAM_INDEX} ON portal_searchdocument "
                "USING gin (search_text gin_trgm_ops)"
            )
        else:
            cursor.execute(f"DROP INDEX IF EXISTS {TRIGRAM_INDEX}")
        cursor.execute("ANALYZE portal_searchdocument")


def trigram_locale_note() -> str:
    """How pg_trgm treats Chinese in this database's locale."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        cursor.execute(
            "SELECT datcollate, datctype FROM pg_database "
            "WHERE datname = current_database()"
        )
        collate, ctype = cursor.fetchone()
        cursor.execute("SELECT show_trgm('占道经营')")
        trigrams = cursor.fetchone()[0]
    return (
        f"database locale LC_COLLATE={collate}, LC_CTYPE={ctype}; "
        f"show_trgm('占道经营') = {trigrams}"
    )
