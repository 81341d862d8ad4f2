namespace Registry;

/// <summary>
/// How a <see cref="RegistryApi"/> finds its login: given as parameters, or looked up once in docker's stored logins
/// (a credential helper is a process) when the registry first asks for one, so making an API does no I/O.
/// </summary>
internal static class RegistryLogins
{
    public delegate Task<(string Username, string Password)?> Lookup();

    public static Lookup None { get; } = () => Task.FromResult<(string, string)?>(null);

    public static Lookup Given(string username, string password)
    {
        var login = Task.FromResult<(string, string)?>((username, password));
        return () => login;
    }

    /// <summary>Runs <paramref name="find"/> on the first call only; every API made from the lookup shares its answer.</summary>
    public static Lookup Once(Func<Task<(string Username, string Password)?>> find)
    {
        var found = new Lazy<Task<(string, string)?>>(find);
        return () => found.Value;
    }
}
