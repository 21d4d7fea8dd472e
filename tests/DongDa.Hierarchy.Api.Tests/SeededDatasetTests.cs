using System.Net;
using System.Text.Json.Nodes;

namespace DongDa.Hierarchy.Api.Tests;

/// <summary>The shipped Đống Đa dataset, read back through the HTTP API, reproduces the article's figures S1–S12.</summary>
public abstract class SeededDatasetTests(HostFixture fixture)
{
    private const string MidTerm = "/api/v1/orgs/dong-da/metrics?from=2020-10-01&to=2022-12-31";

    private async Task<JsonNode> MidTermMetrics()
    {
        var (status, body) = await fixture.Client.Get(MidTerm);
        Assert.Equal(HttpStatusCode.OK, status);
        return body!;
    }

    private static long At(JsonNode node, string path) =>
        path.Split('.').Aggregate(node, (current, key) => current[key]!).GetValue<long>();

    [Fact]
    public async Task S1_S2_the_district_organized_24_study_classes_for_over_10000_attendances()
    {
        var metrics = await MidTermMetrics();
        Assert.Equal(24, At(metrics, "total.study.classes"));
        Assert.Equal(24, At(metrics, "byConductorLevel.district.study.classes"));
        Assert.True(At(metrics, "total.study.attendees") > 10_000);
    }

    [Fact]
    public async Task S3_S4_commendations_match_the_article()
    {
        var metrics = await MidTermMetrics();
        Assert.Equal(15, At(metrics, "total.commendations.hoChiMinhStudy.collectives.district"));
        Assert.Equal(25, At(metrics, "total.commendations.hoChiMinhStudy.individuals.district"));
        Assert.Equal(343, At(metrics, "total.commendations.goodPeopleGoodDeeds.individuals.district"));
        Assert.Equal(27, At(metrics, "total.commendations.goodPeopleGoodDeeds.individuals.city"));
    }

    [Fact]
    public async Task S5_every_grassroots_organization_organized_study_registration()
    {
        var metrics = await MidTermMetrics();
        var grassroots = At(metrics, "orgs.grassroots");
        Assert.True(grassroots > 21, "the 21 wards and other grassroots organizations");
        Assert.Equal(grassroots, At(metrics, "total.study.registeredOrgs"));
        Assert.Equal(grassroots, At(metrics, "byConductorLevel.grassroots.study.registeredOrgs"));
    }

    [Fact]
    public async Task S6_to_S9_inspections_and_supervisions_split_by_conducting_level()
    {
        var metrics = await MidTermMetrics();
        Assert.Equal(30, At(metrics, "byConductorLevel.district.inspections.organizations"));
        Assert.Equal(15, At(metrics, "byConductorLevel.district.inspections.individuals"));
        Assert.Equal(21, At(metrics, "byConductorLevel.district.supervisions.organizations"));
        Assert.Equal(23, At(metrics, "byConductorLevel.district.supervisions.individuals"));
        Assert.Equal(102, At(metrics, "byConductorLevel.grassroots.inspections.organizations"));
        Assert.Equal(158, At(metrics, "byConductorLevel.grassroots.supervisions.organizations"));
        Assert.Equal(132, At(metrics, "total.inspections.organizations"));
        Assert.Equal(30, At(metrics, "own.inspections.organizations"));
    }

    [Fact]
    public async Task S10_to_S12_dan_van_kheo_registrants_and_706_models_over_four_fields()
    {
        var metrics = await MidTermMetrics();
        Assert.Equal(3, At(metrics, "total.massMobilization.collectives.city"));
        Assert.Equal(59, At(metrics, "total.massMobilization.collectives.district"));
        Assert.Equal(260, At(metrics, "total.massMobilization.collectives.grassroots"));
        Assert.Equal(1, At(metrics, "total.massMobilization.individuals.city"));
        Assert.Equal(34, At(metrics, "total.massMobilization.individuals.district"));
        Assert.Equal(327, At(metrics, "total.massMobilization.individuals.grassroots"));
        Assert.Equal(706, At(metrics, "total.massMobilization.models"));
        var byField = metrics["total"]!["massMobilization"]!["modelsByField"]!.AsObject();
        Assert.Equal(4, byField.Count(field => field.Value!.GetValue<long>() > 0));
        Assert.Equal(706, byField.Sum(field => field.Value!.GetValue<long>()));
    }

