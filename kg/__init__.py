"""kg: knowledge graphs from Chinese news.

import kg
graph = kg.build(["seeds"])          # a networkx.Graph
nlp = kg.load_pipeline()             # the shipped spaCy NER pipeline
"""

__version__ = "0.1.0"


def __getattr__(name: str):
    # Lazy: `kg --help` and `import kg` stay fast; spaCy loads only when needed.
    if name == "load_pipeline":
        from kg.nlp.extract import load_pipeline

        return load_pipeline
    if name in ("build", "BuildConfig", "write_outputs"):
        from kg import pipeline as _pipeline

        return getattr(_pipeline, name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")


__all__ = ["build", "BuildConfig", "load_pipeline", "write_outputs", "__version__"]
