using DongDa.Hierarchy.Metrics;
using DongDa.Hierarchy.Organizations;
using DongDa.Hierarchy.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace DongDa.Hierarchy.Grains.Tests;

/// <summary>
/// A record stored whose parent was never told (the call failed, or the silo died right after
/// storing) still reaches every ancestor, without the client writing again: the organization tells
/// its parent again by itself, and when its silo is gone, the surviving silos ask again the children
/// they hold (the path of a change is held from before it is stored).
/// </summary>
public sealed class LostNotificationTests : IAsyncLifetime
{
    private readonly SqliteTestStore _store = new();
    private readonly FailingNotifications _failing = new();
    private InProcessTestCluster _cluster = null!;

    /// <summary>Fails the calls that tell a parent of a change in the chosen child, while it is set.</summary>
    private sealed class FailingNotifications : IIncomingGrainCallFilter
    {
        public volatile string? ChildId;

        public Task Invoke(IIncomingGrainCallContext context)
        {
            if (context.InterfaceMethod.Name == nameof(IOrganizationMember.ChildChanged) && Equals(context.Request.GetArgument(0), ChildId))
            {
                throw new InvalidOperationException($"The change of {ChildId} is not told (test).");
            }

            return context.Invoke();
        }
    }

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) =>
        {
            _store.AddGrainStorage(silo, StorageNames.Hierarchy, wrap: null);
            silo.AddHierarchyGrains();
            silo.Services.AddSingleton<IIncomingGrainCallFilter>(_failing);
            silo.Configure<ClusterMembershipOptions>(membership =>
            {
                membership.ProbeTimeout = TimeSpan.FromSeconds(1);
                membership.NumMissedProbesLimit = 2;
                membership.NumVotesForDeathDeclaration = 1;
            });
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        await _store.DisposeAsync();
    }

    private IOrganizationGrain Org(string id) => _cluster.Client.GetGrain<IOrganizationGrain>(id);

    private async Task District(string prefix)
    {
        await Org($"{prefix}-d").Upsert(TestOrganizations.Details(OrgLevel.District, null));
        await Org($"{prefix}-g").Upsert(TestOrganizations.Details(OrgLevel.Grassroots, $"{prefix}-d"));
        await Org($"{prefix}-c").Upsert(TestOrganizations.Details(OrgLevel.Cell, $"{prefix}-g"));
    }

    private async Task<long> RootClasses(string prefix) => (await Org($"{prefix}-d").Rollup(new Period()))!.Total().Study.Classes;

    private static async Task<bool> Eventually(Func<Task<bool>> condition, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition()) return true;
            await Task.Delay(100);
        }

        return await condition();
    }

    [Fact]
    public async Task A_write_whose_parent_could_not_be_told_reaches_the_root_without_a_retry()
    {
        await District("ln");
        Assert.Equal(0, await RootClasses("ln"));

        _failing.ChildId = "ln-c";
        await Assert.ThrowsAnyAsync<Exception>(() => Org("ln-c").AddRecord(TestRecords.Session("ln-c", "ln-1", classes: 3)));
        Assert.Equal(0, await RootClasses("ln"));
        _failing.ChildId = null;

        Assert.True(await Eventually(async () => await RootClasses("ln") == 3, TimeSpan.FromSeconds(10)), "the root never counted the stored record");
    }

    [Fact]
    public async Task A_write_stored_on_a_silo_that_then_died_reaches_the_ancestors_on_the_survivor()
    {
        // Grains land where placement puts them; among many cells, one lies on the other silo than its ancestors.
        await Org("sl-d").Upsert(TestOrganizations.Details(OrgLevel.District, null));
        var management = _cluster.Client.GetGrain<IManagementGrain>(0);
        var rootSilo = await management.GetActivationAddress(Org("sl-d"));
        string? cell = null;
        for (var g = 0; cell is null && g < 16; g++)
        {
            await Org($"sl-g{g}").Upsert(TestOrganizations.Details(OrgLevel.Grassroots, "sl-d"));
            if (await management.GetActivationAddress(Org($"sl-g{g}")) != rootSilo) continue;
            for (var c = 0; cell is null && c < 8; c++)
            {
                var id = $"sl-g{g}-c{c}";
                await Org(id).Upsert(TestOrganizations.Details(OrgLevel.Cell, $"sl-g{g}"));
                if (await management.GetActivationAddress(Org(id)) != rootSilo) cell = id;
            }
        }

        Assert.NotNull(cell);
        var doomed = _cluster.Silos.Single(silo => silo.SiloAddress != rootSilo);
        Assert.Equal(0, await RootClasses("sl"));

        // Stored, and no ancestor told: as if the silo had died between the two. The filter stays on,
        // so only the silo's death, not a retry, can bring the ancestors along.
        _failing.ChildId = cell;
        await Assert.ThrowsAnyAsync<Exception>(() => Org(cell).AddRecord(TestRecords.Session(cell, "sl-1", classes: 2)));
        await _cluster.KillSiloAsync(doomed);
        Assert.True(await Eventually(async () => await RootClasses("sl") == 2, TimeSpan.FromSeconds(30)), "the survivor kept summing without the stored record");
    }
}
