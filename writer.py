import json, sys, urllib.request
port, token, case, first, acked, sent = sys.argv[1:7]
url = f"http://127.0.0.1:{port}/api/v1/cases/{case}/notes"
n = int(first)
with open(acked, "a") as ack, open(sent, "a") as inflight:
    while True:
        body = json.dumps({"text": f"crash-note {n}"}).encode()
        req = urllib.request.Request(url, data=body, method="POST", headers={
            "Authorization": "Bearer " + token, "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=10) as r:
                if r.status != 201:
                    print(f"unexpected status {r.status}", file=sys.stderr); sys.exit(3)
                json.loads(r.read())
        except Exception as e:
            print(f"note {n}: {e}", file=sys.stderr)
            inflight.write(f"{n}\n")
            break
        ack.write(f"{n}\n"); ack.flush()
        n += 1
print(n + 1)
