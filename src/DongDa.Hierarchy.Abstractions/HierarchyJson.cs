using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DongDa.Hierarchy;

/// <summary>The JSON conventions of the API contract, shared by the dataset files.</summary>
public static class HierarchyJson
{
    /// <summary>camelCase names; enums written camelCase and read case-insensitively, never as numbers.</summary>
    public static JsonSerializerOptions Options { get; } = Sealed(Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web)));

    /// <summary>
    /// For a value kept as JSON text inside an answer, such as an audit entry's old and new values:
    /// Vietnamese letters stay letters, since the answer's own serializer escapes the text again.
    /// </summary>
    public static JsonSerializerOptions Text { get; } = Sealed(new JsonSerializerOptions(Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

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
