using System.Text.Json;
using System.Text.Json.Serialization;
using DongDa.Hierarchy.Organizations;

namespace DongDa.Hierarchy.Reports;

/// <summary>
/// The wording of reports, one set per language, read from a JSON file the office edits without a
/// rebuild (report-templates.json beside the assembly). Sentences name figures by their JSON path
/// in the metrics contract, such as <c>{study.classes}</c>; every placeholder is checked when the
/// file is loaded, so a typo fails at start-up rather than in a report.
/// </summary>
public sealed class ReportTemplates
{
    /// <summary>The file name of the shipped templates, copied beside the assembly.</summary>
    public const string FileName = "report-templates.json";

    private static readonly JsonSerializerOptions Options = HierarchyJson.Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        RespectNullableAnnotations = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    });

    private readonly IReadOnlyDictionary<string, LanguageTemplates> _languages;

    private ReportTemplates(IReadOnlyDictionary<string, LanguageTemplates> languages) => _languages = languages;

    /// <summary>The language keys of the file, such as "vi" and "en".</summary>
    public IReadOnlyCollection<string> Languages => [.. _languages.Keys];

    /// <summary>The templates shipped with the library, from the application's folder.</summary>
    public static ReportTemplates LoadDefault() => Load(Path.Combine(AppContext.BaseDirectory, FileName));

    public static ReportTemplates Load(string path)
    {
        using var stream = File.OpenRead(path);
        return Load(stream);
    }

    /// <exception cref="InvalidDataException">The file is not valid JSON of the expected shape, or a placeholder names nothing known.</exception>
    public static ReportTemplates Load(Stream stream)
    {
        using var document = JsonDocument.Parse(stream, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        TemplateCheck.Placeholders(document.RootElement);
        try
        {
            var languages = document.RootElement.Deserialize<Dictionary<string, LanguageTemplates>>(Options)
                ?? throw new InvalidDataException("The report templates are empty.");
            foreach (var (language, templates) in languages) TemplateCheck.Structure(language, templates);
            return new ReportTemplates(new Dictionary<string, LanguageTemplates>(languages, StringComparer.OrdinalIgnoreCase));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The report templates do not have the expected shape: {e.Message}", e);
        }
    }

    public bool Supports(string language) => _languages.ContainsKey(language);

    /// <exception cref="ArgumentException">The file has no templates for <paramref name="language"/>.</exception>
    public LanguageTemplates For(string language) =>
        _languages.TryGetValue(language, out var templates) ? templates : throw new ArgumentException($"No report templates for language '{language}'.", nameof(language));
}

/// <summary>The wording of one language. Placeholders are in braces; see report-templates.json.</summary>
public sealed record LanguageTemplates
{
    /// <summary>The culture of the text, such as vi-VN: the document's language and month names.</summary>
    public required string Culture { get; init; }

    /// <summary>Which labels of the figure table the annex and field lists use.</summary>
    public required FigureLabels Labels { get; init; }

    public required NumberStyle Numbers { get; init; }
    public required string DateFormat { get; init; }

    /// <summary>The body above the district, which has no parent in the hierarchy.</summary>
    public required string RootParent { get; init; }

    public required string PartyHeading { get; init; }
    public required string PlaceAndDate { get; init; }
    public required string Number { get; init; }
    public required string DocumentName { get; init; }
    public required string Subject { get; init; }

    /// <summary>How an organization's name gives its committee, symbol and signature; the first rule whose prefix the name starts with applies, and the last rule's prefix is empty.</summary>
    public required IReadOnlyList<CommitteeRule> Committees { get; init; }

    /// <summary>How sentences name the committees of each level below the reporting organization.</summary>
    public required LevelWords Conductors { get; init; }

    public required RecognitionWords RecognitionLevels { get; init; }
    public required LevelListWords LevelList { get; init; }
    public required ListWords List { get; init; }
    public required ChangeWords Change { get; init; }
    public required IReadOnlyList<string> Introduction { get; init; }
    public required IReadOnlyList<SectionTemplate> Sections { get; init; }
    public required WithoutInspectionWords WithoutInspection { get; init; }
    public required IReadOnlyList<string> Closing { get; init; }
    public required string RecipientsHeading { get; init; }
    public required AnnexWords Annex { get; init; }
}

public enum FigureLabels
{
    Vietnamese,
    English,
}

/// <summary>
/// One kind of committee, recognized by the start of its organization's name (Đảng bộ quận …,
/// Đảng bộ …, Chi bộ …). Templates may use {name} (the whole name) and {rest} (after the prefix);
/// the leader may also use {committee}, and recipients {parentLeader}.
/// </summary>
public sealed record CommitteeRule
{
    public required string Prefix { get; init; }
    public required string Organization { get; init; }
    public required string Committee { get; init; }

    /// <summary>Who conducts the committee's own inspections, such as Ban Thường vụ Quận ủy; also how a child's report addresses it.</summary>
    public required string Leader { get; init; }

    /// <summary>The symbol after -BC/ in the number line: QU, ĐU, CB.</summary>
    public required string Symbol { get; init; }

