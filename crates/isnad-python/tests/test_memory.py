"""process_many streams: memory stays flat on a generator of a million documents."""

import os

import isnad


def rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def test_a_million_documents_in_flat_memory():
    texts = [
        "قال المتحدث إن المحادثات ستبدأ غدا.",
        'The mayor said "the bridge opens on Friday."',
        "وأكد الوزير أن الاتفاق سيوقع الأسبوع المقبل.",
        "Officials said the port will reopen.",
    ]
    docs = ({"id": i, "text": texts[i % 4], "published": "2025-02-19"} for i in range(1_000_000))
    records = isnad.Pipeline().process_many(docs, jobs=2)
    sizes = {}
    count = claims = 0
    for record in records:
        count += 1
        claims += len(record["claims"])
        if count in (100_000, 1_000_000):
            sizes[count] = rss_mb()
    assert count == 1_000_000
    assert claims >= 1_000_000
    # Nothing accumulates: what the first tenth of the input took is all the rest takes.
    print(f"RSS after 100,000 documents: {sizes[100_000]:.1f} MB, after 1,000,000: {sizes[1_000_000]:.1f} MB")
    assert sizes[1_000_000] - sizes[100_000] < 16, sizes
