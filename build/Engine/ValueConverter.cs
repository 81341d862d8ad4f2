using System.ComponentModel;
using System.Globalization;
using System.Text.Json;

namespace Engine;

/// <summary>Turns command-line, environment and parameters.json values into a parameter's type.</summary>
static class ValueConverter
{
    /// <summary>
    /// Values from the command line (or the environment, already split): none → true for bools, an empty
    /// array for arrays, null otherwise; one value → a scalar, split at the separator for arrays.
    /// </summary>
    public static object? FromStrings(string parameter, Type type, string[] values, char separator, string baseDirectory)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (separator != default && values.Length == 1 && values[0].Contains(separator))
            values = values[0].Split(separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (target.IsArray)
        {
            var element = target.GetElementType()!;
            var array = Array.CreateInstance(element, values.Length);
            for (var i = 0; i < values.Length; i++)
                array.SetValue(Scalar(parameter, element, values[i], baseDirectory), i);
            return array;
        }
        return values.Length switch
        {
            0 => target == typeof(bool) ? true : null,
            1 => Scalar(parameter, target, values[0], baseDirectory),
            // A secret's values are not masked yet (they are no Secret yet): the message counts them instead.
            _ when target == typeof(Secret) => throw new BuildError($"Parameter '{parameter}' takes one value but got {values.Length} (a secret: not shown)."),
            _ => throw new BuildError($"Parameter '{parameter}' takes one value but got [ {string.Join(", ", values)} ]."),
        };
    }

    /// <summary>A value from .nuke/parameters*.json: JSON-typed; relative paths resolve against the root.</summary>
    public static object? FromJson(string parameter, Type type, JsonElement value, string root)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.Array when target.IsArray:
                var element = target.GetElementType()!;
                var items = value.EnumerateArray().ToList();
                var array = Array.CreateInstance(element, items.Count);
                for (var i = 0; i < items.Count; i++)
                    array.SetValue(FromJson(parameter, element, items[i], root), i);
                return array;
            case JsonValueKind.True or JsonValueKind.False when target == typeof(bool):
                return value.GetBoolean();
            // As in NUKE, a number is a bool: 0 is false, anything else true ("Push": 1).
            case JsonValueKind.Number when target == typeof(bool):
                return value.GetDouble() != 0;
            case JsonValueKind.Number when target == typeof(int) && value.TryGetInt32(out var number):
                return number;
            case JsonValueKind.String:
            case JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False when !target.IsArray:
                return FromStrings(parameter, type, [value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText()], default, root);
            default:
                throw new BuildError($"Parameter '{parameter}' cannot take the value {value.GetRawText()} from a parameters file (expected {Describe(target)}).");
        }
    }

    /// <summary>Types this converter handles: string, bool, int, enums, AbsolutePath, Secret, their nullables and arrays.</summary>
    public static bool Supports(Type type)
    {
        var element = type.IsArray ? type.GetElementType()! : type;
        var scalar = Nullable.GetUnderlyingType(element) ?? element;
        return scalar == typeof(string) || scalar == typeof(bool) || scalar == typeof(int) || scalar.IsEnum || scalar == typeof(AbsolutePath) || scalar == typeof(Secret);
    }

    static object Scalar(string parameter, Type type, string value, string baseDirectory)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (target == typeof(string)) return value;
        if (target == typeof(Secret)) return new Secret(value);
        if (target == typeof(AbsolutePath)) return new AbsolutePath(Path.Combine(baseDirectory, value));
        if (target == typeof(bool))
        {
            if (bool.TryParse(value, out var flag)) return flag;
        }
        else if (target == typeof(int))
        {
            if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)) return number;
        }
        else if (target.IsEnum)
        {
            var name = Enum.GetNames(target).FirstOrDefault(n => Names.Same(n, value));
            if (name != null) return Enum.Parse(target, name);
        }
        else
        {
            var converter = TypeDescriptor.GetConverter(target);
            try
            {
                if (converter.CanConvertFrom(typeof(string))) return converter.ConvertFromInvariantString(value)!;
            }
            catch (Exception e) when (e is FormatException or ArgumentException or NotSupportedException or OverflowException || e.InnerException is FormatException)
            {
            }
        }
        throw new BuildError($"Invalid value '{value}' for parameter '{parameter}': expected {Describe(target)}.");
    }

    static string Describe(Type type) =>
        type == typeof(bool) ? "true or false"
        : type == typeof(int) ? "an integer"
        : type.IsEnum ? "one of " + string.Join(", ", Enum.GetNames(type))
        : type.IsArray ? "a list of " + Describe(type.GetElementType()!)
        : "a " + type.Name;
}
