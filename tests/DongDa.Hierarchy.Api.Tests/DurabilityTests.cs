using System.Net;
using DongDa.Hierarchy.TestSupport;

namespace DongDa.Hierarchy.Api.Tests;

/// <summary>Hosts started and stopped over one store: what was acknowledged is there after a restart, and seeding happens once.</summary>
public abstract class DurabilityTests : IAsyncLifetime
{
    private TestStore _store = null!;

    protected abstract Task<TestStore> CreateStoreAsync();

    public async Task InitializeAsync() => _store = await CreateStoreAsync();

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [Fact]
    public async Task Everything_written_before_a_restart_is_there_after_it()
    {
        string before, records, org;
        await using (var first = new HostFactory(_store, seed: false))
        {
            var client = first.CreateClient();
            await client.Put("/api/v1/orgs/dur-d", Builders.Org("Quận", "district", null));
            await client.Put("/api/v1/orgs/dur-g", Builders.Org("Phường", "grassroots", "dur-d"));
            await client.Put("/api/v1/orgs/dur-c", Builders.Org("Chi bộ", "cell", "dur-g"));
            foreach (var path in Builders.RecordPaths)
            {
                Assert.Equal(HttpStatusCode.Created, (await client.Post($"/api/v1/orgs/dur-c/{path}", Builders.Record(path, $"{path}-1"))).Status);
            }

            await client.Put("/api/v1/orgs/dur-g2", Builders.Org("Phường 2", "grassroots", "dur-d"));
            await client.Put("/api/v1/orgs/dur-c", Builders.Org("Chi bộ", "cell", "dur-g2"));
            before = (await client.Get("/api/v1/orgs/dur-d/drilldown")).Body!.ToJsonString();
            records = (await client.Get("/api/v1/orgs/dur-c/mass-mobilization")).Body!.ToJsonString();
            org = (await client.Get("/api/v1/orgs/dur-c")).Body!.ToJsonString();
        }

        await using var second = new HostFactory(_store, seed: false);
        var again = second.CreateClient();
        Assert.Equal(before, (await again.Get("/api/v1/orgs/dur-d/drilldown")).Body!.ToJsonString());
        Assert.Equal(records, (await again.Get("/api/v1/orgs/dur-c/mass-mobilization")).Body!.ToJsonString());
        Assert.Equal(org, (await again.Get("/api/v1/orgs/dur-c")).Body!.ToJsonString());
        Assert.Empty((await again.Get("/api/v1/orgs/dur-g/children")).Body!.AsArray());
    }

    [Fact]
    public async Task Seeding_happens_once_and_a_restart_neither_duplicates_nor_reverts_anything()
    {
        string seeded, afterChanges;
        await using (var first = new HostFactory(_store, seed: true))
        {
            var client = first.CreateClient();
            seeded = (await client.Get("/api/v1/orgs/dong-da/drilldown")).Body!.ToJsonString();
            var (_, ward) = await client.Get("/api/v1/orgs/dong-da/children");
            var wardId = ward!.AsArray().First(child => child!["kind"]!.GetValue<string>() == "ward")!["id"]!.GetValue<string>();
            Assert.Equal(HttpStatusCode.Created, (await client.Post($"/api/v1/orgs/{wardId}/inspections", Builders.Record("inspections", "after-seed"))).Status);
            var (_, org) = await client.Get($"/api/v1/orgs/{wardId}");
            org!["name"] = "Đảng bộ phường (đổi tên sau khi nạp dữ liệu)";
            Assert.Equal(HttpStatusCode.OK, (await client.Put($"/api/v1/orgs/{wardId}", org.ToJsonString())).Status);
            afterChanges = (await client.Get("/api/v1/orgs/dong-da/drilldown")).Body!.ToJsonString();
            Assert.NotEqual(seeded, afterChanges);
        }

        await using var second = new HostFactory(_store, seed: true);
        Assert.Equal(afterChanges, (await second.CreateClient().Get("/api/v1/orgs/dong-da/drilldown")).Body!.ToJsonString());
    }

    public sealed class OnSqlite : DurabilityTests
    {
        protected override Task<TestStore> CreateStoreAsync() => Stores.Sqlite();
    }

    public sealed class OnPostgreSql : DurabilityTests
    {
        protected override Task<TestStore> CreateStoreAsync() => Stores.PostgreSql();
    }
}
