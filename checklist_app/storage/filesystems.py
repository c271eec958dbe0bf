"""Whether a workspace lies on a network drive, where SQLite's WAL must not be used.

WAL keeps its index in shared memory (the ``-shm`` file mapped by every connection), which
a network file system does not share between computers: SQLite's documentation says WAL
does not work over a network file system. A workspace on ``\\\\server\\share``, a mapped
drive or an NFS/SMB mount therefore keeps the rollback journal (``journal_mode=DELETE``);
the writer lock still keeps a second writer out.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path, PureWindowsPath

# File system types of network mounts in /proc/self/mounts (Linux).
NETWORK_FS_TYPES = frozenset({
    "nfs", "nfs4", "cifs", "smb3", "smbfs", "ncpfs", "afs", "9p", "ceph", "glusterfs",
    "fuse.sshfs", "fuse.smbnetfs", "fuse.glusterfs", "fuse.rclone", "davfs", "fuse.davfs2",
})
MOUNTS = Path("/proc/self/mounts")
DRIVE_REMOTE = 4  # GetDriveTypeW


def is_network_path(path: Path) -> bool:
    """Whether ``path`` (a file or the place one would be created) is on a network drive."""
    if sys.platform == "win32":
        return _windows_network_path(str(path.resolve()))
    return _mount_type(path.resolve(), _mounts()) in NETWORK_FS_TYPES


def is_unc(path: str) -> bool:
    """``\\\\server\\share\\…`` (also ``\\\\?\\UNC\\server\\…``), but not ``\\\\?\\C:\\…``."""
    drive = PureWindowsPath(path).drive
    if drive.upper().startswith("\\\\?\\UNC\\"):
        return True
    return drive.startswith("\\\\") and not drive.startswith(("\\\\?\\", "\\\\.\\"))


def _windows_network_path(path: str) -> bool:
    if is_unc(path):
        return True
    drive = PureWindowsPath(path).drive
    if not drive:
        return False
    import ctypes

    return bool(ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == DRIVE_REMOTE)


def _mounts() -> list[tuple[str, str]]:
    """(mount point, file system type) of each mount; none when they cannot be read."""
    try:
        lines = MOUNTS.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []
    found = []
    for line in lines:
        fields = line.split()
        if len(fields) >= 3:
            found.append((_unescape(fields[1]), fields[2]))
    return found


def _unescape(field: str) -> str:
    r"""Mount points with spaces are written ``\040`` in /proc/self/mounts."""
    return field.replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n") \
        .replace("\\134", "\\")


def _mount_type(path: Path, mounts: list[tuple[str, str]]) -> str:
    """The file system type of the longest mount point holding ``path``."""
    best, kind = -1, ""
    text = str(path)
    for point, fs_type in mounts:
        inside = text == point or text.startswith(point.rstrip(os.sep) + os.sep)
        if inside and len(point) > best:
            best, kind = len(point), fs_type
    return kind
