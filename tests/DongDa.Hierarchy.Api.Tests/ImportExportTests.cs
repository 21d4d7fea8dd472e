using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using DongDa.Hierarchy.Spreadsheets;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace DongDa.Hierarchy.Api.Tests;

/// <summary>Spreadsheets in and out through the API: imports all or nothing with each bad row named, exports in the import's columns, templates.</summary>
[Collection(EmptySqliteHostCollection.Name)]
public sealed class ImportExportTests(EmptySqliteHost fixture)
{
    private const string Csv = "text/csv";
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private HttpClient Client => fixture.Client;

    private Task Tree(string p) => Client.CreateUnlessExists($"{p}-d", async () =>
    {
        await Client.Put($"/api/v1/orgs/{p}-d", Builders.Org("Đảng bộ quận Thử", "district", null));
        await Client.Put($"/api/v1/orgs/{p}-g", Builders.Org("Đảng bộ phường Thử", "grassroots", $"{p}-d"));
        await Client.Put($"/api/v1/orgs/{p}-c1", Builders.Org("Chi bộ 1", "cell", $"{p}-g"));
        await Client.Put($"/api/v1/orgs/{p}-c2", Builders.Org("Chi bộ 2", "cell", $"{p}-g"));
        await Client.Put($"/api/v1/orgs/{p}-other", Builders.Org("Đảng bộ phường Khác", "grassroots", $"{p}-d"));
    });

