using DongDa.Hierarchy.Validation;

namespace DongDa.Hierarchy.Host.Api;

/// <summary>
/// Answers with the binding's problem before a handler runs, and checks the <c>{id}</c> and
/// <c>{recordId}</c> route values, so handlers only ever see valid input.
/// </summary>
public sealed class InputProblemFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (context.HttpContext.Request.RouteValues.TryGetValue("id", out var id) && !InputRules.IsOrgId(id as string ?? ""))
        {
            return Problems.Invalid("id", InputRules.OrgIdMessage);
        }

        if (context.HttpContext.Request.RouteValues.TryGetValue("recordId", out var recordId) && !InputRules.IsRecordId(recordId as string ?? ""))
        {
            return Problems.Invalid("recordId", InputRules.RecordIdMessage);
        }

        foreach (var argument in context.Arguments)
        {
            if (argument is IBoundInput { Problem: { } problem }) return problem;
        }

        return await next(context);
    }
}
