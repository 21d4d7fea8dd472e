using System.Globalization;
using System.Text;
using System.Xml;

namespace DongDa.Hierarchy.Spreadsheets;

/// <summary>The values a sheet row may hold, as text for a CSV file or for a workbook's XML.</summary>
internal static class CellText
{
    /// <summary>Excel refuses a cell longer than this and offers to "repair" the whole workbook.</summary>
    private const int MaxCellChars = 32_767;

    /// <summary>What a spreadsheet takes for the start of a formula when it opens a CSV file.</summary>
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    /// <summary>
    /// Text that a spreadsheet would run as a formula (<c>=HYPERLINK(…)</c> in a name) is written
    /// behind an apostrophe, as OWASP advises against CSV injection; <see cref="FromCsv"/> takes it off.
    /// </summary>
    public static string Csv(object? value) => value switch
    {
        null => string.Empty,
        string text when text.Length > 0 && FormulaStarts.Contains(text[0]) => "'" + text,
        string text => text,
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        _ => Number(value),
    };

    /// <summary>A CSV cell as it was before <see cref="Csv"/> protected it.</summary>
    public static string FromCsv(string cell) => cell.Length > 1 && cell[0] == '\'' && FormulaStarts.Contains(cell[1]) ? cell[1..] : cell;

    /// <summary>A number as XML and CSV write it: invariant culture, round-trippable.</summary>
    public static string Number(object value) => value switch
    {
        int or long or decimal => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        double number when double.IsFinite(number) => number.ToString("R", CultureInfo.InvariantCulture),
        _ => throw new ArgumentException(
            $"A cell holds {value} ({value.GetType().Name}); a sheet holds string, int, long, finite double, decimal, DateOnly, bool or null."),
    };

    /// <summary>
    /// The text without the characters XML 1.0 cannot carry (control characters, lone surrogates), which only come
    /// from pasted garbage, cut to what Excel accepts in a cell.
    /// </summary>
    public static string Xml(string text)
    {
        if (text.Length <= MaxCellChars && text.All(XmlConvert.IsXmlChar))
        {
            return text;
        }

        var safe = new StringBuilder(Math.Min(text.Length, MaxCellChars));
        for (var i = 0; i < text.Length; i++)
        {
            var pair = i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]);
            if (!pair && !XmlConvert.IsXmlChar(text[i]))
            {
                continue;
            }

            var length = pair ? 2 : 1;
            if (safe.Length + length > MaxCellChars)
            {
                break;
            }

            safe.Append(text, i, length);
            i += length - 1;
        }

        return safe.ToString();
    }

    public static void CheckWidth(IReadOnlyList<object?> row, int columns, int number)
    {
        if (row.Count != columns)
        {
            throw new ArgumentException($"Row {number} has {row.Count} values for {columns} columns.");
        }
    }
}
