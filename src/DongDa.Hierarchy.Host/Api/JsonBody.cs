using System.Text.Json;
using Microsoft.Extensions.Options;

namespace DongDa.Hierarchy.Host.Api;

/// <summary>
/// Reads and validates a JSON body with the API's own rules, so that every malformed body becomes
/// a problem naming each bad field instead of the framework's bare 400: size (413), media type
/// (415), syntax, unknown or repeated fields, values of the wrong type or range, and the body's
/// own validation (400).
/// </summary>
public sealed class JsonBody<T> : IBoundInput where T : class, IRequestBody
{
    private JsonBody(T? value, IResult? problem)
    {
        Value = value!;
        Problem = problem;
    }

    /// <summary>The validated body; only read when <see cref="Problem"/> is null.</summary>
    public T Value { get; }

    public IResult? Problem { get; }

    public static async ValueTask<JsonBody<T>?> BindAsync(HttpContext context)
    {
        var request = context.Request;
        var limit = context.RequestServices.GetRequiredService<IOptions<ApiLimits>>().Value.MaxBodyBytes;
        if (!request.HasJsonContentType()) return Fail(Problems.UnsupportedMediaType());
        if (request.ContentLength > limit) return Fail(Problems.TooLarge(limit));

        var body = await ReadAtMost(request.Body, limit, context.RequestAborted);
        if (body is null) return Fail(Problems.TooLarge(limit));
        if (body.Length == 0) return Fail(Problems.Invalid("body", "A JSON body is required."));

        var errors = new ValidationErrors();
        var value = Read(body, errors);
        value?.Validate(errors);
        return errors.Any || value is null ? Fail(Problems.Invalid(errors)) : new JsonBody<T>(value, null);
    }

    private static JsonBody<T> Fail(IResult problem) => new(null, problem);

    /// <summary>
    /// Checks each property on its own before binding the whole object, because the serializer
    /// stops at the first bad value and a client deserves to hear about all of them at once.
    /// </summary>
    private static T? Read(byte[] body, ValidationErrors errors)
    {
        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = JsonBodyOptions.MaxDepth });
            return Read(document.RootElement, errors);
        }
        catch (Exception exception) when (exception is JsonException or ArgumentException or InvalidOperationException)
        {
            // Malformed text, invalid UTF-8, or a name or string that is not valid UTF-16 (a lone surrogate).
            errors.Add("body", "The body is not valid UTF-8 JSON.");
            return null;
        }
    }

    private static T? Read(JsonElement root, ValidationErrors errors)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add("body", "The body must be a JSON object.");
            return null;
        }

        var properties = JsonBodyOptions.Options.GetTypeInfo(typeof(T)).Properties
            .ToDictionary(property => property.Name, StringComparer.OrdinalIgnoreCase);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var member in root.EnumerateObject())
        {
            if (!properties.TryGetValue(member.Name, out var property))
            {
                errors.Add(member.Name, "Unknown field.");
            }
            else if (!seen.Add(property.Name))
            {
                errors.Add(property.Name, "The field is given more than once.");
            }
            else
            {
                CheckValue(member.Value, property.PropertyType, property.Name, errors);
            }
        }

        return errors.Any ? null : root.Deserialize<T>(JsonBodyOptions.Options);
    }

    private static void CheckValue(JsonElement value, Type type, string field, ValidationErrors errors)
    {
        try
        {
            value.Deserialize(type, JsonBodyOptions.Options);
        }
        catch (JsonException exception)
        {
            var inner = exception.Path is { Length: > 1 } path && path.StartsWith('$') ? path[1..] : "";
            errors.Add(field + inner, inner.Length == 0 ? Expected(type) : "Not a valid value here.");
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

    /// <summary>Reads the body, or answers null when it is longer than <paramref name="limit"/>.</summary>
    private static async Task<byte[]?> ReadAtMost(Stream body, int limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit) return null;
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}

/// <summary>
/// The serializer settings bodies are read with: the contract's conventions, strict about unknown
/// fields and about types (the web defaults would read <c>"12"</c> as the number 12).
/// </summary>
internal static class JsonBodyOptions
{
    public const int MaxDepth = 16;

    public static JsonSerializerOptions Options { get; } = HierarchyJson.Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        MaxDepth = MaxDepth,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict,
        AllowDuplicateProperties = false,
        TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
    }).WithExactEnumNames();

    /// <summary>Enum values exactly as the contract spells them: the serializer's own converter reads any case.</summary>
    private static JsonSerializerOptions WithExactEnumNames(this JsonSerializerOptions options)
    {
        options.Converters.Insert(0, new ExactEnumNames());
        return options;
    }
}
