using DongDa.Hierarchy.Host.Hosting;
using Microsoft.IdentityModel.Tokens;

namespace DongDa.Hierarchy.Host.Access;

/// <summary>
/// <c>token --org &lt;id&gt; [--org &lt;id&gt; ...] --role viewer|recorder|admin [--subject &lt;name&gt;] [--hours &lt;n&gt;]</c>:
/// prints a token signed with the host's key (in Development, the local key of its data folder).
/// </summary>
public static class TokenCommand
{
    public static bool IsInvoked(string[] args) => args is ["token", ..];

    public static int Run(WebApplicationBuilder builder, string[] args)
    {
        var orgs = new List<string>();
        string? role = null, subject = null;
        var hours = 8.0;
        for (var i = 1; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--org" when value is not null: orgs.Add(value); i++; break;
                case "--role" when value is not null: role = value; i++; break;
                case "--subject" when value is not null: subject = value; i++; break;
                case "--hours" when double.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out hours) && hours > 0: i++; break;
                default: return Usage($"Unexpected '{args[i]}'.");
            }
        }

        if (orgs.Count == 0) return Usage("Name at least one --org (an organization id, or * for every organization).");
        if (role is null || Caller.Parse(role) == Role.None) return Usage("--role must be viewer, recorder or admin.");

        var auth = AuthOptions.From(builder.Configuration);
        var host = builder.Configuration.GetSection(HierarchyHostOptions.Section).Get<HierarchyHostOptions>() ?? new HierarchyHostOptions();
        SymmetricSecurityKey? key;
        try
        {
            key = SigningKeys.Resolve(auth, builder.Environment, host.DataDirectory);
        }
        catch (HostCannotStartException refused)
        {
            Console.Error.WriteLine(refused.Message);
            return StartupFailure.CannotStart;
        }

        if (key is null)
        {
            Console.Error.WriteLine(AuthOptions.MissingKey);
            return StartupFailure.CannotStart;
        }

        Console.WriteLine(TokenIssuer.Issue(key, auth, subject ?? $"{role}@{string.Join('+', orgs)}", orgs, role, TimeSpan.FromHours(hours)));
        return 0;
    }

    private static int Usage(string problem)
    {
        Console.Error.WriteLine(problem);
        Console.Error.WriteLine(HostCommandLine.Usage);
        return StartupFailure.CannotStart;
    }
}
