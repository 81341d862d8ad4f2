using System.Text;
using System.Text.Json.Nodes;

namespace Mlflow.Smoke;

/// <summary>
/// The few calls of MLflow's REST API 2.0 and its artifact proxy (/api/2.0/mlflow-artifacts) the smoke test makes,
/// as a client of a tracking server would. Every failure is a <see cref="BuildError"/> naming the call and the
/// server's answer.
/// </summary>
internal sealed class MlflowRestClient(Uri server) : IDisposable
{
    readonly HttpClient http = new() { BaseAddress = server, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>True when /health answers 200 "OK"; false while the server is not listening yet.</summary>
    public async Task<bool> HealthyAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync("health", cancellationToken);
            return response.IsSuccessStatusCode && (await response.Content.ReadAsStringAsync(cancellationToken)).Trim() == "OK";
        }
        catch (HttpRequestException) { return false; }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested) { return false; }
    }

    public async Task<string> CreateExperimentAsync(string name) =>
        Text(await PostAsync("experiments/create", new JsonObject { ["name"] = name }), "experiment_id");

    public async Task<JsonNode> CreateRunAsync(string experimentId, string runName) =>
        (await PostAsync("runs/create", new JsonObject
        {
            ["experiment_id"] = experimentId, ["run_name"] = runName, ["start_time"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
        }))["run"]?["info"] ?? throw new BuildError("runs/create answered no run.info");

    public Task LogParameterAsync(string runId, string key, string value) =>
        PostAsync("runs/log-parameter", new JsonObject { ["run_id"] = runId, ["key"] = key, ["value"] = value });

    public Task LogMetricAsync(string runId, string key, double value, long step) =>
        PostAsync("runs/log-metric", new JsonObject
        {
            ["run_id"] = runId, ["key"] = key, ["value"] = value, ["timestamp"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), ["step"] = step,
        });

    public Task FinishRunAsync(string runId) =>
        PostAsync("runs/update", new JsonObject { ["run_id"] = runId, ["status"] = "FINISHED", ["end_time"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() });

    public async Task<JsonNode> GetRunAsync(string runId) =>
        (await SendAsync(HttpMethod.Get, $"api/2.0/mlflow/runs/get?run_id={Uri.EscapeDataString(runId)}", null))["run"]
        ?? throw new BuildError("runs/get answered no run");

    /// <summary>PUT through the proxy: the server stores it in its --artifacts-destination.</summary>
    public Task UploadArtifactAsync(string path, string content) =>
        SendAsync(HttpMethod.Put, "api/2.0/mlflow-artifacts/artifacts/" + path, new StringContent(content, Encoding.UTF8, "text/plain"));

    public async Task<JsonArray> ListArtifactsAsync(string path) =>
        (await SendAsync(HttpMethod.Get, $"api/2.0/mlflow-artifacts/artifacts?path={Uri.EscapeDataString(path)}", null))["files"] as JsonArray ?? [];

    public async Task<string> DownloadArtifactAsync(string path)
    {
        using var response = await http.GetAsync("api/2.0/mlflow-artifacts/artifacts/" + path);
        var body = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode ? body : throw Failure("GET mlflow-artifacts/artifacts/" + path, response, body);
    }

    Task<JsonNode> PostAsync(string endpoint, JsonObject request) =>
        SendAsync(HttpMethod.Post, "api/2.0/mlflow/" + endpoint, new StringContent(request.ToJsonString(), Encoding.UTF8, "application/json"));

    async Task<JsonNode> SendAsync(HttpMethod method, string path, HttpContent? content)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw Failure($"{method} {path}", response, body);
        try { return JsonNode.Parse(body.Length == 0 ? "{}" : body) ?? new JsonObject(); }
        catch (System.Text.Json.JsonException) { throw new BuildError($"{method} {path} answered no JSON: {Short(body)}"); }
    }

    static BuildError Failure(string call, HttpResponseMessage response, string body) =>
        new($"{call} answered {(int)response.StatusCode} {response.ReasonPhrase}: {Short(body)}");

    static string Text(JsonNode node, string name) =>
        node[name]?.GetValue<string>() ?? throw new BuildError($"the answer has no {name}: {Short(node.ToJsonString())}");

    static string Short(string text) => text.Length > 300 ? text[..300] + "…" : text.Trim();

    public void Dispose() => http.Dispose();
}
