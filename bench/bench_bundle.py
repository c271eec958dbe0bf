"""Size of the PyInstaller bundle and start time of its programs against running from source.

    .venv/bin/python bench/bench_bundle.py [--bundle dist/checklist-app] [--build] [--runs 7]
                                           [--json FILE]

Needs a bundle: ``bash packaging/build.sh`` (or ``--build`` here). Reports the folder's size,
the .tar.gz size (the shipped tarball when it is there, else one made in a temporary folder),
the largest parts, the glibc the bundled libraries need at least, and the wall time of
``checklist --version``, ``checklist-app --selftest`` and of the desktop app until it
opens the demo workspace (offscreen), from the bundle and from the source checkout (.venv
console scripts): the first run (cold-ish: the bundle's files were just read by the build or
not at all) and the median of the following runs.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = ROOT / ".venv" / "bin"
MB = 1024 * 1024
GLIBC = re.compile(rb"GLIBC_(2\.\d+)")


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def largest_parts(bundle: Path, count: int = 8) -> list[tuple[str, int]]:
    """Sizes of the top-level entries of _internal/ and of PySide6's Qt libraries."""
    internal = bundle / "_internal"
    parts: dict[str, int] = {}
    for entry in internal.iterdir():
        if entry.is_symlink():
            continue
        parts[entry.name] = folder_size(entry) if entry.is_dir() else entry.stat().st_size
    qt = internal / "PySide6" / "Qt"
    if qt.is_dir():
        for sub in ("lib", "plugins", "translations"):
            if (qt / sub).is_dir():
                parts[f"PySide6/Qt/{sub}"] = folder_size(qt / sub)
        parts["PySide6 (rest)"] = parts.pop("PySide6", 0) - sum(
            v for k, v in parts.items() if k.startswith("PySide6/Qt/"))
    return sorted(parts.items(), key=lambda item: -item[1])[:count]


def glibc_floor(bundle: Path) -> str:
    """The newest GLIBC_x.y symbol version any bundled ELF file asks for."""
    found: set[tuple[int, int]] = set()
    for path in (bundle / "_internal").rglob("*"):
        if path.is_file() and not path.is_symlink() and (".so" in path.name or path.suffix == ""):
            head = path.read_bytes()
            if head[:4] == b"\x7fELF":
                found.update(tuple(map(int, v.split(b"."))) for v in GLIBC.findall(head))
    for exe in ("checklist", "checklist-app"):
        found.update(tuple(map(int, v.split(b"."))) for v in
                     GLIBC.findall((bundle / exe).read_bytes()))
    if not found:
        return "?"
    major, minor = max(found)
    return f"{major}.{minor}"


def tarball_size(bundle: Path, version: str) -> tuple[int, str]:
    shipped = bundle.parent / f"checklist-app-{version}-linux-x86_64.tar.gz"
    if shipped.is_file() and shipped.stat().st_mtime >= (bundle / "checklist").stat().st_mtime:
        return shipped.stat().st_size, shipped.name
    with tempfile.TemporaryDirectory() as temp:
        target = Path(temp) / "bundle.tar.gz"
        with tarfile.open(target, "w:gz") as tar:
            tar.add(bundle, arcname="checklist-app")
        return target.stat().st_size, "(made here)"


def timed(command: list[str], runs: int) -> dict[str, float]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    times = []
    with tempfile.TemporaryDirectory() as data:
        env["CHECKLIST_APP_DATA_DIR"] = data
        for _ in range(runs):
            start = time.perf_counter()
            result = subprocess.run(command, capture_output=True, text=True, env=env,
                                    check=False)
            times.append(time.perf_counter() - start)
            if result.returncode != 0:
                raise SystemExit(f"{' '.join(command)} failed:\n{result.stderr}")
    rest = times[1:] or times
    return {"first": times[0], "median": statistics.median(rest)}


