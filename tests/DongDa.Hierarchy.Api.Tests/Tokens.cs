using System.Net.Http.Headers;
using DongDa.Hierarchy.Host.Access;
using DongDa.Hierarchy.TestSupport;

namespace DongDa.Hierarchy.Api.Tests;

/// <summary>Tokens signed with the test hosts' key, through the host's own issuer.</summary>
public static class Tokens
{
    public static string For(string role, params string[] orgs) => Of($"{role}-test", role, orgs);

    public static string Of(string subject, string role, params string[] orgs) =>
        TokenIssuer.Issue(SigningKeys.FromBase64(TestStore.SigningKey), new AuthOptions(), subject, orgs, role, TimeSpan.FromHours(1));

    /// <summary>An admin of every organization: what the contract tests act as.</summary>
    public static string Everywhere { get; } = For("admin", Caller.Everywhere);

    public static HttpClient As(this HttpClient client, string token)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
