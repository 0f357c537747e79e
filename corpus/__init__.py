"""The corpus: which Go sources are indexed, and their local git repositories.

- :func:`load_corpus` reads a corpus definition (``corpus/default.toml``, ``corpus/full.toml``) into a
  :class:`CorpusDef` of :class:`RepoDef` (upstream, permalink template, tags, include/exclude globs);
- ``python -m corpus sync`` (:mod:`corpus.cli`, :func:`corpus.sync.sync`) makes local bare repositories whose tags
  are named as upstream's, from upstream git (partial clone) or from Go distributions in the package registries;
- :func:`load_manifest` returns what the last sync produced, for ingest (:meth:`Manifest.iter_tags`).
"""

from corpus.definition import CorpusDef, RepoDef, load_corpus
from corpus.errors import CorpusError
from corpus.manifest import Manifest, TagRef, load_manifest

__all__ = ["CorpusDef", "CorpusError", "Manifest", "RepoDef", "TagRef", "load_corpus", "load_manifest"]
