"""The stand-in tracking store: experiments, runs, params and metrics in PostgreSQL through psycopg2.

Table and column names are MLflow's own (experiments, runs, params, metrics; run_uuid, experiment_id),
a subset of their columns, so a check that reads the database asks the same question of the stand-in
and of a real MLflow server.
"""
import contextlib
import re
import time
import uuid

import psycopg2
import psycopg2.errors

SCHEMA = """
CREATE TABLE IF NOT EXISTS experiments (
    experiment_id SERIAL PRIMARY KEY, name VARCHAR(256) NOT NULL UNIQUE, artifact_location VARCHAR(256),
    lifecycle_stage VARCHAR(32) NOT NULL DEFAULT 'active', creation_time BIGINT, last_update_time BIGINT);
CREATE TABLE IF NOT EXISTS runs (
    run_uuid VARCHAR(32) PRIMARY KEY, name VARCHAR(250), user_id VARCHAR(256), status VARCHAR(9),
    start_time BIGINT, end_time BIGINT, lifecycle_stage VARCHAR(20) NOT NULL DEFAULT 'active',
    artifact_uri VARCHAR(200), experiment_id INTEGER NOT NULL REFERENCES experiments (experiment_id));
CREATE TABLE IF NOT EXISTS params (
    key VARCHAR(250) NOT NULL, value VARCHAR(8000) NOT NULL, run_uuid VARCHAR(32) NOT NULL REFERENCES runs (run_uuid),
    PRIMARY KEY (key, run_uuid));
CREATE TABLE IF NOT EXISTS metrics (
    key VARCHAR(250) NOT NULL, value DOUBLE PRECISION NOT NULL, timestamp BIGINT NOT NULL,
    run_uuid VARCHAR(32) NOT NULL REFERENCES runs (run_uuid), step BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (key, timestamp, step, run_uuid, value));
"""

RUN_STATUSES = ("RUNNING", "SCHEDULED", "FINISHED", "FAILED", "KILLED")


class StoreError(Exception):
    """An MLflow error answer: its error_code, HTTP status and message."""

    def __init__(self, code, status, message):
        super().__init__(message)
        self.code, self.status, self.message = code, status, message


