namespace Workflows;

/// <summary>Composes `if:` expressions as a person would write them: parentheses only where `||` needs them.</summary>
internal static class WorkflowCondition
{
    /// <summary>The conditions that are given, joined with `&amp;&amp;`; null when none is.</summary>
    public static string? And(params string?[] conditions)
    {
        var given = conditions.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => Operand(c!.Trim())).ToList();
        return given.Count == 0 ? null : string.Join(" && ", given);
    }

    /// <summary>A condition with an `||` outside parentheses and quotes gets its own parentheses, so `&amp;&amp;` binds as written.</summary>
    static string Operand(string condition)
    {
        var (depth, quoted) = (0, false);
        for (var i = 0; i < condition.Length - 1; i++)
        {
            var c = condition[i];
            if (c == '\'') quoted = !quoted;
            else if (!quoted && c == '(') depth++;
            else if (!quoted && c == ')') depth--;
            else if (!quoted && depth == 0 && c == '|' && condition[i + 1] == '|') return $"({condition})";
        }
        return condition;
    }
}
