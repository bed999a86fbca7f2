"""Batch input and output: finding inputs, reading them within limits, and writing outputs inside OUT only.

Everything here treats the folder and its files as hostile: symlink loops are visited once, a gzip bomb
stops at a size or ratio limit, a record or archive name such as ``../../etc/passwd`` becomes a plain
file name inside OUT, and every output is written to a temporary file and renamed into place.
"""
from __future__ import annotations

import codecs
import errno
import gzip
import hashlib
import json
import os
import stat
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path

import regex

from .decoding import decode
from .errors import InputError

TEXT_EXTENSIONS = (".txt",)
HTML_EXTENSIONS = (".html", ".htm", ".xhtml")
RECORD_EXTENSIONS = (".json", ".jsonl")
EXTENSIONS = TEXT_EXTENSIONS + HTML_EXTENSIONS + RECORD_EXTENSIONS
TEMP_PREFIX = ".~cleaner-"
RESERVED = ("errors.jsonl", "documents.jsonl")
GZIP_RATIO_FLOOR = 1 << 20  # the ratio limit applies once this much has come out of a gzip file
CHUNK = 1 << 16
UNSAFE_CHARS = regex.compile(r'[\x00-\x1f\x7f<>:"|?*\\]')


class InputRejected(InputError):
    """An input the batch refuses to clean, with a short stable `kind` for errors.jsonl."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind


@dataclass(frozen=True, slots=True)
class InputFile:
    """One file found under IN_DIR. `rel` is its POSIX path relative to IN_DIR, the key everywhere."""

    rel: str
    path: str
    size: int
    mtime_ns: int
    error: str | None = None  # set when the file was found but could not be stat'ed (a broken symlink)

    @property
    def suffix(self) -> str:
        """The content extension, with any .gz taken off: .txt, .html, .htm, .xhtml, .json or .jsonl."""
        name = self.rel.lower()
        name = name.removesuffix(".gz")
        return "." + name.rsplit(".", 1)[-1] if "." in name else ""

    @property
    def gzipped(self) -> bool:
        return self.rel.lower().endswith(".gz")

    @property
    def has_records(self) -> bool:
        return self.suffix in RECORD_EXTENSIONS


@dataclass(frozen=True, slots=True)
class Record:
    """A page inside a .json/.jsonl file: its name (id field, else position), content, and URL if given.

    `own_file` is true for a .json file holding a single object: its output is named after the file.
    """

    name: str
    content: str | None
    html: bool = False
    url: str | None = None
    skipped: str | None = None  # why the record holds no page (no text or html field)
    error: InputRejected | None = None
    own_file: bool = False


def eligible(name: str) -> bool:
    return name.lower().removesuffix(".gz").endswith(EXTENSIONS)


def walk(root: Path, globs: tuple[str, ...] = (), skip: tuple[Path, ...] = ()) -> Iterator[InputFile]:
    """The inputs under `root` in a stable order (sorted by path components), following symlinks.

    Each real folder is entered once, so a symlink loop, or two links to one folder, cannot make the walk
    run for ever or see a file twice. Hidden names (a leading dot) are skipped, and so are the `skip`
    folders (OUT, when it lies inside IN_DIR). `globs` narrow the inputs: shell patterns matched against
    the relative path, where `*` also matches `/`.
    """
    seen = {_key(os.stat(root))}
    for folder in skip:
        try:
            seen.add(_key(os.stat(folder)))
        except OSError:
            pass
    stack: list[tuple[Iterator[os.DirEntry], str]] = [(_entries(str(root)), "")]
    while stack:
        entries, prefix = stack[-1]
        entry = next(entries, None)
        if entry is None:
            stack.pop()
            continue
        if entry.name.startswith("."):
            continue
        rel = prefix + entry.name
        try:
            info = os.stat(entry.path)
        except OSError as error:
            if eligible(entry.name) and _matches(rel, globs):
                yield InputFile(rel, entry.path, -1, -1, error=f"{type(error).__name__}: {error.strerror or error}")
            continue
        if stat.S_ISDIR(info.st_mode):
            if _key(info) not in seen:
                seen.add(_key(info))
                stack.append((_entries(entry.path), rel + "/"))
        elif stat.S_ISREG(info.st_mode) and eligible(entry.name) and _matches(rel, globs):
            yield InputFile(rel, entry.path, info.st_size, info.st_mtime_ns)


def _entries(path: str) -> Iterator[os.DirEntry]:
    try:
        with os.scandir(path) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError:
        return iter(())
    return iter(entries)


def _key(info: os.stat_result) -> tuple[int, int]:
    return info.st_dev, info.st_ino


def _matches(rel: str, globs: tuple[str, ...]) -> bool:
    return not globs or any(fnmatchcase(rel, g) or fnmatchcase(rel.rsplit("/", 1)[-1], g) for g in globs)


# Reading
def _regular(path: str, flags: int) -> int:
    """The opener for every input: never blocks on a FIFO or a device that replaced a file since the walk."""
    fd = os.open(path, flags | getattr(os, "O_NONBLOCK", 0))
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise OSError(errno.EINVAL, "no longer a regular file (replaced since the folder was listed)", path)
    return fd


def read_bytes(f: InputFile, max_bytes: int, max_ratio: float) -> bytes:
    """The file's content, un-gzipped, refusing more than `max_bytes` and gzip output past `max_ratio`."""
    if f.error:
        raise InputRejected("read_error", f.error)
    if f.gzipped:
        return _gunzip(f.path, max_bytes, max_ratio)
    if f.size > max_bytes:
        raise InputRejected("too_large", f"{f.size:,} bytes; the limit is {max_bytes:,} (--max-bytes)")
    with open(f.path, "rb", opener=_regular) as handle:
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputRejected("too_large", f"over {max_bytes:,} bytes (--max-bytes)")
    return data