def window_start(program: Path, template: Path, runs: int) -> dict[str, float]:
    """Seconds until the desktop app opens the demo workspace (takes its lock).

    Each run gets a fresh data folder holding a ready demo workspace; the lock file appears
    when the app opens it, on its writer thread while the main window is being built: the
    process has Qt loaded and its own modules imported by then.
    """
    times = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as data:
            shutil.copytree(template, data, dirs_exist_ok=True)
            lock = Path(data) / "data" / "demo" / "demo.sqlite.lock"
            env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CHECKLIST_APP_DATA_DIR=data)
            start = time.perf_counter()
            app = subprocess.Popen([str(program)], env=env, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
            try:
                while not lock.exists():
                    if app.poll() is not None or time.perf_counter() - start > 120:
                        raise SystemExit(f"{program} did not open the demo workspace")
                    time.sleep(0.01)
                times.append(time.perf_counter() - start)
            finally:
                app.terminate()
                app.wait(timeout=30)
    rest = times[1:] or times
    return {"first": times[0], "median": statistics.median(rest)}


def demo_template(folder: Path) -> Path:
    """A data folder with the demo workspace already built (``checklist demo``)."""
    demo = folder / "data" / "demo"
    subprocess.run([str(VENV_BIN / "checklist"), "demo", str(demo)], check=True,
                   capture_output=True, env=dict(os.environ, CHECKLIST_APP_DATA_DIR=str(folder)))
    return folder


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "checklist-app")
    parser.add_argument("--build", action="store_true", help="run packaging/build.sh first")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()

    if args.build:
        subprocess.run(["bash", str(ROOT / "packaging" / "build.sh")], check=True)
    bundle: Path = args.bundle
    if not (bundle / "checklist").is_file():
        raise SystemExit(f"no bundle in {bundle}: run bash packaging/build.sh (or --build)")
    version = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]

    size = folder_size(bundle)
    packed, packed_name = tarball_size(bundle, version)
    files = sum(1 for p in bundle.rglob("*") if p.is_file())
    print(f"bundle {bundle}: {size / MB:.0f} MB in {files} files; "
          f".tar.gz {packed / MB:.0f} MB {packed_name}")
    print(f"needs glibc >= {glibc_floor(bundle)}")
    print("largest parts:")
    for name, part in largest_parts(bundle):
        print(f"  {part / MB:6.1f} MB  {name}")

    commands = {
        "checklist --version": (["checklist", "--version"]),
        "checklist-app --selftest": (["checklist-app", "--selftest"]),
    }
    timings: dict[str, dict[str, dict[str, float]]] = {}
    print(f"\nstart time, s (first run / median of the next {args.runs - 1}):")
    print(f"  {'':28} {'bundle':>15} {'source':>15} {'ratio':>6}")
    for label, (program, *rest) in commands.items():
        frozen = timed([str(bundle / program), *rest], args.runs)
        source = timed([str(VENV_BIN / program), *rest], args.runs)
        timings[label] = {"bundle": frozen, "source": source}
        print(f"  {label:28} {frozen['first']:6.2f} / {frozen['median']:6.2f} "
              f"{source['first']:6.2f} / {source['median']:6.2f} "
              f"{frozen['median'] / source['median']:6.2f}")

    with tempfile.TemporaryDirectory() as temp:
        template = demo_template(Path(temp))
        frozen = window_start(bundle / "checklist-app", template, args.runs)
        source = window_start(VENV_BIN / "checklist-app", template, args.runs)
    timings["checklist-app window"] = {"bundle": frozen, "source": source}
    label = "checklist-app opens demo"
    print(f"  {label:28} {frozen['first']:6.2f} / {frozen['median']:6.2f} "
          f"{source['first']:6.2f} / {source['median']:6.2f} "
          f"{frozen['median'] / source['median']:6.2f}")

    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({
            "bundle_mb": round(size / MB, 1), "tar_gz_mb": round(packed / MB, 1),
            "files": files, "glibc": glibc_floor(bundle), "timings_s": timings,
            "python": sys.version.split()[0],
        }, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
