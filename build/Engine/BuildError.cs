namespace Engine;

/// <summary>
/// A mistake the user can fix (bad parameter, missing Docker, wrong password). The engine prints its
/// message as one line and exits non-zero, without a stack trace. Everything else is a bug.
/// </summary>
public sealed class BuildError(string message, Exception? inner = null) : Exception(message, inner);
