"""Sentence vectors for search by meaning: WordLlama's packaged static model, offline.

WordLlama (MIT) ships a 256-dimension token-embedding table inside its wheel; a sentence vector
is the mean of its tokens' vectors. The package's loader looks for its tokenizer file in a folder
that does not exist (`tokenizer/` beside the `tokenizers/` it ships), so the file is copied into
dateline's cache folder on first use and the model is loaded with downloads disabled.
Vectors are stored as 256 signed bytes (int8, scaled per vector: cosine ignores the scale).
"""

from __future__ import annotations

import os
import shutil
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import numpy as np

from dateline.cache import cache_dir

CONFIG = "l2_supercat"
DIM = 256
MODEL_NAME = f"wordllama-0.4 {CONFIG} {DIM}d int8"  # kept in the store's meta table
TOKENIZER = f"{CONFIG}_tokenizer_config.json"


class EmbeddingError(Exception):
    """The embedding model cannot be loaded (explained in one line)."""


def _package_dir() -> Path:
    spec = find_spec("wordllama")
    if spec is None or spec.origin is None:
        raise EmbeddingError("search by meaning needs the wordllama package: pip install wordllama")
    return Path(spec.origin).parent


def model_dir() -> Path:
    """dateline's copy of WordLlama's tokenizer lives here (the weights stay in the package)."""
    return cache_dir() / "wordllama"


def _place_tokenizer(target: Path) -> None:
    """Copy the packaged tokenizer file to where the loader looks for it, once."""
    dest = target / "tokenizers" / TOKENIZER
    if dest.exists():
        return
    source = _package_dir() / "tokenizers" / TOKENIZER
    if not source.exists():
        raise EmbeddingError(f"wordllama is installed without its tokenizer file {source}")
    dest.parent.mkdir(parents=True, exist_ok=True)
    partial = dest.with_suffix(f".{os.getpid()}.part")
    shutil.copyfile(source, partial)
    partial.replace(dest)  # atomic: concurrent first uses never see half a file


def _import_wordllama() -> Any:
    """Import WordLlama without letting its `logging.basicConfig(level=INFO)` touch the root logger."""
    import logging

    root = logging.getLogger()
    guard = logging.NullHandler()
    level = root.level
    if not root.handlers:  # basicConfig does nothing when the root logger has a handler
        root.addHandler(guard)
    try:
        from wordllama import WordLlama
    finally:
        if guard in root.handlers:
            root.removeHandler(guard)
        root.setLevel(level)
    return WordLlama


@cache
def model() -> Any:
    """The WordLlama model, loaded once per process from installed files only."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    target = model_dir()
    try:
        _place_tokenizer(target)
    except OSError:  # an unwritable cache: a private temporary folder still works offline
        import tempfile

        target = Path(tempfile.mkdtemp(prefix="dateline-wordllama-"))
        _place_tokenizer(target)
    WordLlama = _import_wordllama()
    try:
        return WordLlama.load(config=CONFIG, dim=DIM, cache_dir=target, disable_download=True)
    except (FileNotFoundError, ValueError) as error:
        raise EmbeddingError(f"cannot load the wordllama model offline ({error})") from None


def embed(texts: list[str]) -> np.ndarray:
    """Unit-length float32 vectors, one row per text (an empty text gives a zero row)."""
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    vectors = model().embed([t or " " for t in texts], norm=False, batch_size=256)
    vectors = np.asarray(vectors, dtype=np.float32)
    vectors[[not t.strip() for t in texts]] = 0.0
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return np.divide(vectors, norms, out=np.zeros_like(vectors), where=norms > 0)


def pack(vectors: np.ndarray) -> list[bytes]:
    """Each vector as DIM signed bytes, scaled so its largest component is ±127."""
    peak = np.abs(vectors).max(axis=1, keepdims=True)
    scaled = np.divide(vectors * 127.0, peak, out=np.zeros_like(vectors), where=peak > 0)
    return [row.tobytes() for row in np.rint(scaled).astype(np.int8)]


def unpack(blobs: list[bytes]) -> np.ndarray:
    """Stored vectors back as unit-length float32 rows."""
    if not blobs:
        return np.zeros((0, DIM), dtype=np.float32)
    matrix = np.frombuffer(b"".join(blobs), dtype=np.int8).reshape(len(blobs), DIM)
    matrix = matrix.astype(np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return np.divide(matrix, norms, out=np.zeros_like(matrix), where=norms > 0)