    [Fact]
    public async Task The_21_wards_of_the_article_are_children_of_the_district()
    {
        string[] wards =
        [
            "Cát Linh", "Hàng Bột", "Khâm Thiên", "Khương Thượng", "Kim Liên", "Láng Hạ", "Láng Thượng", "Nam Đồng", "Ngã Tư Sở",
            "Ô Chợ Dừa", "Phương Liên", "Phương Mai", "Quang Trung", "Quốc Tử Giám", "Thịnh Quang", "Thổ Quan", "Trung Liệt",
            "Trung Phụng", "Trung Tự", "Văn Chương", "Văn Miếu",
        ];
        var (status, children) = await fixture.Client.Get("/api/v1/orgs/dong-da/children");
        Assert.Equal(HttpStatusCode.OK, status);
        var wardNames = children!.AsArray().Where(child => child!["kind"]!.GetValue<string>() == "ward")
            .Select(child => child!["name"]!.GetValue<string>()).ToHashSet();
        Assert.Equal(wards.Select(ward => $"Đảng bộ phường {ward}").ToHashSet(), wardNames);
    }

    [Fact]
    public async Task Drill_down_goes_from_the_district_through_a_ward_to_a_cell_and_children_add_up()
    {
        var (_, district) = await fixture.Client.Get("/api/v1/orgs/dong-da/drilldown?from=2020-10-01&to=2022-12-31");
        var children = district!["children"]!.AsArray();
        AssertChildrenAddUp(district, At(await MidTermMetrics(), "own.inspections.organizations"));

        var ward = children.Single(child => child!["org"]!["name"]!.GetValue<string>() == "Đảng bộ phường Láng Thượng")!;
        var wardId = ward["org"]!["id"]!.GetValue<string>();
        Assert.Equal(["dong-da", wardId], ward["org"]!["path"]!.AsArray().Select(id => id!.GetValue<string>()));
        var (_, wardDrill) = await fixture.Client.Get($"/api/v1/orgs/{wardId}/drilldown?from=2020-10-01&to=2022-12-31");
        var (_, wardMetrics) = await fixture.Client.Get($"/api/v1/orgs/{wardId}/metrics?from=2020-10-01&to=2022-12-31");
        AssertChildrenAddUp(wardDrill!, At(wardMetrics!, "own.inspections.organizations"));

        var cell = wardDrill!["children"]!.AsArray().First()!;
        Assert.Equal("cell", cell["org"]!["level"]!.GetValue<string>());
        var cellId = cell["org"]!["id"]!.GetValue<string>();
        var (status, cellDrill) = await fixture.Client.Get($"/api/v1/orgs/{cellId}/drilldown");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Empty(cellDrill!["children"]!.AsArray());
        Assert.Equal(1, At(cellDrill, "orgs.total"));
        Assert.Equal(["dong-da", wardId, cellId], cellDrill["org"]!["path"]!.AsArray().Select(id => id!.GetValue<string>()));
    }

    private static void AssertChildrenAddUp(JsonNode drilldown, long ownInspections)
    {
        var children = drilldown["children"]!.AsArray();
        Assert.Equal(At(drilldown, "orgs.total") - 1, children.Sum(child => At(child!, "orgs.total")));
        Assert.Equal(At(drilldown, "total.inspections.organizations") - ownInspections,
            children.Sum(child => At(child!, "total.inspections.organizations")));
        var names = children.Select(child => child!["org"]!["name"]!.GetValue<string>()).ToList();
        var vietnamese = System.Globalization.CultureInfo.GetCultureInfo("vi-VN").CompareInfo;
        Assert.Equal(names.Order(Comparer<string>.Create((x, y) => vietnamese.Compare(x, y, System.Globalization.CompareOptions.NumericOrdering))).ToList(), names);
    }

    [Collection(SeededSqliteHostCollection.Name)]
    public sealed class OnSqlite(SeededSqliteHost fixture) : SeededDatasetTests(fixture);

    [Collection(SeededPostgreSqlHostCollection.Name)]
    public sealed class OnPostgreSql(SeededPostgreSqlHost fixture) : SeededDatasetTests(fixture);
}
