"""Kiosk start to its home screen, against a bare Textual app with one label (goal: ≤ 1.5x).

Each run is a fresh Python process (imports included), headless, ending when the first screen
is drawn (the kiosk's: its home menu); runs alternate between the two so machine noise hits
both alike. The peak RSS at that moment is printed beside the time.
`python -m bench.startup [RUNS]`
"""

import statistics
import subprocess
import sys
import tempfile
import time


def run_once(kind: str, state_dir: str) -> tuple[float, float]:
    """Seconds from spawning the process to its first screen being ready, and its peak RSS
    (MiB) by then."""
    start = time.time()
    done = subprocess.run([sys.executable, "-m", "bench._startup_child", kind, state_dir],
                          check=True, capture_output=True, text=True)
    ready = next(line for line in done.stdout.splitlines() if line.startswith("READY"))
    _, at, rss = ready.split()
    return float(at) - start, float(rss)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 9
    times: dict[str, list[float]] = {"bare": [], "kiosk": []}
    rss: dict[str, list[float]] = {"bare": [], "kiosk": []}
    # Compiled as an installed kiosk is (pip compiles what it installs; Textual's own modules
    # in site-packages already are): with PYTHONDONTWRITEBYTECODE set, as on these machines,
    # an editable checkout would otherwise be compiled again on every run, and only the kiosk.
    subprocess.run([sys.executable, "-m", "compileall", "-q", "kiosk", "screens", "devices"],
                   check=True)
    with tempfile.TemporaryDirectory() as state_dir:
        for kind in times:  # warm the file cache once, not measured
            run_once(kind, state_dir)
        for _ in range(runs):
            for kind in times:
                took, peak = run_once(kind, state_dir)
                times[kind].append(took)
                rss[kind].append(peak)
    med = {kind: statistics.median(values) for kind, values in times.items()}
    for kind, values in times.items():
        print(f"{kind:6s} start to first screen: median {med[kind] * 1000:7.1f} ms  "
              f"min {min(values) * 1000:7.1f} ms  max {max(values) * 1000:7.1f} ms  (n={runs}); "
              f"RSS {statistics.median(rss[kind]):.0f} MiB")
    ratio = med["kiosk"] / med["bare"]
    print(f"ratio kiosk/bare: {ratio:.2f}x  (goal <= 1.5x: {'met' if ratio <= 1.5 else 'NOT met'})")


if __name__ == "__main__":
    main()