    private static ByteArrayContent Body(byte[] bytes, string type)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(type);
        return content;
    }

    /// <summary>A CSV as Excel writes it in a Vietnamese locale: UTF-8 with a byte order mark, semicolons, Vietnamese headers and labels.</summary>
    private static byte[] ExcelCsv(params string[] lines) => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n")];

    private const string InspectionHeader = "Mã tổ chức;Mã hồ sơ;Ngày;Đối tượng;Tên đối tượng;Mã tổ chức đảng là đối tượng (nếu có);Nội dung;Có vi phạm;Hình thức kỷ luật";

    private async Task<long> Inspections(string id) =>
        (await Client.Get($"/api/v1/orgs/{id}/metrics")).Body!["total"]!["inspections"]!["organizations"]!.GetValue<long>()
        + (await Client.Get($"/api/v1/orgs/{id}/metrics")).Body!["total"]!["inspections"]!["individuals"]!.GetValue<long>();

    [Fact]
    public async Task An_excel_csv_of_inspections_for_two_cells_is_stored_once_and_sending_it_again_changes_nothing()
    {
        await Tree("ie1");
        var file = ExcelCsv(InspectionHeader,
            "ie1-c1;ks-1;15/03/2023;Tổ chức đảng;Chi bộ tổ dân phố 1;;Kiểm tra thực hiện nghị quyết;Có;Khiển trách",
            "ie1-c2;ks-2;2023-04-02;Cá nhân;Đồng chí Nguyễn Văn A;;Kiểm tra kê khai tài sản;Không;Không",
            "ie1-c2;ks-3;02/05/2023;organization;Chi bộ 2;ie1-c2;\"Kiểm tra; có dấu chấm phẩy\";false;none");

        using var first = await Client.PostAsync("/api/v1/orgs/ie1-g/inspections/import", Body(file, Csv));
        using var again = await Client.PostAsync("/api/v1/orgs/ie1-g/inspections/import", Body(file, Csv));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("{\"rows\":3,\"stored\":3,\"unchanged\":0}", (await first.Content.ReadFromJsonAsync<JsonNode>())!.ToJsonString());
        Assert.Equal("{\"rows\":3,\"stored\":0,\"unchanged\":3}", (await again.Content.ReadFromJsonAsync<JsonNode>())!.ToJsonString());
        Assert.Equal(3, await Inspections("ie1-d"));
        var (_, listed) = await Client.Get("/api/v1/orgs/ie1-c1/inspections");
        var stored = listed!["items"]![0]!;
        Assert.Equal(("2023-03-15", "organization", true, "reprimand"),
            (stored["date"]!.GetValue<string>(), stored["target"]!.GetValue<string>(), stored["violation"]!.GetValue<bool>(), stored["discipline"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_file_with_bad_rows_stores_nothing_and_names_each_bad_row_as_the_spreadsheet_numbers_it()
    {
        await Tree("ie2");
        await Client.Post("/api/v1/orgs/ie2-c1/inspections", Builders.Record("inspections", "taken"));
        var before = await Inspections("ie2-d");
        var good = Enumerable.Range(1, 200).Select(i => $"ie2-c{1 + i % 2};ok-{i};2023-01-{1 + i % 28:D2};Cá nhân;Đồng chí {i};;Nội dung {i};Không;Không");
        string[] bad =
        [
            "ie2-c1;bad-date;31/02/2023;Cá nhân;A;;Nội dung;Không;Không",         // row 202
            "ie2-c2;ok-7;2023-01-08;Cá nhân;Đồng chí 7;;Nội dung 7;Không;Không",  // row 203: repeats row 8
            "ie2-other;elsewhere;2023-01-01;Cá nhân;B;;Nội dung;Không;Không",      // row 204: another ward
            "ie2-c1;taken;2023-01-01;Cá nhân;C;;Khác hẳn;Không;Không",             // row 205: holds another record
            "ie2-c1;no-discipline-form;2023-01-01;Cá nhân;D;;Nội dung;Không;Cảnh cáo", // row 206: discipline without violation
            "ie2-c1;;2023-01-01;Cá nhân;E;;Nội dung;Không;Không",                   // row 207: no record id
        ];

        using var response = await Client.PostAsync("/api/v1/orgs/ie2-g/inspections/import", Body(ExcelCsv([InspectionHeader, .. good, .. bad]), Csv));

        await Http.AssertProblem(response, HttpStatusCode.BadRequest);
        var problem = (await response.Content.ReadFromJsonAsync<JsonNode>())!;
        Assert.Equal((6, 206), (problem["badRows"]!.GetValue<int>(), problem["totalRows"]!.GetValue<int>()));
        var rows = problem["rows"]!.AsArray().Select(row => $"{row!["row"]}: {string.Join(",", row["errors"]!.AsObject().Select(error => error.Key))}").ToList();
        Assert.Equal(["202: date", "203: recordId", "204: orgId", "205: recordId", "206: discipline", "207: recordId"], rows);
        Assert.Equal(before, await Inspections("ie2-d"));
    }

    [Theory]
    [InlineData("Mã tổ chức;Mã hồ sơ;Ngày;Màu sắc", "columns")]
    [InlineData("orgId;recordId;date", "columns")]
    public async Task A_file_whose_columns_are_not_the_templates_is_refused_naming_them(string header, string field)
    {
        await Tree("ie3");
        using var response = await Client.PostAsync("/api/v1/orgs/ie3-g/inspections/import", Body(ExcelCsv(header, "ie3-c1;x;2023-01-01;đỏ"), Csv));
        await Http.AssertProblem(response, HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task Files_that_cannot_be_read_are_refused_and_change_nothing()
    {
        await Tree("ie4");
        var latin1 = Encoding.Latin1.GetBytes($"{InspectionHeader}\r\nie4-c1;k;2023-01-01;Cá nhân;Đồng chí Ô;;Nội dung;Không;Không\r\n");
        var workbook = new MemoryStream();
        SheetWriter.WriteXlsx(workbook, [new Sheet("Nhập liệu", [new SheetColumn("Mã tổ chức", ColumnKind.Text)], [["ie4-c1"]])]);
        var truncated = workbook.ToArray()[..(int)(workbook.Length / 2)];

        using var notUtf8 = await Client.PostAsync("/api/v1/orgs/ie4-g/inspections/import", Body(latin1, Csv));
        using var cut = await Client.PostAsync("/api/v1/orgs/ie4-g/inspections/import", Body(truncated, Xlsx));
        using var empty = await Client.PostAsync("/api/v1/orgs/ie4-g/inspections/import", Body([], Csv));
        using var json = await Client.PostAsync("/api/v1/orgs/ie4-g/inspections/import", Body("{}"u8.ToArray(), "application/json"));

        await Http.AssertProblem(notUtf8, HttpStatusCode.BadRequest, "file");
        await Http.AssertProblem(cut, HttpStatusCode.BadRequest, "file");
        await Http.AssertProblem(empty, HttpStatusCode.BadRequest, "file");
        await Http.AssertProblem(json, HttpStatusCode.UnsupportedMediaType);
        Assert.Equal(0, await Inspections("ie4-d"));
    }

    [Fact]
    public async Task A_recorder_of_one_ward_cannot_import_into_another()
    {
        await Tree("ie5");
        var recorder = fixture.Factory.CreateClient().As(Tokens.For("recorder", "ie5-other"));
        using var response = await recorder.PostAsync("/api/v1/orgs/ie5-g/inspections/import",
            Body(ExcelCsv(InspectionHeader, "ie5-c1;k;2023-01-01;Cá nhân;A;;Nội dung;Không;Không"), Csv));
        await Http.AssertProblem(response, HttpStatusCode.Forbidden);
        Assert.Equal(0, await Inspections("ie5-d"));
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("xlsx")]
    public async Task Every_kind_exported_and_imported_again_is_unchanged(string format)
    {
        var p = $"ie6{format}";
        await Tree(p);
        foreach (var path in Builders.RecordPaths)
        {
            Assert.Equal(HttpStatusCode.Created, (await Client.Post($"/api/v1/orgs/{p}-c1/{path}", Builders.Record(path, $"{path}-1", "2022-02-03"))).Status);
            Assert.Equal(HttpStatusCode.Created, (await Client.Post($"/api/v1/orgs/{p}-c2/{path}", Builders.Record(path, $"{path}-2", "2022-11-30"))).Status);
        }

        foreach (var path in Builders.RecordPaths)
        {
            using var exported = await Client.GetAsync($"/api/v1/orgs/{p}-g/{path}/export?format={format}");
            Assert.Equal(HttpStatusCode.OK, exported.StatusCode);
            Assert.Equal("attachment", exported.Content.Headers.ContentDisposition!.DispositionType);
            var bytes = await exported.Content.ReadAsByteArrayAsync();

            using var imported = await Client.PostAsync($"/api/v1/orgs/{p}-g/{path}/import", Body(bytes, format == "csv" ? Csv : Xlsx));

            Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
            Assert.Equal("{\"rows\":2,\"stored\":0,\"unchanged\":2}", (await imported.Content.ReadFromJsonAsync<JsonNode>())!.ToJsonString());
        }
    }

    [Fact]
    public async Task The_figures_export_has_a_row_per_organization_in_the_drill_downs_order_with_the_metrics_figures()
    {
        await Tree("ie7");
        await Client.Post("/api/v1/orgs/ie7-c2/study-sessions", Builders.Record("study-sessions", "s", "2022-02-03"));

        using var csv = await Client.GetAsync("/api/v1/orgs/ie7-g/export?format=csv&from=2022-01-01&to=2022-12-31");
        using var xlsx = await Client.GetAsync("/api/v1/orgs/ie7-g/export?from=2022-01-01&to=2022-12-31");

        var table = SheetReader.Read(new MemoryStream(await csv.Content.ReadAsByteArrayAsync()), SheetFormat.Csv, new SheetLimits());
        var rows = table.Rows.ToList();
        Assert.Equal(["ie7-g", "ie7-c1", "ie7-c2"], rows.Select(row => row.Cells[0]));
        var classes = table.Headers.ToList().IndexOf("total.study.classes");
        var byCell = table.Headers.ToList().IndexOf("cell.study.classes");
        Assert.Equal(["2", "0", "2"], rows.Select(row => row.Cells[classes]));
        Assert.Equal(["2", "0", "2"], rows.Select(row => row.Cells[byCell]));
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType!.MediaType);
        var workbook = SheetReader.Read(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()), SheetFormat.Xlsx, new SheetLimits());
        Assert.Equal("Mã tổ chức", workbook.Headers[0]);
        Assert.Contains("Lớp học tập nghị quyết", workbook.Headers);
    }

    [Fact]
    public async Task A_template_holds_the_import_columns_under_their_vietnamese_headers()
    {
        using var template = await Client.GetAsync("/api/v1/import-templates/inspections.xlsx");
        using var unknown = await Client.GetAsync("/api/v1/import-templates/parades.xlsx");

        Assert.Equal(HttpStatusCode.OK, template.StatusCode);
        var table = SheetReader.Read(new MemoryStream(await template.Content.ReadAsByteArrayAsync()), SheetFormat.Xlsx, new SheetLimits());
        Assert.Equal(InspectionHeader.Split(';'), table.Headers);
        Assert.Empty(table.Rows);
        await Http.AssertProblem(unknown, HttpStatusCode.NotFound);
    }

    private const string TreeHeader = "Mã tổ chức;Tên tổ chức;Cấp;Loại hình;Mã tổ chức cấp trên;Số đảng viên";

    [Fact]
    public async Task A_tree_file_creates_organizations_parents_first_and_sending_it_again_changes_nothing()
    {
        await Tree("ie8");
        // The child comes before its parent in the file: the import writes parents first.
        var file = ExcelCsv(TreeHeader,
            "ie8-p-c1;Chi bộ Khối 1;Chi bộ;workplace;ie8-p;12",
            "ie8-p;Đảng bộ bộ phận Khối cơ quan;Đảng bộ bộ phận;partial;ie8-g;40",
            "ie8-c3;Chi bộ 3;cell;residential;ie8-g;25",
            "ie8-c1;Chi bộ 1 (đổi tên);Chi bộ;test;ie8-g;30");

        using var first = await fixture.Client.PutAsync("/api/v1/orgs/ie8-g/tree/import", Body(file, Csv));
        using var again = await fixture.Client.PutAsync("/api/v1/orgs/ie8-g/tree/import", Body(file, Csv));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("{\"rows\":4,\"created\":3,\"updated\":1,\"unchanged\":0}", (await first.Content.ReadFromJsonAsync<JsonNode>())!.ToJsonString());
        Assert.Equal("{\"rows\":4,\"created\":0,\"updated\":0,\"unchanged\":4}", (await again.Content.ReadFromJsonAsync<JsonNode>())!.ToJsonString());
        var (_, cell) = await Client.Get("/api/v1/orgs/ie8-p-c1");
        Assert.Equal(["ie8-d", "ie8-g", "ie8-p", "ie8-p-c1"], cell!["path"]!.AsArray().Select(id => id!.GetValue<string>()));
        Assert.Equal("Chi bộ 1 (đổi tên)", (await Client.Get("/api/v1/orgs/ie8-c1")).Body!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_tree_file_with_bad_rows_creates_nothing_and_names_each()
    {
        await Tree("ie9");
        var file = ExcelCsv(TreeHeader,
            "ie9-a;Chi bộ A;Chi bộ;residential;ie9-g;10",
            "ie9-b;Chi bộ dưới chi bộ;Chi bộ;residential;ie9-c1;10",    // row 3: a cell under a cell
            "ie9-c;Chi bộ C;Chi bộ;residential;ie9-other;10",           // row 4: a parent outside the ward
            "ie9-a;Chi bộ A lần hai;Chi bộ;residential;ie9-g;10",       // row 5: the id again
            "ie9-d;Chi bộ D;Chi bộ;residential;ie9-g;-4",                // row 6: a negative member count
            "ie9-other;Chiếm chỗ;Chi bộ;residential;ie9-g;1");          // row 7: an organization of another ward

        using var response = await fixture.Client.PutAsync("/api/v1/orgs/ie9-g/tree/import", Body(file, Csv));

        await Http.AssertProblem(response, HttpStatusCode.BadRequest);
        var rows = (await response.Content.ReadFromJsonAsync<JsonNode>())!["rows"]!.AsArray()
            .Select(row => $"{row!["row"]}: {string.Join(",", row["errors"]!.AsObject().Select(error => error.Key))}");
        Assert.Equal(["3: level", "4: parentId", "5: id", "6: memberCount", "7: id"], rows);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.Get("/api/v1/orgs/ie9-a")).Status);
        Assert.Equal("ie9-d", (await Client.Get("/api/v1/orgs/ie9-other")).Body!["parentId"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_file_over_the_import_limit_answers_413_naming_it()
    {
        await using var store = new TestSupport.SqliteTestStore();
        await using var host = new HostFactory(store, seed: false, settings: new Dictionary<string, string> { ["Hierarchy:Api:MaxImportBytes"] = "1000" });
        var client = host.CreateClient();
        await client.Put("/api/v1/orgs/big-d", Builders.Org("Quận", "district", null));

        using var response = await client.PostAsync("/api/v1/orgs/big-d/inspections/import", Body(new byte[5000], Csv));

        await Http.AssertProblem(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("1000", (await response.Content.ReadFromJsonAsync<JsonNode>())!["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_record_id_another_write_takes_between_the_check_and_the_store_is_refused_by_row_and_the_other_rows_are_stored()
    {
        await Tree("ie9");
        var file = ExcelCsv(InspectionHeader,
            "ie9-c1;race-1;2023-01-02;Cá nhân;Đồng chí A;;Nội dung 1;Không;Không",
            "ie9-c1;race-2;2023-01-03;Cá nhân;Đồng chí B;;Nội dung 2;Không;Không",
            "ie9-c2;race-3;2023-01-04;Cá nhân;Đồng chí C;;Nội dung 3;Không;Không");
        var import = new Host.Sheets.RecordImport<Records.InspectionRecord>(
            "ie9-g", fixture.Factory.Services.GetRequiredService<IGrainFactory>(), Organizations.WriteGrant.Stateless("importer"));
        Assert.Null(await import.Check(SheetReader.Read(new MemoryStream(file), SheetFormat.Csv, new SheetLimits()), CancellationToken.None));

        // Another clerk posts a different record under row 3's id after the file was checked.
        await Client.Post("/api/v1/orgs/ie9-c1/inspections", Builders.Record("inspections", "race-2"));
        var outcome = await import.Store(CancellationToken.None);

        Assert.True(outcome.Raced);
        Assert.Equal((3, 2, 0, 1), (outcome.Rows, outcome.Stored, outcome.Unchanged, outcome.BadRowCount));
        Assert.Equal(3, Assert.Single(outcome.BadRows).Row);
        Assert.Equal(["recordId"], outcome.BadRows[0].Errors.Keys);
        Assert.Equal(StatusCodes.Status409Conflict, Host.Api.Problems.BadRows(outcome).StatusCode);
        Assert.Equal(3, await Inspections("ie9-d"));
    }
}
