from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kg.cli import main

ARTICLE = "美国总统拜登与乌克兰总统泽连斯基通话。俄罗斯总统普京会见中国国家主席习近平。"


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg.cli", *args], capture_output=True, text=True, cwd=cwd)


@pytest.mark.parametrize("args", [["--help"], ["build", "--help"], ["query", "--help"]])
def test_cli_help_explains_with_an_example(args, capsys):
    with pytest.raises(SystemExit) as info:
        main(args)
    assert info.value.code == 0
    assert "example:" in capsys.readouterr().out


def test_cli_build_handles_bad_files_and_writes_everything(tmp_path: Path):
    news = tmp_path / "news"
    news.mkdir()
    (news / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (news / "gbk.txt").write_bytes(("新华社北京电，" + ARTICLE).encode("gbk"))
    (news / "big5.txt").write_bytes("美國總統拜登與烏克蘭總統澤連斯基通話。".encode("big5"))
    (news / "utf16.md").write_bytes(("# 标题\n\n" + ARTICLE + "再次").encode("utf-16"))
    (news / "empty.txt").write_bytes(b"")
    (news / "binary.html").write_bytes(bytes(range(256)) * 64)
    (news / "broken.html").write_text("<html><body><p>拜登会见泽连斯基<div><b>未闭合", encoding="utf-8")
    out = tmp_path / "out"
    result = run("build", str(news), "-o", str(out))
    assert result.returncode == 0, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("kg: skipped")]
    assert (
        len(errors) == 2
        and any("empty.txt: empty file" in e for e in errors)
        and any("binary.html" in e for e in errors)
    )
    assert "Traceback" not in result.stderr
    assert "documents: 5 read, 2 skipped" in result.stdout
    for name in ("graph.json", "graph.ttl", "graph.html", "entities.csv", "relations.csv"):
        assert (out / name).stat().st_size > 0
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]  # no partial files
    data = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    assert len(data["graph"]["documents"]) == 5


def test_cli_build_exits_1_when_nothing_can_be_read(tmp_path: Path):
    (tmp_path / "empty.txt").write_bytes(b"")
    result = run("build", str(tmp_path), "-o", str(tmp_path / "out"), "--quiet")
    assert result.returncode == 1
    assert "nothing written" in result.stderr and not (tmp_path / "out").exists()


def test_cli_query_prints_table_and_csv(tmp_path: Path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    assert run("build", str(tmp_path / "a.txt"), "-o", str(tmp_path), "-q").returncode == 0
    query = "SELECT ?label WHERE { ?e a schema:Person ; rdfs:label ?label } ORDER BY ?label"
    table = run("query", str(tmp_path / "graph.ttl"), query)
    assert table.returncode == 0 and "普京" in table.stdout and "rows)" in table.stdout
    (tmp_path / "q.rq").write_text(query, encoding="utf-8")
    as_csv = run("query", str(tmp_path / "graph.ttl"), "-f", str(tmp_path / "q.rq"), "--format", "csv")
    assert as_csv.stdout.splitlines()[0] == "label" and "普京" in as_csv.stdout
    bad = run("query", str(tmp_path / "graph.ttl"), "SELECT nonsense")
    assert bad.returncode == 2 and "bad SPARQL" in bad.stderr and "Traceback" not in bad.stderr
