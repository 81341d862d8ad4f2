namespace Registry;

/// <summary>
/// A registry connection opened ahead of the step that uses it (<see cref="RegistryApi.ConnectAsync"/>), while
/// earlier targets run: the connection, the login challenge and the HTTP stack's first use are paid off the
/// critical path. It is handed out once; later callers open their own.
/// </summary>
internal sealed class EarlyRegistryConnection
{
    RegistryApi? api;
    readonly Task opening;

    public EarlyRegistryConnection(RegistryApi api)
    {
        this.api = api;
        opening = Task.Run(() => Open(api));
    }

    static async Task Open(RegistryApi api)
    {
        try { await api.ConnectAsync(); }
        // The step that takes the connection meets the same fault and reports it.
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException) { }
    }

    /// <summary>
    /// The opened connection, lent: the caller uses it before whoever takes it (an earlier step) and never disposes
    /// it; null once it was taken.
    /// </summary>
    public async Task<RegistryApi?> BorrowAsync()
    {
        var lent = Volatile.Read(ref api);
        if (lent is not null) await opening;
        return lent;
    }

    /// <summary>The opened connection (waiting for the opening to end, whatever its outcome), the first time; null after that.</summary>
    public async Task<RegistryApi?> TakeAsync()
    {
        var taken = Interlocked.Exchange(ref api, null);
        if (taken is not null) await opening;
        return taken;
    }
}
