using System.Globalization;
using DongDa.Hierarchy.Metrics;
using DongDa.Hierarchy.Organizations;
using DongDa.Hierarchy.Rollup;

namespace DongDa.Hierarchy.Reports;

/// <summary>Writes a report's content from its figures and the templates of its language.</summary>
public sealed class ReportText
{
    private readonly ReportInput _input;
    private readonly LanguageTemplates _t;
    private readonly CultureInfo _culture;
    private readonly OrgLevel _level;
    private readonly NamedOrg _org;
    private readonly NamedOrg _parent;
    private readonly Period _previousPeriod;

    /// <summary>Nothing was recorded anywhere in the subtree in the previous period, as before a system was used: no change is told against it.</summary>
    private readonly bool _nothingBefore;
    private readonly Dictionary<string, string> _variables;

    private ReportText(ReportInput input, LanguageTemplates templates)
    {
        _input = input;
        _t = templates;
        _culture = CultureInfo.GetCultureInfo(templates.Culture);
        _level = input.Current.Org.Details.Level;
        _org = NamedOrg.Of(input.Current.Org.Details.Name, templates);
        _parent = NamedOrg.Of(input.ParentName ?? templates.RootParent, templates);
        _previousPeriod = ReportPeriods.Previous(input.Period);
        _nothingBefore = FigureValues.Of(input.Previous.Total()).IsEmpty;
        var (from, to) = ReportPeriods.Bounds(input.Period);
        _variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["organization"] = _org.Organization,
            ["committee"] = _org.Committee,
            ["leader"] = _org.Leader,
            ["parentLeader"] = _parent.Leader,
            ["symbol"] = _org.Rule.Symbol,
            ["from"] = Date(from),
            ["to"] = Date(to),
        };
    }

    /// <exception cref="ArgumentException">The period lacks an end, or the templates have no such language.</exception>
    public static ReportDocument Build(ReportInput input, ReportTemplates templates) => new ReportText(input, templates.For(input.Language)).Document();

    private ReportDocument Document() => new()
    {
        Language = _input.Language,
        Culture = _t.Culture,
        Heading = Heading(),
        DocumentName = _t.DocumentName,
        Subject = Fill(_t.Subject),
        Introduction = [.. _t.Introduction.Select(Fill)],
        Sections = [.. _t.Sections.Select(Section)],
        Closing = [.. _t.Closing.Select(Fill)],
        Signature = new ReportSignature(
            _org.Rule.OnBehalfOf, _org.Rule.Signer, _t.RecipientsHeading, [.. _org.Rule.Recipients.Select(Fill)]),
        AnnexTitle = _t.Annex.Title,
        Annex = [Comparison(), .. ChildTables()],
    };

    private ReportHeading Heading()
    {
        var today = _input.Today;
        var date = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["d"] = today.Day.ToString(CultureInfo.InvariantCulture),
            ["dd"] = today.Day.ToString("00", CultureInfo.InvariantCulture),
            // Vietnamese documents write months 1 and 2 with a leading zero (tháng 01), so that nothing can be added before them.
            ["mm"] = today.Month.ToString(today.Month < 3 ? "00" : "0", CultureInfo.InvariantCulture),
            ["yyyy"] = today.Year.ToString(CultureInfo.InvariantCulture),
            ["monthName"] = _culture.DateTimeFormat.GetMonthName(today.Month),
        };
        return new ReportHeading(
            _parent.Organization.ToUpper(_culture),
            _org.Committee.ToUpper(_culture),
            Fill(_t.Number),
            _t.PartyHeading,
            TemplateText.Fill(_t.PlaceAndDate, date));
    }

    private ReportSection Section(SectionTemplate section)
    {
        var paragraphs = section.Paragraphs
            .Select(sentences => string.Join(" ", sentences.SelectMany(Sentences)))
            .Where(paragraph => paragraph.Length > 0);
        return new ReportSection(Fill(section.Heading), [.. paragraphs, .. section.ListWithoutInspection ? WithoutInspection() : []]);
    }

    /// <summary>The children whose subtrees hold no inspection and no supervision record for the period, as a list; nothing for a cell.</summary>
    private IEnumerable<string> WithoutInspection()
    {
        if (_input.Children.Count == 0) return [];
        var idle = _input.Children
            .Where(child => FigureValues.Of(child.Total()) is var values && values["inspections"] + values["supervisions"] == 0)
            .Select(child => child.Org.Details.Name)
            .ToList();
        if (idle.Count == 0) return [Fill(_t.WithoutInspection.None)];
        var heading = TemplateText.Fill(_t.WithoutInspection.Heading, new Dictionary<string, string>(_variables) { ["count"] = Number(idle.Count) });
        return [heading, .. idle.Select(name => TemplateText.Fill(_t.WithoutInspection.Item, new Dictionary<string, string> { ["name"] = name }))];
    }

    private IEnumerable<string> Sentences(SentenceTemplate sentence)
    {
        if (sentence.Levels is { } levels && !levels.Contains(_level)) return [];
        return Scopes(sentence.Scope).Select(scope => new SentenceWriter(this, scope).Write(sentence)).OfType<string>();
    }

    private IEnumerable<FigureScope> Scopes(SentenceScope scope) => scope switch
    {
        SentenceScope.Total => [Scope(_input.Current.Total(), _input.Previous.Total(), _variables)],
        SentenceScope.Own => [Scope(_input.Current.Own, _input.Previous.Own, _variables)],
        SentenceScope.EachBelow => Enum.GetValues<OrgLevel>().Where(level => level > _level).Select(level => Scope(
            _input.Current.ByConductorLevel.For(level),
            _input.Previous.ByConductorLevel.For(level),
            new Dictionary<string, string>(_variables) { ["conductors"] = _t.Conductors.For(level) })),
        _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, null),
    };

    private static FigureScope Scope(MetricSet current, MetricSet previous, IReadOnlyDictionary<string, string> variables) =>
        new(FigureValues.Of(current), FigureValues.Of(previous), variables);

    private ReportTable Comparison()
    {
        var current = FigureValues.Of(_input.Current.Total());
        var previous = FigureValues.Of(_input.Previous.Total());
        var (previousFrom, previousTo) = ReportPeriods.Bounds(_previousPeriod);
        var previousDates = new Dictionary<string, string> { ["from"] = Date(previousFrom), ["to"] = Date(previousTo) };
        return new ReportTable(
            _t.Annex.Comparison,
            [_t.Annex.Figure, Fill(_t.Annex.Current), TemplateText.Fill(_t.Annex.Previous, previousDates), _t.Annex.Change],
            [.. FigureTable.Groups.Select(group => new ReportTableGroup(
                Label(group),
                [.. FiguresOf(group).Select(figure => new ReportTableRow(
                    Label(figure),
                    [Number(current[figure.Name]), Number(previous[figure.Name]), _t.Numbers.Signed(current[figure.Name] - previous[figure.Name])]))]))]);
    }

    /// <summary>One table per group of figures, a row per child: all figures side by side would not fit an A4 page.</summary>
    private IEnumerable<ReportTable> ChildTables()
    {
        if (_input.Children.Count == 0) return [];
        var children = _input.Children.Select(child => (child.Org.Details.Name, Values: FigureValues.Of(child.Total()))).ToList();
        return FigureTable.Groups.Select(group => new ReportTable(
            TemplateText.Fill(_t.Annex.Children, new Dictionary<string, string> { ["group"] = Label(group) }),
            [_t.Annex.Organization, .. FiguresOf(group).Select(Label)],
            [new ReportTableGroup(null, [.. children.Select(child => new ReportTableRow(
                child.Name, [.. FiguresOf(group).Select(figure => Number(child.Values[figure.Name]))]))])]));
    }

    private static IEnumerable<Figure> FiguresOf(FigureGroup group) => FigureTable.Figures.Where(figure => figure.Group == group);

    private string Label(Figure figure) => _t.Labels == FigureLabels.Vietnamese ? figure.Vietnamese : figure.English;

    private string Label(FigureGroup group) => _t.Labels == FigureLabels.Vietnamese ? group.Vietnamese : group.English;

    private string Fill(string template) => TemplateText.Capitalized(TemplateText.Fill(template, _variables), _culture);

    private string Date(DateOnly date) => date.ToString(_t.DateFormat, CultureInfo.InvariantCulture);

    private string Number(long value) => _t.Numbers.Format(value);

    /// <summary>The figures a sentence speaks of: this period's and the previous one's, and the words it may use.</summary>
    private sealed record FigureScope(FigureValues Current, FigureValues Previous, IReadOnlyDictionary<string, string> Variables);

    /// <summary>
    /// Whether a piece of text is to be said: not when a figure it states is zero, and not when
    /// all it states is changes between periods that both had none.
    /// </summary>
    private sealed class Gate
    {
        private bool _zeroFigure;
        private bool _hasChange;
        private bool _changeHasData;

        public bool Said => !_zeroFigure && (!_hasChange || _changeHasData);

        public void Figure(long value) => _zeroFigure |= value == 0;

        public void Change(long current, long previous)
        {
            _hasChange = true;
            _changeHasData |= current != 0 || previous != 0;
        }
    }

    /// <summary>One sentence template said for one scope.</summary>
    private sealed class SentenceWriter(ReportText report, FigureScope scope)
    {
        private readonly LanguageTemplates _t = report._t;

        /// <summary>The sentence, its zero form, or null when neither is to be said.</summary>
        public string? Write(SentenceTemplate sentence)
        {
            var parts = sentence.Parts.Select(part => Expand(part, scope.Variables)).Where(part => part.Said).Select(part => part.Text).ToList();
            var variables = new Dictionary<string, string>(scope.Variables) { ["parts"] = Join(parts, _t.List.Separator) };
            var (text, said) = Expand(sentence.Text, variables);
            var workDone = sentence.When is not { } when || when.Any(name => scope.Current[name] != 0);
            if (said && workDone && (sentence.Parts.Count == 0 || parts.Count > 0)) return TemplateText.Capitalized(text, report._culture);
            return sentence.Zero is { } zero ? TemplateText.Capitalized(Expand(zero, variables).Text, report._culture) : null;
        }

        /// <summary>The template said, each [optional segment] kept only when it is to be said itself.</summary>
        private (string Text, bool Said) Expand(string template, IReadOnlyDictionary<string, string> variables)
        {
            var gate = new Gate();
            var text = string.Concat(TemplateText.Segments(template).Select(segment =>
            {
                if (!segment.Optional) return TemplateText.Replace(segment.Text, placeholder => Value(placeholder, variables, gate));
                var own = new Gate();
                var said = TemplateText.Replace(segment.Text, placeholder => Value(placeholder, variables, own));
                return own.Said ? said : "";
            }));
            return (text, gate.Said);
        }

        private string Value(Placeholder placeholder, IReadOnlyDictionary<string, string> variables, Gate gate) => placeholder.Format switch
        {
            null when variables.TryGetValue(placeholder.Name, out var value) => value,
            null => Figure(scope.Current[placeholder.Name], gate),
            Placeholder.Levels => Levels(placeholder.Name, gate),
            Placeholder.Fields => Fields(placeholder.Name, gate),
            Placeholder.Share => Share(placeholder.Name, Enum.Parse<OrgLevel>(placeholder.Argument!, ignoreCase: true), gate),
            Placeholder.Change => Change(placeholder.Name, gate),
            _ => throw new InvalidOperationException($"Unknown format {placeholder.Format}: the templates' check lets none through."),
        };

        private string Figure(long value, Gate gate)
        {
            gate.Figure(value);
            return report.Number(value);
        }

        /// <summary>"3 cấp thành phố, 59 cấp quận, 260 cấp cơ sở", or "cấp quận" alone when one level has them all.</summary>
        private string Levels(string name, Gate gate)
        {
            var levels = FigureTable.RecognitionLevels
                .Select(level => (Words: _t.RecognitionLevels.For(level), Count: scope.Current[$"{name}.{level}"]))
                .Where(level => level.Count != 0)
                .ToList();
            gate.Figure(levels.Count);
            return levels.Count switch
            {
                0 => "",
                1 => TemplateText.Fill(_t.LevelList.One, new Dictionary<string, string> { ["level"] = levels[0].Words }),
                _ => TemplateText.Fill(_t.LevelList.Many, new Dictionary<string, string>
                {
                    ["list"] = string.Join(_t.List.LevelSeparator, levels.Select(level => $"{report.Number(level.Count)} {level.Words}")),
                }),
            };
        }

        /// <summary>The figures beneath a name that are not zero, each with its label: "120 mô hình lĩnh vực kinh tế, …".</summary>
        private string Fields(string name, Gate gate)
        {
            var fields = FigureValues.Beneath(name)
                .Select(figure => (Label: report.Label(figure), Count: scope.Current[figure.Name]))
                .Where(field => field.Count != 0)
                .Select(field => $"{report.Number(field.Count)} {char.ToLower(field.Label[0], report._culture)}{field.Label[1..]}")
                .ToList();
            gate.Figure(fields.Count);
            return Join(fields, _t.List.Separator);
        }

        /// <summary>
        /// The share of the subtree's organizations at <paramref name="level"/> that the figure, as
        /// conducted at that level, counts: "100%" of grassroots organizations registered. Whatever
        /// the sentence's scope, since the share is of the whole subtree.
        /// </summary>
        private string Share(string name, OrgLevel level, Gate gate)
        {
            var part = FigureValues.Of(report._input.Current.ByConductorLevel.For(level))[name];
            var whole = OrgCount(report._input.Current.Orgs, level);
            gate.Figure(whole == 0 ? 0 : part);
            return whole == 0 || part == 0 ? "" : _t.Numbers.Percent(part, whole);
        }

        private string Change(string name, Gate gate)
        {
            var (current, previous) = (scope.Current[name], scope.Previous[name]);
            gate.Change(current, previous);
            if (report._nothingBefore) gate.Figure(0);
            var words = current.CompareTo(previous) switch
            {
                > 0 => _t.Change.Up,
                < 0 => _t.Change.Down,
                _ => _t.Change.Same,
            };
            return TemplateText.Fill(words, new Dictionary<string, string> { ["n"] = report.Number(Math.Abs(current - previous)) });
        }

        private string Join(IReadOnlyList<string> items, string separator) => items.Count switch
        {
            0 => "",
            1 => items[0],
            _ => string.Join(separator, items.Take(items.Count - 1)) + _t.List.Last + items[^1],
        };

        private static long OrgCount(OrgCounts counts, OrgLevel level) => level switch
        {
            OrgLevel.District => counts.District,
            OrgLevel.Grassroots => counts.Grassroots,
            OrgLevel.Partial => counts.Partial,
            OrgLevel.Cell => counts.Cell,
            _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
        };
    }
}
