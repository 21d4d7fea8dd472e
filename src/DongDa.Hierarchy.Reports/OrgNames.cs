using System.Text;

namespace DongDa.Hierarchy.Reports;

/// <summary>An organization as the document names it: its committee, who leads its inspections, and the rule that gave them.</summary>
internal sealed record NamedOrg(CommitteeRule Rule, string Organization, string Committee, string Leader)
{
    /// <summary>
    /// Names an organization by the first committee rule whose prefix its name starts with, so that
    /// "Đảng bộ phường Láng Thượng" gives "Đảng ủy phường Láng Thượng" and "Đảng bộ quận Đống Đa"
    /// gives "Quận ủy Đống Đa". Names typed in decomposed form or in another case still match.
    /// </summary>
    public static NamedOrg Of(string name, LanguageTemplates templates)
    {
        var normalized = name.Normalize(NormalizationForm.FormC).Trim();
        var rule = templates.Committees.First(rule => normalized.StartsWith(rule.Prefix, StringComparison.OrdinalIgnoreCase));
        var variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["name"] = normalized,
            ["rest"] = normalized[rule.Prefix.Length..],
        };
        var committee = TemplateText.Fill(rule.Committee, variables);
        variables["committee"] = committee;
        return new NamedOrg(rule, TemplateText.Fill(rule.Organization, variables), committee, TemplateText.Fill(rule.Leader, variables));
    }
}
