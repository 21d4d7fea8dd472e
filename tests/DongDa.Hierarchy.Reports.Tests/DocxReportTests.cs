using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using DongDa.Hierarchy.Organizations;
using DongDa.Hierarchy.Rollup;
using static DongDa.Hierarchy.Reports.Tests.Fixtures;

namespace DongDa.Hierarchy.Reports.Tests;

public sealed partial class DocxReportTests
{
    /// <summary>The article's figures S1–S12 (domain.md), in Vietnamese form and in the section the article tells them in.</summary>
    [Fact]
    public void The_district_report_states_the_articles_figures_in_their_sections()
    {
        using var document = Docx(District());
        var paragraphs = Paragraphs(document);

        var education = Section(paragraphs, "1.");
        Assert.Contains("Quận ủy Đống Đa đã tổ chức 24 lớp quán triệt, học tập nghị quyết, chỉ thị của Đảng cho 10.479 lượt cán bộ, đảng viên.", education);

        var hoChiMinh = Section(paragraphs, "2.");
        Assert.Contains("Đảng bộ quận Đống Đa có 15 tập thể cấp quận và 25 cá nhân cấp quận điển hình được khen thưởng", hoChiMinh);
        Assert.Contains("Có 370 cá nhân (27 cấp thành phố, 343 cấp quận) “người tốt, việc tốt” được biểu dương, khen thưởng.", hoChiMinh);
        Assert.Contains("100% tổ chức cơ sở đảng tổ chức cho cán bộ, đảng viên đăng ký học tập và làm theo tấm gương đạo đức Hồ Chí Minh, với 18.234 lượt đảng viên đăng ký.", hoChiMinh);

        var inspection = Section(paragraphs, "3.");
        Assert.Contains("Ban Thường vụ Quận ủy đã tổ chức kiểm tra 30 tổ chức đảng và 15 cá nhân thuộc diện Ban Thường vụ Quận ủy quản lý.", inspection);
        Assert.Contains("Ban Thường vụ Quận ủy đã giám sát 21 tổ chức đảng trực thuộc và 23 cá nhân thuộc diện Ban Thường vụ Quận ủy quản lý, trong đó có 18 cuộc giám sát chuyên đề.", inspection);
        Assert.Contains("Cấp ủy cơ sở kiểm tra được 102 tổ chức đảng.", inspection);
        Assert.Contains("Cấp ủy cơ sở giám sát 158 tổ chức đảng trực thuộc.", inspection);
        Assert.Contains("Qua kiểm tra đã phát hiện 10 trường hợp vi phạm; thi hành kỷ luật 5 trường hợp.", inspection);

        var mobilization = Section(paragraphs, "4.");
        Assert.Contains(
            "Đảng bộ quận Đống Đa có 322 tập thể (3 cấp thành phố, 59 cấp quận, 260 cấp cơ sở) và 362 cá nhân (1 cấp thành phố, 34 cấp quận, 327 cấp cơ sở) đăng ký thực hiện mô hình “Dân vận khéo” với tổng số 706 mô hình.",
            mobilization);
        Assert.Contains(
            "Trong đó có 180 mô hình lĩnh vực kinh tế, 250 mô hình lĩnh vực văn hóa – xã hội, 156 mô hình lĩnh vực an ninh quốc phòng và 120 mô hình xây dựng hệ thống chính trị.",
            mobilization);
    }

    [Fact]
    public void Nothing_is_compared_with_a_previous_period_in_which_nothing_was_recorded()
    {
        var input = District();
        using var document = Docx(input with { Previous = input.Previous with { ByConductorLevel = new() } });

        Assert.DoesNotContain(Paragraphs(document), paragraph => paragraph.Contains("So với cùng kỳ", StringComparison.Ordinal));
        Assert.Contains("Quận ủy Đống Đa đã tổ chức 24 lớp quán triệt, học tập nghị quyết, chỉ thị của Đảng cho 10.479 lượt cán bộ, đảng viên.", Section(Paragraphs(document), "1."));
    }

