namespace DongDa.Hierarchy.Host.Api;

/// <summary>
/// Lets ASP.NET Core's request-timeouts middleware end an organization request: it cancels
/// <see cref="HttpContext.RequestAborted"/> when <see cref="ApiLimits.RequestTimeout"/> runs out,
/// but a grain call takes no token and cannot be recalled, so the handler would never notice.
/// This stops waiting instead; the work goes on, so a write that timed out may still be stored,
/// and a retry with the same record id stores it once.
/// </summary>
public sealed class StopWaitingOnTimeout : IEndpointFilter
{
    public const string Policy = "organization-request";

    /// <summary>The policy of an import, which checks every row of a file before it stores one.</summary>
    public const string ImportPolicy = "import";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var running = next(context).AsTask();
        try
        {
            return await running.WaitAsync(context.HttpContext.RequestAborted);
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
