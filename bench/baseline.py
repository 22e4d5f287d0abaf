"""The baseline the matching must beat on speed and quality: character n-gram TF-IDF.

Every offer's title and description against every need's (sklearn ``TfidfVectorizer``,
``analyzer="char_wb"``, 3..5-grams, cosine), the same actor excluded, top K per offer by
``argpartition`` over blocks of sparse products. No knowledge, no rules.

    python -m bench.baseline REGION.json [--top 5]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer

BLOCK = 256


def _text(stream: dict[str, Any]) -> str:
    description = stream.get("description")
    return f"{stream['title']}. {description}" if description else str(stream["title"])


def baseline_matches(document: dict[str, Any], top_k: int = 5) -> list[tuple[str, str, int, float]]:
    """(offer, need, rank, cosine) for every offer's best ``top_k`` needs."""
    streams = document["streams"]
    offers = sorted((s for s in streams if s["direction"] == "offer"), key=lambda s: s["id"])
    needs = sorted((s for s in streams if s["direction"] == "need"), key=lambda s: s["id"])
    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)
    vectorizer.fit([_text(s) for s in offers + needs])
    x_offers = vectorizer.transform([_text(s) for s in offers])
    x_needs_t = sp.csr_matrix(vectorizer.transform([_text(s) for s in needs]).T)
    need_actor = np.asarray([s["actor"] for s in needs])
    out: list[tuple[str, str, int, float]] = []
    k = min(top_k, len(needs))
    for start in range(0, len(offers), BLOCK):
        block = offers[start : start + BLOCK]
        sims = (x_offers[start : start + BLOCK] @ x_needs_t).toarray()
        for row, offer in enumerate(block):
            sims[row, need_actor == offer["actor"]] = -1.0
        if k == 0:
            continue
        top = np.argpartition(-sims, k - 1, axis=1)[:, :k]
        for row, offer in enumerate(block):
            order = top[row][np.argsort(-sims[row, top[row]], kind="stable")]
            for rank, col in enumerate(order, start=1):
                if sims[row, col] > 0:
                    out.append((offer["id"], needs[col]["id"], rank, float(sims[row, col])))
    return out


def run(path: Path, top_k: int = 5) -> dict[str, Any]:
    started = time.perf_counter()
    document = json.loads(path.read_text(encoding="utf-8"))
    matches = baseline_matches(document, top_k)
    return {"seconds": time.perf_counter() - started, "matches": len(matches)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="character n-gram TF-IDF baseline")
    parser.add_argument("region", type=Path)
    parser.add_argument("--top", type=int, default=5)
    args = parser.parse_args(argv)
    print(json.dumps(run(args.region, args.top)))


if __name__ == "__main__":
    main()
