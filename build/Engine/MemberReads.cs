using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace Engine;

/// <summary>
/// Whether a target's code reads a field or property of the build class: its Executes delegates' IL and every method
/// of the build's own assemblies they reach (lambdas, local functions, async state machines), plus the text of its
/// Requires/OnlyWhen checks. An encrypted [Secret] field is decrypted only for a run with such a target, as NUKE
/// decrypts only a value that is read; a field read cannot be intercepted otherwise. Reflection reads are not seen.
/// </summary>
static class MemberReads
{
    /// <summary>Methods looked at per target at most: past it the answer is "reads it" (decrypting then is the safe side).</summary>
    const int MethodLimit = 5000;

    /// <summary>Whether one of <paramref name="checks"/> (Requires, OnlyWhen) names <paramref name="member"/>.</summary>
    public static bool Named(IEnumerable<Check> checks, MemberInfo member) =>
        checks.Any(check => Regex.IsMatch(check.Text, $@"\b{Regex.Escape(member.Name)}\b"));

    public static bool Reads(ExecutableTarget target, MemberInfo member)
    {
        if (Named(target.MemberRequirements.Concat(target.ConditionRequirements).Concat(target.StaticConditions).Concat(target.DynamicConditions), member))
            return true;
        var own = new HashSet<Assembly> { member.DeclaringType!.Assembly };
        var seen = new HashSet<MethodBase>();
        var pending = new Stack<MethodBase>(target.Code.Select(d => d.Method));
        foreach (var code in target.Code) own.Add(code.Method.Module.Assembly);
        var getter = (member as PropertyInfo)?.GetMethod;
        while (pending.Count > 0)
        {
            var method = pending.Pop();
            if (!seen.Add(method)) continue;
            if (seen.Count > MethodLimit) return true;
            if (method.GetCustomAttribute<StateMachineAttribute>()?.StateMachineType.GetMethod("MoveNext", BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public) is { } moveNext)
                pending.Push(moveNext);
            foreach (var referenced in References(method))
            {
                if (Same(referenced, member) || (getter != null && Same(referenced, getter))) return true;
                if (referenced is MethodBase next && own.Contains(next.Module.Assembly)) pending.Push(next);
            }
        }
        return false;
    }

    static bool Same(MemberInfo a, MemberInfo b) => a.MetadataToken == b.MetadataToken && a.Module == b.Module;

    /// <summary>The fields and methods <paramref name="method"/>'s IL loads or calls.</summary>
    static IEnumerable<MemberInfo> References(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il == null) yield break;
        var typeArguments = method.DeclaringType is { IsGenericType: true } type ? type.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        foreach (var (kind, token) in IlTokens.Of(il))
        {
            MemberInfo? referenced = null;
            try
            {
                referenced = kind switch
                {
                    OperandType.InlineField => method.Module.ResolveField(token, typeArguments, methodArguments),
                    OperandType.InlineMethod => method.Module.ResolveMethod(token, typeArguments, methodArguments),
                    _ => null,
                };
            }
            catch (Exception e) when (e is ArgumentException or BadImageFormatException or TypeLoadException or MissingMemberException) { }
            if (referenced != null) yield return referenced;
        }
    }
}
