using System.Text.Json;
using System.Text.Json.Nodes;

namespace Engine;

/// <summary>
/// .nuke/build.schema.json in NUKE's layout (draft-04; definitions Host, ExecutableTarget, Verbosity, enums and
/// NukeBuild; allOf [build parameters, NukeBuild]) so NUKE's global tool and IDEs complete targets and parameters.
/// </summary>
static class BuildSchema
{
    const string SecretMarker = "Secrets must be entered via 'nuke :secrets [profile]'";

    public static string Render(IReadOnlyList<ExecutableTarget> targets, IReadOnlyList<ParameterMember> buildParameters, IReadOnlyList<string> hosts)
    {
        var definitions = new JsonObject
        {
            // NUKE's order ignores case: VisualStudio before VSCode (a culture-aware sort; the invariant-globalization mode this
            // build may run in compares ordinally).
            ["Host"] = Enumeration(hosts.Order(StringComparer.OrdinalIgnoreCase)),
            ["ExecutableTarget"] = Enumeration(targets.Select(t => t.Name).Order(StringComparer.Ordinal)),
            ["Verbosity"] = new JsonObject { ["type"] = "string", ["description"] = "", ["enum"] = Array(Enum.GetNames<Verbosity>()) },
        };
        foreach (var type in buildParameters.Select(p => Scalar(p.Type)).Where(t => t.IsEnum).Distinct().OrderBy(t => t.Name))
            definitions[type.Name] = Enumeration(Enum.GetNames(type));

        var nukeBuild = new JsonObject();
        foreach (var parameter in ParameterMember.BuiltIn.Where(p => p.Listed).OrderBy(p => p.Name, StringComparer.Ordinal))
            nukeBuild[parameter.Name] = parameter.Name switch
            {
                "Host" or "Verbosity" => Reference(parameter.Description, parameter.Name),
                "Skip" or "Target" => Property("array", parameter.Description, new JsonObject { ["$ref"] = "#/definitions/ExecutableTarget" }),
                _ => Describe(parameter),
            };
        nukeBuild["Partition"] = Property("string", "Partition to use on CI");
        definitions["NukeBuild"] = new JsonObject { ["properties"] = Sorted(nukeBuild) };

        var own = new JsonObject();
        foreach (var parameter in buildParameters.OrderBy(p => p.Name, StringComparer.Ordinal))
            own[parameter.Name] = Describe(parameter);
        var schema = new JsonObject
        {
            ["$schema"] = "http://json-schema.org/draft-04/schema#",
            ["definitions"] = definitions,
            ["allOf"] = new JsonArray(new JsonObject { ["properties"] = own }, new JsonObject { ["$ref"] = "#/definitions/NukeBuild" }),
        };
        return schema.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }).ReplaceLineEndings("\n") + "\n";
    }

    static JsonObject Describe(ParameterMember parameter)
    {
        var type = parameter.Type;
        var scalar = Scalar(type);
        JsonObject property;
        if (scalar.IsEnum && !type.IsArray)
            property = Reference(parameter.Description, scalar.Name);
        else if (type.IsArray)
            property = Property("array", parameter.Description,
                scalar.IsEnum ? new JsonObject { ["$ref"] = $"#/definitions/{scalar.Name}" } : new JsonObject { ["type"] = JsonType(scalar) });
        else
        {
            var name = JsonType(scalar);
            property = Property(name, parameter.Description);
            if (Nullable.GetUnderlyingType(type) != null && name != "string") property["type"] = new JsonArray(name, "null");
            if (scalar == typeof(int)) property["format"] = "int32";
        }
        if (parameter.IsSecret) property["default"] = SecretMarker;
        return property;
    }

    static JsonObject Property(string type, string? description, JsonObject? items = null)
    {
        var property = new JsonObject { ["type"] = type };
        if (!string.IsNullOrEmpty(description)) property["description"] = description.TrimEnd('.');
        if (items != null) property["items"] = items;
        return property;
    }

    static JsonObject Reference(string? description, string definition)
    {
        var property = new JsonObject();
        if (!string.IsNullOrEmpty(description)) property["description"] = description.TrimEnd('.');
        property["$ref"] = $"#/definitions/{definition}";
        return property;
    }

    static string JsonType(Type scalar) =>
        scalar == typeof(bool) ? "boolean" : scalar == typeof(int) || scalar == typeof(long) ? "integer" : "string";

    static Type Scalar(Type type)
    {
        var element = type.IsArray ? type.GetElementType()! : type;
        return Nullable.GetUnderlyingType(element) ?? element;
    }

    static JsonObject Enumeration(IEnumerable<string> values) => new() { ["type"] = "string", ["enum"] = Array(values) };

    static JsonArray Array(IEnumerable<string> values) => new(values.Select(v => (JsonNode)JsonValue.Create(v)!).ToArray());

    static JsonObject Sorted(JsonObject properties)
    {
        var sorted = new JsonObject();
        foreach (var name in properties.Select(p => p.Key).Order(StringComparer.Ordinal).ToList())
        {
            var value = properties[name]!;
            properties.Remove(name);
            sorted[name] = value;
        }
        return sorted;
    }
}
