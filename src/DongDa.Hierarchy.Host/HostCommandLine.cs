using DongDa.Hierarchy.Host.Access;
using DongDa.Hierarchy.Host.Hosting;

namespace DongDa.Hierarchy.Host;

/// <summary>
/// What the program's arguments ask for: with configuration switches only (<c>--Key=value</c>,
/// <c>--Key value</c>, <c>/Key value</c>, <c>Key=value</c>, as ASP.NET Core reads them) it starts the
/// host; with a known verb first it runs that verb; anything else is refused with the usage, so that
/// a mistyped verb never starts a second host on the default data folder.
/// </summary>
public static class HostCommandLine
{
    public const string Usage = """
        usage: DongDa.Hierarchy.Host [--<setting>=<value> | --<setting> <value>]...
                   start the host (settings such as --urls or --Hierarchy:DataDirectory; see the README)
               DongDa.Hierarchy.Host token --org <id> [--org <id> ...] --role viewer|recorder|admin [--subject <name>] [--hours <n>]
                   print a token signed with the host's key
               DongDa.Hierarchy.Host user add <name> --org <id> [--org <id> ...] --role viewer|recorder|admin [--display <name>]
                   create an account and print its initial password on the last line (on SQLite, with the host stopped)
        """;

    /// <summary>The exit status of the verb the arguments name, or null when they ask to start the host.</summary>
    public static int? RunVerb(WebApplicationBuilder builder, string[] args)
    {
        if (args is ["help" or "--help" or "-h" or "-?", ..])
        {
            Console.WriteLine(Usage);
            return 0;
        }

        if (TokenCommand.IsInvoked(args)) return TokenCommand.Run(builder, args);
        if (UserCommand.IsInvoked(args)) return UserCommand.Run(builder, args);
        if (FirstNonSwitch(args) is not { } unknown) return null;
        var verb = unknown == 0 && !args[0].StartsWith('-') && !args[0].StartsWith('/') && !args[0].Contains('=');
        Console.Error.WriteLine(verb ? $"Unknown command '{args[0]}'." : $"Unexpected argument '{args[unknown]}'.");
        Console.Error.WriteLine(Usage);
        return StartupFailure.CannotStart;
    }

    /// <summary>The index of the first argument that is neither a switch nor a switch's value.</summary>
    private static int? FirstNonSwitch(string[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            var prefixed = arg.StartsWith("--", StringComparison.Ordinal) ? 2 : arg.StartsWith('/') ? 1 : 0;
            var key = arg[prefixed..];
            if (key.Length == 0 || key[0] == '=') return i;
            if (key.Contains('=')) continue;
            if (prefixed == 0 || i + 1 == args.Length) return i;
            i++;
        }

        return null;
    }
}
