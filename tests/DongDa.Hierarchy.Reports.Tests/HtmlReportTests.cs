using System.Xml;
using DocumentFormat.OpenXml.Packaging;
using System.Xml.Linq;
using DongDa.Hierarchy.Organizations;
using static DongDa.Hierarchy.Reports.Tests.Fixtures;

namespace DongDa.Hierarchy.Reports.Tests;

public sealed class HtmlReportTests
{
    [Fact]
    public void The_page_is_well_formed_Vietnamese_and_prints_on_A4()
    {
        var page = XDocument.Load(XmlReader.Create(new StringReader(Html(District())), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore }));
        var root = page.Root!;

        Assert.Equal("vi", root.Attribute("lang")!.Value);
        var style = root.Descendants("style").Single().Value;
        Assert.Contains("@page { size: A4; margin: 20mm 15mm 20mm 30mm; }", style);
        Assert.Contains("Times New Roman", style);
        Assert.Equal("QUẬN ỦY ĐỐNG ĐA", root.Descendants("p").Single(p => (string?)p.Attribute("class") == "issuer" && p.Value.StartsWith("QUẬN", StringComparison.Ordinal)).Value);
        Assert.Contains(root.Descendants("p"), p => p.Value.Contains("Quận ủy Đống Đa đã tổ chức 24 lớp quán triệt, học tập nghị quyết, chỉ thị của Đảng cho 10.479 lượt cán bộ, đảng viên.", StringComparison.Ordinal));
    }

    [Fact]
    public void Tables_have_scoped_headers()
    {
        var page = XDocument.Parse(Html(District()).Replace("<!DOCTYPE html>", "", StringComparison.Ordinal));
        var tables = page.Descendants("table").ToList();

        Assert.Equal(5, tables.Count);
        Assert.All(tables, table =>
        {
            Assert.NotEmpty(table.Elements("caption"));
            Assert.All(table.Element("thead")!.Descendants("th"), th => Assert.Equal("col", th.Attribute("scope")!.Value));
            Assert.All(table.Elements("tbody").SelectMany(body => body.Elements("tr")), row => Assert.Equal("th", row.Elements().First().Name.LocalName));
        });
        Assert.Contains(page.Descendants("th"), th => (string?)th.Attribute("scope") == "row" && th.Value == "Đảng bộ phường Láng Thượng");
    }

    [Fact]
    public void Names_are_encoded()
    {
        var input = District() with { ParentName = null };
        var hostile = input with
        {
            Children = [RollupOf(Org("x", "Chi bộ <script>alert(\"1\")</script> & 'Co'", OrgLevel.Grassroots), new Metrics.ConductorLevelMetrics())],
        };
        var html = Html(hostile);

        Assert.DoesNotContain("<script>", html);
        Assert.Contains("Chi bộ &lt;script&gt;alert(&quot;1&quot;)&lt;/script&gt; &amp; &#39;Co&#39;", html);
        XDocument.Parse(html.Replace("<!DOCTYPE html>", "", StringComparison.Ordinal));
    }

    [Fact]
    public void The_English_page_says_so()
    {
        var page = XDocument.Parse(Html(District("en")).Replace("<!DOCTYPE html>", "", StringComparison.Ordinal));

        Assert.Equal("en", page.Root!.Attribute("lang")!.Value);
        Assert.Contains(page.Descendants("h1"), h1 => h1.Value == "REPORT");
    }

    [Fact]
    public async Task The_Word_document_is_written_to_a_stream_that_cannot_seek()
    {
        var report = ReportText.Build(District(), Templates);
        var sink = new ForwardOnly();

        await DocxReport.WriteAsync(report, sink);

        using var document = WordprocessingDocument.Open(new MemoryStream(sink.Bytes.ToArray()), isEditable: false);
        Assert.Contains("QUẬN ỦY ĐỐNG ĐA", Paragraphs(document));
    }

    private static string Html(ReportInput input) => HtmlReport.Render(ReportText.Build(input, Templates));

    /// <summary>A response body: it takes writes and nothing else.</summary>
    private sealed class ForwardOnly : Stream
    {
        public MemoryStream Bytes { get; } = new();
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("Synchronous writes are refused, as by Kestrel.");

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Bytes.Write(buffer.Span);
            return ValueTask.CompletedTask;
        }
    }
}