def redacted(uri):
    """The URI without its password, for logs."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", uri)


def now_ms():
    return int(time.time() * 1000)


class TrackingStore:
    def __init__(self, uri):
        # MLflow takes SQLAlchemy URIs; psycopg2 takes the same one without the driver name.
        self.dsn = uri.replace("postgresql+psycopg2://", "postgresql://", 1)

    @contextlib.contextmanager
    def cursor(self):
        """One transaction on a connection of its own (the server answers each request on a thread)."""
        db = psycopg2.connect(self.dsn, connect_timeout=10)
        try:
            with db, db.cursor() as cur:
                yield cur
        finally:
            db.close()

    def server_version(self):
        with self.cursor() as cur:
            cur.execute("SHOW server_version")
            return cur.fetchone()[0]

    def create_tables(self):
        with self.cursor() as cur:
            cur.execute(SCHEMA)
            # MLflow's experiment 0, "Default", exists in every store.
            cur.execute("INSERT INTO experiments (experiment_id, name, artifact_location, creation_time, last_update_time) "
                        "VALUES (0, 'Default', 'mlflow-artifacts:/0', %s, %s) ON CONFLICT DO NOTHING", (now_ms(), now_ms()))

    def create_experiment(self, name, artifact_root):
        if not name:
            raise StoreError("INVALID_PARAMETER_VALUE", 400, "Missing value for required parameter 'name'.")
        try:
            with self.cursor() as cur:
                cur.execute("INSERT INTO experiments (name, creation_time, last_update_time) VALUES (%s, %s, %s) RETURNING experiment_id",
                            (name, now_ms(), now_ms()))
                experiment_id = cur.fetchone()[0]
                cur.execute("UPDATE experiments SET artifact_location = %s WHERE experiment_id = %s",
                            (f"{artifact_root}/{experiment_id}", experiment_id))
                return str(experiment_id)
        except psycopg2.errors.UniqueViolation:
            raise StoreError("RESOURCE_ALREADY_EXISTS", 400, f"Experiment(name={name}) already exists.")

    def get_experiment(self, experiment_id=None, name=None):
        with self.cursor() as cur:
            if name is not None:
                cur.execute("SELECT experiment_id, name, artifact_location, lifecycle_stage, creation_time, last_update_time FROM experiments WHERE name = %s", (name,))
            else:
                cur.execute("SELECT experiment_id, name, artifact_location, lifecycle_stage, creation_time, last_update_time FROM experiments WHERE experiment_id = %s",
                            (int_or_none(experiment_id),))
            row = cur.fetchone()
        if row is None:
            raise StoreError("RESOURCE_DOES_NOT_EXIST", 404, f"No Experiment with id={experiment_id} exists" if name is None else f"Experiment '{name}' does not exist.")
        keys = ("experiment_id", "name", "artifact_location", "lifecycle_stage", "creation_time", "last_update_time")
        experiment = dict(zip(keys, row))
        experiment["experiment_id"] = str(experiment["experiment_id"])
        return experiment

    def create_run(self, experiment_id, run_name, user_id, start_time):
        experiment = self.get_experiment(experiment_id)
        run_id = uuid.uuid4().hex
        artifact_uri = f"{experiment['artifact_location']}/{run_id}/artifacts"
        with self.cursor() as cur:
            cur.execute("INSERT INTO runs (run_uuid, name, user_id, status, start_time, artifact_uri, experiment_id) VALUES (%s, %s, %s, 'RUNNING', %s, %s, %s)",
                        (run_id, run_name or f"run-{run_id[:8]}", user_id or "", start_time or now_ms(), artifact_uri, int(experiment["experiment_id"])))
        return self.get_run(run_id)

    def run_info(self, run_id):
        with self.cursor() as cur:
            cur.execute("SELECT run_uuid, name, experiment_id, user_id, status, start_time, end_time, artifact_uri, lifecycle_stage FROM runs WHERE run_uuid = %s", (run_id,))
            row = cur.fetchone()
        if row is None:
            raise StoreError("RESOURCE_DOES_NOT_EXIST", 404, f"Run with id={run_id} not found")
        info = {"run_id": row[0], "run_uuid": row[0], "run_name": row[1], "experiment_id": str(row[2]), "user_id": row[3],
                "status": row[4], "start_time": row[5], "artifact_uri": row[7], "lifecycle_stage": row[8]}
        if row[6] is not None:
            info["end_time"] = row[6]
        return info

    def get_run(self, run_id):
        info = self.run_info(run_id)
        with self.cursor() as cur:
            cur.execute("SELECT key, value FROM params WHERE run_uuid = %s ORDER BY key", (run_id,))
            params = [{"key": k, "value": v} for k, v in cur.fetchall()]
            # The latest value of each metric: the largest step, then the latest timestamp (as MLflow reports it).
            cur.execute("SELECT DISTINCT ON (key) key, value, timestamp, step FROM metrics WHERE run_uuid = %s ORDER BY key, step DESC, timestamp DESC", (run_id,))
            metrics = [{"key": k, "value": v, "timestamp": t, "step": s} for k, v, t, s in cur.fetchall()]
        data = {}
        if metrics:
            data["metrics"] = metrics
        if params:
            data["params"] = params
        data["tags"] = [{"key": "mlflow.runName", "value": info["run_name"]}]
        return {"info": info, "data": data, "inputs": {}}

    def log_param(self, run_id, key, value):
        self.run_info(run_id)
        if not key:
            raise StoreError("INVALID_PARAMETER_VALUE", 400, "Missing value for required parameter 'key'.")
        try:
            with self.cursor() as cur:
                cur.execute("INSERT INTO params (key, value, run_uuid) VALUES (%s, %s, %s)", (key, str(value), run_id))
        except psycopg2.errors.UniqueViolation:
            raise StoreError("INVALID_PARAMETER_VALUE", 400, f"Changing param values is not allowed. Param with key='{key}' was already logged.")

    def log_metric(self, run_id, key, value, timestamp, step):
        self.run_info(run_id)
        if not key or value is None:
            raise StoreError("INVALID_PARAMETER_VALUE", 400, "Missing value for required parameter 'key' or 'value'.")
        with self.cursor() as cur:
            cur.execute("INSERT INTO metrics (key, value, timestamp, run_uuid, step) VALUES (%s, %s, %s, %s, %s) ON CONFLICT DO NOTHING",
                        (key, float(value), int(timestamp or now_ms()), run_id, int(step or 0)))

    def update_run(self, run_id, status, end_time, run_name):
        self.run_info(run_id)
        if status is not None and status not in RUN_STATUSES:
            raise StoreError("INVALID_PARAMETER_VALUE", 400, f"Invalid value {status} for parameter 'status'.")
        with self.cursor() as cur:
            cur.execute("UPDATE runs SET status = COALESCE(%s, status), end_time = COALESCE(%s, end_time), name = COALESCE(%s, name) WHERE run_uuid = %s",
                        (status, end_time, run_name, run_id))
        return self.run_info(run_id)


def int_or_none(text):
    try:
        return int(text)
    except (TypeError, ValueError):
        return None
