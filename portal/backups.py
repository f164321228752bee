"""Backups of the whole site: the database and the uploaded files in one archive.

An archive is a tar file holding
- `database.pgdump` (PostgreSQL: `pg_dump`'s custom format, one consistent snapshot)
  or `database.sqlite3` (SQLite's online backup, consistent as well);
- `media/<name>` for every file in the default storage (local disk or the bucket),
  read after the database, so every file a row names is there;
- `manifest.json`: when and from what the archive was made, and each file's size and
  SHA-256, checked in full before a restore changes anything.

A restore replaces the database and puts every file back under its own name; it
refuses an archive that is damaged, incomplete or from another kind of database.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.core.files import File
from django.core.files.storage import Storage, storages
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA = "media/"
DUMPS = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}
CHUNK = 1024 * 1024


class BackupError(Exception):
    """An archive cannot be made or restored; the message says why, in words."""


@dataclass(frozen=True)
class Summary:
    database: str
    files: int
    bytes: int


def database_vendor() -> str:
    if connection.vendor not in DUMPS:
        raise BackupError(
            _("Backups support PostgreSQL and SQLite, not %(vendor)s.")
            % {"vendor": connection.vendor}
        )
    return connection.vendor


def walk(storage: Storage, folder: str = "") -> Iterator[str]:
    """Every file name in the storage, depth first, in a stable order."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{folder}{name}"
    for sub in sorted(folders):
        yield from walk(storage, f"{folder}{sub}/")


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


def postgres_environment() -> tuple[list[str], dict[str, str]]:
    """libpq's connection arguments and environment for the configured database."""
    settings = connection.settings_dict
    args = ["--dbname", settings["NAME"]]
    if settings.get("HOST"):
        args += ["--host", str(settings["HOST"])]
    if settings.get("PORT"):
        args += ["--port", str(settings["PORT"])]
    if settings.get("USER"):
        args += ["--username", settings["USER"]]
    environment = {**os.environ, "PGCONNECT_TIMEOUT": "10"}
    if settings.get("PASSWORD"):
        environment["PGPASSWORD"] = settings["PASSWORD"]
    return args, environment


def run(command: list[str], environment: dict[str, str]) -> None:
    try:
        finished = subprocess.run(  # noqa: S603 (the program and arguments are ours)
            command, env=environment, capture_output=True, text=True, check=False
        )
    except FileNotFoundError as missing:
        raise BackupError(
            _(
                "%(program)s is not installed on this server "
                "(PostgreSQL's client tools)."
            )
            % {"program": command[0]}
        ) from missing
    if finished.returncode != 0:
        raise BackupError(
            _("%(program)s failed: %(detail)s")
            % {"program": command[0], "detail": finished.stderr.strip()[-500:]}
        )


def dump_database(target: Path) -> None:
    connection.ensure_connection()
    if database_vendor() == "postgresql":
        args, environment = postgres_environment()
        run(
            [
                "pg_dump",
                "--format=custom",
                "--no-owner",
                "--no-acl",
                "--file",
                str(target),
            ]
            + args,
            environment,
        )
        return
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)
    finally:
        copy.close()


def restore_database(source: Path) -> None:
    vendor = database_vendor()
    connection.close()  # pg_restore drops the tables this connection may hold
    if vendor == "postgresql":
        args, environment = postgres_environment()
        run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-acl",
                "--single-transaction",
                "--exit-on-error",
            ]
            + args
            + [str(source)],
            environment,
        )
        return
    connection.ensure_connection()
    saved = sqlite3.connect(source)
    try:
        saved.backup(connection.connection)
    finally:
        saved.close()


def add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(timezone.now().timestamp())
    archive.addfile(info, fileobj=io.BytesIO(data))


