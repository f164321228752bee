"""A local HTTP server standing in for a provider (a WeCom robot, an SMS API): it
answers each request with the next scripted (status, body) and keeps what it got.
Bound to 127.0.0.1 on a free port; nothing leaves the machine."""

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Received:
    method: str
    path: str
    headers: dict
    body: bytes

    def json(self):
        return json.loads(self.body or b"{}")


@dataclass
class StubServer:
    answers: list[tuple[int, dict | str]] = field(default_factory=list)
    received: list[Received] = field(default_factory=list)
    default: tuple[int, dict | str] = (200, {"errcode": 0, "errmsg": "ok"})
    server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> "StubServer":
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server's name
                length = int(self.headers.get("Content-Length") or 0)
                stub.received.append(
                    Received(
                        self.command,
                        self.path,
                        dict(self.headers.items()),
                        self.rfile.read(length),
                    )
                )
                status, body = stub.answers.pop(0) if stub.answers else stub.default
                data = body if isinstance(body, str) else json.dumps(body)
                payload = data.encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST  # noqa: N815

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
