using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DongDa.Hierarchy.Accounts;
using DongDa.Hierarchy.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace DongDa.Hierarchy.Api.Tests;

/// <summary>A host whose sign-ins per address are not what the tests below measure.</summary>
public sealed class AccountHost : IAsyncLifetime
{
    private readonly SqliteTestStore _store = new();

    public HostFactory Factory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Factory = new HostFactory(_store, seed: false, settings: new Dictionary<string, string>
        {
            ["Hierarchy:Api:SignInsPerMinute"] = "1000",
            ["Hierarchy:Api:SessionRecheck"] = "00:00:00",
        });
        var admin = Factory.CreateClient();
        await admin.Put("/api/v1/orgs/acc-d", Builders.Org("Quận", "district", null));
        await admin.Put("/api/v1/orgs/acc-g1", Builders.Org("Phường 1", "grassroots", "acc-d"));
        await admin.Put("/api/v1/orgs/acc-g2", Builders.Org("Phường 2", "grassroots", "acc-d"));
        await admin.Put("/api/v1/orgs/acc-c1", Builders.Org("Chi bộ 1", "cell", "acc-g1"));
    }

    /// <summary>Creates an account as the user add command does, and signs it in for good: its first password changed.</summary>
    public async Task<HttpClient> SignedIn(string userName, string role, params string[] orgs)
    {
        await Create(userName, role, orgs, "first-password-1");
        var browser = Browser();
        await browser.PostAsJsonAsync("/account/sign-in", new { userName, password = "first-password-1" });
        using var changed = await browser.PostAsJsonAsync("/account/password", new { currentPassword = "first-password-1", newPassword = "second-password-2" });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        return browser;
    }

    public Task<AccountProfile?> Create(string userName, string role, string[] orgs, string password) =>
        Factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IAccountGrain>(userName)
            .Create(new AccountProfile { UserName = userName, DisplayName = "Bí thư " + userName, Orgs = orgs, Role = role }, password, "tests");

    /// <summary>A client with a cookie jar and no token, as a browser is.</summary>
    public HttpClient Browser()
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = null;
        return client;
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await _store.DisposeAsync();
    }
}

