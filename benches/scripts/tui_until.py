#!/usr/bin/env python3
"""Times the real browser in a pseudo-terminal: starts `shelf ARGS...` at 200x50, waits
until the screen shows TEXT (a regular expression over the screen bytes), sends `q`
and waits for the exit. Prints the milliseconds from start until TEXT appeared (and,
with --first-frame, until the first frame) and shelf's peak resident memory. Meant to be run under hyperfine, so the
whole process is timed too:

    hyperfine -w1 -r5 'python3 benches/scripts/tui_until.py "100000 of 100000 posts" \
        target/release/shelf target/bench-archive-100000'

Needs `pyte` (`pip install pyte`), a terminal emulator, to read the screen as a user
sees it: ratatui sends only the cells that changed, so the raw bytes rarely hold TEXT.
"""
import os
import pty
import re
import select
import struct
import sys
import time
import fcntl
import termios

import pyte


def main() -> int:
    args = sys.argv[1:]
    first_frame = False
    if args and args[0] == "--first-frame":
        first_frame = True
        args = args[1:]
    if len(args) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    wanted = re.compile(args[0])
    screen = pyte.Screen(200, 50)
    stream = pyte.ByteStream(screen)
    command = args[1:]
    start = time.monotonic()
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        os.execvp(command[0], command)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 200, 0, 0))
    frame_at = None
    found_at = None
    deadline = start + 120
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.01)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        stream.feed(chunk)
        text = "\n".join(
            "".join(cell.data for cell in screen.buffer[y].values())
            for y in range(screen.lines)
        )
        if frame_at is None and "Search" in text:
            frame_at = time.monotonic()
        if wanted.search(text):
            found_at = time.monotonic()
            break
    os.write(fd, b"q")
    try:
        while os.read(fd, 65536):
            pass
    except OSError:
        pass
    _, _, usage = os.wait4(pid, 0)
    if found_at is None:
        print("never saw", args[0], file=sys.stderr)
        return 1
    if first_frame and frame_at is not None:
        print(f"first frame {1000 * (frame_at - start):.0f} ms", file=sys.stderr)
    print(f"{args[0]!r} after {1000 * (found_at - start):.0f} ms", file=sys.stderr)
    print(f"peak RSS of shelf {usage.ru_maxrss / 1024:.0f} MB", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
