namespace Engine;

/// <summary>
/// A token that names no parameter right after a list parameter's values is almost always one of its values that
/// starts with '-' (<c>--labels a=1 -dash=6 ~tilde=7</c>): NUKE's grammar reads it as a name and drops it with every
/// value after it. That ends the run with one line naming the list and the two ways to write such a value.
/// </summary>
static class ListArgumentCheck
{
    public static void Require(CommandLine commandLine, IReadOnlyList<ParameterMember> parameters, Func<string, bool> known)
    {
        ParameterMember? previous = null;
        foreach (var (token, name) in commandLine.InOrder)
        {
            if (!known(name) && previous is { } list && (Nullable.GetUnderlyingType(list.Type) ?? list.Type).IsArray)
            {
                var option = "--" + Names.Kebab(list.Name);
                throw new BuildError($"'{token}' after {option} names no parameter, and the values after it would be lost: a value of {option} that starts with '-' "
                    + $"is written {option}={token} (first value) or after {option} -- (every later token is a value).");
            }
            previous = parameters.FirstOrDefault(p => Names.Same(p.Name, name));
        }
    }
}
