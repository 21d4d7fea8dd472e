namespace DongDa.Hierarchy.Host.Api;

/// <summary>
/// Answers with the binding's problem before a handler runs, and checks the <c>{id}</c> route
/// value, so handlers only ever see valid input.
/// </summary>
public sealed class InputProblemFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (context.HttpContext.Request.RouteValues.TryGetValue("id", out var id) && !ValidationErrors.IsOrgId(id as string ?? ""))
        {
            return Problems.Invalid("id", "Must match ^[a-z0-9][a-z0-9-]{0,63}$.");
        }

        foreach (var argument in context.Arguments)
        {
            if (argument is IBoundInput { Problem: { } problem }) return problem;
        }

        return await next(context);
    }
}
