using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace DongDa.Hierarchy.Web.Tests;

/// <summary>
/// A ward secretary, whose account the operator made with <c>user add</c>, signs in, records an
/// inspection at one of the ward's cells, sees the district's figure change, corrects it,
/// withdraws it and sees the figure return; is told in words what a form lacks, and that another
/// ward is not theirs. A viewer sees the records but no form.
/// </summary>
[Collection(PageCollection.Name)]
public sealed class RecordPageTests(PageFixture fixture)
{
    private const string Cell = "phuong-lang-thuong-cb-05";

    private async Task<(long Organizations, long Individuals)> DistrictInspections()
    {
        var total = (await fixture.Host.Client.GetFromJsonAsync<JsonNode>("/api/v1/orgs/dong-da/metrics"))!["total"]!["inspections"]!;
        return (total["organizations"]!.GetValue<long>(), total["individuals"]!.GetValue<long>());
    }

    private async Task<IPage> SignInAsTheSecretary()
    {
        var (page, _) = await fixture.NewSignedOutPage();
        await page.GotoAsync(fixture.Host.Client.BaseAddress!.ToString());
        await page.GetByLabel("Tên đăng nhập", new() { Exact = true }).FillAsync(PageFixture.RecorderName);
        await page.GetByLabel("Mật khẩu", new() { Exact = true }).FillAsync(fixture.RecorderPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await page.GetByLabel("Mật khẩu hiện tại").FillAsync(fixture.RecorderPassword);
        await page.GetByLabel("Mật khẩu mới").FillAsync("bi-thu-lt-2026-moi");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(page.Locator("#org-name")).ToHaveTextAsync("Đảng bộ phường Láng Thượng");
        return page;
    }

    [Fact]
    public async Task A_secretary_records_corrects_and_withdraws_an_inspection_and_the_district_follows_each_step()
    {
        var before = await DistrictInspections();
        var page = await SignInAsTheSecretary();
        await page.GotoAsync(fixture.Host.Client.BaseAddress + $"?org={Cell}");
        await page.SelectOptionAsync("#record-kind", "inspections");
        await page.GetByRole(AriaRole.Button, new() { Name = "Thêm hồ sơ" }).ClickAsync();

        // A form missing what the API requires is told beside each field, and nothing is stored.
        await page.GetByLabel("Mã hồ sơ").FillAsync("ui-insp-1");
        await page.GetByLabel("Ngày", new() { Exact = true }).FillAsync("2023-03-15");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(page.Locator("#f-targetName-problem")).ToHaveTextAsync("Trường này bắt buộc.");
        await Assertions.Expect(page.GetByLabel("Tên đối tượng")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.Locator("#record-problem")).ToContainTextAsync("Hồ sơ chưa lưu được");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PageFixture.Screenshots, "record-form-error.png"), FullPage = true });
        Assert.Equal(before, await DistrictInspections());

        await page.GetByLabel("Tên đối tượng").FillAsync("Chi bộ tổ dân phố số 5");
        await page.GetByLabel("Nội dung").FillAsync("Kiểm tra việc thực hiện nghị quyết");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(page.Locator("#record-status")).ToHaveTextAsync("Đã lưu; số liệu đã cập nhật.");
        Assert.Equal((before.Organizations + 1, before.Individuals), await DistrictInspections());
        var atCell = (await fixture.Host.Client.GetFromJsonAsync<JsonNode>($"/api/v1/orgs/{Cell}/metrics"))!["total"]!["inspections"]!["organizations"]!.GetValue<long>();
        await Assertions.Expect(page.Locator("tr[data-figure='inspections.organizations'] td").First).ToHaveTextAsync(atCell.ToString("#,0", System.Globalization.CultureInfo.GetCultureInfo("vi-VN")));
        var row = page.Locator("#record-list tr[data-record='ui-insp-1']");
        await Assertions.Expect(row).ToContainTextAsync(PageFixture.RecorderName);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PageFixture.Screenshots, "records-list.png"), FullPage = true });

        await page.GetByRole(AriaRole.Button, new() { Name = "Sửa ui-insp-1" }).ClickAsync();
        await page.GetByLabel("Đối tượng", new() { Exact = true }).SelectOptionAsync("individual");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(row).ToContainTextAsync("Đối tượng: Cá nhân");
        Assert.Equal((before.Organizations, before.Individuals + 1), await DistrictInspections());

        await page.GetByRole(AriaRole.Button, new() { Name = "Thu hồi ui-insp-1" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Xác nhận thu hồi" }).ClickAsync();
        await Assertions.Expect(page.Locator("#record-list .field-problem")).ToHaveTextAsync("Hãy ghi lý do thu hồi.");
        await page.GetByLabel("Lý do thu hồi").FillAsync("Ghi nhầm chi bộ");
        await page.GetByRole(AriaRole.Button, new() { Name = "Xác nhận thu hồi" }).ClickAsync();
        await Assertions.Expect(page.Locator("#record-status")).ToHaveTextAsync("Đã thu hồi hồ sơ; số liệu đã cập nhật.");
        await Assertions.Expect(row).ToHaveCountAsync(0);
        Assert.Equal(before, await DistrictInspections());

        var results = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
        Assert.Empty(results.Violations.Where(violation => violation.Impact is "serious" or "critical").Select(violation => $"{violation.Id}: {violation.Help}"));

        // Another ward is not the secretary's: told in words, with no form.
        await page.GotoAsync(fixture.Host.Client.BaseAddress + "?org=phuong-lang-ha");
        await Assertions.Expect(page.Locator("#problem")).ToContainTextAsync("tài khoản không có quyền xem tổ chức này");
    }

    [Fact]
    public async Task A_viewer_sees_the_records_but_no_form()
    {
        var (page, problems) = await fixture.NewPage(token: await fixture.Token("phuong-lang-thuong", "viewer"));
        await page.GotoAsync(fixture.Host.Client.BaseAddress + "?org=phuong-lang-thuong");
        await Assertions.Expect(page.Locator("#record-list thead th").First).ToHaveTextAsync("Ngày");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Thêm hồ sơ" })).ToBeHiddenAsync();
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Sửa" }).CountAsync());
        await Assertions.Expect(page.Locator("#org-admin")).ToBeHiddenAsync();
        Assert.Empty(problems);
    }
}