    public required string OnBehalfOf { get; init; }
    public required string Signer { get; init; }
    public required IReadOnlyList<string> Recipients { get; init; }
}

public sealed record LevelWords
{
    public required string District { get; init; }
    public required string Grassroots { get; init; }
    public required string Partial { get; init; }
    public required string Cell { get; init; }

    public string For(OrgLevel level) => level switch
    {
        OrgLevel.District => District,
        OrgLevel.Grassroots => Grassroots,
        OrgLevel.Partial => Partial,
        OrgLevel.Cell => Cell,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
    };
}

/// <summary>The words for the recognition levels, keyed as <see cref="Rollup.FigureTable.RecognitionLevels"/>.</summary>
public sealed record RecognitionWords
{
    public required string City { get; init; }
    public required string District { get; init; }
    public required string Grassroots { get; init; }

    public string For(string level) => level switch
    {
        "city" => City,
        "district" => District,
        "grassroots" => Grassroots,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
    };
}

/// <summary>How {figure|levels} reads: <see cref="One"/> when a single level has any ({level}), else <see cref="Many"/> ({list}).</summary>
public sealed record LevelListWords
{
    public required string One { get; init; }
    public required string Many { get; init; }
}

public sealed record ListWords
{
    public required string Separator { get; init; }
    public required string Last { get; init; }
    public required string LevelSeparator { get; init; }
}

/// <summary>How {figure|change} reads against the previous period; {n} is the difference.</summary>
public sealed record ChangeWords
{
    public required string Up { get; init; }
    public required string Down { get; init; }
    public required string Same { get; init; }
}

public sealed record SectionTemplate
{
    public required string Heading { get; init; }

    /// <summary>Paragraphs, each a run of sentences.</summary>
    public required IReadOnlyList<IReadOnlyList<SentenceTemplate>> Paragraphs { get; init; }

    /// <summary>Whether the section ends with the children that recorded no inspection or supervision.</summary>
    public bool ListWithoutInspection { get; init; }
}

/// <summary>Which figures a sentence speaks of.</summary>
public enum SentenceScope
{
    /// <summary>The whole subtree.</summary>
    Total,

    /// <summary>The organization's own records: the work its committee conducted itself.</summary>
    Own,

    /// <summary>Once for each level below the organization, with {conductors} naming that level's committees.</summary>
    EachBelow,
}

/// <summary>
/// A sentence. Its text, and each of its parts, is said only when every figure it names is not
/// zero (so never "0 lớp"); a bracketed [segment] of the text is left out on its own when one of
/// its figures is zero. {parts} is the list of the parts said; a sentence with parts is said only
/// when one is. A sentence not said gives its <see cref="Zero"/> text, or nothing.
/// </summary>
public sealed record SentenceTemplate
{
    public SentenceScope Scope { get; init; } = SentenceScope.Total;

    /// <summary>The levels of reporting organization the sentence is for; null for all.</summary>
    public IReadOnlyList<OrgLevel>? Levels { get; init; }

    /// <summary>Figures of which one must not be zero for the sentence to be said, as a claim that work was done needs; null for none.</summary>
    public IReadOnlyList<string>? When { get; init; }

    public required string Text { get; init; }
    public IReadOnlyList<string> Parts { get; init; } = [];
    public string? Zero { get; init; }
}

public sealed record WithoutInspectionWords
{
    public required string Heading { get; init; }
    public required string Item { get; init; }
    public required string None { get; init; }
}

public sealed record AnnexWords
{
    public required string Title { get; init; }
    public required string Comparison { get; init; }
    public required string Figure { get; init; }
    public required string Current { get; init; }
    public required string Previous { get; init; }
    public required string Change { get; init; }
    public required string Children { get; init; }
    public required string Organization { get; init; }
}

/// <summary>How numbers are written: Vietnamese groups thousands with "." and marks decimals with ",".</summary>
public sealed record NumberStyle
{
    public static NumberStyle Vietnamese { get; } = new() { Thousands = ".", Decimal = "," };

    public required string Thousands { get; init; }
    public required string Decimal { get; init; }

    public string Format(long value) =>
        (value < 0 ? "−" : "") + Math.Abs(value).ToString("#,0", System.Globalization.CultureInfo.InvariantCulture).Replace(",", Thousands, StringComparison.Ordinal);

    /// <summary>A difference with its sign, as an annex column shows it: +12, −3, 0.</summary>
    public string Signed(long value) => value > 0 ? "+" + Format(value) : Format(value);

    /// <summary>
    /// A share as a percentage with at most one decimal (100%, 87,5%). Never rounded to 100% or 0%
    /// unless it is exactly that, since "100%" claims every organization.
    /// </summary>
    public string Percent(long part, long whole)
    {
        if (whole <= 0) throw new ArgumentOutOfRangeException(nameof(whole), whole, "A share needs a positive whole.");
        var percent = Math.Round(part * 100m / whole, 1, MidpointRounding.AwayFromZero);
        if (percent == 100m && part != whole) percent = 99.9m;
        if (percent == 0m && part != 0) percent = 0.1m;
        return percent.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture).Replace(".", Decimal, StringComparison.Ordinal) + "%";
    }
}
