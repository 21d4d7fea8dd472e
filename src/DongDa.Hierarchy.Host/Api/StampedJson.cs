using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Net.Http.Headers;

namespace DongDa.Hierarchy.Host.Api;

/// <summary>
/// A kept answer: its bytes as a JSON <typeparamref name="T"/> with its ETag, or 304 Not Modified
/// when the request's <c>If-None-Match</c> names that ETag. <c>Cache-Control: private, no-cache</c>
/// lets a browser keep it and ask again each time, so an unchanged answer costs it no body.
/// </summary>
public sealed class StampedJson<T>(CachedAnswer answer) : IResult, IStatusCodeHttpResult, IEndpointMetadataProvider
{
    private const string JsonUtf8 = "application/json; charset=utf-8";

    public int? StatusCode => StatusCodes.Status200OK;

    public Task ExecuteAsync(HttpContext context)
    {
        var response = context.Response;
        response.Headers.ETag = answer.ETag;
        response.Headers.CacheControl = "private, no-cache";
        if (Matches(context.Request.Headers.IfNoneMatch, answer.ETag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = JsonUtf8;
        response.ContentLength = answer.Utf8Json.Length;
        return response.Body.WriteAsync(answer.Utf8Json, context.RequestAborted).AsTask();
    }

    /// <summary>RFC 9110's weak comparison: a list of tags, or <c>*</c>.</summary>
    private static bool Matches(Microsoft.Extensions.Primitives.StringValues ifNoneMatch, string etag)
    {
        if (ifNoneMatch.Count == 0) return false;
        if (!EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags)) return false;
        var ours = new EntityTagHeaderValue(etag);
        return tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(ours, useStrongComparison: false));
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), ["application/json"]));
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status304NotModified, typeof(void), []));
    }
}
