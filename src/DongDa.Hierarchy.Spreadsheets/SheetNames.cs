namespace DongDa.Hierarchy.Spreadsheets;

/// <summary>Sheet names as Excel allows them: 1 to 31 characters, none of []:*?/\, no apostrophe at either end, unique.</summary>
internal static class SheetNames
{
    private const int MaxLength = 31;
    private static readonly char[] Forbidden = ['[', ']', ':', '*', '?', '/', '\\'];

    public static List<string> Unique(IEnumerable<string> names)
    {
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var unique = new List<string>();
        foreach (var name in names)
        {
            var clean = Clean(name, unique.Count + 1);
            var candidate = clean;
            for (var n = 2; !used.Add(candidate); n++)
            {
                candidate = Cut(clean, MaxLength - $" ({n})".Length) + $" ({n})";
            }

            unique.Add(candidate);
        }

        return unique;
    }

    /// <summary>The name as a formula refers to it: quoted, with its apostrophes doubled.</summary>
    public static string Quoted(string name) => $"'{name.Replace("'", "''", StringComparison.Ordinal)}'";

    private static string Clean(string name, int position)
    {
        var replaced = string.Concat(name.Select(c => Forbidden.Contains(c) || char.IsControl(c) ? '_' : c));
        var clean = Cut(replaced.Trim().Trim('\''), MaxLength).Trim().Trim('\'');

        // Excel keeps "History" for its change tracking.
        return clean.Length == 0 || clean.Equals("History", StringComparison.OrdinalIgnoreCase) ? $"Sheet{position}" : clean;
    }

    /// <summary>At most the given length, without splitting a surrogate pair.</summary>
    private static string Cut(string text, int length) =>
        text.Length <= length ? text : text[..(char.IsHighSurrogate(text[length - 1]) ? length - 1 : length)];
}
