using DongDa.Hierarchy.Persistence;

namespace DongDa.Hierarchy.Host.Hosting;

/// <summary>
/// Runs the host, and when it cannot start because its settings are incomplete or its database
/// cannot be used, says so in one line and exits with status 2 instead of dying with a stack trace.
/// </summary>
public static class StartupFailure
{
    public const int CannotStart = 2;

    public static int RunOrExplain(this WebApplication app)
    {
        try
        {
            app.Run();
            return 0;
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
