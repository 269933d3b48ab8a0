"""builder.textio: encodings, BOMs and line ends, and the Chinese error for a GBK file."""

from __future__ import annotations

import codecs

import pytest

from builder.diagnostics import Loc
from builder.textio import MAX_FILE_BYTES, TextError, decode, read_text

LOC = Loc("data/towns.yaml")


def test_plain_utf8_is_unchanged():
    assert decode("a: 索镇镇\n".encode(), LOC) == "a: 索镇镇\n"


def test_utf8_bom_is_dropped():
    assert decode(codecs.BOM_UTF8 + b"a: 1\n", LOC) == "a: 1\n"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_bom_is_read(encoding):
    data = "a: 马桥镇\r\n".encode(encoding)
    if encoding != "utf-16":  # the bare -le/-be codecs write no BOM; Notepad does
        data = (codecs.BOM_UTF16_LE if encoding.endswith("le") else codecs.BOM_UTF16_BE) + data
    assert decode(data, LOC) == "a: 马桥镇\n"


def test_crlf_and_lone_cr_become_lf():
    assert decode(b"a: 1\r\nb: 2\rc: 3\n", LOC) == "a: 1\nb: 2\nc: 3\n"


def test_gbk_file_gets_chinese_error_at_first_bad_line():
    data = "- id: suozhen\n  name: 索镇镇\n".encode("gbk")
    with pytest.raises(TextError) as caught:
        decode(data, LOC)
    error = caught.value
    assert str(error.loc) == "data/towns.yaml:2"  # 索 is the first non-ASCII byte, on line 2
    assert error.message == "文件不是 UTF-8 编码（encoding），看起来是 GBK/GB18030 编码（记事本“ANSI”）"
    assert error.hint == "请用编辑器“另存为”，编码选择 UTF-8 后再保存"


def test_garbage_bytes_name_no_encoding():
    with pytest.raises(TextError) as caught:
        decode(b"a: 1\nb: 2\nc: \xff\xfe\xfd\x00\x81", LOC)
    assert str(caught.value.loc) == "data/towns.yaml:3"
    assert caught.value.message == "文件不是 UTF-8 编码（encoding），无法识别的编码"


def test_read_text_missing_file_is_a_text_error(tmp_path):
    with pytest.raises(TextError) as caught:
        read_text(tmp_path / "nothing.yaml", LOC)
    assert caught.value.message.startswith("无法读取文件：")


def test_read_text_refuses_huge_file(tmp_path):
    path = tmp_path / "big.yaml"
    with open(path, "wb") as handle:  # a sparse file: the size check must come before reading
        handle.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(TextError) as caught:
        read_text(path, LOC)
    assert caught.value.message == "文件过大（16 MB），超过 16 MB 上限"


def test_fifty_megabyte_data_file_is_refused_quickly(make_site, site_files, run_cli):
    """A 50 MB file (a pasted export, say) gets our message at once, not minutes of parsing."""
    import time

    root = make_site(site_files)
    record = "- id: X\n  name: 填充\n"
    (root / "data" / "towns.yaml").write_text(
        site_files["data/towns.yaml"] + record * (50 * 1024 * 1024 // len(record.encode())), encoding="utf-8")
    started = time.perf_counter()
    code, _out, err = run_cli("check", "--site", root)
    assert time.perf_counter() - started < 10
    assert code == 1
    assert "data/towns.yaml: 错误: 文件过大（50 MB），超过 16 MB 上限" in err
    assert "提示: 请把大的台账拆分成多个文件（例如按镇街或月份），放在同一文件夹下" in err


def test_read_text_decodes(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_bytes(codecs.BOM_UTF8 + b"a: 1\r\n")
    assert read_text(path, LOC) == "a: 1\n"


@pytest.mark.parametrize("data", [codecs.BOM_UTF16_BE + b"\x00a\x00", codecs.BOM_UTF16_LE + b"\x00\xd8a\x00",
                                  codecs.BOM_UTF8 + b"a: \xff\n"])
def test_damaged_files_with_a_bom_are_a_message_not_a_crash(data):
    with pytest.raises(TextError) as caught:
        decode(data, LOC)
    assert caught.value.message in ("文件不是有效的 UTF-8 或 UTF-16：以 UTF-16 标记开头，但内容不完整或已损坏（encoding）",
                                    "文件不是 UTF-8 编码（encoding），无法识别的编码")
