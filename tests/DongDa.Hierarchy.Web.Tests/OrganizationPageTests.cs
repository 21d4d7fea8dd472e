using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace DongDa.Hierarchy.Web.Tests;

/// <summary>
/// An admin keeps the tree on the page: adds a cell under a ward (an id in use is refused and
/// changes nothing), renames it and sets its members, is told in words why it cannot go under
/// another cell, and moves it to another ward, whose figures and breadcrumb follow.
/// </summary>
[Collection(PageCollection.Name)]
public sealed class OrganizationPageTests(PageFixture fixture)
{
    private const string Ward = "phuong-lang-thuong";
    private const string NewCell = "phuong-lang-thuong-cb-40";

    private async Task<JsonNode> Org(string id) => (await fixture.Host.Client.GetFromJsonAsync<JsonNode>($"/api/v1/orgs/{id}"))!;

    private async Task<long> OrganizationsUnder(string id) =>
        (await fixture.Host.Client.GetFromJsonAsync<JsonNode>($"/api/v1/orgs/{id}/drilldown"))!["orgs"]!["total"]!.GetValue<long>();

    [Fact]
    public async Task An_admin_adds_renames_and_moves_a_cell_and_is_told_why_a_move_is_refused()
    {
        var (page, problems) = await fixture.NewPage();
        var wardBefore = await OrganizationsUnder(Ward);
        await page.GotoAsync(fixture.Host.Client.BaseAddress + $"?org={Ward}");
        await Assertions.Expect(page.Locator("#org-admin")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Tên", new() { Exact = true }).First).ToHaveValueAsync("Đảng bộ phường Láng Thượng");

        // An id in use: told beside the field, and the cell holding it is left as it was.
        var add = page.Locator("#org-add-form");
        await add.GetByLabel("Cấp").SelectOptionAsync("cell");
        await add.GetByLabel("Tên", new() { Exact = true }).FillAsync("Chi bộ tổ dân phố số 40");
        await add.GetByLabel("Mã (chữ thường không dấu, số, gạch nối)").FillAsync("phuong-lang-thuong-cb-05");
        await add.GetByLabel("Loại hình").SelectOptionAsync("residential");
        await add.GetByLabel("Số đảng viên").FillAsync("18");
        await add.GetByRole(AriaRole.Button, new() { Name = "Thêm tổ chức" }).ClickAsync();
        await Assertions.Expect(page.Locator("#org-add-id-problem")).ToHaveTextAsync("Mã này đã dùng cho một tổ chức khác; hãy chọn mã khác.");
        await Assertions.Expect(add.GetByLabel("Mã (chữ thường không dấu, số, gạch nối)")).ToHaveAttributeAsync("aria-invalid", "true");
        Assert.NotEqual("Chi bộ tổ dân phố số 40", (await Org("phuong-lang-thuong-cb-05"))["name"]!.GetValue<string>());

        await add.GetByLabel("Mã (chữ thường không dấu, số, gạch nối)").FillAsync(NewCell);
        await add.GetByRole(AriaRole.Button, new() { Name = "Thêm tổ chức" }).ClickAsync();
        await Assertions.Expect(page.Locator("#org-admin-status")).ToHaveTextAsync("Đã thêm Chi bộ tổ dân phố số 40.");
        await Assertions.Expect(page.Locator("#children")).ToContainTextAsync("Chi bộ tổ dân phố số 40");
        Assert.Equal(wardBefore + 1, await OrganizationsUnder(Ward));
        var results = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
        Assert.Empty(results.Violations.Where(violation => violation.Impact is "serious" or "critical").Select(violation => $"{violation.Id}: {violation.Help}"));

        // At the new cell: its name and members, then a move under another cell, refused in words.
        await page.GotoAsync(fixture.Host.Client.BaseAddress + $"?org={NewCell}");
        var edit = page.Locator("#org-edit-form");
        // As a person would, once the form shows the cell's present name.
        await Assertions.Expect(edit.GetByLabel("Tên", new() { Exact = true })).ToHaveValueAsync("Chi bộ tổ dân phố số 40");
        await edit.GetByLabel("Tên", new() { Exact = true }).FillAsync("Chi bộ tổ dân phố số 40 mới");
        await edit.GetByLabel("Số đảng viên").FillAsync("21");
        await edit.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(page.Locator("#org-name")).ToHaveTextAsync("Chi bộ tổ dân phố số 40 mới");
        var renamed = await Org(NewCell);
        Assert.Equal(("Chi bộ tổ dân phố số 40 mới", 21), (renamed["name"]!.GetValue<string>(), renamed["memberCount"]!.GetValue<int>()));

        var move = page.Locator("#org-move-form");
        await move.GetByLabel("Mã tổ chức cấp trên mới").FillAsync("phuong-lang-thuong-cb-05");
        await move.GetByRole(AriaRole.Button, new() { Name = "Chuyển" }).ClickAsync();
        await Assertions.Expect(page.Locator("#org-move-parentId-problem")).ToHaveTextAsync(
            "“phuong-lang-thuong-cb-05” là chi bộ, không thể có chi bộ trực thuộc: tổ chức cấp trên phải ở cấp cao hơn.");
        Assert.Equal(Ward, (await Org(NewCell))["parentId"]!.GetValue<string>());
        await page.Locator("#org-admin").ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(PageFixture.Screenshots, "organization-move-refused.png") });

        await move.GetByLabel("Mã tổ chức cấp trên mới").FillAsync("phuong-lang-ha");
        await move.GetByRole(AriaRole.Button, new() { Name = "Chuyển" }).ClickAsync();
        await Assertions.Expect(page.Locator("#org-admin-status")).ToHaveTextAsync("Đã chuyển tổ chức cùng các tổ chức trực thuộc nó; số liệu các cấp đã cập nhật.");
        await Assertions.Expect(page.Locator("#breadcrumb")).ToContainTextAsync("Láng Hạ");
        Assert.Equal(["dong-da", "phuong-lang-ha", NewCell], (await Org(NewCell))["path"]!.AsArray().Select(id => id!.GetValue<string>()));
        Assert.Equal(wardBefore, await OrganizationsUnder(Ward));
        // The browser logs the 412 and 409 it was answered; nothing else went wrong.
        Assert.All(problems, problem => Assert.Matches("status of (412|409)", problem));
    }
}
