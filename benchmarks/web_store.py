"""A synthetic store for the web benchmark: documents with events, actor mentions and quotations.

Sentences draw on a vocabulary of a few thousand made-up words, so evidence sentences differ as
news sentences do; one report in five retells an earlier event (same actors, type, modality and
date, most of the words), so cross-document deduplication has real work to do.
"""

from __future__ import annotations

import hashlib
import random
from datetime import date, timedelta

from dyadscope.records import MODALITIES, Actor, Article, ArticleResult, Event, Mention, Quote

TYPES = [("AGREE", "030", 4.0, 1), ("CONSULT", "040", 1.0, 1), ("SUPPORT", "051", 3.4, 1), ("COOPERATE", "061", 6.4, 2),
         ("AID", "072", 8.3, 2), ("ACCUSE", "112", -2.0, 3), ("REJECT", "120", -4.0, 3), ("THREATEN", "138", -7.0, 3),
         ("SANCTION", "163", -8.0, 4), ("ASSAULT", "190", -10.0, 4)]
COUNTRIES = {"IRN": "Iran", "RUS": "Russia", "USA": "United States", "CHN": "China", "SYR": "Syria", "TUR": "Turkey",
             "ISR": "Israel", "SAU": "Saudi Arabia", "IRQ": "Iraq", "UKR": "Ukraine"}
CONTEXTS = ["military", "economic", "diplomatic", "cbrn", "natural_resource"]
MODALITY_WEIGHTS = [70, 15, 5, 6, 4]


def _vocabulary(rng: random.Random, n: int = 4000) -> list[str]:
    syllables = ["ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "ze", "an", "or", "el", "is", "um", "ba", "de"]
    return sorted({"".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))) for _ in range(n * 2)})[:n]


def _pair(rng: random.Random) -> tuple[str, str]:
    codes = list(COUNTRIES)
    return tuple(rng.sample(codes[:3], 2)) if rng.random() < 0.5 else tuple(rng.sample(codes, 2))


def synthetic_results(n_events: int, *, per_doc: int = 5, seed: int = 7, start_id: int = 0) -> list[ArticleResult]:
    """About ``n_events`` events in ``n_events // per_doc`` documents, reproducibly."""
    rng = random.Random(seed)
    words = _vocabulary(rng)
    told: list[tuple] = []
    results = []
    for d in range(start_id, start_id + n_events // per_doc):
        doc_date = date(2005, 1, 1) + timedelta(days=rng.randrange(6000))
        text, sentences, events, mentions = "", [], [], []
        for _ in range(per_doc):
            if told and rng.random() < 0.2:
                a, b, etype, cameo, gold, quad, modality, ev_date, body = rng.choice(told)
                body = body[:-1] + [rng.choice(words)]
            else:
                a, b = _pair(rng)
                etype, cameo, gold, quad = rng.choice(TYPES)
                modality = rng.choices(MODALITIES, MODALITY_WEIGHTS)[0]
                ev_date = (doc_date - timedelta(days=rng.randrange(30))).isoformat()[: rng.choice([10, 10, 10, 7, 4])]
                body = rng.sample(words, 9)
                told.append((a, b, etype, cameo, gold, quad, modality, ev_date, body))
            name_a, name_b = COUNTRIES[a], COUNTRIES[b]
            sentence = f"{name_a} {body[0]} {name_b} " + " ".join(body[1:]) + "."
            s = len(text)
            text += sentence + " "
            sentences.append((s, s + len(sentence)))
            sa, sb = s, s + len(name_a) + len(body[0]) + 2
            mentions += [Mention(sa, sa + len(name_a), name_a, name_a, a, a, None, "state"),
                         Mention(sb, sb + len(name_b), name_b, name_b, b, b, None, "state")]
            trigger = s + len(name_a) + 1
            events.append(Event(
                etype, None, tuple(rng.sample(CONTEXTS, rng.randrange(3))), cameo, gold, quad,
                (Actor(name_a, name_a, a, a, None, sa, sa + len(name_a)),), (Actor(name_b, name_b, b, b, None, sb, sb + len(name_b)),),
                ev_date, "text", modality, None, sentence, trigger, trigger + len(body[0]), 0.7, "bench.v1"))
        a, b = _pair(rng)
        content = f"{COUNTRIES[b]} " + " ".join(rng.sample(words, 8))
        q0 = len(text)
        quoted = f"\u201c{content}\u201d, a spokesman said."
        text += quoted
        sentences.append((q0, q0 + len(quoted)))
        mentions.append(Mention(q0 + 1, q0 + 1 + len(COUNTRIES[b]), COUNTRIES[b], COUNTRIES[b], b, b, None, "state"))
        speaker = Actor("a spokesman", f"{COUNTRIES[a]} spokesman", a + "GOV", a, "GOV", q0 + len(content) + 4, q0 + len(content) + 15)
        quote = Quote("direct", content, ((q0 + 1, q0 + 1 + len(content)),), "said", speaker, q0, q0 + len(quoted), rule="bench.v1")
        title = f"{COUNTRIES[a]} and {COUNTRIES[b]}: " + " ".join(rng.sample(words, 4))
        results.append(ArticleResult(
            Article(f"d{d}", text, date=doc_date.isoformat(), title=title, publisher=f"Wire {rng.randrange(40)}",
                    source_path=f"synthetic/d{d}.txt", content_hash=hashlib.sha256(text.encode()).hexdigest()),
            sentences=tuple(sentences), mentions=tuple(sorted(mentions, key=lambda m: m.start)), quotes=(quote,),
            events=tuple(events)))
    return results


def build_store(db, n_events: int, *, batch: int = 5000, seed: int = 7) -> None:
    """Write about ``n_events`` synthetic events into the open store ``db``."""
    results = synthetic_results(n_events, seed=seed)
    for i in range(0, len(results), batch):
        db.write_results(results[i : i + batch])
