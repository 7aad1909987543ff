"""kg's process pool against spaCy's own nlp.pipe(n_process=2), on the same corpus.

python bench/engines.py /tmp/kg-bench/small      # a corpus made by bench/scale.py
"""

import sys
import time

import kg
from kg.pipeline import BuildConfig

if __name__ == "__main__":  # the pool starts processes with "spawn": keep this guard
    corpus = sys.argv[1] if len(sys.argv) > 1 else "seeds"
    for engine in ("pool", "spacy"):
        start = time.perf_counter()
        kg.build([corpus], config=BuildConfig(jobs=2, jobs_engine=engine))
        print(f"--jobs 2 with engine {engine}: {time.perf_counter() - start:.1f} s", flush=True)
