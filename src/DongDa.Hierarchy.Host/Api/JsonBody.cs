using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace DongDa.Hierarchy.Host.Api;

/// <summary>
/// Reads and validates a JSON body with the API's own rules, so that every malformed body becomes
/// a problem naming the field instead of the framework's bare 400: size (413), media type (415),
/// syntax, types, unknown fields and the body's own validation (400).
/// </summary>
public sealed partial class JsonBody<T> : IBoundInput where T : class, IRequestBody
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

        T? value;
        try
        {
            value = JsonSerializer.Deserialize<T>(body, JsonBodyOptions.Options);
        }
        catch (JsonException exception)
        {
            return Fail(Problems.Invalid(FieldOf(exception), MessageOf(exception)));
        }

        if (value is null) return Fail(Problems.Invalid("body", "The body must be a JSON object."));
        var errors = new ValidationErrors();
        value.Validate(errors);
        return errors.Any ? Fail(Problems.Invalid(errors)) : new JsonBody<T>(value, null);
    }

    private static JsonBody<T> Fail(IResult problem) => new(null, problem);

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

    private static string FieldOf(JsonException exception)
    {
        if (UnmappedMember().Match(exception.Message) is { Success: true } unmapped) return unmapped.Groups[1].Value;
        var path = exception.Path;
        if (string.IsNullOrEmpty(path) || path == "$") return "body";
        return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
    }

    private static string MessageOf(JsonException exception)
    {
        if (UnmappedMember().IsMatch(exception.Message)) return "Unknown field.";
        return string.IsNullOrEmpty(exception.Path) || exception.Path == "$"
            ? "The body is not valid JSON for this request."
            : "The value is missing, of the wrong type, out of range or not one of the allowed values.";
    }

    [GeneratedRegex("The JSON property '([^']*)' could not be mapped", RegexOptions.CultureInvariant)]
    private static partial Regex UnmappedMember();
}

/// <summary>The serializer settings bodies are read with: the contract's conventions, strict about unknown fields.</summary>
internal static class JsonBodyOptions
{
    public static JsonSerializerOptions Options { get; } = HierarchyJson.Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        MaxDepth = 16,
        AllowDuplicateProperties = false,
    });
}