public sealed class AccountTests(AccountHost host) : IClassFixture<AccountHost>
{
    [Fact]
    public async Task Signing_in_sets_a_strict_httponly_session_that_acts_only_after_the_first_password_is_changed()
    {
        await host.Create("acc-first", "viewer", ["acc-g1"], "initial-pass-1");
        var browser = host.Browser();

        using var signIn = await browser.PostAsJsonAsync("/account/sign-in", new { userName = " ACC-First ", password = "initial-pass-1" });

        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        var cookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("dongda.session=", cookie);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.True((await signIn.Content.ReadFromJsonAsync<JsonNode>())!["mustChangePassword"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.Get("/api/v1/orgs/acc-g1/metrics")).Status);

        using var tooShort = await browser.PostAsJsonAsync("/account/password", new { currentPassword = "initial-pass-1", newPassword = "short" });
        await Http.AssertProblem(tooShort, HttpStatusCode.BadRequest, "newPassword");
        using var wrongCurrent = await browser.PostAsJsonAsync("/account/password", new { currentPassword = "not-it-at-all", newPassword = "a-new-password" });
        await Http.AssertProblem(wrongCurrent, HttpStatusCode.BadRequest, "currentPassword");
        using var changed = await browser.PostAsJsonAsync("/account/password", new { currentPassword = "initial-pass-1", newPassword = "a-new-password" });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await browser.Get("/api/v1/orgs/acc-c1/metrics")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.Get("/api/v1/orgs/acc-g2/metrics")).Status);
        var me = (await browser.Get("/account/me")).Body!;
        Assert.Equal(("acc-first", "viewer", "acc-g1"), (me["userName"]!.GetValue<string>(), me["role"]!.GetValue<string>(), me["orgs"]![0]!.GetValue<string>()));

        using var signOut = await browser.PostAsync("/account/sign-out", null);
        Assert.Equal(HttpStatusCode.NoContent, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.Get("/api/v1/orgs/acc-c1/metrics")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.Get("/account/me")).Status);
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_name_get_the_same_answer_and_five_failures_lock_the_account()
    {
        await host.Create("acc-lock", "viewer", ["acc-g1"], "right-password-1");
        var browser = host.Browser();

        using var unknown = await browser.PostAsJsonAsync("/account/sign-in", new { userName = "acc-nobody", password = "whatever-it-is" });
        await Http.AssertProblem(unknown, HttpStatusCode.Unauthorized);
        var unknownDetail = (await Http.ReadBody(unknown))!["detail"]!.GetValue<string>();
        for (var attempt = 1; attempt <= AccountLockout; attempt++)
        {
            using var wrong = await browser.PostAsJsonAsync("/account/sign-in", new { userName = "acc-lock", password = "wrong-password-" + attempt });
            if (attempt < AccountLockout)
            {
                await Http.AssertProblem(wrong, HttpStatusCode.Unauthorized);
                Assert.Equal(unknownDetail, (await Http.ReadBody(wrong))!["detail"]!.GetValue<string>());
            }
            else
            {
                await Http.AssertProblem(wrong, HttpStatusCode.TooManyRequests);
            }
        }

        using var right = await browser.PostAsJsonAsync("/account/sign-in", new { userName = "acc-lock", password = "right-password-1" });
        await Http.AssertProblem(right, HttpStatusCode.TooManyRequests);
        Assert.NotNull(right.Headers.RetryAfter);
        Assert.False(right.Headers.Contains("Set-Cookie"));
    }

    private const int AccountLockout = 5;

    /// <summary>The same requests with a session and with a token naming the same organizations and role get the same answers.</summary>
    [Fact]
    public async Task A_session_and_a_token_of_the_same_organizations_and_role_have_exactly_the_same_rights()
    {
        var browser = await host.SignedIn("acc-rec", "recorder", "acc-g1");
        var program = host.Factory.CreateClient().As(Tokens.Of("acc-rec", "recorder", "acc-g1"));
        string[] reads = ["acc-d", "acc-g1", "acc-c1", "acc-g2"];
        foreach (var org in reads)
        {
            foreach (var path in new[] { "", "/metrics", "/children", "/audit", "/inspections" })
            {
                Assert.Equal((await program.Get($"/api/v1/orgs/{org}{path}")).Status, (await browser.Get($"/api/v1/orgs/{org}{path}")).Status);
            }

            var bySession = await browser.Post($"/api/v1/orgs/{org}/study-sessions", Builders.Record("study-sessions", $"s-{org}"));
            var byToken = await program.Post($"/api/v1/orgs/{org}/study-sessions", Builders.Record("study-sessions", $"t-{org}"));
            Assert.Equal(byToken.Status, bySession.Status);
        }

        var stored = (await browser.Get("/api/v1/orgs/acc-c1/study-sessions")).Body!["items"]!.AsArray();
        Assert.Contains(stored, item => item!["recordedBy"]!.GetValue<string>() == "acc-rec" && item["recordId"]!.GetValue<string>() == "s-acc-c1");
    }

    [Theory]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Sec-Fetch-Site", "same-site")]
    [InlineData("Origin", "https://evil.example")]
    public async Task A_write_with_a_session_from_another_site_is_refused_and_stores_nothing(string header, string value)
    {
        var browser = await host.SignedIn($"acc-x{value.Length}{header.Length}", "recorder", "acc-g1");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/orgs/acc-c1/study-sessions")
        {
            Content = Http.Json(Builders.Record("study-sessions", $"cross-{value.Length}{header.Length}")),
        };
        request.Headers.Add(header, value);

        using var response = await browser.SendAsync(request);

        await Http.AssertProblem(response, HttpStatusCode.Forbidden);
        var listed = (await browser.Get("/api/v1/orgs/acc-c1/study-sessions")).Body!["items"]!.AsArray();
        Assert.DoesNotContain(listed, item => item!["recordId"]!.GetValue<string>() == $"cross-{value.Length}{header.Length}");

        using var sameOrigin = new HttpRequestMessage(HttpMethod.Post, "/api/v1/orgs/acc-c1/study-sessions")
        {
            Content = Http.Json(Builders.Record("study-sessions", $"own-{value.Length}{header.Length}")),
        };
        sameOrigin.Headers.Add("Sec-Fetch-Site", "same-origin");
        Assert.Equal(HttpStatusCode.Created, (await browser.SendAsync(sameOrigin)).StatusCode);
    }

    [Fact]
    public async Task A_ward_admin_creates_resets_and_disables_accounts_of_its_ward_and_never_grants_more_than_it_holds()
    {
        var admin = await host.SignedIn("acc-admin-g1", "admin", "acc-g1");

        var (created, account) = await admin.Post("/api/v1/orgs/acc-g1/accounts",
            new { userName = "acc-sec-c1", displayName = "Bí thư chi bộ 1", role = "recorder", orgs = new[] { "acc-c1" } });
        Assert.Equal(HttpStatusCode.Created, created);
        var initial = account!["initialPassword"]!.GetValue<string>();
        var secretary = host.Browser();
        using (var signIn = await secretary.PostAsJsonAsync("/account/sign-in", new { userName = "acc-sec-c1", password = initial }))
        {
            Assert.True((await signIn.Content.ReadFromJsonAsync<JsonNode>())!["mustChangePassword"]!.GetValue<bool>());
        }

        await secretary.PostAsJsonAsync("/account/password", new { currentPassword = initial, newPassword = "chi-bo-1-moi-2026" });
        Assert.Equal(HttpStatusCode.OK, (await secretary.Get("/api/v1/orgs/acc-c1/metrics")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await secretary.Get("/api/v1/orgs/acc-g1/metrics")).Status);

        // Never more than the admin holds: organizations outside its ward, a subtree it does not hold.
        using (var outside = await admin.PostAsJsonAsync("/api/v1/orgs/acc-g1/accounts", new { userName = "acc-x1", displayName = "X", role = "viewer", orgs = new[] { "acc-g2" } }))
        {
            await Http.AssertProblem(outside, HttpStatusCode.BadRequest, "orgs");
        }

        using (var above = await admin.PostAsJsonAsync("/api/v1/orgs/acc-d/accounts", new { userName = "acc-x2", displayName = "X", role = "viewer" }))
        {
            await Http.AssertProblem(above, HttpStatusCode.Forbidden);
        }

        var recorder = await host.SignedIn("acc-rec-g1", "recorder", "acc-g1");
        using (var notAdmin = await recorder.PostAsJsonAsync("/api/v1/orgs/acc-g1/accounts", new { userName = "acc-x3", displayName = "X", role = "viewer" }))
        {
            await Http.AssertProblem(notAdmin, HttpStatusCode.Forbidden);
        }

        await host.Create("acc-view-g2", "viewer", ["acc-g2"], "view-password-2");
        var listed = (await admin.Get("/api/v1/orgs/acc-g1/accounts")).Body!["items"]!.AsArray().Select(item => item!["userName"]!.GetValue<string>()).ToList();
        Assert.Contains("acc-sec-c1", listed);
        Assert.Contains("acc-admin-g1", listed);
        Assert.DoesNotContain("acc-view-g2", listed);

        var (reset, withNew) = await admin.Post("/api/v1/orgs/acc-g1/accounts/acc-sec-c1/password-reset", new { });
        Assert.Equal(HttpStatusCode.OK, reset);
        using (var old = await host.Browser().PostAsJsonAsync("/account/sign-in", new { userName = "acc-sec-c1", password = "chi-bo-1-moi-2026" }))
        {
            await Http.AssertProblem(old, HttpStatusCode.Unauthorized);
        }

        using (var fresh = await host.Browser().PostAsJsonAsync("/account/sign-in", new { userName = "acc-sec-c1", password = withNew!["initialPassword"]!.GetValue<string>() }))
        {
            Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        }

        // Disabled: the session it already had ends at its next request, and it cannot sign in again.
        var (disabled, _) = await admin.Put("/api/v1/orgs/acc-g1/accounts/acc-sec-c1", new { displayName = "Bí thư chi bộ 1", role = "recorder", disabled = true });
        Assert.Equal(HttpStatusCode.OK, disabled);
        Assert.Equal(HttpStatusCode.Unauthorized, (await secretary.Get("/api/v1/orgs/acc-c1/metrics")).Status);
    }

    [Fact]
    public async Task A_person_makes_a_token_for_a_program_that_acts_as_the_account_until_it_is_revoked()
    {
        var browser = await host.SignedIn("acc-tok", "viewer", "acc-g1");

        var (made, answer) = await browser.Post("/account/tokens", new { name = "Bảng tính tổng hợp", days = 30 });

        Assert.Equal(HttpStatusCode.Created, made);
        var (id, token) = (answer!["id"]!.GetValue<string>(), answer["token"]!.GetValue<string>());
        var program = host.Factory.CreateClient().As(token);
        Assert.Equal(HttpStatusCode.OK, (await program.Get("/api/v1/orgs/acc-c1/metrics")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await program.Get("/api/v1/orgs/acc-g2/metrics")).Status);
        var listed = Assert.Single((await browser.Get("/account/tokens")).Body!.AsArray());
        Assert.Equal(("Bảng tính tổng hợp", false), (listed!["name"]!.GetValue<string>(), listed["revoked"]!.GetValue<bool>()));
        Assert.Null(listed["token"]);
        using (var fromToken = await program.PostAsJsonAsync("/account/tokens", new { name = "more" }))
        {
            await Http.AssertProblem(fromToken, HttpStatusCode.Forbidden);
        }

        using (var revoked = await browser.DeleteAsync($"/account/tokens/{id}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await program.Get("/api/v1/orgs/acc-c1/metrics")).Status);
        using var unknown = await browser.DeleteAsync("/account/tokens/nothing-like-it");
        await Http.AssertProblem(unknown, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Every_change_of_an_account_is_in_its_organizations_audit_trail_with_old_and_new_values_and_never_a_password()
    {
        var admin = await host.SignedIn("acc-admin-g2", "admin", "acc-g2");
        var (_, made) = await admin.Post("/api/v1/orgs/acc-g2/accounts", new { userName = "acc-aud", displayName = "Cán bộ văn phòng", role = "viewer" });
        var initial = made!["initialPassword"]!.GetValue<string>();
        await admin.Put("/api/v1/orgs/acc-g2/accounts/acc-aud", new { displayName = "Phó chánh văn phòng", role = "recorder" });
        var (_, reset) = await admin.Post("/api/v1/orgs/acc-g2/accounts/acc-aud/password-reset", new { });
        var person = host.Browser();
        await person.PostAsJsonAsync("/account/sign-in", new { userName = "acc-aud", password = reset!["initialPassword"]!.GetValue<string>() });
        await person.PostAsJsonAsync("/account/password", new { currentPassword = reset["initialPassword"]!.GetValue<string>(), newPassword = "phong-van-phong-2026" });
        var (_, token) = await person.Post("/account/tokens", new { name = "Báo cáo tuần", days = 7 });
        using (await person.DeleteAsync($"/account/tokens/{token!["id"]!.GetValue<string>()}")) { }
        for (var attempt = 0; attempt < Grains.AccountGrain.FailuresBeforeLockout; attempt++)
        {
            using var refused = await host.Browser().PostAsJsonAsync("/account/sign-in", new { userName = "acc-aud", password = "not-the-password" });
        }

        var (status, page) = await admin.Get("/api/v1/orgs/acc-g2/audit?limit=100");

        Assert.Equal(HttpStatusCode.OK, status);
        var entries = page!["items"]!.AsArray().Where(entry => entry!["account"]?.GetValue<string>() == "acc-aud").ToList();
        Assert.Equal(
            ["acc-admin-g2 created", "acc-admin-g2 updated", "acc-admin-g2 passwordReset", "acc-aud passwordChanged", "acc-aud tokenCreated", "acc-aud tokenRevoked", "system lockedOut"],
            entries.Select(entry => $"{entry!["subject"]} {entry["action"]}"));
        Assert.All(entries, entry => Assert.Equal(("account", "acc-g2"), (entry!["kind"]!.GetValue<string>(), entry["orgId"]!.GetValue<string>())));
        var changed = entries[1]!["changes"]!.AsArray().Select(change => $"{change!["field"]}: {change["from"]} → {change["to"]}");
        Assert.Equal(["displayName: \"Cán bộ văn phòng\" → \"Phó chánh văn phòng\"", "role: \"viewer\" → \"recorder\""], changed);
        Assert.Equal("\"Báo cáo tuần\"", entries[4]!["changes"]![0]!["to"]!.GetValue<string>());
        var text = page.ToJsonString();
        Assert.DoesNotContain(initial, text);
        Assert.DoesNotContain("phong-van-phong-2026", text);
        Assert.DoesNotContain("not-the-password", text);
        Assert.DoesNotContain(reset["initialPassword"]!.GetValue<string>(), text);
    }

    [Fact]
    public async Task Sign_ins_from_one_address_beyond_the_limit_answer_429()
    {
        await using var store = new SqliteTestStore();
        await using var limited = new HostFactory(store, seed: false, settings: new Dictionary<string, string> { ["Hierarchy:Api:SignInsPerMinute"] = "3" });
        var browser = limited.CreateClient();
        browser.DefaultRequestHeaders.Authorization = null;
        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 4; attempt++)
        {
            using var response = await browser.PostAsJsonAsync("/account/sign-in", new { userName = $"someone{attempt}", password = "not-a-password" });
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
    }
}
