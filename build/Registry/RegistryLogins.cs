namespace Registry;

/// <summary>
/// How a <see cref="RegistryApi"/> finds its login: given as parameters, or looked up once in docker's stored logins
/// (a credential helper is a process) when the registry first asks for one, so making an API does no I/O.
/// </summary>
internal static class RegistryLogins
{
    public delegate Task<(string Username, Secret Password)?> Lookup();

    public static Lookup None { get; } = () => Task.FromResult<(string, Secret)?>(null);

    public static Lookup Given(string username, Secret password)
    {
        var login = Task.FromResult<(string, Secret)?>((username, password));
        return () => login;
    }

    /// <summary>Runs <paramref name="find"/> on the first call only; every API made from the lookup shares its answer.</summary>
    public static Lookup Once(Func<Task<(string Username, Secret Password)?>> find)
    {
        var found = new Lazy<Task<(string, Secret)?>>(find);
        return () => found.Value;
    }
}
