using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace DongDa.Hierarchy.Host.Api;

/// <summary>
/// Names every bad field of a body the serializer refused, walking the body beside the type's
/// contract: unknown, repeated, missing and null fields, and values that do not read as their type.
/// </summary>
internal static class BodyDiagnosis
{
    public static void Object(JsonElement element, JsonTypeInfo type, string at, ValidationErrors errors)
    {
        var properties = type.Properties.ToDictionary(property => property.Name, StringComparer.OrdinalIgnoreCase);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var member in element.EnumerateObject())
        {
            if (!properties.TryGetValue(member.Name, out var property)) errors.Add(at + member.Name, "Unknown field.");
            else if (!seen.Add(property.Name)) errors.Add(at + property.Name, "The field is given more than once.");
            else Value(member.Value, property.PropertyType, !property.IsSetNullable, at + property.Name, errors);
        }

        foreach (var property in type.Properties.Where(property => property.IsRequired && !seen.Contains(property.Name)))
        {
            errors.Add(at + property.Name, "This field is required.");
        }
    }

    private static void Value(JsonElement value, Type type, bool required, string field, ValidationErrors errors)
    {
        var options = JsonBodyOptions.Options;
        if (value.ValueKind == JsonValueKind.Null)
        {
            if (required || (type.IsValueType && Nullable.GetUnderlyingType(type) is null)) errors.Add(field, "This field is required.");
            return;
        }

        var info = options.GetTypeInfo(type);
        if (info.Kind == JsonTypeInfoKind.Object && value.ValueKind == JsonValueKind.Object)
        {
            Object(value, info, field + ".", errors);
        }
        else if (info.Kind == JsonTypeInfoKind.Enumerable && info.ElementType is { } elementType
                 && options.GetTypeInfo(elementType).Kind == JsonTypeInfoKind.Object && value.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var element in value.EnumerateArray())
            {
                if (element.ValueKind == JsonValueKind.Object) Object(element, options.GetTypeInfo(elementType), $"{field}[{index}].", errors);
                else errors.Add($"{field}[{index}]", "Must be an object.");
                index++;
            }
        }
        else
        {
            try
            {
                value.Deserialize(info);
            }
            catch (JsonException)
            {
                errors.Add(field, Expected(type));
            }
        }
    }

    private static string Expected(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsEnum)
        {
            var names = Enum.GetNames(type).Select(name => JsonNamingPolicy.CamelCase.ConvertName(name));
            return $"Must be one of: {string.Join(", ", names)}.";
        }

        return type switch
        {
            _ when type == typeof(DateOnly) => "Must be a real date written YYYY-MM-DD.",
            _ when type == typeof(int) => "Must be a whole number within range.",
            _ when type == typeof(bool) => "Must be true or false.",
            _ when type == typeof(string) => "Must be a string.",
            _ => "Not a valid value here.",
        };
    }
}
