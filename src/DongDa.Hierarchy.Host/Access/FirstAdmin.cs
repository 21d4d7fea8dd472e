using System.Security.Cryptography;
using DongDa.Hierarchy.Accounts;
using DongDa.Hierarchy.Host.Hosting;
using DongDa.Hierarchy.Seeding;
using Microsoft.Extensions.Options;

namespace DongDa.Hierarchy.Host.Access;

/// <summary>
/// In Development, the first start on a store without an <c>admin</c> account creates one, an admin
/// of the dataset's district (of every organization when no dataset is loaded), and prints its
/// initial password once, so that a newcomer can sign in on the page; it must be changed at the
/// first sign-in. Outside Development accounts are created by the <c>user add</c> command only.
/// </summary>
public sealed class FirstAdmin(IGrainFactory grains, IOptions<HierarchyHostOptions> host, ILogger<FirstAdmin> logger) : IHostedLifecycleService
{
    public const string UserName = "admin";

    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        try
        {
            var orgs = host.Value.SeedOnStart ? Dataset.EmbeddedRoots() : [Caller.Everywhere];
            var profile = new AccountProfile { UserName = UserName, DisplayName = "Quản trị hệ thống", Orgs = orgs, Role = "admin" };
            var password = NewPassword();
            if (await grains.GetGrain<IAccountGrain>(UserName).Create(profile, password, AuditActorOfHost) is null) return;
            Console.WriteLine($"First account / Tài khoản đầu tiên: {UserName}, admin of {string.Join(", ", orgs)}; change the password at the first sign-in.");
            Console.WriteLine($"Initial password / Mật khẩu ban đầu: {password}");
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "The first admin account could not be created; create one with the user add command");
        }
    }

    private const string AuditActorOfHost = Audit.AuditActor.System;

    /// <summary>A password of 16 letters and digits that cannot be misread for one another (no 0/O, 1/l/I).</summary>
    public static string NewPassword() => RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 16);

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
