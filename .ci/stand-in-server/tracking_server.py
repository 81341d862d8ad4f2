"""The stand-in `mlflow server`: MLflow's REST API 2.0 calls the build's SmokeTest makes, and the artifact proxy.

Runs, params and metrics go to PostgreSQL (tracking_store.py, psycopg2); artifacts go to the S3 bucket of
--artifacts-destination through boto3, with MLflow's variables: MLFLOW_S3_ENDPOINT_URL, AWS_ACCESS_KEY_ID,
AWS_SECRET_ACCESS_KEY. Answers use MLflow's JSON shapes; errors are {"error_code": ..., "message": ...}.
"""
import fnmatch
import json
import os
import signal
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlparse

import boto3
import botocore.exceptions

from tracking_store import StoreError, TrackingStore, redacted

API = "/api/2.0/mlflow/"
ARTIFACTS = "/api/2.0/mlflow-artifacts/artifacts"
# Experiments and runs name their artifacts mlflow-artifacts:/<experiment>/<run>/artifacts, served by the proxy.
ARTIFACT_ROOT = "mlflow-artifacts:"


def log(message):
    print(f"[stand-in mlflow] {time.strftime('%Y-%m-%d %H:%M:%S')} {message}", file=sys.stderr, flush=True)


class ArtifactStore:
    def __init__(self, destination):
        bucket, _, prefix = destination[len("s3://"):].partition("/")
        self.bucket, self.prefix = bucket, prefix.strip("/")
        self.client = boto3.client("s3", endpoint_url=os.environ.get("MLFLOW_S3_ENDPOINT_URL") or None)

    def key(self, path):
        path = path.strip("/")
        if ".." in path.split("/"):
            raise StoreError("INVALID_PARAMETER_VALUE", 400, f"Invalid artifact path: '{path}'")
        return f"{self.prefix}/{path}" if self.prefix else path

    def put(self, path, body):
        self.client.put_object(Bucket=self.bucket, Key=self.key(path), Body=body)

    def get(self, path):
        try:
            return self.client.get_object(Bucket=self.bucket, Key=self.key(path))["Body"].read()
        except self.client.exceptions.NoSuchKey:
            raise StoreError("RESOURCE_DOES_NOT_EXIST", 404, f"No such artifact: '{path}'")

    def list(self, path):
        prefix = self.key(path) + "/" if path.strip("/") else (self.prefix + "/" if self.prefix else "")
        answer = self.client.list_objects_v2(Bucket=self.bucket, Prefix=prefix, Delimiter="/")
        files = [{"path": p["Prefix"][len(prefix):].rstrip("/"), "is_dir": True} for p in answer.get("CommonPrefixes", [])]
        files += [{"path": o["Key"][len(prefix):], "is_dir": False, "file_size": o["Size"]} for o in answer.get("Contents", [])]
        return sorted(files, key=lambda f: f["path"])


def host_allowed(host, patterns):
    """MLflow 3.5+'s check, approximated: the Host header (with or without its port) matches a listed pattern."""
    if patterns is None:
        return True
    bare = host.rsplit(":", 1)[0] if host.count(":") == 1 else host
    return any(fnmatch.fnmatchcase(host, p) or fnmatch.fnmatchcase(bare, p) for p in patterns)


