using System.Net;
using System.Text.Json.Nodes;

namespace DongDa.Hierarchy.Api.Tests;

/// <summary>PUT and DELETE of a stored record: the contract's answers, the figures that follow, the listing and the audit trail.</summary>
public abstract class CorrectionContractTests(HostFixture fixture)
{
    private HttpClient Client => fixture.Client;

    private async Task Tree(string p)
    {
        await Client.Put($"/api/v1/orgs/{p}-d", Builders.Org("Quận", "district", null));
        await Client.Put($"/api/v1/orgs/{p}-g", Builders.Org("Phường", "grassroots", $"{p}-d"));
        var (status, _) = await Client.Put($"/api/v1/orgs/{p}-c", Builders.Org("Chi bộ", "cell", $"{p}-g"));
        Assert.Equal(HttpStatusCode.Created, status);
    }

    private async Task<JsonNode> Total(string id, string query = "") => (await Client.Get($"/api/v1/orgs/{id}/metrics{query}")).Body!["total"]!;

    public static TheoryData<string> Paths => new(Builders.RecordPaths);

    /// <summary>Moving a record's date from May to June moves every figure it counts, at the district, and withdrawing it removes them.</summary>
    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Correcting_a_record_moves_its_figures_and_withdrawing_it_removes_them_at_every_ancestor(string path)
    {
        var p = "x1-" + Array.IndexOf(Builders.RecordPaths, path);
        await Tree(p);
        const string may = "?from=2021-05-01&to=2021-05-31", june = "?from=2021-06-01&to=2021-06-30";
        var empty = (await Total($"{p}-d", may)).ToJsonString();
        Assert.Equal(HttpStatusCode.Created, (await Client.Post($"/api/v1/orgs/{p}-c/{path}", Builders.Record(path, "x", "2021-05-01"))).Status);
        var counted = (await Total($"{p}-d", may)).ToJsonString();
        Assert.NotEqual(empty, counted);

        var (status, corrected) = await Client.Put($"/api/v1/orgs/{p}-c/{path}/x", Builders.Record(path, null, "2021-06-15").Without("recordId"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(("x", "2021-06-15", 1), (corrected!["recordId"]!.GetValue<string>(), corrected["date"]!.GetValue<string>(), corrected["revision"]!.GetValue<int>()));
        Assert.Equal(empty, (await Total($"{p}-d", may)).ToJsonString());
        Assert.Equal(counted, (await Total($"{p}-d", june)).ToJsonString());
        Assert.Equal(counted, (await Total($"{p}-g", june)).ToJsonString());

        using var withdrawn = await Client.DeleteAsync($"/api/v1/orgs/{p}-c/{path}/x?reason=Ghi%20nh%E1%BA%A7m");
        Assert.Equal(HttpStatusCode.NoContent, withdrawn.StatusCode);
        Assert.Equal(empty, (await Total($"{p}-d", june)).ToJsonString());
        Assert.Equal(empty, (await Total($"{p}-d")).ToJsonString());
    }

    [Fact]
    public async Task A_withdrawn_record_is_listed_only_when_asked_keeps_its_id_and_takes_no_correction()
    {
        await Tree("x2");
        var body = Builders.Record("study-sessions", "w1");
        await Client.Post("/api/v1/orgs/x2-c/study-sessions", body);
        await Client.Post("/api/v1/orgs/x2-c/study-sessions", Builders.Record("study-sessions", "w2"));

        using (var first = await Client.DeleteAsync("/api/v1/orgs/x2-c/study-sessions/w1?reason=Tr%C3%B9ng"))
        using (var again = await Client.DeleteAsync("/api/v1/orgs/x2-c/study-sessions/w1?reason=L%E1%BA%A7n%20n%E1%BB%AFa"))
        {
            Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
            Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
        }

        var listed = (await Client.Get("/api/v1/orgs/x2-c/study-sessions")).Body!["items"]!.AsArray();
        Assert.Equal(["w2"], listed.Select(item => item!["recordId"]!.GetValue<string>()));
        var all = (await Client.Get("/api/v1/orgs/x2-c/study-sessions?includeWithdrawn=true")).Body!["items"]!.AsArray();
        Assert.Equal("Trùng", all.Single(item => item!["recordId"]!.GetValue<string>() == "w1")!["withdrawnReason"]!.GetValue<string>());
        Assert.Null(all.Single(item => item!["recordId"]!.GetValue<string>() == "w2")!["withdrawnReason"]);

        using var repost = await Client.PostAsync("/api/v1/orgs/x2-c/study-sessions", Http.Json(body));
        using var correct = await Client.PutAsync("/api/v1/orgs/x2-c/study-sessions/w1", Http.Json(body.With("classes", 5)));
        await Http.AssertProblem(repost, HttpStatusCode.Conflict);
        await Http.AssertProblem(correct, HttpStatusCode.Conflict);
        Assert.Equal(2, (await Total("x2-d"))["study"]!["classes"]!.GetValue<long>());
    }

    public static TheoryData<string, string, object?, string> BadCorrections => new()
    {
        { "PUT", "study-sessions/c1", Builders.Record("study-sessions", "c1").With("classes", 0), "classes" },
        { "PUT", "study-sessions/c1", Builders.Record("study-sessions", "c1").With("colour", "red"), "colour" },
        { "PUT", "study-sessions/c1", Builders.Record("study-sessions", "other"), "recordId" },
        { "PUT", "study-sessions/c1", Builders.Record("study-sessions", "c1").With("revision", 4), "revision" },
        { "PUT", "study-sessions/bad%20id", Builders.Record("study-sessions", null).Without("recordId"), "recordId" },
        { "DELETE", "study-sessions/c1", null, "reason" },
        { "DELETE", "study-sessions/c1?reason=%20%20", null, "reason" },
        { "DELETE", "study-sessions/c1?reason=a&reason=b", null, "reason" },
        { "DELETE", "study-sessions/c1?reason=a%00b", null, "reason" },
    };

    [Theory]
    [MemberData(nameof(BadCorrections))]
    public async Task Bad_corrections_and_withdrawals_answer_400_naming_the_field_and_change_nothing(string method, string path, object? body, string field)
    {
        await Client.CreateUnlessExists("x3-d", () => Tree("x3"));
        await Client.Post("/api/v1/orgs/x3-c/study-sessions", Builders.Record("study-sessions", "c1"));
        var before = (await Total("x3-d")).ToJsonString();

        using var request = new HttpRequestMessage(new HttpMethod(method), $"/api/v1/orgs/x3-c/{path}") { Content = body is null ? null : Http.Json(body) };
        using var response = await Client.SendAsync(request);

        await Http.AssertProblem(response, HttpStatusCode.BadRequest, field);
        Assert.Equal(before, (await Total("x3-d")).ToJsonString());
        Assert.Single((await Client.Get("/api/v1/orgs/x3-c/study-sessions")).Body!["items"]!.AsArray());
    }

    [Theory]
    [InlineData("PUT", "/api/v1/orgs/x4-c/study-sessions/nobody")]
    [InlineData("PUT", "/api/v1/orgs/x4-c/inspections/s1")]
    [InlineData("DELETE", "/api/v1/orgs/x4-c/study-sessions/nobody?reason=x")]
    [InlineData("DELETE", "/api/v1/orgs/x4-c/inspections/s1?reason=x")]
    [InlineData("DELETE", "/api/v1/orgs/x4-nobody/study-sessions/s1?reason=x")]
    public async Task A_record_that_is_not_there_answers_404(string method, string path)
    {
        await Client.CreateUnlessExists("x4-d", () => Tree("x4"));
        await Client.Post("/api/v1/orgs/x4-c/study-sessions", Builders.Record("study-sessions", "s1"));
        var kind = path.Contains("/inspections/") ? "inspections" : "study-sessions";
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "PUT" ? Http.Json(Builders.Record(kind, null).Without("recordId")) : null };
        using var response = await Client.SendAsync(request);
        await Http.AssertProblem(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_audit_trail_keeps_every_revision_with_the_fields_changed_and_the_reason()
    {
        await Tree("x5");
        await Client.Post("/api/v1/orgs/x5-c/study-sessions", Builders.Record("study-sessions", "a1"));
        await Client.Put("/api/v1/orgs/x5-c/study-sessions/a1", Builders.Record("study-sessions", "a1").With("classes", 7));
        using (await Client.DeleteAsync("/api/v1/orgs/x5-c/study-sessions/a1?reason=Ghi%20nh%E1%BA%A7m%20s%E1%BB%91%20l%E1%BB%9Bp")) { }

        var items = (await Client.Get("/api/v1/orgs/x5-c/audit")).Body!["items"]!.AsArray()
            .Where(item => item!["recordId"]?.GetValue<string>() == "a1").ToList();

        Assert.Equal(["recorded", "corrected", "withdrawn"], items.Select(item => item!["action"]!.GetValue<string>()));
        var change = Assert.Single(items[1]!["changes"]!.AsArray());
        Assert.Equal(("classes", "2", "7"), (change!["field"]!.GetValue<string>(), change["from"]!.GetValue<string>(), change["to"]!.GetValue<string>()));
        Assert.Equal("Ghi nhầm số lớp", items[2]!["reason"]!.GetValue<string>());
        Assert.All(items, item => Assert.False(string.IsNullOrEmpty(item!["subject"]!.GetValue<string>())));
    }

    [Collection(EmptySqliteHostCollection.Name)]
    public sealed class OnSqlite(EmptySqliteHost fixture) : CorrectionContractTests(fixture);

    [Collection(EmptyPostgreSqlHostCollection.Name)]
    public sealed class OnPostgreSql(EmptyPostgreSqlHost fixture) : CorrectionContractTests(fixture);
}
