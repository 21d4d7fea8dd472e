using Microsoft.Extensions.Options;

namespace DongDa.Hierarchy.Host.Api;

/// <summary>
/// Bounds every organization request by <see cref="ApiLimits.RequestTimeout"/>: a grain call that is
/// slow or stuck becomes a 504 problem with Retry-After instead of a connection left hanging. The
/// work itself is not cancelled (a grain call cannot be recalled), so a write that times out may
/// still be stored; the answer says so, and a retry with the same record id stores it once.
/// </summary>
public sealed class RequestDeadline(IOptions<ApiLimits> limits) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var limit = limits.Value.RequestTimeout;
        var running = next(context).AsTask();
        try
        {
            return await running.WaitAsync(limit, context.HttpContext.RequestAborted);
        }
        catch (TimeoutException) when (!running.IsCompleted)
        {
            // Its failure, if it comes, has no one left to hear it.
            _ = running.ContinueWith(abandoned => abandoned.Exception, TaskContinuationOptions.OnlyOnFaulted);
            return Problems.TimedOut(context.HttpContext, limit);
        }
    }
}
