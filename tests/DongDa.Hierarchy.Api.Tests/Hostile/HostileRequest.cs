namespace DongDa.Hierarchy.Api.Tests.Hostile;

/// <summary>One request the API must refuse with a 4xx problem, and what was spoiled in it, to name it when it is not refused.</summary>
public sealed record HostileRequest(int Case, string Spoiled, HttpMethod Method, string Path, byte[]? Body, string? ContentType, string? Authorization)
{
    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(Method, Path);
        if (Body is not null)
        {
            message.Content = new ByteArrayContent(Body);
            if (ContentType is not null) message.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
        }

        if (Authorization is not null)
        {
            message.Headers.Authorization = null;
            message.Headers.TryAddWithoutValidation("Authorization", Authorization);
        }

        return message;
    }

    public override string ToString()
    {
        var body = Body is null ? "" : Body.Length > 200 ? $" body[{Body.Length} bytes]" : $" body {Convert.ToBase64String(Body)}";
        return $"case {Case} ({Spoiled}): {Method} {(Path.Length > 200 ? Path[..200] + "…" : Path)} {ContentType}{body}";
    }
}
