#!/usr/bin/env python3
"""Peak anonymous memory of a command (Linux): the memory the process owns,
as opposed to the pages of files it maps (git's pack indexes, the
commit-graph), which are the page cache's and which the kernel takes back
under memory pressure. Polls /proc/PID/status (RssAnon) every 5 ms and
prints the peak in MB. Used by bench/monorepo.sh beside /usr/bin/time's
peak RSS.

    python3 bench/peak_anon.py COMMAND [ARGS...]
"""
import subprocess
import sys
import time


def rss_anon_kb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("RssAnon:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    p = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    while p.poll() is None:
        peak = max(peak, rss_anon_kb(p.pid))
        time.sleep(0.005)
    print(f"{peak / 1024:.1f}")


if __name__ == "__main__":
    main()