    [Fact]
    public void Figures_are_compared_with_the_previous_period_of_equal_length()
    {
        using var document = Docx(District());
        var paragraphs = Paragraphs(document);

        Assert.Contains("So với cùng kỳ, số lớp tăng 12 và số lượt cán bộ, đảng viên tham gia tăng 5.479.", Section(paragraphs, "1."));
        Assert.Contains("So với cùng kỳ, số tập thể đăng ký tăng 322, số cá nhân đăng ký tăng 362 và số mô hình tăng 706.", Section(paragraphs, "4."));
        Assert.Contains("Kỳ báo cáo (01/10/2020 – 31/12/2022)", paragraphs);
        Assert.Contains("Cùng kỳ (01/07/2018 – 30/09/2020)", paragraphs);
    }

    [Fact]
    public void The_annex_lists_each_child_under_the_labels_of_the_figure_table_and_the_section_names_those_without_inspection()
    {
        using var document = Docx(District());
        var paragraphs = Paragraphs(document);
        var tables = document.MainDocumentPart!.Document!.Body!.Elements<Table>().ToList();

        // Heading and signature, then the comparison, then one table of children per group of figures.
        Assert.Equal(2 + 1 + FigureTable.Groups.Count, tables.Count);
        var inspections = tables.Single(table => table.InnerText.Contains(FigureTable.Figures[0].Vietnamese) && table.InnerText.Contains("Láng Thượng"));
        var langThuong = inspections.Elements<TableRow>().Single(row => row.InnerText.StartsWith("Đảng bộ phường Láng Thượng", StringComparison.Ordinal));
        Assert.Equal("7", langThuong.Elements<TableCell>().ElementAt(1).InnerText);

        var inspection = Section(paragraphs, "3.");
        Assert.Contains("Các tổ chức đảng trực thuộc chưa có hoạt động kiểm tra, giám sát trong kỳ báo cáo (1):\n- Đảng bộ phường Cát Linh;", inspection);
        Assert.DoesNotContain("- Chi bộ Trường THCS Đống Đa;", inspection);
    }

    [Fact]
    public void The_district_heading_and_signature_follow_the_party_document_form()
    {
        using var document = Docx(District());
        var paragraphs = Paragraphs(document);

        Assert.Equal(
            ["ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "QUẬN ỦY ĐỐNG ĐA", "*", "Số      -BC/QU", "ĐẢNG CỘNG SẢN VIỆT NAM", "", "", "Đống Đa, ngày 05 tháng 3 năm 2025", "BÁO CÁO",
             "Sơ kết công tác xây dựng Đảng từ ngày 01/10/2020 đến ngày 31/12/2022"],
            paragraphs.Take(10));
        Assert.NotNull(RunWithText(document, "QUẬN ỦY ĐỐNG ĐA").RunProperties!.Bold);
        Assert.Null(RunWithText(document, "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI").RunProperties!.Bold);
        var party = RunWithText(document, "ĐẢNG CỘNG SẢN VIỆT NAM").RunProperties!;
        Assert.NotNull(party.Bold);
        Assert.Equal(UnderlineValues.Single, party.Underline!.Val!.Value);
        Assert.NotNull(RunWithText(document, "Đống Đa, ngày 05 tháng 3 năm 2025").RunProperties!.Italic);
        Assert.NotNull(RunWithText(document, "BÁO CÁO").RunProperties!.Bold);

        var signature = document.MainDocumentPart!.Document!.Body!.Elements<Table>().ElementAt(1);
        var cells = signature.Descendants<TableCell>().Select(cell => cell.Elements<Paragraph>().Select(p => p.InnerText).Where(t => t.Length > 0).ToList()).ToList();
        Assert.Equal(["Nơi nhận:", "- Ban Thường vụ Thành ủy,", "- Các đồng chí Quận ủy viên,", "- Lưu VP."], cells[0]);
        Assert.Equal(["T/M BAN THƯỜNG VỤ", "BÍ THƯ"], cells[1]);
    }

