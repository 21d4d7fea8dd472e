using Microsoft.AspNetCore.Diagnostics;

namespace DongDa.Hierarchy.Host.Hosting;

/// <summary>
/// Turns failures that are not the client's fault and pass with time (a grain call timing out, a
/// silo unavailable, storage busy) into 503 with Retry-After, and bad requests the framework
/// rejects into their own 4xx status, both as problem+json.
/// </summary>
public sealed class ServiceUnavailableHandler(IProblemDetailsService problems, ILogger<ServiceUnavailableHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        int status;
        string title;
        if (exception is BadHttpRequestException badRequest)
        {
            status = badRequest.StatusCode;
            title = "The request could not be read.";
        }
        else if (IsTransient(exception))
        {
            status = StatusCodes.Status503ServiceUnavailable;
            title = "The service is briefly unavailable; retry shortly.";
            context.Response.Headers.RetryAfter = "1";
            logger.LogWarning(exception, "Answered 503 for {Path}", context.Request.Path);
        }
        else
        {
            return false;
        }

        context.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title },
        });
    }

    private static bool IsTransient(Exception exception) => exception switch
    {
        TimeoutException or OperationCanceledException or OrleansException => true,
        // A grain call that failed on another silo with an exception Orleans cannot carry back
        // (seen: a placement timeout wrapping Polly's TimeoutRejectedException while a silo was cut
        // off): the call failed and may be tried again, whatever the exception's type.
        Orleans.Serialization.CodecNotFoundException => true,
        System.Data.Common.DbException => true,
        AggregateException aggregate => aggregate.InnerExceptions.All(IsTransient),
        _ => exception.InnerException is { } inner && IsTransient(inner),
    };
}
