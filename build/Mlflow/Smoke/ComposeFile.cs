namespace Mlflow.Smoke;

/// <summary>
/// compose.yaml, for people who run the image with PostgreSQL and MinIO: the same service images (by digest), the
/// same `mlflow server` flags and the same bucket creation (with the image's own boto3) as the smoke test's
/// containers mode. Pure: a test keeps the committed file equal to <see cref="Render"/>.
/// </summary>
internal static class ComposeFile
{
    public const string FileName = "compose.yaml";
    public const string Bucket = "mlflow";
    public const string ArtifactsDestination = "s3://" + Bucket + "/artifacts";

    /// <summary>Creates the bucket unless it exists, with boto3 and MLflow's S3 variables (the image has both).</summary>
    public static string CreateBucketPython(string bucket) =>
        "import boto3, os; s3 = boto3.client('s3', endpoint_url=os.environ['MLFLOW_S3_ENDPOINT_URL']); "
        + $"'{bucket}' in [b['Name'] for b in s3.list_buckets().get('Buckets', [])] or s3.create_bucket(Bucket='{bucket}'); print('bucket {bucket} ready')";

    public static string Render() => string.Join('\n',
    [
        "# MLflow tracking server with PostgreSQL (backend store) and MinIO (artifact store), set up as the build's SmokeTest",
        "# runs it before any tag moves. Generated from build/Mlflow/Smoke/ComposeFile.cs; a test keeps this file equal to it.",
        "#",
        "#   MLFLOW_IMAGE=ghcr.io/OWNER/REPO/mlflow:3.1.1 docker compose up -d      then open http://localhost:5000",
        "#",
        "# Set POSTGRES_PASSWORD and MINIO_ROOT_PASSWORD (e.g. in .env) for anything beyond one machine. Before a newer",
        "# MLflow on the same database: stop the server, run `mlflow db upgrade` with the new image, then start it.",
        "name: mlflow",
        "services:",
        "  postgres:",
        $"    image: {SmokeServiceImages.Postgres}",
        "    environment:",
        "      POSTGRES_USER: mlflow",
        "      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:-mlflow}",
        "      POSTGRES_DB: mlflow",
        "    volumes:",
        "      - postgres-data:/var/lib/postgresql/data",
        "    healthcheck:",
        "      test: [\"CMD\", \"pg_isready\", \"-h\", \"127.0.0.1\", \"-U\", \"mlflow\", \"-d\", \"mlflow\"]",
        "      interval: 2s",
        "      retries: 30",
        "  minio:",
        $"    image: {SmokeServiceImages.Minio}",
        "    command: [\"server\", \"/data\", \"--console-address\", \":9001\"]",
        "    environment:",
        "      MINIO_ROOT_USER: ${MINIO_ROOT_USER:-mlflow}",
        "      MINIO_ROOT_PASSWORD: ${MINIO_ROOT_PASSWORD:-mlflow-minio}",
        "    volumes:",
        "      - minio-data:/data",
        "    healthcheck:",
        "      test: [\"CMD\", \"mc\", \"ready\", \"local\"]",
        "      interval: 2s",
        "      retries: 30",
        "  create-bucket:",
        "    image: &image ${MLFLOW_IMAGE:?set MLFLOW_IMAGE to the image, e.g. ghcr.io/OWNER/REPO/mlflow:3.1.1}",
        $"    command: [\"python\", \"-c\", \"{CreateBucketPython(Bucket)}\"]",
        "    environment: &s3",
        "      MLFLOW_S3_ENDPOINT_URL: http://minio:9000",
        "      AWS_ACCESS_KEY_ID: ${MINIO_ROOT_USER:-mlflow}",
        "      AWS_SECRET_ACCESS_KEY: ${MINIO_ROOT_PASSWORD:-mlflow-minio}",
        "    depends_on:",
        "      minio:",
        "        condition: service_healthy",
        "  mlflow:",
        "    image: *image",
        "    command:",
        "      - mlflow",
        "      - server",
        "      - --backend-store-uri",
        "      - postgresql://mlflow:${POSTGRES_PASSWORD:-mlflow}@postgres:5432/mlflow",
        "      - --artifacts-destination",
        $"      - {ArtifactsDestination}",
        "      - --host",
        "      - 0.0.0.0",
        "      - --port",
        "      - \"5000\"",
        "    environment:",
        "      <<: *s3",
        "      # MLflow 3.5+ answers only the Host headers listed here (older versions ignore it).",
        "      MLFLOW_SERVER_ALLOWED_HOSTS: localhost:5000,127.0.0.1:5000,mlflow:5000",
        "    ports:",
        "      - 127.0.0.1:5000:5000",
        "    depends_on:",
        "      postgres:",
        "        condition: service_healthy",
        "      create-bucket:",
        "        condition: service_completed_successfully",
        "volumes:",
        "  postgres-data:",
        "  minio-data:",
        "",
    ]);
}
