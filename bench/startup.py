"""Kiosk start to its home screen, against a bare Textual app with one label (goal: ≤ 1.5x).

Each run is a fresh Python process (imports included), headless, ending when the first screen
is drawn; runs alternate between the two so machine noise hits both alike.
`python -m bench.startup [RUNS]`
"""

import statistics
import subprocess
import sys
import tempfile
import time


def run_once(kind: str, state_dir: str) -> float:
    """Seconds from spawning the process to its first screen being ready."""
    start = time.time()
    done = subprocess.run([sys.executable, "-m", "bench._startup_child", kind, state_dir],
                          check=True, capture_output=True, text=True)
    ready = next(line for line in done.stdout.splitlines() if line.startswith("READY"))
    return float(ready.split()[1]) - start


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 9
    times: dict[str, list[float]] = {"bare": [], "kiosk": []}
    with tempfile.TemporaryDirectory() as state_dir:
        for kind in times:  # warm the file cache once, not measured
            run_once(kind, state_dir)
        for _ in range(runs):
            for kind in times:
                times[kind].append(run_once(kind, state_dir))
    med = {kind: statistics.median(values) for kind, values in times.items()}
    for kind, values in times.items():
        print(f"{kind:6s} start to first screen: median {med[kind] * 1000:7.1f} ms  "
              f"min {min(values) * 1000:7.1f} ms  max {max(values) * 1000:7.1f} ms  (n={runs})")
    ratio = med["kiosk"] / med["bare"]
    print(f"ratio kiosk/bare: {ratio:.2f}x  (goal <= 1.5x: {'met' if ratio <= 1.5 else 'NOT met'})")


if __name__ == "__main__":
    main()
