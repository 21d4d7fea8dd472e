using System.Net;
using System.Text.Json.Nodes;

namespace DongDa.Hierarchy.Api.Tests;

public abstract class RecordContractTests(HostFixture fixture)
{
    private HttpClient Client => fixture.Client;

    private async Task CreateTree(string p)
    {
        await Client.Put($"/api/v1/orgs/{p}-d", Builders.Org("Quận", "district", null));
        await Client.Put($"/api/v1/orgs/{p}-g", Builders.Org("Phường", "grassroots", $"{p}-d"));
        var (status, _) = await Client.Put($"/api/v1/orgs/{p}-c", Builders.Org("Chi bộ", "cell", $"{p}-g"));
        Assert.Equal(HttpStatusCode.Created, status);
    }

    private async Task<string> Metrics(string id, string query = "") => (await Client.Get($"/api/v1/orgs/{id}/metrics{query}")).Body!.ToJsonString();

    public static TheoryData<string> Paths => new(Builders.RecordPaths);

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Posting_a_record_answers_201_echoing_every_field_and_every_ancestor_counts_it_at_once(string path)
    {
        var p = "r1-" + Array.IndexOf(Builders.RecordPaths, path);
        await CreateTree(p);
        var before = await Client.Get($"/api/v1/orgs/{p}-d/metrics");
        var body = Builders.Record(path, "rec-1");

        var (status, stored) = await Client.Post($"/api/v1/orgs/{p}-c/{path}", body);

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal($"{p}-c", stored!["orgId"]!.GetValue<string>());
        Assert.NotNull(stored["recordedAt"]);
        foreach (var (field, value) in body)
        {
            Assert.Equal(JsonValueOf(value), stored[field]?.ToJsonString() ?? "null");
        }

        var after = await Client.Get($"/api/v1/orgs/{p}-d/metrics");
        Assert.NotEqual(before.Body!["total"]!.ToJsonString(), after.Body!["total"]!.ToJsonString());
        Assert.Equal(after.Body!["total"]!.ToJsonString(), after.Body!["byConductorLevel"]!["cell"]!.ToJsonString());
        Assert.Equal((await Client.Get($"/api/v1/orgs/{p}-g/metrics")).Body!["total"]!.ToJsonString(), after.Body!["total"]!.ToJsonString());
    }

    private static string JsonValueOf(object? value) => System.Text.Json.JsonSerializer.Serialize(value);

    [Fact]
    public async Task Replaying_a_record_id_with_the_same_body_answers_200_and_stores_nothing_new()
    {
        await CreateTree("r2");
        var body = Builders.Record("study-sessions", "replay-1");
        var (first, stored) = await Client.Post("/api/v1/orgs/r2-c/study-sessions", body);
        var metrics = await Metrics("r2-d");

        var (second, replayed) = await Client.Post("/api/v1/orgs/r2-c/study-sessions", body);

        Assert.Equal(HttpStatusCode.Created, first);
        Assert.Equal(HttpStatusCode.OK, second);
        Assert.Equal(stored!.ToJsonString(), replayed!.ToJsonString());
        Assert.Equal(metrics, await Metrics("r2-d"));
    }

    [Fact]
    public async Task Reusing_a_record_id_with_a_different_body_or_kind_answers_409_and_changes_nothing()
    {
        await CreateTree("r3");
        await Client.Post("/api/v1/orgs/r3-c/study-sessions", Builders.Record("study-sessions", "taken"));
        var metrics = await Metrics("r3-d");

        using var different = await Client.PostAsync("/api/v1/orgs/r3-c/study-sessions", Http.Json(Builders.Record("study-sessions", "taken").With("classes", 9)));
        using var otherKind = await Client.PostAsync("/api/v1/orgs/r3-c/inspections", Http.Json(Builders.Record("inspections", "taken")));

        await Http.AssertProblem(different, HttpStatusCode.Conflict);
        await Http.AssertProblem(otherKind, HttpStatusCode.Conflict);
        Assert.Equal(metrics, await Metrics("r3-d"));
    }

    [Fact]
    public async Task Without_a_record_id_the_server_assigns_one()
    {
        await CreateTree("r4");
        var (status, stored) = await Client.Post("/api/v1/orgs/r4-c/study-registrations", Builders.Record("study-registrations", null).Without("recordId"));
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.False(string.IsNullOrEmpty(stored!["recordId"]!.GetValue<string>()));
    }

