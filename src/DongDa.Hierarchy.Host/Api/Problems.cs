namespace DongDa.Hierarchy.Host.Api;

/// <summary>The problem+json answers of the API, worded once.</summary>
public static class Problems
{
    public static IResult Invalid(ValidationErrors errors) =>
        TypedResults.ValidationProblem(errors.ToDictionary(), title: "The request is not valid.");

    public static IResult Invalid(string field, string message)
    {
        var errors = new ValidationErrors();
        errors.Add(field, message);
        return Invalid(errors);
    }

    public static IResult UnknownOrganization(string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Organization not found.",
            detail: $"No organization '{id}' exists.");

    public static IResult Forbidden(string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed.",
            detail: $"Your token does not allow this on '{id}'.");

    public static IResult Conflict(string detail, string? field = null) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The request conflicts with the current state.",
            detail: detail, extensions: field is null ? null : new Dictionary<string, object?> { ["field"] = field });

    public static IResult TooLarge(int limit) =>
        TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The request body is too large.",
            detail: $"At most {limit} bytes are accepted.");

    public static IResult UnsupportedMediaType() =>
        TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type.",
            detail: "Send the body as application/json.");

    /// <summary>The answer did not come in time; the work may still finish, so a write's outcome is unknown.</summary>
    public static IResult TimedOut(HttpContext context, TimeSpan limit)
    {
        context.Response.Headers.RetryAfter = "1";
        return TypedResults.Problem(statusCode: StatusCodes.Status504GatewayTimeout, title: "The request took too long.",
            detail: $"No answer within {limit.TotalSeconds:0.###} s. A write may or may not have been stored: send it again with the same recordId, which stores it once.");
    }
}
