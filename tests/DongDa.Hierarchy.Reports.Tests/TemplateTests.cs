using System.Text;
using DongDa.Hierarchy.Metrics;

namespace DongDa.Hierarchy.Reports.Tests;

public sealed class TemplateTests
{
    [Theory]
    [InlineData(0, "0")]
    [InlineData(706, "706")]
    [InlineData(10_479, "10.479")]
    [InlineData(1_234_567, "1.234.567")]
    [InlineData(-3, "−3")]
    public void Numbers_group_thousands_with_a_dot(long value, string written) => Assert.Equal(written, NumberStyle.Vietnamese.Format(value));

    [Theory]
    [InlineData(63, 63, "100%")]
    [InlineData(7, 8, "87,5%")]
    [InlineData(1, 3, "33,3%")]
    [InlineData(9_999, 10_000, "99,9%")]
    [InlineData(1, 100_000, "0,1%")]
    public void Shares_are_percentages_that_claim_all_only_when_all(long part, long whole, string written) =>
        Assert.Equal(written, NumberStyle.Vietnamese.Percent(part, whole));

    [Fact]
    public void A_period_of_whole_months_compares_with_as_many_months_before_it()
    {
        var previous = ReportPeriods.Previous(Fixtures.Term);

        Assert.Equal(new Period { From = new DateOnly(2018, 7, 1), To = new DateOnly(2020, 9, 30) }, previous);
    }

    [Fact]
    public void Another_period_compares_with_as_many_days_before_it()
    {
        var previous = ReportPeriods.Previous(new Period { From = new DateOnly(2024, 1, 10), To = new DateOnly(2024, 1, 19) });

        Assert.Equal(new Period { From = new DateOnly(2023, 12, 31), To = new DateOnly(2024, 1, 9) }, previous);
    }

    [Fact]
    public void A_report_needs_both_ends_of_its_period()
    {
        var input = Fixtures.District() with { Period = new Period { From = new DateOnly(2020, 10, 1) } };

        Assert.Throws<ArgumentException>(() => ReportText.Build(input, Fixtures.Templates));
    }

    [Fact]
    public void The_shipped_templates_have_both_languages()
    {
        Assert.True(Fixtures.Templates.Supports("vi"));
        Assert.True(Fixtures.Templates.Supports("en"));
        Assert.False(Fixtures.Templates.Supports("fr"));
    }

    [Theory]
    [InlineData("{study.clases}", "study.clases")]
    [InlineData("{study.classes|levels}", "levels")]
    [InlineData("{study.classes|share:ward}", "share")]
    [InlineData("{study.classes|sum}", "sum")]
    public void A_placeholder_that_names_nothing_known_fails_the_load(string placeholder, string named)
    {
        var json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, ReportTemplates.FileName), Encoding.UTF8)
            .Replace("{study.classes} lớp quán triệt", placeholder + " lớp quán triệt", StringComparison.Ordinal);

        var error = Assert.Throws<InvalidDataException>(() => ReportTemplates.Load(new MemoryStream(Encoding.UTF8.GetBytes(json))));
        Assert.Contains(named, error.Message);
    }

    [Fact]
    public void The_office_can_reword_a_sentence()
    {
        var json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, ReportTemplates.FileName), Encoding.UTF8)
            .Replace("Trong kỳ báo cáo, {committee} đã tổ chức {study.classes} lớp", "{committee} mở {study.classes} lớp", StringComparison.Ordinal);
        var templates = ReportTemplates.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)));

        var report = ReportText.Build(Fixtures.District(), templates);

        Assert.StartsWith("Quận ủy Đống Đa mở 24 lớp quán triệt", report.Sections[0].Paragraphs[1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_when_that_names_nothing_known_fails_the_load()
    {
        var json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, ReportTemplates.FileName), Encoding.UTF8)
            .Replace("\"when\": [ \"study.classes\" ]", "\"when\": [ \"study.lessons\" ]", StringComparison.Ordinal);

        var error = Assert.Throws<InvalidDataException>(() => ReportTemplates.Load(new MemoryStream(Encoding.UTF8.GetBytes(json))));
        Assert.Contains("study.lessons", error.Message);
    }
}
