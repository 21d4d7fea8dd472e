using DongDa.Hierarchy.Persistence;

namespace DongDa.Hierarchy.Host.Hosting;

/// <summary>
/// Builds and runs the host, and when it cannot start because its settings are incomplete, its data
/// folder is taken or its database cannot be used, says so in one line and exits with status 2 instead of dying with a stack trace.
/// </summary>
public static class StartupFailure
{
    public const int CannotStart = 2;

    public static int RunOrExplain(Func<WebApplication> build) => RunOrExplain(build, app =>
    {
        app.Run();
        return 0;
    });

    /// <summary>Builds the host and does <paramref name="run"/> with it, explaining a start that cannot be made as <see cref="RunOrExplain(Func{WebApplication})"/> does.</summary>
    public static int RunOrExplain(Func<WebApplication> build, Func<WebApplication, int> run)
    {
        try
        {
            using var app = build();
            return run(app);
        }
        catch (Exception exception) when (Find<PostgreSqlUnavailableException>(exception) is { } unavailable)
        {
            Console.Error.WriteLine($"DongDa.Hierarchy did not start. {unavailable.Message}");
            return CannotStart;
        }
        catch (Exception exception) when (Find<Microsoft.Extensions.Options.OptionsValidationException>(exception) is { } invalid)
        {
            Console.Error.WriteLine($"DongDa.Hierarchy did not start. {invalid.Message}");
            return CannotStart;
        }
        catch (Exception exception) when (Find<HostCannotStartException>(exception) is { } refused)
        {
            Console.Error.WriteLine($"DongDa.Hierarchy did not start. {refused.Message}");
            return CannotStart;
        }
    }

    private static T? Find<T>(Exception? exception) where T : Exception
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is T found) return found;
        }

        return null;
    }
}

/// <summary>Something the host needs before it listens cannot be had; the message says what, in one line.</summary>
public sealed class HostCannotStartException(string message, Exception? inner = null) : Exception(message, inner);
