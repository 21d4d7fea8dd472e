using System.Globalization;
using System.Text;

namespace DongDa.Hierarchy.Organizations;

/// <summary>
/// Matching of organization names as people type them: without Vietnamese diacritics and in any
/// case, so that "lang thuong" finds "Láng Thượng" and "DONG DA" finds "Đống Đa".
/// </summary>
public static class OrgNameSearch
{
    /// <summary>Lower case, without diacritics (đ counts as d), words separated by single spaces.</summary>
    public static string Fold(string text)
    {
        var folded = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            var plain = c is 'đ' or 'Đ' ? 'd' : char.ToLowerInvariant(c);
            if (char.IsWhiteSpace(plain))
            {
                if (folded.Length > 0 && folded[^1] != ' ') folded.Append(' ');
            }
            else
            {
                folded.Append(plain);
            }
        }

        return folded.ToString().TrimEnd();
    }

    /// <summary>Whether every word of the folded query occurs in the folded name or in the id.</summary>
    public static bool Matches(string foldedQuery, string name, string id)
    {
        var foldedName = Fold(name);
        return foldedQuery.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .All(word => foldedName.Contains(word, StringComparison.Ordinal) || id.Contains(word, StringComparison.Ordinal));
    }
}

/// <summary>An organization found by a search, with its path from the root searched from.</summary>
[GenerateSerializer, Immutable, Alias("dongda.OrgMatch")]
public sealed record OrgMatch
{
    [Id(0)] public required OrgSnapshot Org { get; init; }

    /// <summary>Ids from the organization searched from down to this one.</summary>
    [Id(1)] public required IReadOnlyList<string> Path { get; init; }
}
