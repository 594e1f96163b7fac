#!/usr/bin/env python3
"""Time from launching the browser to its first frame on screen, as a terminal sees it.

Starts `mlpx` in a pseudo-terminal of 120x40 again and again, and for each run measures the
time from the fork to the arrival of the frame's last row (the footer, which names the help
key). Prints the median and the spread. Usage: benches/first_frame.py [BINARY] [RUNS]
"""

import os
import pty
import select
import signal
import statistics
import struct
import sys
import termios
import fcntl
import time

binary = sys.argv[1] if len(sys.argv) > 1 else "target/release/mlpx"
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 50
# The footer is drawn with the rest of the first frame; its help key ends the frame.
FRAME_END = b"help"


def first_frame_ms():
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        os.execv(binary, [binary])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    seen = b""
    elapsed = None
    while elapsed is None:
        ready, _, _ = select.select([fd], [], [], 5)
        if not ready:
            break
        try:
            seen += os.read(fd, 65536)
        except OSError:
            break
        if FRAME_END in seen:
            elapsed = (time.perf_counter() - start) * 1000
    os.kill(pid, signal.SIGTERM)
    os.waitpid(pid, 0)
    os.close(fd)
    return elapsed


times = [t for t in (first_frame_ms() for _ in range(runs)) if t is not None]
if not times:
    sys.exit("no frame seen")
print(f"first frame: median {statistics.median(times):.1f} ms, "
      f"min {min(times):.1f} ms, max {max(times):.1f} ms, {len(times)} runs")
