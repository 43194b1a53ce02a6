"""Output files appear whole or not at all, with the permissions of any file the user makes."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from briefgen.render.output import atomic_output


def test_output_gets_the_umask_permissions_not_the_temp_file_ones(tmp_path: Path) -> None:
    previous = os.umask(0o022)
    try:
        with atomic_output(tmp_path / "brief.pdf") as handle:
            handle.write(b"%PDF")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "brief.pdf").stat().st_mode) == 0o644


def test_failure_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "brief.pdf"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError):
        with atomic_output(target) as handle:
            handle.write(b"half")
            raise RuntimeError("writer failed")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["brief.pdf"]


def test_a_link_at_the_target_is_replaced_never_written_through(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep")
    target = tmp_path / "brief.pdf"
    target.symlink_to(victim)
    planted = tmp_path / ".brief.pdf.aaaaaaaa.part"  # a temporary's name taken in advance changes nothing
    planted.symlink_to(victim)
    with atomic_output(target) as handle:
        handle.write(b"%PDF")
    assert not target.is_symlink() and target.read_bytes() == b"%PDF"
    assert victim.read_text() == "keep"
