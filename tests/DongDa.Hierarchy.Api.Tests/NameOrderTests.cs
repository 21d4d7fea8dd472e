namespace DongDa.Hierarchy.Api.Tests;

/// <summary>Organizations are listed in the order a Vietnamese reader expects, numbers by their value.</summary>
[Collection(SeededSqliteHostCollection.Name)]
public sealed class NameOrderTests(SeededSqliteHost fixture)
{
    [Fact]
    public async Task A_wards_cells_come_by_the_number_of_their_residential_group()
    {
        var drilldown = (await fixture.Client.Get("/api/v1/orgs/phuong-lang-thuong/drilldown")).Body!;

        var names = drilldown["children"]!.AsArray().Select(child => child!["org"]!["name"]!.GetValue<string>()).ToList();

        Assert.Equal(Enumerable.Range(1, 13).Select(number => $"Chi bộ tổ dân phố số {number} phường Láng Thượng"), names);
    }
}