def _gunzip(path: str, max_bytes: int, max_ratio: float) -> bytes:
    """Decompress in chunks, stopping as soon as a limit is passed (the stored file name is ignored)."""
    compressed = max(1, os.path.getsize(path))
    out = bytearray()
    try:
        with open(path, "rb", opener=_regular) as raw, gzip.GzipFile(fileobj=raw, mode="rb") as stream:
            while chunk := stream.read(CHUNK):
                out += chunk
                if len(out) > max_bytes:
                    raise InputRejected("gzip_bomb", f"decompresses to over {max_bytes:,} bytes (--max-bytes)")
                if len(out) > GZIP_RATIO_FLOOR and len(out) > max_ratio * compressed:
                    raise InputRejected(
                        "gzip_bomb", f"decompresses over {max_ratio:g}x its {compressed:,} bytes (--max-ratio)")
    except (gzip.BadGzipFile, EOFError, zlib.error) as error:
        raise InputRejected("bad_gzip", f"{type(error).__name__}: {error}") from None
    return bytes(out)


def json_text(data: bytes) -> str:
    """JSON bytes to text: UTF-8 (what JSON is) unless a BOM says otherwise, else as `clean()` decodes.
    (Not `decode()` first: a page inside a record may declare a charset that the file does not use.)"""
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                      (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(name, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return decode(data)[0]


def records(data: bytes, suffix: str, fields: tuple[str, ...], url_field: str, id_field: str) -> Iterator[Record]:
    """The pages in a whole .json file (an object, or a list of them) or .jsonl file (an object a line)."""
    text = json_text(data)
    if suffix == ".jsonl":
        for number, line in enumerate(text.split("\n"), 1):
            if line.strip():
                yield line_record(number, line, fields, url_field, id_field)
        return
    try:
        value = json.loads(text)
    except ValueError as error:
        raise InputRejected("bad_json", str(error)) from None
    if not isinstance(value, list):
        yield _record("1", value, fields, url_field, id_field, own_file=True)
        return
    for number, item in enumerate(value, 1):
        yield _record(str(number), item, fields, url_field, id_field)


def line_record(number: int, line: str | bytes | InputRejected, fields, url_field, id_field) -> Record:
    """The record on line `number` of a .jsonl file."""
    if isinstance(line, InputRejected):
        return Record(name=str(number), content=None, error=line)
    try:
        item = json.loads(json_text(line) if isinstance(line, bytes) else line)
    except ValueError as error:
        return Record(name=str(number), content=None, error=InputRejected("bad_json", f"line {number}: {error}"))
    return _record(str(number), item, fields, url_field, id_field)


def streams(f: InputFile) -> bool:
    """Whether a .jsonl file is read line by line (not UTF-16/32, whose newlines are not single bytes)."""
    if f.suffix != ".jsonl" or f.error:
        return False
    try:
        with open(f.path, "rb", opener=_regular) as raw:
            head = (gzip.GzipFile(fileobj=raw, mode="rb") if f.gzipped else raw).read(4)
    except (OSError, EOFError, zlib.error):
        return False
    return not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))


