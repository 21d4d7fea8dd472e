using System.Text.Json;
using System.Text.Json.Serialization;

namespace DongDa.Hierarchy;

/// <summary>The JSON conventions of the API contract, shared by the dataset files.</summary>
public static class HierarchyJson
{
    /// <summary>camelCase names; enums written camelCase and read case-insensitively, never as numbers.</summary>
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        return options;
    }
}