def create(destination: Path, storage: Storage | None = None) -> Summary:
    """Write the archive to `destination` (written beside it, then moved into place,
    so a failed backup never leaves a half archive under the final name)."""
    storage = storage or storages["default"]
    vendor = database_vendor()
    destination = Path(destination)
    destination.parent.mkdir(parents=True, exist_ok=True)
    files: dict[str, dict[str, object]] = {}
    total = 0
    with tempfile.TemporaryDirectory(dir=destination.parent) as work:
        dump = Path(work) / DUMPS[vendor]
        dump_database(dump)
        partial = Path(work) / "archive.tar"
        with tarfile.open(partial, "w") as archive:
            archive.add(dump, arcname=DUMPS[vendor])
            for name in walk(storage):
                # Copied out of the storage (a bucket has no local path), hashed on
                # the way.
                copy = Path(work) / "file"
                digest = hashlib.sha256()
                with storage.open(name, "rb") as source, copy.open("wb") as target:
                    for block in iter(lambda: source.read(CHUNK), b""):
                        digest.update(block)
                        target.write(block)
                size = copy.stat().st_size
                files[name] = {"size": size, "sha256": digest.hexdigest()}
                total += size
                archive.add(copy, arcname=MEDIA + name)
            manifest = {
                "format": FORMAT,
                "created": timezone.now().isoformat(),
                "database": vendor,
                "dump": {"name": DUMPS[vendor], "sha256": sha256(dump)},
                "files": files,
            }
            add_bytes(
                archive,
                MANIFEST,
                json.dumps(manifest, ensure_ascii=False, indent=1).encode(),
            )
        os.replace(partial, destination)
    return Summary(database=vendor, files=len(files), bytes=total)


def unpack(source: Path, work: Path) -> dict:
    """Extract the archive into `work` and check it whole; its manifest back."""
    if not Path(source).is_file():
        raise BackupError(_("No backup file at %(path)s.") % {"path": source})
    try:
        with tarfile.open(source, "r") as archive:
            archive.extractall(work, filter="data")
    except (tarfile.TarError, OSError) as broken:
        raise BackupError(
            _("%(path)s is not a readable backup archive: %(detail)s")
            % {"path": source, "detail": broken}
        ) from broken
    try:
        manifest = json.loads((work / MANIFEST).read_text(encoding="utf-8"))
        dump = manifest["dump"]
        files = manifest["files"]
    except (OSError, ValueError, KeyError, TypeError) as broken:
        raise BackupError(
            _("%(path)s has no valid manifest: it is not one of this site's backups.")
            % {"path": source}
        ) from broken
    if manifest.get("format") != FORMAT:
        raise BackupError(_("This backup was made by another version of the site."))
    if manifest.get("database") != database_vendor():
        raise BackupError(
            _(
                "This backup holds a %(theirs)s database; this site runs on "
                "%(ours)s. Restore it into the same kind of database."
            )
            % {"theirs": manifest.get("database"), "ours": database_vendor()}
        )
    checks = [(dump["name"], dump["sha256"], None)] + [
        (MEDIA + name, entry["sha256"], entry["size"]) for name, entry in files.items()
    ]
    for member, digest, size in checks:
        path = work / member
        whole = path.is_file() and (size is None or path.stat().st_size == size)
        if not whole or sha256(path) != digest:
            raise BackupError(
                _("%(member)s is missing or damaged in the backup.")
                % {"member": member}
                + " "
                + _("Nothing was restored.")
            )
    return manifest


def restore(source: Path, storage: Storage | None = None) -> Summary:
    """Replace the database with the archive's and put its files back under their
    own names. The whole archive is checked before anything changes."""
    storage = storage or storages["default"]
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        manifest = unpack(Path(source), work)
        restore_database(work / manifest["dump"]["name"])
        total = 0
        for name, entry in manifest["files"].items():
            if storage.exists(name):
                storage.delete(name)
            with (work / MEDIA / name).open("rb") as handle:
                saved = storage.save(name, File(handle, name=name))
            if saved != name:
                raise BackupError(
                    _("The storage renamed %(name)s to %(saved)s while restoring it.")
                    % {"name": name, "saved": saved}
                )
            total += entry["size"]
    return Summary(
        database=manifest["database"], files=len(manifest["files"]), bytes=total
    )
