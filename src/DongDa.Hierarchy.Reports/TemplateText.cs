using System.Text.Json;
using System.Text.RegularExpressions;
using DongDa.Hierarchy.Organizations;

namespace DongDa.Hierarchy.Reports;

/// <summary>A placeholder of a template: {name}, {figure|format} or {figure|format:argument}.</summary>
internal sealed record Placeholder(string Name, string? Format, string? Argument)
{
    public const string Levels = "levels";
    public const string Fields = "fields";
    public const string Share = "share";
    public const string Change = "change";
}

/// <summary>Finding and filling the placeholders of templates.</summary>
internal static partial class TemplateText
{
    [GeneratedRegex(@"\{(?<name>[A-Za-z][A-Za-z0-9.]*)(?:\|(?<format>[a-z]+)(?::(?<argument>[^{}]*))?)?\}")]
    private static partial Regex PlaceholderPattern();

    [GeneratedRegex(@"\[(?<optional>[^\[\]]*)\]")]
    private static partial Regex OptionalPattern();

    /// <summary>The template cut into its plain stretches and its [optional segments], brackets removed, in order.</summary>
    public static IEnumerable<(string Text, bool Optional)> Segments(string template)
    {
        var at = 0;
        foreach (Match match in OptionalPattern().Matches(template))
        {
            if (match.Index > at) yield return (template[at..match.Index], false);
            yield return (match.Groups["optional"].Value, true);
            at = match.Index + match.Length;
        }

        if (at < template.Length) yield return (template[at..], false);
    }

    public static IEnumerable<Placeholder> Placeholders(string template) =>
        PlaceholderPattern().Matches(template).Select(Parse);

    /// <summary>The template with each placeholder replaced by what <paramref name="value"/> gives for it.</summary>
    public static string Replace(string template, Func<Placeholder, string> value) =>
        PlaceholderPattern().Replace(template, match => value(Parse(match)));

    /// <summary>The template with its variables filled; a placeholder that is not one is a fault of the templates' checks.</summary>
    public static string Fill(string template, IReadOnlyDictionary<string, string> variables) =>
        Replace(template, placeholder => placeholder.Format is null && variables.TryGetValue(placeholder.Name, out var value)
            ? value
            : throw new InvalidOperationException($"The template \"{template}\" names {{{placeholder.Name}}}, which is not known here."));

    /// <summary>
    /// The text with its first letter in capitals, as a sentence or list item that starts with a
    /// placeholder needs ("- the …", "“good …"); one that starts with a number ("100% tổ chức") stays.
    /// </summary>
    public static string Capitalized(string text, System.Globalization.CultureInfo culture)
    {
        var first = text.AsSpan().IndexOfAnyExcept("-–“\"'( ");
        return first < 0 || !char.IsLetter(text[first]) ? text : string.Concat(text.AsSpan(0, first), char.ToUpper(text[first], culture).ToString(), text.AsSpan(first + 1));
    }

    private static Placeholder Parse(Match match) => new(
        match.Groups["name"].Value,
        match.Groups["format"].Success ? match.Groups["format"].Value : null,
        match.Groups["argument"].Success ? match.Groups["argument"].Value : null);
}

/// <summary>The checks made when templates are loaded, so that a mistake in the file stops the host at start-up.</summary>
internal static class TemplateCheck
{
    /// <summary>Every variable some template may use; which one a given template may use is not checked.</summary>
    private static readonly HashSet<string> Variables = new(StringComparer.Ordinal)
    {
        "name", "rest", "committee", "leader", "parentLeader", "organization", "conductors", "symbol",
        "from", "to", "d", "dd", "mm", "yyyy", "monthName", "level", "list", "n", "count", "group", "parts",
    };

    public static void Placeholders(JsonElement element)
    {
        var problems = new List<string>();
        Collect(element, problems);
        if (problems.Count > 0) throw new InvalidDataException("The report templates name unknown placeholders: " + string.Join("; ", problems));
    }

    public static void Structure(string language, LanguageTemplates templates)
    {
        if (templates.Committees.Count == 0 || templates.Committees[^1].Prefix.Length != 0)
        {
            throw new InvalidDataException($"The committee rules of '{language}' must end with a rule whose prefix is empty, which fits any name.");
        }

        var unknown = templates.Sections.SelectMany(section => section.Paragraphs).SelectMany(sentences => sentences)
            .SelectMany(sentence => sentence.When ?? []).Where(name => !FigureValues.IsKnown(name)).ToList();
        if (unknown.Count > 0) throw new InvalidDataException($"The report templates of '{language}' name unknown figures in \"when\": {string.Join(", ", unknown)}");
    }

    private static void Collect(JsonElement element, List<string> problems)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject()) Collect(property.Value, problems);
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray()) Collect(item, problems);
                break;
            case JsonValueKind.String:
                var text = element.GetString()!;
                problems.AddRange(TemplateText.Placeholders(text).Select(Problem).OfType<string>().Select(problem => $"{problem} in \"{text}\""));
                break;
        }
    }

    private static string? Problem(Placeholder placeholder) => placeholder.Format switch
    {
        null when Variables.Contains(placeholder.Name) => null,
        null or Placeholder.Change => FigureValues.IsKnown(placeholder.Name) ? null : $"{{{placeholder.Name}}} is no variable and no figure",
        Placeholder.Levels => FigureValues.IsSplitByLevel(placeholder.Name) ? null : $"{{{placeholder.Name}|levels}} needs a figure split by recognition level",
        Placeholder.Fields => FigureValues.Beneath(placeholder.Name).Count > 1 ? null : $"{{{placeholder.Name}|fields}} needs a name with figures beneath it",
        Placeholder.Share => FigureValues.IsKnown(placeholder.Name) && Enum.TryParse<OrgLevel>(placeholder.Argument, ignoreCase: true, out _)
            ? null
            : $"{{{placeholder.Name}|share:…}} needs a figure and a level (district, grassroots, partial, cell)",
        _ => $"{{…|{placeholder.Format}}} is no known format",
    };
}
