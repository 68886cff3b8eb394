"""Fuzz the PO reader and import (run by test_po_fuzz.py in a subprocess under a memory cap).

Every input must end in an import or a ``GlocalError`` (a clean exit 1/2 in the CLI); any
other exception is a crash (exit 3) and fails the run with hypothesis' smallest example.
Usage: python po_fuzz.py WORKSPACE EXAMPLES
"""

from __future__ import annotations

import sys
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from glocal.errors import GlocalError
from glocal.localization.po import export_po, import_po
from glocal.workspace import Workspace, load_workspace

PROGRAM = "leading-through-change"
TOKENS = [
    b'"', b"\\", b"\n", b"\r\n", b"\x00", b"\xff", b"\xe2\x80\xa8", b"\x1b", b"\t", b"\\q", b"\\",
    b"msgid ", b'msgid ""\n', b"msgstr ", b'msgstr[0] "x"\n', b'msgid_plural "xs"\n', b"#~ ", b"#| ",
    b"#, fuzzy\n", b'msgctxt "title"\n', b'msgctxt "modules.nope.title"\n', b"charset=latin-1",
    b"charset=nope", b"charset=UTF-16", b"Language: xx_YY", b"Project-Id-Version: other 1",
    b"POT-Creation-Date: x", b"PO-Revision-Date: 2000-13-45 99:99+9999", b"Plural-Forms: nplurals=",
    b"Content-Type: ", b"MIME-Version: ", b"\\n\"\n\"", b"[" * 300, b"{" * 300, b"&a ", b"*a", b"\n\n", b"# comment\n", b"\xef\xbb\xbf", b"\xc3",
]


class Fuzzer:
    """Imports each input into one workspace; reloads it after an import wrote something."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.loaded: Workspace = load_workspace(root, [PROGRAM])
        self.base = export_po(root, self.loaded.bundle(PROGRAM), "de")
        self.imports = 0
        self.errors = 0

    def run(self, data: bytes) -> None:
        po = self.root / "fuzz.po"
        po.write_bytes(data)
        try:
            result = import_po(self.loaded, po)
        except GlocalError:
            self.errors += 1
            return
        self.imports += 1
        if result.changed:
            self.loaded = load_workspace(self.root, [PROGRAM])


def _mutated(base: bytes) -> st.SearchStrategy[bytes]:
    edit = st.tuples(st.floats(0, 1), st.integers(0, 40), st.one_of(st.sampled_from(TOKENS), st.binary(max_size=8)))

    def apply(edits: list[tuple[float, int, bytes]]) -> bytes:
        data = base
        for where, cut, token in edits:
            at = int(where * len(data))
            data = data[:at] + token + data[at + cut:]
        return data

    return st.lists(edit, min_size=1, max_size=6).map(apply)


def _translated(base: bytes) -> st.SearchStrategy[bytes]:
    needle = b'msgstr "Feedback, das ankommt"'

    def put(text: str) -> bytes:
        escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
        return base.replace(needle, b'msgstr "' + escaped.encode("utf-8", "surrogatepass") + b'"')

    return st.text(max_size=200).map(put)


def main(root: Path, examples: int) -> None:
    fuzzer = Fuzzer(root)
    inputs = st.one_of(st.binary(max_size=600), _mutated(fuzzer.base), _translated(fuzzer.base))

    base = fuzzer.base
    header_end = base.index(b"\n\n")

    # Inputs that crashed glocal before (exit 3) run first, then the generated ones.
    @settings(max_examples=examples, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(inputs)
    @example(base.replace(b"charset=utf-8", b"charset=klingon-1"))  # LookupError
    @example(base[:header_end].replace(b"POT-Creation-Date: ", b"POT-Creation-Date:\t") + base[header_end:])
    @example(base.replace(b'msgstr "Feedback, das ankommt"', b'msgstr "Feedback\x00"'))
    def fuzz(data: bytes) -> None:
        fuzzer.run(data)

    fuzz()
    print(f"imports={fuzzer.imports} errors={fuzzer.errors}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]))