def jsonl_lines(f: InputFile, max_bytes: int, max_ratio: float, start: int = 0, end: int | None = None,
                first_line: int = 1) -> Iterator[tuple[int, bytes | InputRejected]]:
    """(line number, line) for the non-blank lines of a .jsonl file, or of its bytes [start, end), read as a
    stream: a line over `max_bytes` comes as an InputRejected (and is skipped, never held), and a gzip
    file stops with InputRejected("gzip_bomb") once its output passes `max_ratio` times its size."""
    compressed = max(1, os.path.getsize(f.path))
    with open(f.path, "rb", opener=_regular) as raw:
        handle = gzip.GzipFile(fileobj=raw, mode="rb") if f.gzipped else raw
        if not f.gzipped:
            raw.seek(start)
        number, position = first_line, start
        try:
            while end is None or position < end:
                line = handle.readline(max_bytes + 1)
                if not line:
                    break
                position += len(line)
                if len(line) > max_bytes and not line.endswith(b"\n"):
                    while (rest := handle.readline(CHUNK)) and not rest.endswith(b"\n"):
                        position += len(rest)
                    position += len(rest)
                    yield number, InputRejected("too_large", f"line {number}: over {max_bytes:,} bytes (--max-bytes)")
                elif line.strip():
                    yield number, line
                number += 1
                if f.gzipped and position > GZIP_RATIO_FLOOR and position > max_ratio * compressed:
                    raise InputRejected("gzip_bomb", f"decompresses over {max_ratio:g}x its {compressed:,} bytes (--max-ratio)")
        except (gzip.BadGzipFile, EOFError, zlib.error) as error:
            raise InputRejected("bad_gzip", f"{type(error).__name__}: {error}") from None


def jsonl_chunks(path: str, size: int, chunk_bytes: int) -> list[tuple[int, int, int]]:
    """(start, end, first line number) of pieces of about `chunk_bytes` of a .jsonl file, cut at line ends,
    so that workers can clean one file in parallel. Reads the file once, holding no more than a piece."""
    chunks, start, line = [], 0, 1
    with open(path, "rb", opener=_regular) as handle:
        while start < size:
            handle.seek(start)
            block = handle.read(chunk_bytes)
            if not block:
                break
            length, newlines = len(block), block.count(b"\n")
            if not block.endswith(b"\n"):
                while piece := handle.readline(CHUNK):
                    length += len(piece)
                    if piece.endswith(b"\n"):
                        newlines += 1
                        break
            chunks.append((start, start + length, line))
            start, line = start + length, line + newlines
    return chunks


