namespace Engine;

/// <summary>Marks a field or property whose value comes from the command line, the environment or .nuke/parameters*.json.</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public class ParameterAttribute(string? description = null) : Attribute
{
    public string? Description { get; } = description;

    /// <summary>Overrides the member name as the parameter's name.</summary>
    public string? Name { get; set; }

    /// <summary>Splits a single value into several (NUKE uses '+' for target lists).</summary>
    public char Separator { get; set; }

    /// <summary>Listed in --help (true) or hidden (false).</summary>
    public bool List { get; set; } = true;
}

/// <summary>
/// The parameter holds a secret: it is masked in every log line and never written to generated files. Typed
/// <see cref="Secret"/>, it stays one from the command line to the child process that needs it.
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class SecretAttribute : Attribute;
