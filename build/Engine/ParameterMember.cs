using System.Reflection;

namespace Engine;

/// <summary>A parameter: a [Parameter] member of the build or its interfaces, or one of the engine's own.</summary>
sealed record ParameterMember(string Name, string? Description, Type Type, bool IsSecret, bool Listed, char Separator, MemberInfo? Member)
{
    /// <summary>The engine's own parameters (NUKE's built-ins).</summary>
    public static readonly IReadOnlyList<ParameterMember> BuiltIn =
    [
        new("Continue", "Indicates to continue a previously failed build attempt", typeof(bool), false, true, default, null),
        new("Help", "Shows the help text for this build assembly", typeof(bool), false, true, default, null),
        new("Host", "Host for execution. Default is 'automatic'", typeof(string), false, true, default, null),
        new("NoLogo", "Disables displaying the logo (the one-line banner)", typeof(bool), false, true, default, null),
        new("Plan", "Shows the execution plan (terminal and HTML)", typeof(bool), false, true, default, null),
        new("Profile", "Defines the profiles to load", typeof(string[]), false, true, default, null),
        new("Root", "Root directory during build execution", typeof(string), false, true, default, null),
        new("Skip", "List of targets to be skipped. Empty list skips all dependencies", typeof(string[]), false, true, '+', null),
        new("Target", "List of targets to be invoked. Default is '{default_target}'", typeof(string[]), false, true, '+', null),
        new("Verbosity", "Logging verbosity during build execution. Default is 'Normal'", typeof(Verbosity), false, true, default, null),
        new("GenerateConfiguration", null, typeof(string), false, false, default, null),
        new("ShellCompletion", null, typeof(bool), false, false, default, null),
        new("Partition", "Partition to use on CI", typeof(string), false, false, default, null),
        new("ParamsKey", "Password of the encrypted values in parameters.json", typeof(string), true, false, default, null),
    ];

    public bool IsBuiltIn => Member == null;

    /// <summary>[Parameter] fields and properties of the build class hierarchy, then of its interfaces.</summary>
    public static List<ParameterMember> Discover(Type buildType)
    {
        const BindingFlags flags = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        var types = new List<Type>();
        for (var type = buildType; type != null && type != typeof(object); type = type.BaseType)
            types.Add(type);
        types.AddRange(buildType.GetInterfaces());
        var members = new List<ParameterMember>();
        foreach (var member in types.SelectMany(t => t.GetMembers(flags)).Where(m => m is FieldInfo or PropertyInfo))
        {
            var attribute = member.GetCustomAttribute<ParameterAttribute>();
            if (attribute == null) continue;
            var name = attribute.Name ?? ExpressionText.Simple(member.Name);
            if (members.Any(m => m.Name == name)) continue;
            var type = member is FieldInfo field ? field.FieldType : ((PropertyInfo)member).PropertyType;
            // A Secret-typed parameter is a secret whether or not it says [Secret] (the workflow check relies on it).
            var secret = member.IsDefined(typeof(SecretAttribute)) || (Nullable.GetUnderlyingType(type) ?? type) == typeof(Secret);
            members.Add(new ParameterMember(name, attribute.Description, type, secret,
                attribute.List, attribute.Separator, member));
        }
        return members;
    }

    /// <summary>True for fields and settable properties of the class; interface parameters resolve lazily.</summary>
    public bool IsInjectable => Member is FieldInfo { IsLiteral: false } || Member is PropertyInfo { CanWrite: true };

    public void Inject(object build, object value)
    {
        if (Member is FieldInfo field) field.SetValue(build, value);
        else ((PropertyInfo)Member!).SetValue(build, value);
    }
}

/// <summary>--verbosity values and the log levels they show.</summary>
enum Verbosity { Verbose, Normal, Minimal, Quiet }
