using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace DongDa.Hierarchy.Host.Api;

/// <summary>
/// Reads a JSON body as the domain type itself, with System.Text.Json's strict settings, then
/// checks the data-annotation rules the type carries, so that every malformed body becomes a
/// problem naming each bad field instead of the framework's bare 400: size (413), media type
/// (415), syntax, unknown, repeated or missing fields, values of the wrong type or range, and the
/// type's rules (400).
/// </summary>
public sealed class JsonBody<T> : IBoundInput, IEndpointParameterMetadataProvider where T : class
{
    private JsonBody(T? value, IResult? problem)
    {
        Value = value!;
        Problem = problem;
    }

    /// <summary>The validated body; only read when <see cref="Problem"/> is null.</summary>
    public T Value { get; }

    public IResult? Problem { get; }

    /// <summary>What the OpenAPI document says of the body: its type, and the answers reading it may give.</summary>
    public static void PopulateMetadata(ParameterInfo parameter, EndpointBuilder builder)
    {
        builder.Metadata.Add(new AcceptsMetadata(["application/json"], typeof(T)));
        Problems.Describe(builder, StatusCodes.Status413PayloadTooLarge);
        Problems.Describe(builder, StatusCodes.Status415UnsupportedMediaType);
    }

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
        if (value is not null) BodyRules.Check(value, "", errors);
        return errors.Any || value is null ? Fail(Problems.Invalid(errors)) : new JsonBody<T>(value, null);
    }

    /// <summary>
    /// A JSON object read and checked as a body is, for input that arrives in another form (a
    /// spreadsheet row made into an object); null, with each bad field in <paramref name="errors"/>, when it is not valid.
    /// </summary>
    public static T? Check(JsonElement element, ValidationErrors errors)
    {
        var value = Deserialize(element, errors);
        if (value is not null) BodyRules.Check(value, "", errors);
        return errors.Any ? null : value;
    }

    private static T? Deserialize(JsonElement element, ValidationErrors errors)
    {
        try
        {
            return element.Deserialize<T>(JsonBodyOptions.Options);
        }
        catch (JsonException)
        {
            // The serializer stops at the first bad value; a client deserves to hear about all of them at once.
            BodyDiagnosis.Object(element, JsonBodyOptions.Options.GetTypeInfo(typeof(T)), "", errors);
            if (!errors.Any) errors.Add("body", "The body does not match the expected fields.");
            return null;
        }
    }

    private static JsonBody<T> Fail(IResult problem) => new(null, problem);

    private static T? Read(byte[] body, ValidationErrors errors)
    {
        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = JsonBodyOptions.MaxDepth });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                errors.Add("body", "The body must be a JSON object.");
                return null;
            }

            return Deserialize(document.RootElement, errors);
        }
        catch (Exception exception) when (exception is JsonException or ArgumentException or InvalidOperationException)
        {
            // Malformed text, invalid UTF-8, or a name or string that is not valid UTF-16 (a lone surrogate).
            errors.Add("body", "The body is not valid UTF-8 JSON.");
            return null;
        }
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