def make_handler(store, artifacts, allowed_hosts):
    class Handler(BaseHTTPRequestHandler):
        server_version = "stand-in-mlflow"
        protocol_version = "HTTP/1.1"

        def log_message(self, fmt, *args):
            log(f"{self.address_string()} {fmt % args}")

        def send(self, status, body, content_type="application/json"):
            data = body if isinstance(body, bytes) else (json.dumps(body) if content_type == "application/json" else body).encode()
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def body(self):
            if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
                chunks = []
                while True:
                    size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                    if size == 0:
                        while self.rfile.readline().strip():  # trailers, then the blank line
                            pass
                        return b"".join(chunks)
                    chunks.append(self.rfile.read(size))
                    self.rfile.readline()
            length = int(self.headers.get("Content-Length") or 0)
            return self.rfile.read(length) if length else b""

        def json_body(self):
            raw = self.body()
            try:
                return json.loads(raw) if raw else {}
            except ValueError:
                raise StoreError("MALFORMED_REQUEST", 400, "Malformed JSON request body")

        def dispatch(self, method):
            if not host_allowed(self.headers.get("Host", ""), allowed_hosts):
                return self.send(403, "Invalid Host header", "text/plain; charset=utf-8")
            url = urlparse(self.path)
            query = {k: v[0] for k, v in parse_qs(url.query).items()}
            try:
                if url.path == "/health" and method == "GET":
                    return self.send(200, "OK", "text/plain; charset=utf-8")
                if url.path == "/version" and method == "GET":
                    return self.send(200, VERSION, "text/plain; charset=utf-8")
                if url.path == ARTIFACTS and method == "GET":
                    files = artifacts.list(query.get("path", ""))
                    return self.send(200, {"files": files} if files else {})
                if url.path.startswith(ARTIFACTS + "/"):
                    path = unquote(url.path[len(ARTIFACTS) + 1:])
                    if method == "PUT":
                        artifacts.put(path, self.body())
                        return self.send(200, {})
                    if method == "GET":
                        return self.send(200, artifacts.get(path), "application/octet-stream")
                if url.path.startswith(API):
                    return self.send(200, self.api(method, url.path[len(API):], query))
                raise StoreError("ENDPOINT_NOT_FOUND", 404, f"{method} {url.path} is not an endpoint of the stand-in MLflow server")
            except StoreError as e:
                self.send(e.status, {"error_code": e.code, "message": e.message})
            except (botocore.exceptions.BotoCoreError, botocore.exceptions.ClientError) as e:
                log(f"S3 failed: {e}")
                self.send(500, {"error_code": "INTERNAL_ERROR", "message": f"S3: {e}"})

        def api(self, method, endpoint, query):
            if method == "POST":
                request = self.json_body()
                if endpoint == "experiments/create":
                    return {"experiment_id": store.create_experiment(request.get("name"), ARTIFACT_ROOT)}
                if endpoint == "runs/create":
                    return {"run": store.create_run(request.get("experiment_id"), request.get("run_name"), request.get("user_id"), request.get("start_time"))}
                if endpoint == "runs/log-parameter":
                    store.log_param(request.get("run_id") or request.get("run_uuid"), request.get("key"), request.get("value"))
                    return {}
                if endpoint == "runs/log-metric":
                    store.log_metric(request.get("run_id") or request.get("run_uuid"), request.get("key"), request.get("value"),
                                     request.get("timestamp"), request.get("step"))
                    return {}
                if endpoint == "runs/update":
                    return {"run_info": store.update_run(request.get("run_id") or request.get("run_uuid"), request.get("status"),
                                                         request.get("end_time"), request.get("run_name"))}
            if method == "GET":
                if endpoint == "experiments/get":
                    return {"experiment": store.get_experiment(query.get("experiment_id"))}
                if endpoint == "experiments/get-by-name":
                    return {"experiment": store.get_experiment(name=query.get("experiment_name"))}
                if endpoint == "runs/get":
                    return {"run": store.get_run(query.get("run_id") or query.get("run_uuid"))}
            raise StoreError("ENDPOINT_NOT_FOUND", 404, f"{method} {API}{endpoint} is not stood in for")

        def do_GET(self):
            self.dispatch("GET")

        def do_POST(self):
            self.dispatch("POST")

        def do_PUT(self):
            self.dispatch("PUT")

    return Handler


VERSION = ""


def serve(version, args):
    global VERSION
    VERSION = version
    store = TrackingStore(args.backend_store_uri)
    try:
        store.create_tables()
        database = f"PostgreSQL {store.server_version()}"
    except Exception as e:  # the one line a user reads in `docker logs`
        log(f"cannot use the backend store {redacted(args.backend_store_uri)}: {str(e).strip()}")
        return 1
    artifacts = ArtifactStore(args.artifacts_destination)
    allowed = [h.strip() for h in args.allowed_hosts.split(",") if h.strip()] if args.allowed_hosts else None
    server = ThreadingHTTPServer((args.host, args.port), make_handler(store, artifacts, allowed))
    log(f"MLflow {version} (stand-in) listening on http://{args.host}:{args.port}; backend store {redacted(args.backend_store_uri)} ({database}); "
        f"artifacts {args.artifacts_destination} via {os.environ.get('MLFLOW_S3_ENDPOINT_URL') or 'AWS S3'}"
        + (f"; allowed hosts {','.join(allowed)}" if allowed else ""))
    # PID 1 in a container ignores a SIGTERM it has no handler for: `docker stop` would wait for its timeout.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0
