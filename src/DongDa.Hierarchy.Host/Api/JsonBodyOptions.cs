using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using DongDa.Hierarchy.Records;

namespace DongDa.Hierarchy.Host.Api;

/// <summary>
/// The serializer settings bodies are read with: the contract's conventions, strict about unknown,
/// repeated and null fields and about types (the web defaults would read <c>"12"</c> as the number 12).
/// A record's body is the record without what the server sets: the organization comes from the
/// path, the record id may be left to the server (or comes from the path, for a correction), when
/// and from whom from the request, and its revision and withdrawal from the record's history.
/// </summary>
internal static class JsonBodyOptions
{
    public const int MaxDepth = 16;

    /// <summary>The members of a record the server sets; not in a body.</summary>
    public static readonly string[] ServerSet =
        [nameof(OrgRecord.OrgId), nameof(OrgRecord.RecordedAt), nameof(OrgRecord.RecordedBy), nameof(OrgRecord.Revision), nameof(OrgRecord.WithdrawnReason)];

    public static JsonSerializerOptions Options { get; } = Strict();

    private static JsonSerializerOptions Strict()
    {
        var options = HierarchyJson.Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            MaxDepth = MaxDepth,
            NumberHandling = JsonNumberHandling.Strict,
            AllowDuplicateProperties = false,
            RespectNullableAnnotations = true,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { RecordBody } },
        });
        // Enum values exactly as the contract spells them: the serializer's own converter reads any case.
        options.Converters.Insert(0, new ExactEnumNames());
        options.MakeReadOnly();
        return options;
    }

    private static void RecordBody(JsonTypeInfo type)
    {
        if (!type.Type.IsAssignableTo(typeof(OrgRecord))) return;
        foreach (var property in type.Properties.ToList())
        {
            var member = (property.AttributeProvider as System.Reflection.MemberInfo)?.Name;
            if (ServerSet.Contains(member)) type.Properties.Remove(property);
            else if (member == nameof(OrgRecord.RecordId)) property.IsRequired = false;
        }
    }
}