    public static TheoryData<string, string, string> InvalidRecords => new()
    {
        { "study-sessions", """{"date":"2021-01-01","document":"d","classes":"two","attendees":1}""", "classes" },
        { "study-sessions", """{"date":"2021-01-01","document":"d","classes":0,"attendees":1}""", "classes" },
        { "study-sessions", """{"date":"2021-01-01","document":"d","classes":1,"attendees":-5}""", "attendees" },
        { "study-sessions", """{"date":"2021-01-01","document":"d","classes":1,"attendees":99999999999}""", "attendees" },
        { "study-sessions", """{"date":"2021-02-30","document":"d","classes":1,"attendees":1}""", "date" },
        { "study-sessions", """{"date":"1800-01-01","document":"d","classes":1,"attendees":1}""", "date" },
        { "study-sessions", """{"document":"d","classes":1,"attendees":1}""", "date" },
        { "study-sessions", """{"date":"2021-01-01","classes":1,"attendees":1}""", "document" },
        { "study-sessions", """{"date":"2021-01-01","document":"d","classes":1,"attendees":1,"extra":true}""", "extra" },
        { "study-sessions", """{"recordId":"has space","date":"2021-01-01","document":"d","classes":1,"attendees":1}""", "recordId" },
        { "study-sessions", """{"date":"2021-01-01","document":"d","classes":1.5,"attendees":1}""", "classes" },
        { "inspections", """{"date":"2021-01-01","target":"alien","targetName":"x","topic":"t","violation":false,"discipline":"none"}""", "target" },
        { "inspections", """{"date":"2021-01-01","target":"organization","targetName":"x","topic":"t","violation":false,"discipline":"warning"}""", "discipline" },
        { "inspections", """{"date":"2021-01-01","target":"organization","targetName":"x","topic":"t","violation":"yes","discipline":"none"}""", "violation" },
        { "supervisions", """{"date":"2021-01-01","target":"organization","targetName":"x","topic":"t"}""", "mode" },
        { "commendations", """{"date":"2021-01-01","program":"other","recipient":"individual","recipientName":"x","level":"city"}""", "program" },
        { "commendations", """{"date":"2021-01-01","program":"hoChiMinhStudy","recipient":"individual","recipientName":"x","level":"national"}""", "level" },
        { "study-registrations", """{"date":"2021-01-01"}""", "members" },
        { "mass-mobilization", """{"date":"2021-01-01","registrant":"collective","registrantName":"x","level":"city","models":[]}""", "models" },
        { "mass-mobilization", """{"date":"2021-01-01","registrant":"collective","registrantName":"x","level":"city","models":[{"name":"m","field":"sports"}]}""", "models[0].field" },
        { "mass-mobilization", """{"date":"2021-01-01","registrant":"collective","registrantName":"x","level":"city","models":[{"field":"economy"}]}""", "models[0].name" },
        { "study-sessions", """{"date":"2021-01-01",""", "body" },
        { "study-sessions", "[1,2,3]", "body" },
        { "study-sessions", "null", "body" },
        { "study-sessions", "", "body" },
    };

    [Theory]
    [MemberData(nameof(InvalidRecords))]
    public async Task Invalid_record_bodies_answer_400_naming_the_field_and_store_nothing(string path, string json, string field)
    {
        await EnsureTree("r5");
        var before = await Metrics("r5-d");
        using var response = await Client.PostAsync($"/api/v1/orgs/r5-c/{path}", Http.Raw(json));
        await Http.AssertProblem(response, HttpStatusCode.BadRequest, field);
        Assert.Equal(before, await Metrics("r5-d"));
        Assert.Empty((await Client.Get($"/api/v1/orgs/r5-c/{path}")).Body!["items"]!.AsArray());
    }

    [Fact]
    public async Task Every_field_of_the_wrong_type_unknown_or_repeated_is_named_in_one_answer()
    {
        await EnsureTree("r5");
        const string json = """{"date":"2021-02-30","document":5,"classes":"x","attendees":1,"colour":"red","Attendees":2}""";
        using var response = await Client.PostAsync("/api/v1/orgs/r5-c/study-sessions", Http.Raw(json));
        await Http.AssertProblem(response, HttpStatusCode.BadRequest, "date", "document", "classes", "colour", "attendees");
    }

