using System.Linq.Expressions;
using System.Text.RegularExpressions;

namespace Engine;

/// <summary>
/// Readable text of a condition for reports: <c>() => IsLocalBuild</c> reads "IsLocalBuild". NUKE uses the
/// caller's source text; we keep the Expression-based signatures and strip the closure noise instead.
/// </summary>
static partial class ExpressionText
{
    public static string Of(Expression body)
    {
        var member = MemberName(body);
        if (member != null) return member;
        var text = body.ToString();
        text = ClosureAccess().Replace(text, "");
        text = Conversion().Replace(text, "$1");
        return text.Trim('(', ')', '=', '>', ' ');
    }

    /// <summary>The member a lambda reads (<c>() => ApiKey</c> → "ApiKey"), or null when it is an expression.</summary>
    public static string? MemberName(Expression body)
    {
        while (body is UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked } unary)
            body = unary.Operand;
        return body is MemberExpression { Expression: null or ConstantExpression or ParameterExpression } member
            ? Simple(member.Member.Name)
            : null;
    }

    /// <summary>Explicit interface implementations are named "Ns.IFoo.Bar"; the target or parameter is "Bar".</summary>
    public static string Simple(string memberName) => memberName[(memberName.LastIndexOf('.') + 1)..];

    [GeneratedRegex(@"value\([^()]*\)\.")]
    private static partial Regex ClosureAccess();

    [GeneratedRegex(@"Convert\(([^(),]+), [\w.`\[\]]+\)")]
    private static partial Regex Conversion();
}
