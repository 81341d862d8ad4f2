using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Build.Tests.Support;

namespace Build.Tests.Registry;

/// <summary>
/// A registry of the test's own (docker-registry serve, htpasswd auth, delete enabled) on a free port, so a
/// test may stop and restart it without touching the shared one on 127.0.0.1:5000.
/// </summary>
public sealed class OwnRegistry : IDisposable
{
    readonly string directory = Directory.CreateTempSubdirectory("own-registry-").FullName;
    readonly string config;
    Process? process;

    public OwnRegistry(string user, string password)
    {
        (User, Password) = (user, password);
        var htpasswd = Run("htpasswd", "-Bbn", user, password);
        File.WriteAllText(Path.Combine(directory, "htpasswd"), htpasswd);
        config = Path.Combine(directory, "config.yml");
        // The free port is free only until it is closed again: another process (an outgoing connection, another
        // test's listener) may take it before the registry binds it. Then the registry exits: pick another.
        for (var attempt = 1; ; attempt++)
        {
            Port = FreePort();
            WriteConfig();
            try
            {
                Start();
                return;
            }
            catch (InvalidOperationException) when (attempt < 3) { Stop(); }
        }
    }

    void WriteConfig() =>
        File.WriteAllText(config, $$$"""
            version: 0.1
            log: {level: warn, accesslog: {disabled: true}}
            storage:
              filesystem: {rootdirectory: {{{directory}}}/data}
              delete: {enabled: true}
            http: {addr: "127.0.0.1:{{{Port}}}", secret: "own-{{{Port}}}"}
            auth:
              htpasswd: {realm: own-registry, path: {{{directory}}}/htpasswd}
            """);

    public int Port { get; private set; }
    public string Address => $"127.0.0.1:{Port}";
    public string User { get; }
    public string Password { get; }
    public RegistryReader Reader => new(Address, User, Password);

    public void Start()
    {
        process = Process.Start(new ProcessStartInfo("docker-registry", ["serve", config])
            { RedirectStandardOutput = true, RedirectStandardError = true })!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        for (var i = 0; i < 100 && !process.HasExited && !Answers(); i++) Thread.Sleep(50);
        if (!Answers()) throw new InvalidOperationException($"own registry on {Address} did not start");
    }

    public void Stop()
    {
        lock (directory)
        {
            if (process is null) return;
            process.Kill();
            process.WaitForExit();
            process.Dispose();
            process = null;
        }
    }

    bool Answers()
    {
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
            return http.GetAsync($"http://{Address}/v2/").GetAwaiter().GetResult().StatusCode == HttpStatusCode.Unauthorized;
        }
        catch (Exception) { return false; }
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    static string Run(string file, params string[] args)
    {
        using var p = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true })!;
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return output;
    }

    public void Dispose()
    {
        Stop();
        Directory.Delete(directory, true);
    }
}
