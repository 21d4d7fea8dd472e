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
        catch (TimeoutException) when (!running.IsFaulted)
        {
            // The answer may have come just as the time ran out; a timeout of the work itself is not ours to answer.
            if (running.IsCompletedSuccessfully) return await running;
            Abandon(running);
            return Problems.TimedOut(context.HttpContext, limit);
        }
        catch (OperationCanceledException) when (!running.IsCompleted)
        {
            Abandon(running);
            throw;
        }
    }

    /// <summary>The work goes on without a listener; its failure, if it comes, is observed here so that it is not reported as unobserved.</summary>
    private static void Abandon(Task running) =>
        _ = running.ContinueWith(abandoned => abandoned.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
}
