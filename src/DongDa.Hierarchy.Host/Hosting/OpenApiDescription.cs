using System.Text.Json;
using DongDa.Hierarchy.Host.Api;
using DongDa.Hierarchy.Records;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace DongDa.Hierarchy.Host.Hosting;

/// <summary>
/// What the generated OpenAPI document cannot know by itself: the bearer scheme every API operation
/// needs, the 401/403 answers that come with it and the 503/504 of failures that pass with time, the <c>traceId</c> every problem carries, the
/// tags' descriptions, and a server address without a trailing slash. Linted with Redocly's
/// recommended rules by the HTTP suite.
/// </summary>
public static class OpenApiDescription
{
    public const string BearerScheme = "bearer";
    public const string SessionScheme = "session";

    /// <summary>The tags the API's operations are grouped under, with what each holds.</summary>
    public static readonly IReadOnlyDictionary<string, string> Tags = new Dictionary<string, string>
    {
        ["Organizations"] = "The hierarchy: organizations, their children, breadcrumb and search.",
        ["Records"] = "The six kinds of records an organization keeps.",
        ["Figures"] = "Rolled-up figures of a subtree for any period: metrics, drill-down, monthly series.",
        ["Audit"] = "Who changed what, and when.",
        ["Account"] = "A person's browser session: signing in and out, and the account's password.",
        ["Accounts"] = "The accounts of a subtree, managed by its admins.",
    };

    public static IServiceCollection AddHierarchyOpenApi(this IServiceCollection services) => services.AddOpenApi(options =>
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            Describe(document);
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            if (context.Description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true) AddCommonAnswers(operation, context.Document!);
            if (context.Description.RelativePath?.StartsWith("account/", StringComparison.Ordinal) == true) DescribeAccount(operation, context.Document!);
            return Task.CompletedTask;
        });
        options.AddSchemaTransformer((schema, context, _) =>
        {
            // ASP.NET Core's problem details service adds the trace id to every problem it writes.
            if (context.JsonTypeInfo.Type.IsAssignableTo(typeof(ProblemDetails)) || context.JsonTypeInfo.Type == typeof(HttpValidationProblemDetails))
            {
                schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
                schema.Properties["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The W3C trace id of the request, to find it in the logs and traces." };
            }

            if (context.JsonTypeInfo.Type.IsAssignableTo(typeof(OrgRecord))) DescribeRecord(schema);
            return Task.CompletedTask;
        });
    });

    /// <summary>One schema serves a record's POST body and its answers: what the server sets is read-only, and the record id optional in a body.</summary>
    private static void DescribeRecord(OpenApiSchema schema)
    {
        OpenApiSchema? Property(string member) =>
            schema.Properties?.TryGetValue(JsonNamingPolicy.CamelCase.ConvertName(member), out var found) == true ? found as OpenApiSchema : null;

        foreach (var field in JsonBodyOptions.ServerSet)
        {
            if (Property(field) is { } property) property.ReadOnly = true;
        }

        schema.Required?.Remove(JsonNamingPolicy.CamelCase.ConvertName(nameof(OrgRecord.RecordId)));
        if (Property(nameof(OrgRecord.RecordId)) is { } id)
        {
            id.Description = "The client's id for the record, so that sending it again stores it once; the server makes one when a body leaves it out. Always in an answer.";
        }
    }

    private static void Describe(OpenApiDocument document)
    {
        document.Info.Title = "DongDa.Hierarchy API";
        document.Info.Description = "Hệ thống tổ chức Đảng bộ quận Đống Đa: tổ chức, hồ sơ và số liệu tổng hợp. / The Đống Đa district party organization: organizations, their records and rolled-up figures.";
        document.Info.License = new OpenApiLicense { Name = "Proprietary; for the Đống Đa district party committee", Identifier = "LicenseRef-DongDa-Proprietary" };
        // Relative: the document is served by the host it describes, whatever address (or balancer) it was reached through.
        document.Servers = [new OpenApiServer { Url = "/", Description = "The host that served this document" }];
        document.Tags = new HashSet<OpenApiTag>(Tags.Select(tag => new OpenApiTag { Name = tag.Key, Description = tag.Value }));

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "A token of the host's signing key or of the configured OpenID Connect authority, naming the caller's organizations (org) and role.",
        };
        document.Components.SecuritySchemes[SessionScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Cookie,
            Name = Access.Sessions.CookieName,
            Description = "The session cookie a sign-in sets (HttpOnly, SameSite=Strict); it acts as a token of the account's organizations and role would.",
        };
    }

    /// <summary>Signing in and out needs nothing; the rest of the account takes the session cookie or a token.</summary>
    private static void DescribeAccount(OpenApiOperation operation, OpenApiDocument document) =>
        operation.Security = operation.OperationId is "SignIn" or "SignOut"
            ? [new OpenApiSecurityRequirement()]
            :
            [
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SessionScheme, document)] = [] },
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] },
            ];

    /// <summary>What any API operation may answer besides its own: refusals, and the failures that pass with time.</summary>
    private static void AddCommonAnswers(OpenApiOperation operation, OpenApiDocument document)
    {
        operation.Security =
        [
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] },
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SessionScheme, document)] = [] },
        ];
        operation.Responses ??= [];
        operation.Responses.TryAdd("401", Problem("No valid token: missing, expired, signed with another key, for another issuer or audience, or altered.", document));
        operation.Responses.TryAdd("403", Problem("The token's role or organizations do not allow this on the organization named (or it does not exist).", document));
        operation.Responses.TryAdd("503", Problem("A failure that passes with time (a grain call timed out, storage busy): send it again after Retry-After.", document));
        operation.Responses.TryAdd("504", Problem("No answer within the request timeout. A write may or may not have been stored: send it again with the same recordId.", document));
    }

    private static OpenApiResponse Problem(string description, OpenApiDocument document) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(nameof(ProblemDetails), document) },
        },
    };
}
