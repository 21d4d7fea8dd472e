using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DongDa.Hierarchy.Api.Tests;

/// <summary>Small helpers for talking JSON to the API and reading its answers.</summary>
public static class Http
{
    public static StringContent Json(object body) =>
        new(body as string ?? JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    public static async Task<(HttpStatusCode Status, JsonNode? Body)> Send(this HttpClient client, HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : Json(body) };
        using var response = await client.SendAsync(request);
        return (response.StatusCode, await ReadBody(response));
    }

    public static Task<(HttpStatusCode Status, JsonNode? Body)> Get(this HttpClient client, string path) => client.Send(HttpMethod.Get, path);

    public static Task<(HttpStatusCode Status, JsonNode? Body)> Put(this HttpClient client, string path, object body) => client.Send(HttpMethod.Put, path, body);

    public static Task<(HttpStatusCode Status, JsonNode? Body)> Post(this HttpClient client, string path, object body) => client.Send(HttpMethod.Post, path, body);

    public static async Task<JsonNode?> ReadBody(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (string.IsNullOrEmpty(text)) return null;
        var mediaType = response.Content.Headers.ContentType?.MediaType ?? "";
        return mediaType.Contains("json") ? JsonNode.Parse(text) : JsonValue.Create(text);
    }

    /// <summary>Asserts a problem+json answer with the status and, for 400, an errors entry for each field.</summary>
    public static async Task AssertProblem(HttpResponseMessage response, HttpStatusCode status, params string[] fields)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await ReadBody(response);
        Assert.Equal((int)status, body!["status"]!.GetValue<int>());
        foreach (var field in fields)
        {
            Assert.True(body["errors"]?[field] is not null, $"problem should name '{field}': {body.ToJsonString()}");
        }
    }

    /// <summary>Runs <paramref name="create"/> unless the organization exists; tests of one collection run one at a time.</summary>
    public static async Task CreateUnlessExists(this HttpClient client, string orgId, Func<Task> create)
    {
        if ((await client.Get($"/api/v1/orgs/{orgId}")).Status == HttpStatusCode.NotFound) await create();
    }

    public static HttpContent Raw(string text, string mediaType = "application/json")
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(mediaType);
        return content;
    }
}
