using System.Diagnostics;

namespace Engine;

/// <summary>
/// A password or token. Making one masks its value in the log from then on, so every secret is masked by
/// construction; <see cref="ToString"/> and string interpolation give <c>***</c>, and nothing converts it to a string
/// implicitly. [Parameter, Secret] parameters of this type get their command-line, environment and parameters-file
/// values (encrypted ones too) as a <see cref="Secret"/>.
/// </summary>
[DebuggerDisplay("***")]
public sealed class Secret : IEquatable<Secret>
{
    readonly string value;

    public Secret(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        this.value = value;
        Log.AddSecret(value);
    }

    /// <summary>A secret of <paramref name="value"/>, or null when it is null or empty (an unset variable).</summary>
    public static Secret? From(string? value) => string.IsNullOrEmpty(value) ? null : new Secret(value);

    /// <summary>True for the empty secret (a key without a password; a dry run's placeholder).</summary>
    public bool IsEmpty => value.Length == 0;

    /// <summary>
    /// The value itself: only for a child's stdin or environment, or an HTTP Authorization header (a test pins the
    /// files that call it). Anything else passes the <see cref="Secret"/> on.
    /// </summary>
    public string Reveal() => value;

    public override string ToString() => "***";

    public bool Equals(Secret? other) => other is not null && string.Equals(value, other.value, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as Secret);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(value);
}
