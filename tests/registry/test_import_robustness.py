"""Broken, truncated, wrongly encoded and oversized files: a clear error, nothing written."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine

from clusterbridge.core.errors import ClusterBridgeError, InvalidInput
from clusterbridge.registry.importers import files
from clusterbridge.registry.importers.tables import import_files
from tests.registry.test_importers import ORGANISATIONS, table_contents

VALID = ORGANISATIONS.encode("utf-8")


def attempt(engine: Engine, tmp_path: Path, data: bytes, name: str = "o.csv") -> None:
    """Import ``data``: it either succeeds, or fails cleanly leaving every table as it was."""
    path = tmp_path / name
    path.write_bytes(data)
    before = table_contents(engine)
    try:
        import_files([("organisations", path)])
    except ClusterBridgeError as error:
        message = str(error)
        assert message
        assert "Traceback" not in message
        assert table_contents(engine) == before


@st.composite
def damaged(draw: st.DrawFn) -> bytes:
    data = bytearray(VALID)
    how = draw(st.sampled_from(["truncate", "flip", "insert", "encode", "gzip-truncated"]))
    if how == "truncate":
        return bytes(data[: draw(st.integers(0, len(data)))])
    if how == "flip":
        for _ in range(draw(st.integers(1, 10))):
            data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
        return bytes(data)
    if how == "insert":
        at = draw(st.integers(0, len(data)))
        return bytes(data[:at]) + draw(st.binary(min_size=1, max_size=40)) + bytes(data[at:])
    if how == "encode":
        encoding = draw(st.sampled_from(["latin-1", "utf-16", "cp949", "cp1252"]))
        return ORGANISATIONS.encode(encoding, errors="replace")
    packed = gzip.compress(VALID)
    return packed[: draw(st.integers(0, len(packed) - 1))]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=damaged())
def test_damaged_files_fail_cleanly(engine: Engine, tmp_path: Path, data: bytes) -> None:
    attempt(engine, tmp_path, data)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=300))
def test_random_bytes_fail_cleanly(engine: Engine, tmp_path: Path, data: bytes) -> None:
    attempt(engine, tmp_path, data, name="o.xlsx")


def test_wrong_encoding_names_the_row(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "latin.csv"
    path.write_bytes(ORGANISATIONS.replace("한빛배터리", "Hanbit").encode("latin-1"))
    with pytest.raises(InvalidInput, match=r"latin.csv, row 2: text is not UTF-8"):
        import_files([("organisations", path)])


def test_truncated_quote_is_reported(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "q.csv"
    path.write_text('external_id,kind,name\nA,company,"Unclosed\n', encoding="utf-8")
    with pytest.raises(InvalidInput, match="malformed CSV"):
        import_files([("organisations", path)])


def test_oversized_file_is_refused(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(files, "MAX_FILE_BYTES", 100)
    path = tmp_path / "big.csv"
    path.write_bytes(VALID)
    with pytest.raises(InvalidInput, match=r"big\.csv: file is larger than"):
        import_files([("organisations", path)])


def test_oversized_cell_is_refused(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "cell.csv"
    path.write_text("external_id,kind,name,description\nA,company,A," + "x" * 30_000 + "\n")
    with pytest.raises(InvalidInput, match="row 2, column description: value longer than"):
        import_files([("organisations", path)])


def test_too_many_values_in_a_row(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "wide.csv"
    path.write_text("external_id,kind,name\nA,company,A,extra\n")
    with pytest.raises(InvalidInput, match="row 2: row has 4 values but the header has 3"):
        import_files([("organisations", path)])


def test_empty_file(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_text("")
    with pytest.raises(InvalidInput, match="header row is required"):
        import_files([("organisations", path)])