def _record(position: str, item, fields, url_field, id_field, own_file: bool = False) -> Record:
    if isinstance(item, InputRejected):
        return Record(name=position, content=None, error=item)
    if not isinstance(item, dict):
        return Record(name=position, content=None, skipped=f"not an object but {type(item).__name__}", own_file=own_file)
    ident = item.get(id_field)
    name = str(ident) if isinstance(ident, (str, int)) and str(ident).strip() else position
    url = item.get(url_field) if isinstance(item.get(url_field), str) else None
    for key in fields:
        value = item.get(key)
        if isinstance(value, str):
            html = key == "html" or key.endswith("_html")
            return Record(name=name, content=value, html=html, url=url, own_file=own_file)
    skipped = f"no string field named {' or '.join(fields)}"
    return Record(name=name, content=None, url=url, skipped=skipped, own_file=own_file)


# Writing
def safe_parts(name: str) -> list[str]:
    """Path components that cannot leave the folder they are joined to: no '..', no root, no drive,
    no control characters, no leading dot, each at most 120 characters."""
    parts = []
    for part in regex.split(r"[/\\]+", name):
        part = UNSAFE_CHARS.sub("_", part).strip(" ")
        if part in ("", ".", ".."):
            continue
        if part.startswith("."):
            part = "_" + part
        parts.append(part[:120])
    return parts


class OutDir:
    """OUT: makes the folders outputs go into, refusing any path that would resolve outside it."""

    def __init__(self, root: Path):
        self.root = Path(os.path.realpath(root))
        self._made: set[Path] = set()

    def path_for(self, rel: str, record: str | None, extension: str, taken: set | None = None) -> Path:
        """OUT/<rel>.<ext> for a file, OUT/<rel>/<record>.<ext> for a record; a record whose cleaned name
        is in `taken` (an earlier record of the same file) gets a ~2, ~3... suffix."""
        parts = safe_parts(rel) or ["_"]
        if "/".join(parts) != rel:
            # A name that had to be made safe ('a:b.txt' -> 'a_b.txt') could meet one that did not: its hash tells them apart.
            parts[-1] += "~" + hashlib.sha1(rel.encode("utf-8", "surrogatepass")).hexdigest()[:8]
        if record is not None:
            if len(parts) == 1 and parts[0] in RESERVED:
                parts[0] += "_"  # a top-level errors.jsonl full of records must not clash with OUT/errors.jsonl
            parts.append("_".join(safe_parts(record)) or "_")
        stem, number = parts[-1], 1
        while True:
            parts[-1] = (stem if number == 1 else f"{stem}~{number}") + "." + extension
            path = self.root.joinpath(*parts)
            if taken is None or path not in taken:
                break
            number += 1
        if taken is not None:
            taken.add(path)
        self._make_dirs(path.parent)
        return path

    def _make_dirs(self, folder: Path) -> None:
        if folder in self._made or folder == self.root:
            return
        if self.root not in folder.parents:
            raise InputRejected("unsafe_path", f"{folder} is outside {self.root}")
        self._make_dirs(folder.parent)
        try:
            os.mkdir(folder)
        except FileExistsError:
            info = os.lstat(folder)
            if stat.S_ISLNK(info.st_mode) or not stat.S_ISDIR(info.st_mode):
                raise InputRejected("unsafe_path", f"{folder} exists and is not a plain folder") from None
        self._made.add(folder)


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, then rename: a reader sees the old file or the new one."""
    temp = path.with_name(f"{TEMP_PREFIX}{path.name}.{os.getpid()}.tmp")
    try:
        with open(temp, "wb") as handle:
            handle.write(data)
        os.replace(temp, path)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise


def sweep_temps(root: Path) -> int:
    """Remove temporary files a killed run left in OUT; returns how many."""
    count = 0
    for folder, dirs, files in os.walk(root):
        for name in files:
            if name.startswith(TEMP_PREFIX):
                try:
                    os.unlink(os.path.join(folder, name))
                    count += 1
                except OSError:
                    pass
    return count
