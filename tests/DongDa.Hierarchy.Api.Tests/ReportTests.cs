using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;

namespace DongDa.Hierarchy.Api.Tests;

/// <summary>A report as an office gets it through the API: its paragraphs, read back with the Open XML SDK.</summary>
internal static class Reports
{
    public const string MidTerm = "from=2020-10-01&to=2022-12-31";

    public static async Task<(HttpResponseMessage Response, WordprocessingDocument Document)> Docx(HttpClient client, string id, string query)
    {
        var response = await client.GetAsync($"/api/v1/orgs/{id}/report?{query}&format=docx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        return (response, WordprocessingDocument.Open(new MemoryStream(bytes), isEditable: false));
    }

    /// <summary>Every paragraph's text, in document order, those in tables included.</summary>
    public static List<string> Paragraphs(WordprocessingDocument document) =>
        [.. document.MainDocumentPart!.Document!.Body!.Descendants<Paragraph>().Select(paragraph => paragraph.InnerText)];

    /// <summary>The paragraphs of the numbered section (its heading starts with "1.", "2." …), up to the next heading or the closing ("Trên đây …").</summary>
    public static string Section(List<string> paragraphs, int number)
    {
        var start = paragraphs.FindIndex(p => p.StartsWith($"{number}. ", StringComparison.Ordinal));
        Assert.True(start >= 0, $"no section {number}");
        var end = paragraphs.FindIndex(start + 1, p => Regex.IsMatch(p, @"^\d\. ") || p.StartsWith("Trên đây", StringComparison.Ordinal));
        return string.Join("\n", paragraphs[start..(end < 0 ? paragraphs.Count : end)]);
    }

    /// <summary>A figure of zero told as a number, such as "0 lớp": a report says such things in words.</summary>
    public static readonly Regex ZeroFigure = new(@"(?<![\d.,])0 (lớp|lượt|tổ chức|cá nhân|tập thể|mô hình|đảng viên|cuộc|trường hợp)");
}

/// <summary>The district's, a ward's and a cell's reports on the seeded Đống Đa data.</summary>
[Collection(SeededSqliteHostCollection.Name)]
public sealed class SeededReportTests(SeededSqliteHost fixture)
{
    [Fact]
    public async Task The_district_mid_term_report_states_the_articles_figures_in_their_sections_and_validates()
    {
        var (response, document) = await Reports.Docx(fixture.Client, "dong-da", Reports.MidTerm);
        using var _ = document;
        var paragraphs = Reports.Paragraphs(document);

        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", response.Content.Headers.ContentType!.MediaType);
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal(("attachment", "Bao-cao-so-ket-dang-bo-quan-Dong-Da-2020-10-01-2022-12-31.docx"), (disposition.DispositionType, disposition.FileName));
        Assert.Equal("Báo-cáo-sơ-kết-đảng-bộ-quận-Đống-Đa-2020-10-01-2022-12-31.docx", disposition.FileNameStar);
        Assert.Empty(new OpenXmlValidator().Validate(document).Select(error => $"{error.Path?.XPath}: {error.Description}"));

        Assert.Equal(["ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "QUẬN ỦY ĐỐNG ĐA", "*", "Số      -BC/QU", "ĐẢNG CỘNG SẢN VIỆT NAM"], paragraphs.Take(5));
        Assert.Contains("BÁO CÁO", paragraphs);
        Assert.Contains("Sơ kết công tác xây dựng Đảng từ ngày 01/10/2020 đến ngày 31/12/2022", paragraphs);
        Assert.Matches(@"^Đống Đa, ngày \d\d tháng (0[12]|[3-9]|1[0-2]) năm 20\d\d$", paragraphs.Single(p => p.StartsWith("Đống Đa, ngày", StringComparison.Ordinal)));

        // S1–S2
        Assert.Contains("Quận ủy Đống Đa đã tổ chức 24 lớp quán triệt, học tập nghị quyết, chỉ thị của Đảng cho 10.479 lượt cán bộ, đảng viên.", Reports.Section(paragraphs, 1));
        // S3–S5
        var hoChiMinh = Reports.Section(paragraphs, 2);
        Assert.Contains("15 tập thể cấp quận và 25 cá nhân cấp quận điển hình được khen thưởng", hoChiMinh);
        Assert.Contains("(27 cấp thành phố, 343 cấp quận) “người tốt, việc tốt” được biểu dương, khen thưởng", hoChiMinh);
        Assert.Contains("100% tổ chức cơ sở đảng tổ chức cho cán bộ, đảng viên đăng ký học tập và làm theo tấm gương đạo đức Hồ Chí Minh", hoChiMinh);
        // S6–S9
        var inspection = Reports.Section(paragraphs, 3);
        Assert.Contains("Ban Thường vụ Quận ủy đã tổ chức kiểm tra 30 tổ chức đảng và 15 cá nhân thuộc diện Ban Thường vụ Quận ủy quản lý.", inspection);
        Assert.Contains("Ban Thường vụ Quận ủy đã giám sát 21 tổ chức đảng trực thuộc và 23 cá nhân thuộc diện Ban Thường vụ Quận ủy quản lý", inspection);
        Assert.Contains("Cấp ủy cơ sở kiểm tra được 102 tổ chức đảng.", inspection);
        Assert.Contains("Cấp ủy cơ sở giám sát 158 tổ chức đảng trực thuộc.", inspection);
        // S10–S12, with the split the dataset follows (1 + 34 + 327 = 362 individuals)
        var mobilization = Reports.Section(paragraphs, 4);
        Assert.Contains("322 tập thể (3 cấp thành phố, 59 cấp quận, 260 cấp cơ sở) và 362 cá nhân (1 cấp thành phố, 34 cấp quận, 327 cấp cơ sở) đăng ký thực hiện mô hình “Dân vận khéo” với tổng số 706 mô hình.", mobilization);
        Assert.DoesNotMatch(Reports.ZeroFigure, string.Join("\n", Enumerable.Range(1, 4).Select(i => Reports.Section(paragraphs, i))));
        // The dataset starts with the term: before it nothing was recorded, so no change is told against it.
        Assert.DoesNotContain(paragraphs, paragraph => paragraph.Contains("So với cùng kỳ", StringComparison.Ordinal));

        Assert.Contains("T/M BAN THƯỜNG VỤ", paragraphs);
        Assert.Contains("BÍ THƯ", paragraphs);
        Assert.Contains("Nơi nhận:", paragraphs);
    }

    [Fact]
    public async Task The_Word_report_opens_in_LibreOffice_Writer_with_its_text_on_A4_pages()
    {
        using var response = await fixture.Client.GetAsync($"/api/v1/orgs/dong-da/report?{Reports.MidTerm}&format=docx");
        var folder = Directory.CreateTempSubdirectory("dongda-writer-");
        try
        {
            var docx = Path.Combine(folder.FullName, "bao-cao.docx");
            await File.WriteAllBytesAsync(docx, await response.Content.ReadAsByteArrayAsync());

            var text = await File.ReadAllTextAsync(await TestSupport.LibreOffice.Convert(docx, "txt:Text (encoded):UTF8"));
            Assert.Contains("QUẬN ỦY ĐỐNG ĐA", text);
            Assert.Contains("Quận ủy Đống Đa đã tổ chức 24 lớp quán triệt, học tập nghị quyết, chỉ thị của Đảng cho 10.479 lượt cán bộ, đảng viên.", text);
            Assert.Contains("T/M BAN THƯỜNG VỤ", text);
            var pdf = System.Text.Encoding.Latin1.GetString(await File.ReadAllBytesAsync(await TestSupport.LibreOffice.Convert(docx, "pdf")));
            var pages = Regex.Matches(pdf, @"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]").Select(match => (Math.Round(double.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)), Math.Round(double.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)))).ToList();
            Assert.NotEmpty(pages);
            Assert.All(pages, page => Assert.Equal((595d, 842d), page));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("phuong-lang-thuong", "ĐẢNG BỘ QUẬN ĐỐNG ĐA", "ĐẢNG ỦY PHƯỜNG LÁNG THƯỢNG", "T/M ĐẢNG ỦY")]
    [InlineData("phuong-lang-thuong-cb-05", "ĐẢNG BỘ PHƯỜNG LÁNG THƯỢNG", null, "T/M CHI BỘ")]
    public async Task A_ward_and_a_cell_name_their_own_issuing_bodies_and_state_their_own_figures(string id, string above, string? committee, string signature)
    {
        var (_, metrics) = await fixture.Client.Get($"/api/v1/orgs/{id}/metrics?{Reports.MidTerm}");
        var (_, org) = await fixture.Client.Get($"/api/v1/orgs/{id}");
        var (_, document) = await Reports.Docx(fixture.Client, id, Reports.MidTerm);
        using var _ = document;
        var paragraphs = Reports.Paragraphs(document);

        Assert.Equal(above, paragraphs[0]);
        Assert.Equal(committee ?? org!["name"]!.GetValue<string>().ToUpper(System.Globalization.CultureInfo.GetCultureInfo("vi-VN")), paragraphs[1]);
        Assert.Contains(signature, paragraphs);
        Assert.DoesNotContain("QUẬN ỦY ĐỐNG ĐA", paragraphs);
        // The annex's comparison table holds the organization's own totals, every figure of the figure table, as the metrics API gives them.
        var comparison = document.MainDocumentPart!.Document!.Body!.Elements<Table>().ElementAt(2);
        var rows = comparison.Elements<TableRow>().Select(row => row.Elements<TableCell>().Select(cell => cell.InnerText).ToList()).ToDictionary(cells => cells[0]);
        var vietnamese = System.Globalization.CultureInfo.GetCultureInfo("vi-VN");
        foreach (var figure in Rollup.FigureTable.Figures)
        {
            var paths = figure.ByRecognitionLevel ? Rollup.FigureTable.RecognitionLevels.Select(level => $"{figure.Name}.{level}") : [figure.Name];
            var value = paths.Sum(path => path.Split('.').Aggregate(metrics!["total"]!, (node, key) => node[key]!).GetValue<long>());
            Assert.True(rows.TryGetValue(figure.Vietnamese, out var row), $"no row '{figure.Vietnamese}'");
            Assert.Equal(value.ToString("#,0", vietnamese), row[1]);
        }
    }

    [Fact]
    public async Task The_html_report_is_the_same_report_as_a_page_and_english_is_asked_for_by_lang_or_accept_language()
    {
        var html = await fixture.Client.GetAsync($"/api/v1/orgs/dong-da/report?{Reports.MidTerm}");
        Assert.Equal("text/html", html.Content.Headers.ContentType!.MediaType);
        var page = await html.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"vi\"", page);
        Assert.Contains("10.479 lượt cán bộ, đảng viên", page);

        var english = await fixture.Client.GetAsync($"/api/v1/orgs/dong-da/report?{Reports.MidTerm}&lang=en");
        Assert.Contains("10,479 attendances", await english.Content.ReadAsStringAsync());
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/orgs/dong-da/report?{Reports.MidTerm}");
        request.Headers.AcceptLanguage.ParseAdd("en-GB,en;q=0.9,vi;q=0.5");
        using var accepted = await fixture.Client.SendAsync(request);
        Assert.Contains("<html lang=\"en\"", await accepted.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("format=pdf", "format")]
    [InlineData("lang=fr", "lang")]
    [InlineData("from=2023-01-01&to=2022-01-01", "to")]
    [InlineData("format=docx&format=html", "format")]
    [InlineData("from=2099-12-30", "from")]
    public async Task Bad_report_queries_answer_400_naming_the_parameter(string query, string field)
    {
        using var response = await fixture.Client.GetAsync($"/api/v1/orgs/dong-da/report?{query}");
        await Http.AssertProblem(response, HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task A_ward_token_may_not_read_the_districts_report_and_an_unknown_organization_is_404()
    {
        var ward = fixture.Factory.CreateClient().As(Tokens.For("viewer", "phuong-lang-thuong"));
        Assert.Equal(HttpStatusCode.Forbidden, (await ward.GetAsync("/api/v1/orgs/dong-da/report")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ward.GetAsync("/api/v1/orgs/phuong-lang-thuong/report")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Client.GetAsync("/api/v1/orgs/khong-co/report")).StatusCode);
    }
}

/// <summary>Reports follow the records: a new empty cell says so in words, and a record posted between two reports changes what it should.</summary>
[Collection(EmptySqliteHostCollection.Name)]
public sealed class LiveReportTests(EmptySqliteHost fixture)
{
    private HttpClient Client => fixture.Client;

    private async Task Tree() => await Client.CreateUnlessExists("lr-d", async () =>
    {
        await Client.Put("/api/v1/orgs/lr-d", Builders.Org("Đảng bộ quận Thử", "district", null));
        await Client.Put("/api/v1/orgs/lr-g", Builders.Org("Đảng bộ phường Thử Một", "grassroots", "lr-d"));
        await Client.Put("/api/v1/orgs/lr-c", Builders.Org("Chi bộ tổ dân phố số 1", "cell", "lr-g"));
    });

    [Fact]
    public async Task A_new_empty_cells_report_says_so_in_words_with_no_zero_sentences()
    {
        await Tree();
        var (_, document) = await Reports.Docx(Client, "lr-c", "from=2024-01-01&to=2024-12-31");
        using var _ = document;
        var paragraphs = Reports.Paragraphs(document);
        var body = string.Join("\n", Enumerable.Range(1, 4).Select(i => Reports.Section(paragraphs, i)));

        Assert.Equal(["ĐẢNG BỘ PHƯỜNG THỬ MỘT", "CHI BỘ TỔ DÂN PHỐ SỐ 1"], paragraphs.Take(2));
        Assert.DoesNotMatch(Reports.ZeroFigure, body);
        Assert.Contains("chưa tổ chức lớp quán triệt", body);
        Assert.Contains("chưa tiến hành kiểm tra", body);
    }

    [Fact]
    public async Task A_record_posted_between_two_reports_changes_its_section_and_the_annex_and_nothing_else()
    {
        await Tree();
        const string year = "from=2023-01-01&to=2023-12-31";
        var (_, before) = await Reports.Docx(Client, "lr-g", year);
        using var __ = before;
        var beforeParagraphs = Reports.Paragraphs(before);

        var (posted, _) = await Client.Post("/api/v1/orgs/lr-c/study-sessions",
            new { recordId = "lr-s1", date = "2023-05-10", document = "Nghị quyết Đại hội XIII", classes = 2, attendees = 41 });
        Assert.Equal(HttpStatusCode.Created, posted);
        var (_, after) = await Reports.Docx(Client, "lr-g", year);
        using var _ = after;
        var afterParagraphs = Reports.Paragraphs(after);

        Assert.NotEqual(Reports.Section(beforeParagraphs, 1), Reports.Section(afterParagraphs, 1));
        Assert.Contains("2 lớp", Reports.Section(afterParagraphs, 1));
        Assert.Contains("41 lượt", Reports.Section(afterParagraphs, 1));
        foreach (var section in new[] { 2, 3, 4 }) Assert.Equal(Reports.Section(beforeParagraphs, section), Reports.Section(afterParagraphs, section));
        // In the annex, only the two study figures' rows of the comparison changed, and the cell's row in the table of study by organization.
        Assert.Equal(["Lớp học tập nghị quyết", "Lượt đảng viên tham gia", "Chi bộ tổ dân phố số 1"], ChangedRows(before, after));
    }

    [Fact]
    public async Task The_office_rewords_the_report_in_its_own_file_without_a_rebuild()
    {
        var shipped = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "report-templates.json"));
        Assert.Contains("Thực hiện chương trình công tác, ", shipped);
        var wording = Path.Combine(Path.GetTempPath(), $"dongda-report-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(wording, shipped.Replace("Thực hiện chương trình công tác, ", "Thực hiện Kế hoạch số 12-KH/QU, "));
        try
        {
            await using var store = new TestSupport.SqliteTestStore();
            await using var host = new HostFactory(store, seed: false, settings: new Dictionary<string, string> { ["Hierarchy:ReportTemplates"] = wording });
            var client = host.CreateClient();
            await client.Put("/api/v1/orgs/rw-d", Builders.Org("Đảng bộ quận Thử", "district", null));

            var page = await (await client.GetAsync("/api/v1/orgs/rw-d/report?from=2024-01-01&to=2024-06-30")).Content.ReadAsStringAsync();

            Assert.Contains("Thực hiện Kế hoạch số 12-KH/QU, Quận ủy Thử báo cáo", page);
        }
        finally
        {
            File.Delete(wording);
        }
    }

    /// <summary>The first cell of every annex row whose cells differ between two reports, in document order.</summary>
    private static List<string> ChangedRows(WordprocessingDocument before, WordprocessingDocument after)
    {
        static List<List<string>> Rows(WordprocessingDocument document) =>
            [.. document.MainDocumentPart!.Document!.Body!.Elements<Table>().Skip(2).SelectMany(table => table.Elements<TableRow>())
                .Select(row => row.Elements<TableCell>().Select(cell => cell.InnerText).ToList())];
        var (old, now) = (Rows(before), Rows(after));
        Assert.Equal(old.Count, now.Count);
        return [.. now.Where((cells, i) => !cells.SequenceEqual(old[i])).Select(cells => cells[0])];
    }
}
