using System.Reflection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace DongDa.Hierarchy.Host.Api;

/// <summary>The problem+json answers of the API, worded once.</summary>
public static class Problems
{
    public const string MediaType = "application/problem+json";

    public static ValidationProblem Invalid(ValidationErrors errors) =>
        TypedResults.ValidationProblem(errors.ToDictionary(), title: "The request is not valid.");

    public static ValidationProblem Invalid(string field, string message)
    {
        var errors = new ValidationErrors();
        errors.Add(field, message);
        return Invalid(errors);
    }

    public static NotFoundProblem UnknownOrganization(string id) =>
        new(TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Organization not found.",
            detail: $"No organization '{id}' exists."));

    public static NotFoundProblem UnknownRecord(string id, string recordId) =>
        new(TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Record not found.",
            detail: $"'{id}' holds no record of this kind under '{recordId}'."));

    public static NotFoundProblem UnknownAccount(string userName) =>
        new(TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Account not found.",
            detail: $"No account '{userName}' acts for this subtree."));

    public static NotFoundProblem UnknownToken(string tokenId) =>
        new(TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Token not found.", detail: $"The account has no token '{tokenId}'."));

    /// <summary>A refusal of something the caller's account may not do, whatever the organization.</summary>
    public static ProblemHttpResult NotAllowed(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed.", detail: detail);

    public static ProblemHttpResult Forbidden(string id) => NotAllowed($"Your token does not allow this on '{id}'.");

    public static ConflictProblem Conflict(string detail, string? field = null) =>
        new(TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The request conflicts with the current state.",
            detail: detail, extensions: field is null ? null : new Dictionary<string, object?> { ["field"] = field }));

    public static PreconditionProblem Exists(string id) =>
        new(TypedResults.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: "The organization exists already.",
            detail: $"An organization '{id}' exists already; the request asked to create one only (If-None-Match: *).",
            extensions: new Dictionary<string, object?> { ["field"] = "id" }));

    public static NotFoundProblem UnknownKind(string kind) =>
        new(TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such kind of record.",
            detail: $"There is no kind '{kind}'; the kinds are {string.Join(", ", RecordForms.Kinds.Select(k => k.Path))}."));

    public static ProblemHttpResult TooLargeFile(long limit) =>
        TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The file is too large.",
            detail: $"At most {limit} bytes are accepted for an import (Hierarchy:Api:MaxImportBytes); split the file.");

    public static ProblemHttpResult UnsupportedSheet() =>
        TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type.",
            detail: "Send the file as text/csv (UTF-8) or as an Excel workbook (application/vnd.openxmlformats-officedocument.spreadsheetml.sheet).");

    public static ProblemHttpResult UnreadableFile(string why) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The file cannot be read.", detail: why,
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["file"] = [why] } });

    /// <summary>An import refused: the file's columns, or each bad row (up to a bound) with its fields' problems, and how many rows are bad in all.</summary>
    public static ProblemHttpResult BadRows(Sheets.ImportOutcome outcome) => outcome.Raced ? RacedRows(outcome) : outcome.FileErrors is { } columns
        ? TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The file's columns are not the template's; nothing was stored.",
            detail: string.Join(" ", columns.Values.SelectMany(messages => messages)), extensions: new Dictionary<string, object?> { ["errors"] = columns })
        : TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Rows of the file are not valid; nothing was stored.",
            detail: $"{outcome.BadRowCount} of {outcome.Rows} rows are not valid"
                + (outcome.BadRowCount > outcome.BadRows.Count ? $"; the first {outcome.BadRows.Count} are listed." : "."),
            extensions: new Dictionary<string, object?> { ["rows"] = outcome.BadRows, ["badRows"] = outcome.BadRowCount, ["totalRows"] = outcome.Rows });

    /// <summary>
    /// Rows whose record ids another write took after the import checked them: 409, as a POST of
    /// that row would answer, with the rows listed as a refused file lists them, and what the
    /// others did, since they were stored.
    /// </summary>
    private static ProblemHttpResult RacedRows(Sheets.ImportOutcome outcome) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Record ids of some rows were taken by another write while the import ran.",
            detail: $"{outcome.BadRowCount} of {outcome.Rows} rows were refused; the other rows were stored ({outcome.Stored} new, {outcome.Unchanged} already there). "
                + "Correct the refused rows' record ids and send the file again: rows already stored are left unchanged.",
            extensions: new Dictionary<string, object?>
            {
                ["rows"] = outcome.BadRows, ["badRows"] = outcome.BadRowCount, ["totalRows"] = outcome.Rows, ["stored"] = outcome.Stored, ["unchanged"] = outcome.Unchanged,
            });

    public static ProblemHttpResult TooLarge(int limit) =>
        TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The request body is too large.",
            detail: $"At most {limit} bytes are accepted.");

    public static ProblemHttpResult UnsupportedMediaType() =>
        TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type.",
            detail: "Send the body as application/json.");

    /// <summary>The answer did not come in time; the work may still finish, so a write's outcome is unknown.</summary>
    public static ProblemHttpResult TimedOut(HttpContext context, TimeSpan limit)
    {
        context.Response.Headers.RetryAfter = "1";
        return TypedResults.Problem(statusCode: StatusCodes.Status504GatewayTimeout, title: "The request took too long.",
            detail: $"No answer within {limit.TotalSeconds:0.###} s. A write may or may not have been stored: send it again with the same recordId, which stores it once.");
    }

    /// <summary>States in an endpoint's metadata that it may answer <paramref name="status"/> with a problem.</summary>
    public static void Describe(EndpointBuilder builder, int status) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(status, typeof(ProblemDetails), [MediaType]));
}

/// <summary>
/// A problem answer a handler can name in its <c>Results&lt;…&gt;</c>, so that the OpenAPI document
/// learns the status from the handler's signature, as it does for <see cref="Ok{TValue}"/>.
/// </summary>
public abstract class TypedProblem(ProblemHttpResult problem) : IResult, IStatusCodeHttpResult
{
    public int? StatusCode => problem.StatusCode;

    public Task ExecuteAsync(HttpContext httpContext) => problem.ExecuteAsync(httpContext);
}

public sealed class NotFoundProblem(ProblemHttpResult problem) : TypedProblem(problem), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Problems.Describe(builder, StatusCodes.Status404NotFound);
}

public sealed class ConflictProblem(ProblemHttpResult problem) : TypedProblem(problem), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Problems.Describe(builder, StatusCodes.Status409Conflict);
}

public sealed class PreconditionProblem(ProblemHttpResult problem) : TypedProblem(problem), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Problems.Describe(builder, StatusCodes.Status412PreconditionFailed);
}
