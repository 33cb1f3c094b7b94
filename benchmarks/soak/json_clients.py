#!/usr/bin/env python3
"""JSON traffic for the soak: N connections, each sending a {"type":"message"} or {"type":"ping"} with a fresh id
every PERIOD seconds, checking each reply (type, body, id, and seq counting 1, 2, ... per connection).
Runs for DURATION seconds, then prints one line: sent, answered, errors, and the worst reply time.

    json_clients.py HOST PORT CONNECTIONS DURATION_SECONDS [PERIOD_SECONDS]
"""
import json
import selectors
import socket
import sys
import time


def main():
    host, port, count, duration = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
    period = float(sys.argv[5]) if len(sys.argv) > 5 else 1.0
    sel = selectors.DefaultSelector()
    conns = []
    for i in range(count):
        s = socket.create_connection((host, port))
        s.setblocking(False)
        c = {"sock": s, "i": i, "buf": b"", "pending": {}, "seq": 0, "next": time.monotonic() + period * i / count}
        conns.append(c)
        sel.register(s, selectors.EVENT_READ, c)
    sent = answered = errors = 0
    worst = 0.0
    end = time.monotonic() + duration
    n = 0
    while True:
        now = time.monotonic()
        if now >= end and all(not c["pending"] for c in conns):
            break
        if now >= end + 10:
            errors += sum(len(c["pending"]) for c in conns)  # unanswered after 10 s
            break
        for c in conns:
            if now < end and now >= c["next"]:
                n += 1
                ident = "j%d-%d" % (c["i"], n)
                if n % 4 == 0:
                    frame = {"type": "ping", "id": ident}
                else:
                    frame = {"type": "message", "body": {"n": n, "text": "soak \u00e9"}, "id": ident}
                c["pending"][ident] = (frame, now)
                c["sock"].sendall((json.dumps(frame, separators=(",", ":")) + "\n").encode())
                c["next"] += period
                sent += 1
        for key, _ in sel.select(timeout=0.05):
            c = key.data
            data = c["sock"].recv(65536)
            if not data:
                errors += 1
                sel.unregister(c["sock"])
                continue
            c["buf"] += data
            while b"\n" in c["buf"]:
                line, c["buf"] = c["buf"].split(b"\n", 1)
                reply = json.loads(line)
                ident = reply.get("id")
                if ident not in c["pending"]:
                    errors += 1
                    continue
                frame, at = c["pending"].pop(ident)
                worst = max(worst, time.monotonic() - at)
                ok = reply["type"] == ("pong" if frame["type"] == "ping" else "message")
                if frame["type"] == "message":
                    c["seq"] += 1
                    ok = ok and reply.get("body") == frame["body"] and reply.get("seq") == c["seq"]
                if ok:
                    answered += 1
                else:
                    errors += 1
    print("json: %d connections, %d sent, %d answered, %d errors, slowest reply %.0f ms"
          % (count, sent, answered, errors, worst * 1000))
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
