using System.Text.Json;
using System.Text.Json.Serialization;

namespace DongDa.Hierarchy;

/// <summary>The JSON conventions of the API contract, shared by the dataset files.</summary>
public static class HierarchyJson
{
    /// <summary>camelCase names; enums written camelCase and read case-insensitively, never as numbers.</summary>
    public static JsonSerializerOptions Options { get; } = Sealed(Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web)));

    /// <summary>Read-only with its resolver in place, so that its contract can be asked for before anything is serialized.</summary>
    private static JsonSerializerOptions Sealed(JsonSerializerOptions options)
    {
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        return options;
    }
}
