using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace DongDa.Hierarchy.Web.Tests;

/// <summary>
/// A person signs in on the page with the first admin's printed password, as the README tells a
/// newcomer to: a wrong password is told in words, the first password must be changed, then the
/// figures are shown, and signing out ends the session.
/// </summary>
[Collection(PageCollection.Name)]
public sealed class SignInPageTests(PageFixture fixture)
{
    [Fact]
    public async Task The_first_admin_signs_in_changes_the_password_sees_the_figures_and_signs_out()
    {
        var password = await fixture.Host.FirstAdminPassword();
        var (page, problems) = await fixture.NewSignedOutPage();
        await page.GotoAsync(fixture.Host.Client.BaseAddress!.ToString());

        var userName = page.GetByLabel("Tên đăng nhập", new() { Exact = true });
        await Assertions.Expect(userName).ToBeFocusedAsync();
        Assert.Equal("username", await userName.GetAttributeAsync("autocomplete"));
        Assert.Equal("password", await page.GetByLabel("Mật khẩu", new() { Exact = true }).GetAttributeAsync("type"));
        await Assertions.Expect(page.Locator("main")).ToBeHiddenAsync();
        await AssertNothingSerious(page);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PageFixture.Screenshots, "sign-in.png"), FullPage = true });

        await userName.FillAsync("admin");
        await page.GetByLabel("Mật khẩu", new() { Exact = true }).FillAsync("not-the-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await Assertions.Expect(page.Locator("#sign-in-problem")).ToHaveTextAsync("Tên đăng nhập hoặc mật khẩu không đúng.");

        await page.GetByLabel("Mật khẩu", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await Assertions.Expect(page.Locator("#password-reason")).ToHaveTextAsync("Đây là lần đăng nhập đầu tiên: hãy đặt mật khẩu mới.");
        await Assertions.Expect(page.Locator("main")).ToBeHiddenAsync();

        var cookie = Assert.Single(await page.Context.CookiesAsync(), cookie => cookie.Name == "dongda.session");
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
        Assert.Empty(await page.EvaluateAsync<string[]>("Object.keys(sessionStorage)"));

        await page.GetByLabel("Mật khẩu hiện tại").FillAsync(password);
        await page.GetByLabel("Mật khẩu mới").FillAsync("short");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(page.Locator("#new-password-problem")).ToHaveTextAsync("Mật khẩu mới cần ít nhất 10 ký tự.");
        await Assertions.Expect(page.GetByLabel("Mật khẩu mới")).ToHaveAttributeAsync("aria-invalid", "true");

        await page.GetByLabel("Mật khẩu mới").FillAsync("mat-khau-moi-2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(page.Locator("table[data-group=study] tr[data-figure='study.classes'] td").First).ToHaveTextAsync("24");
        await Assertions.Expect(page.Locator("#account-name")).ToHaveTextAsync("Đang làm việc: Quản trị hệ thống");

        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng xuất" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Tên đăng nhập", new() { Exact = true })).ToBeVisibleAsync();
        Assert.DoesNotContain(await page.Context.CookiesAsync(), cookie => cookie.Name == "dongda.session");
        // The browser logs each 401 it was answered (before signing in, the wrong password); nothing else went wrong.
        Assert.All(problems, problem => Assert.Contains("status of 401", problem));
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_and_the_page_says_until_when_even_to_the_right_password()
    {
        using var made = await fixture.Host.Client.PostAsJsonAsync("/api/v1/orgs/phuong-lang-ha/accounts",
            new { userName = "van-phong-lang-ha", displayName = "Văn phòng Đảng ủy phường Láng Hạ", role = "viewer" });
        var password = (await made.Content.ReadFromJsonAsync<JsonNode>())!["initialPassword"]!.GetValue<string>();
        var (page, _) = await fixture.NewSignedOutPage();
        await page.GotoAsync(fixture.Host.Client.BaseAddress!.ToString());
        await page.GetByLabel("Tên đăng nhập", new() { Exact = true }).FillAsync("van-phong-lang-ha");
        var problem = page.Locator("#sign-in-problem");

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await page.GetByLabel("Mật khẩu", new() { Exact = true }).FillAsync($"sai-mat-khau-{attempt}");
            await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
            if (attempt < 5) await Assertions.Expect(problem).ToHaveTextAsync("Tên đăng nhập hoặc mật khẩu không đúng.");
            else await Assertions.Expect(problem).ToContainTextAsync("Tài khoản tạm khóa vì nhập sai mật khẩu nhiều lần liền; hãy thử lại sau ");
            await problem.EvaluateAsync("element => element.textContent = ''");
        }

        await page.GetByLabel("Mật khẩu", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await Assertions.Expect(problem).ToContainTextAsync("Tài khoản tạm khóa");
        await Assertions.Expect(page.Locator("main")).ToBeHiddenAsync();
    }

    private static async Task AssertNothingSerious(IPage page)
    {
        var results = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
        var serious = results.Violations.Where(violation => violation.Impact is "serious" or "critical").Select(violation => $"{violation.Id}: {violation.Help}");
        Assert.Empty(serious);
    }
}
