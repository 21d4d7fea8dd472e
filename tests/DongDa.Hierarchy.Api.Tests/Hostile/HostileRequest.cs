namespace DongDa.Hierarchy.Api.Tests.Hostile;

/// <summary>One request the API must refuse with a 4xx problem, and what was spoiled in it, to name it when it is not refused.</summary>
public sealed record HostileRequest(int Case, string Spoiled, HttpMethod Method, string Path, byte[]? Body, string? ContentType, string? Authorization)
{
    /// <summary>
    /// Refused by the HTTP server itself (Kestrel) before the application sees it, with a bare status
    /// and no body: a NUL in the path, or headers beyond the server's limit.
    /// </summary>
    public bool RefusedByServer { get; init; }

    public HttpRequestMessage ToMessage()
    {
        // A connection of its own: a server may close one after refusing a body it did not read,
        // and the next request on it would fail in the client, not in the server.
        var message = new HttpRequestMessage(Method, Path) { Headers = { ConnectionClose = true } };
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
        var token = Authorization is null ? "" : $" Authorization[{Authorization.Length}] {Uri.EscapeDataString(Authorization[..Math.Min(Authorization.Length, 40)])}";
        return $"case {Case} ({Spoiled}): {Method} {(Path.Length > 200 ? Path[..200] + "…" : Path)} {ContentType}{body}{token}";
    }
}