    [Theory]
    [InlineData(new byte[] { 0x7B, 0x22, 0x64, 0x61, 0x74, 0x65, 0x22, 0x3A, 0x22, 0xFF, 0xFE, 0x22, 0x7D })]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF, 0x7B, 0x22, 0xC3, 0x28, 0x22, 0x3A, 0x31, 0x7D })]
    public async Task Invalid_utf8_answers_400(byte[] body)
    {
        await EnsureTree("r5");
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var response = await Client.PostAsync("/api/v1/orgs/r5-c/study-sessions", content);
        await Http.AssertProblem(response, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("""{"\udc00":1}""")]
    [InlineData("""{"date":"2021-01-01","document":"\ud800","classes":1,"attendees":1}""")]
    [InlineData("""{"date":"2021-01-01","document":"ok","classes":1,"attendees":1,"recordId":"\u0000"}""")]
    [InlineData("""{"date":"2021-01-01","document":"ok","classes":1e400,"attendees":1}""")]
    [InlineData("""{"a":{"b":{"c":{"d":{"e":{"f":{"g":{"h":{"i":{"j":{"k":{"l":{"m":{"n":{"o":{"p":{"q":{"r":1}}}}}}}}}}}}}}}}}}""")]
    public async Task Lone_surrogates_control_characters_huge_numbers_and_deep_nesting_answer_400(string json)
    {
        await EnsureTree("r5");
        using var response = await Client.PostAsync("/api/v1/orgs/r5-c/study-sessions", Http.Raw(json));
        await Http.AssertProblem(response, HttpStatusCode.BadRequest);
        Assert.Empty((await Client.Get("/api/v1/orgs/r5-c/study-sessions")).Body!["items"]!.AsArray());
    }

    [Fact]
    public async Task An_oversized_body_answers_413_and_a_wrong_media_type_415()
    {
        await EnsureTree("r5");
        var huge = Builders.Record("study-sessions", "big").With("document", new string('x', 70_000));
        using var tooLarge = await Client.PostAsync("/api/v1/orgs/r5-c/study-sessions", Http.Json(huge));
        using var wrongType = await Client.PostAsync("/api/v1/orgs/r5-c/study-sessions",
            Http.Raw(System.Text.Json.JsonSerializer.Serialize(Builders.Record("study-sessions", "text")), "text/plain"));

        await Http.AssertProblem(tooLarge, HttpStatusCode.RequestEntityTooLarge);
        await Http.AssertProblem(wrongType, HttpStatusCode.UnsupportedMediaType);
        Assert.Empty((await Client.Get("/api/v1/orgs/r5-c/study-sessions")).Body!["items"]!.AsArray());
    }

    [Fact]
    public async Task Posting_to_an_unknown_organization_answers_404_and_stores_nothing()
    {
        using var response = await Client.PostAsync("/api/v1/orgs/r-nobody/inspections", Http.Json(Builders.Record("inspections", "x")));
        await Http.AssertProblem(response, HttpStatusCode.NotFound);
    }

    private Task EnsureTree(string p) => Client.CreateUnlessExists($"{p}-d", () => CreateTree(p));

    [Fact]
    public async Task Listings_page_through_records_in_date_order_with_a_cursor_and_filter_by_period()
    {
        await CreateTree("r6");
        string[] dates = ["2021-03-01", "2021-01-15", "2022-07-01", "2021-01-15", "2020-11-20"];
        for (var i = 0; i < dates.Length; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await Client.Post("/api/v1/orgs/r6-c/commendations", Builders.Record("commendations", $"c{i}", dates[i]))).Status);
        }

        string[] oldestFirst = ["2020-11-20 c4", "2021-01-15 c1", "2021-01-15 c3", "2021-03-01 c0", "2022-07-01 c2"];
        Assert.Equal("3: " + string.Join(", ", oldestFirst), await ReadPages("/api/v1/orgs/r6-c/commendations?limit=2"));
        Assert.Equal("3: " + string.Join(", ", oldestFirst), await ReadPages("/api/v1/orgs/r6-c/commendations?limit=2&order=oldest"));
        Assert.Equal("3: " + string.Join(", ", oldestFirst.Reverse()), await ReadPages("/api/v1/orgs/r6-c/commendations?limit=2&order=newest"));
        Assert.Equal("1: 2021-03-01 c0, 2021-01-15 c3, 2021-01-15 c1", await ReadPages("/api/v1/orgs/r6-c/commendations?from=2021-01-15&to=2021-03-01&order=newest"));

        var (_, filtered) = await Client.Get("/api/v1/orgs/r6-c/commendations?from=2021-01-15&to=2021-03-01");
        Assert.Equal(["c1", "c3", "c0"], filtered!["items"]!.AsArray().Select(item => item!["recordId"]!.GetValue<string>()));
        Assert.Null(filtered["next"]);
        Assert.Empty((await Client.Get("/api/v1/orgs/r6-c/inspections")).Body!["items"]!.AsArray());
    }

    /// <summary>Follows the cursors to the end: how many pages, then each record as its date and id.</summary>
    private async Task<string> ReadPages(string path)
    {
        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var (status, page) = await Client.Get(path + (cursor is null ? "" : "&cursor=" + cursor));
            Assert.Equal(HttpStatusCode.OK, status);
            seen.AddRange(page!["items"]!.AsArray().Select(item => $"{item!["date"]} {item["recordId"]}"));
            cursor = page["next"]?.GetValue<string>();
            pages++;
        }
        while (cursor is not null);

        return $"{pages}: {string.Join(", ", seen)}";
    }

    [Theory]
    [InlineData("order=latest", "order")]
    [InlineData("order=newest&order=oldest", "order")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1001", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("cursor=not-a-cursor!", "cursor")]
    [InlineData("from=2021-13-01", "from")]
    [InlineData("from=2022-01-01&to=2021-01-01", "to")]
    public async Task Bad_listing_queries_answer_400_naming_the_parameter(string query, string field)
    {
        await EnsureTree("r5");
        using var response = await Client.GetAsync($"/api/v1/orgs/r5-c/inspections?{query}");
        await Http.AssertProblem(response, HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task Metrics_count_only_records_inside_the_inclusive_period()
    {
        await CreateTree("r7");
        await Client.Post("/api/v1/orgs/r7-g/inspections", Builders.Record("inspections", "a", "2021-05-01"));
        await Client.Post("/api/v1/orgs/r7-c/inspections", Builders.Record("inspections", "b", "2021-05-31"));
        await Client.Post("/api/v1/orgs/r7-c/study-registrations", Builders.Record("study-registrations", "reg", "2022-02-01"));

        async Task<JsonNode> Period(string query) => (await Client.Get($"/api/v1/orgs/r7-d/metrics?{query}")).Body!;

        var may = await Period("from=2021-05-01&to=2021-05-31");
        Assert.Equal(2, may["total"]!["inspections"]!["organizations"]!.GetValue<long>());
        Assert.Equal(1, may["byConductorLevel"]!["grassroots"]!["inspections"]!["organizations"]!.GetValue<long>());
        Assert.Equal(1, may["byConductorLevel"]!["cell"]!["inspections"]!["organizations"]!.GetValue<long>());
        Assert.Equal(0, may["own"]!["inspections"]!["organizations"]!.GetValue<long>());
        Assert.Equal("2021-05-01", may["from"]!.GetValue<string>());
        Assert.Equal(1, (await Period("from=2021-05-02"))["total"]!["inspections"]!["organizations"]!.GetValue<long>());
        Assert.Equal(1, (await Period("to=2021-05-30"))["total"]!["inspections"]!["organizations"]!.GetValue<long>());
        Assert.Null((await Period("to=2021-05-30"))["from"]);
        Assert.Equal(0, (await Period("to=2022-01-31"))["total"]!["study"]!["registeredOrgs"]!.GetValue<long>());
        Assert.Equal(1, (await Period(""))["total"]!["study"]!["registeredOrgs"]!.GetValue<long>());
        Assert.Equal(3, (await Period(""))["orgs"]!["total"]!.GetValue<long>());
    }

    [Theory]
    [InlineData("from=yesterday", "from")]
    [InlineData("to=2021-02-29", "to")]
    [InlineData("from=2023-01-01&to=2022-12-31", "to")]
    public async Task Bad_periods_answer_400_naming_the_parameter(string query, string field)
    {
        await EnsureTree("r5");
        foreach (var endpoint in new[] { "metrics", "drilldown" })
        {
            using var response = await Client.GetAsync($"/api/v1/orgs/r5-d/{endpoint}?{query}");
            await Http.AssertProblem(response, HttpStatusCode.BadRequest, field);
        }
    }

    [Collection(EmptySqliteHostCollection.Name)]
    public sealed class OnSqlite(EmptySqliteHost fixture) : RecordContractTests(fixture);

    [Collection(EmptyPostgreSqlHostCollection.Name)]
    public sealed class OnPostgreSql(EmptyPostgreSqlHost fixture) : RecordContractTests(fixture);
}
