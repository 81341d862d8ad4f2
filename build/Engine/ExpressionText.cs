using System.Linq.Expressions;

namespace Engine;

/// <summary>
/// Readable text of a condition for reports: <c>() => Push || DryRun</c> reads "Push || DryRun". NUKE uses the
/// caller's source text; we keep the Expression-based signatures and render the expression instead.
/// </summary>
static class ExpressionText
{
    public static string Of(Expression body) => body switch
    {
        UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked or ExpressionType.Quote } unary => Of(unary.Operand),
        UnaryExpression { NodeType: ExpressionType.Not } unary => "!" + Operand(unary.Operand),
        BinaryExpression binary when Operators.TryGetValue(binary.NodeType, out var op) => $"{Operand(binary.Left)} {op} {Operand(binary.Right)}",
        MemberExpression { Expression: null or ConstantExpression } member => Simple(member.Member.Name),
        MemberExpression member => $"{Of(member.Expression!)}.{Simple(member.Member.Name)}",
        MethodCallExpression call => (call.Object is null or ConstantExpression ? "" : Of(call.Object) + ".")
            + call.Method.Name + "(" + string.Join(", ", call.Arguments.Select(Of)) + ")",
        ConstantExpression { Value: null } => "null",
        ConstantExpression { Value: string text } => $"\"{text}\"",
        ConstantExpression { Value: bool flag } => flag ? "true" : "false",
        ConstantExpression constant => constant.Value!.ToString()!,
        ParameterExpression parameter => parameter.Name ?? "_",
        _ => body.ToString(),
    };

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

    static string Operand(Expression expression) => expression is BinaryExpression ? $"({Of(expression)})" : Of(expression);

    static readonly Dictionary<ExpressionType, string> Operators = new()
    {
        [ExpressionType.AndAlso] = "&&", [ExpressionType.OrElse] = "||", [ExpressionType.Equal] = "==",
        [ExpressionType.NotEqual] = "!=", [ExpressionType.LessThan] = "<", [ExpressionType.LessThanOrEqual] = "<=",
        [ExpressionType.GreaterThan] = ">", [ExpressionType.GreaterThanOrEqual] = ">=", [ExpressionType.Add] = "+",
        [ExpressionType.Subtract] = "-", [ExpressionType.Coalesce] = "??", [ExpressionType.And] = "&", [ExpressionType.Or] = "|",
    };
}
