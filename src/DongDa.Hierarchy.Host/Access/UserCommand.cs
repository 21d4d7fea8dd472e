using DongDa.Hierarchy.Accounts;
using DongDa.Hierarchy.Host.Hosting;
using DongDa.Hierarchy.Validation;

namespace DongDa.Hierarchy.Host.Access;

/// <summary>
/// <c>user add &lt;name&gt; --org &lt;id&gt; [--org &lt;id&gt; ...] --role viewer|recorder|admin [--display &lt;name&gt;]</c>:
/// creates an account in the configured store and prints its initial password on its last line;
/// the password must be changed at the first sign-in. It runs a silo of its own for a moment, on
/// the same store as the host: on SQLite, while no host holds the data folder.
/// </summary>
public static class UserCommand
{
    public static bool IsInvoked(string[] args) => args is ["user", ..];

    public static int Run(WebApplicationBuilder builder, string[] args)
    {
        if (args is not ["user", "add", var given, .. var rest]) return Usage("Say what to do: user add <name> ...");
        var name = AccountNames.Normalize(given);
        var orgs = new List<string>();
        string? role = null, display = null;
        for (var i = 0; i < rest.Length; i++)
        {
            var value = i + 1 < rest.Length ? rest[i + 1] : null;
            switch (rest[i])
            {
                case "--org" when value is not null: orgs.Add(value); i++; break;
                case "--role" when value is not null: role = value; i++; break;
                case "--display" when value is not null: display = value.Trim(); i++; break;
                default: return Usage($"Unexpected '{rest[i]}'.");
            }
        }

        if (!AccountNames.IsValid(name)) return Usage($"The user name {AccountNames.NameRule}");
        if (orgs.Count == 0 || orgs.Any(org => org != Caller.Everywhere && !InputRules.IsOrgId(org))) return Usage("Name at least one --org: an organization id, or * for every organization.");
        if (role is null || Caller.Parse(role) == Role.None) return Usage("--role must be viewer, recorder or admin.");

        var profile = new AccountProfile { UserName = name, DisplayName = string.IsNullOrEmpty(display) ? name : display, Orgs = orgs, Role = role };
        builder.Configuration[$"{HierarchyHostOptions.Section}:SeedOnStart"] = "false";
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var password = FirstAdmin.NewPassword();
        string? refusal = null;
        var status = StartupFailure.RunOrExplain(() =>
        {
            builder.AddHierarchySilo();
            return builder.Build();
        }, app => Create(app, profile, password, out refusal));
        if (status != 0) return status;
        if (refusal is not null)
        {
            Console.Error.WriteLine(refusal);
            return StartupFailure.CannotStart;
        }

        // Printed once the silo has stopped, so that the password is the last line whatever the silo logged.
        Console.WriteLine($"Account {name}: {role} of {string.Join(", ", orgs)}. The password below must be changed at the first sign-in.");
        Console.WriteLine(password);
        return 0;
    }

    private static int Create(WebApplication app, AccountProfile profile, string password, out string? refusal)
    {
        refusal = CreateAsync(app, profile, password).GetAwaiter().GetResult();
        return 0;
    }

    /// <summary>Why the account was not created, or null when it was.</summary>
    private static async Task<string?> CreateAsync(WebApplication app, AccountProfile profile, string password)
    {
        await app.StartAsync();
        try
        {
            var grains = app.Services.GetRequiredService<IGrainFactory>();
            foreach (var org in profile.Orgs.Where(org => org != Caller.Everywhere))
            {
                if (await grains.GetGrain<IOrganizationGrain>(org).GetSnapshot() is null) return $"There is no organization '{org}'.";
            }

            return await grains.GetGrain<IAccountGrain>(profile.UserName).Create(profile, password, "command line") is null
                ? $"An account named '{profile.UserName}' exists already."
                : null;
        }
        finally
        {
            await app.StopAsync();
        }
    }

    private static int Usage(string problem)
    {
        Console.Error.WriteLine(problem);
        Console.Error.WriteLine(HostCommandLine.Usage);
        return StartupFailure.CannotStart;
    }
}