    [Fact]
    public void The_page_is_A4_with_the_guidelines_margins_in_Times_New_Roman_14_with_a_justified_indented_body()
    {
        using var document = Docx(District());
        var body = document.MainDocumentPart!.Document!.Body!;
        var section = body.Elements<SectionProperties>().Single();
        var size = section.GetFirstChild<PageSize>()!;
        var margin = section.GetFirstChild<PageMargin>()!;
        Assert.Equal((11906u, 16838u), (size.Width!.Value, size.Height!.Value));
        Assert.Equal((1134, 1134, 1701u, 850u), (margin.Top!.Value, margin.Bottom!.Value, margin.Left!.Value, margin.Right!.Value));
        Assert.NotNull(section.GetFirstChild<TitlePage>());
        Assert.Contains("PAGE", document.MainDocumentPart.HeaderParts.Single().Header!.Descendants<SimpleField>().Single().Instruction!.Value);

        var defaults = document.MainDocumentPart.StyleDefinitionsPart!.Styles!.DocDefaults!.RunPropertiesDefault!.RunPropertiesBaseStyle!;
        Assert.Equal("Times New Roman", defaults.RunFonts!.Ascii!.Value);
        Assert.Equal("28", defaults.FontSize!.Val!.Value);
        Assert.Equal("vi-VN", defaults.Languages!.Val!.Value);

        var sentence = body.Elements<Paragraph>().First(p => p.InnerText.StartsWith("Trong kỳ báo cáo, Quận ủy Đống Đa đã tổ chức", StringComparison.Ordinal));
        Assert.Equal(JustificationValues.Both, sentence.ParagraphProperties!.Justification!.Val!.Value);
        Assert.Equal("567", sentence.ParagraphProperties.Indentation!.FirstLine!.Value);
    }

    [Theory]
    [InlineData("vi")]
    [InlineData("en")]
    public void The_Open_XML_validator_finds_no_error(string language)
    {
        using var document = Docx(District(language));
        var errors = new OpenXmlValidator().Validate(document).Select(error => $"{error.Path?.XPath}: {error.Description}").ToList();
        Assert.Empty(errors);
    }

    [Fact]
    public void A_ward_report_names_the_district_above_its_committee()
    {
        var ward = Org("phuong-lang-thuong", "Đảng bộ phường Láng Thượng", OrgLevel.Grassroots, parentId: "dong-da");
        using var document = Docx(Empty(ward, "Đảng bộ quận Đống Đa"));
        var paragraphs = Paragraphs(document);

        Assert.Equal(["ĐẢNG BỘ QUẬN ĐỐNG ĐA", "ĐẢNG ỦY PHƯỜNG LÁNG THƯỢNG", "*", "Số      -BC/ĐU"], paragraphs.Take(4));
        Assert.Contains("T/M ĐẢNG ỦY", paragraphs);
        Assert.Contains("- Ban Thường vụ Quận ủy,", paragraphs);
    }

    [Fact]
    public void A_cell_report_names_its_grassroots_organization_above_it_and_signs_for_the_cell()
    {
        using var document = Docx(Cell());
        var paragraphs = Paragraphs(document);

        Assert.Equal(["ĐẢNG BỘ PHƯỜNG CÁT LINH", "CHI BỘ TỔ DÂN PHỐ SỐ 1 PHƯỜNG CÁT LINH", "*", "Số      -BC/CB"], paragraphs.Take(4));
        Assert.Contains("T/M CHI BỘ", paragraphs);
        Assert.Contains("BÍ THƯ", paragraphs);
        Assert.Contains("- Đảng ủy phường Cát Linh,", paragraphs);
        Assert.Contains("Chi bộ tổ dân phố số 1 phường Cát Linh đã giám sát 3 cá nhân thuộc diện Chi bộ tổ dân phố số 1 phường Cát Linh quản lý.", Section(paragraphs, "3."));
        Assert.Contains("Chi bộ tổ dân phố số 1 phường Cát Linh đã tổ chức cho 28 lượt đảng viên đăng ký", Section(paragraphs, "2."));
        // A cell has no children: no list of them, and the annex holds the comparison alone.
        Assert.DoesNotContain(paragraphs, p => p.StartsWith("Các tổ chức đảng trực thuộc", StringComparison.Ordinal));
        Assert.Equal(3, document.MainDocumentPart!.Document!.Body!.Elements<Table>().Count());
    }

