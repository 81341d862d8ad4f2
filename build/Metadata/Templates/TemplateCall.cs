namespace Metadata.Templates;

/// <summary>
/// A value a template can name: <c>{{branch}}</c> calls it without arguments, <c>{{date 'YYYY' tz='UTC'}}</c> with
/// parameters (strings, numbers, booleans; null for a name that resolves to nothing) and hash arguments.
/// </summary>
internal delegate string? TemplateFunction(TemplateCall call);

internal sealed record TemplateCall(string Name, IReadOnlyList<object?> Parameters, IReadOnlyDictionary<string, object?> Hash)
{
    /// <summary>Called as a helper (with parameters or hash arguments) rather than as a plain <c>{{name}}</c>.</summary>
    public bool IsHelperCall => Parameters.Count > 0 || Hash.Count > 0;
}