    [Fact]
    public void Zero_figures_are_said_in_words_never_as_zero()
    {
        var ward = Org("phuong-lang-thuong", "Đảng bộ phường Láng Thượng", OrgLevel.Grassroots, parentId: "dong-da");
        using var document = Docx(Empty(ward, "Đảng bộ quận Đống Đa"));
        var paragraphs = Paragraphs(document);
        var body = string.Join("\n", Enumerable.Range(1, 4).Select(i => Section(paragraphs, $"{i}.")));

        Assert.DoesNotMatch(ZeroFigure(), body);
        Assert.DoesNotContain("So với cùng kỳ", body);
        Assert.Contains("Trong kỳ báo cáo, Đảng ủy phường Láng Thượng chưa tổ chức lớp quán triệt, học tập nghị quyết, chỉ thị của Đảng.", body);
        Assert.Contains("Trong kỳ báo cáo, Đảng ủy phường Láng Thượng chưa tiến hành kiểm tra tổ chức đảng, đảng viên.", body);
        Assert.Contains("Qua kiểm tra chưa phát hiện trường hợp vi phạm.", body);
        Assert.Contains("Trong kỳ báo cáo, Đảng bộ phường Láng Thượng chưa có tập thể, cá nhân đăng ký thực hiện mô hình “Dân vận khéo”.", body);
        Assert.Contains("- Chi bộ Khu dân cư số 2;", body);
        Assert.DoesNotContain("Qua học tập các nghị quyết", body);
        Assert.DoesNotContain("được tiến hành thường xuyên", body);
    }

    [Fact]
    public void A_figure_of_zero_drops_only_its_optional_segment()
    {
        var input = District();
        input.Current.ByConductorLevel.District.Study.Attendees = 0;
        using var document = Docx(input);

        Assert.Contains("Quận ủy Đống Đa đã tổ chức 24 lớp quán triệt, học tập nghị quyết, chỉ thị của Đảng.", Section(Paragraphs(document), "1."));
    }

    [Fact]
    public void The_English_rendering_uses_English_words_and_numbers()
    {
        using var document = Docx(District("en"));
        var paragraphs = Paragraphs(document);

        Assert.Equal(["HÀ NỘI CITY PARTY ORGANIZATION", "ĐỐNG ĐA DISTRICT PARTY COMMITTEE"], paragraphs.Take(2));
        Assert.Contains("COMMUNIST PARTY OF VIETNAM", paragraphs);
        Assert.Contains("Đống Đa, 5 March 2025", paragraphs);
        Assert.Contains("FOR THE STANDING COMMITTEE", paragraphs);
        var education = Section(paragraphs, "1.");
        Assert.Contains("In the period, Đống Đa District Party Committee held 24 classes on the Party's resolutions and directives with 10,479 attendances of cadres and members.", education);
        Assert.Contains("322 collectives (3 at city level, 59 at district level, 260 at grassroots level)", Section(paragraphs, "4."));
        Assert.Contains("Party organizations inspected", paragraphs);
    }

    /// <summary>A bare 0 standing for a count: not a digit of a larger number, a date or a decimal.</summary>
    [GeneratedRegex(@"(?<![\d.,/])0(?![\d.,/%])")]
    private static partial Regex ZeroFigure();
}
