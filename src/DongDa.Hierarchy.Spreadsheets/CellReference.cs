namespace DongDa.Hierarchy.Spreadsheets;

/// <summary>Column letters of A1 references: A is column 0, Z 25, AA 26.</summary>
internal static class CellReference
{
    /// <summary>Excel's last column is XFD; a reference past it is not trusted to size a row.</summary>
    public const int MaxColumns = 16_384;

    public static string Letters(int column)
    {
        var letters = string.Empty;
        for (var n = column + 1; n > 0; n = (n - 1) / 26)
        {
            letters = (char)('A' + ((n - 1) % 26)) + letters;
        }

        return letters;
    }

    /// <summary>The column of a reference such as "C5", or null when it names none Excel could have.</summary>
    public static int? Column(string? reference)
    {
        var column = 0;
        var letters = 0;
        foreach (var c in reference ?? string.Empty)
        {
            if (!char.IsAsciiLetter(c))
            {
                break;
            }

            column = (column * 26) + (char.ToUpperInvariant(c) - 'A' + 1);
            if (++letters > 3)
            {
                return null;
            }
        }

        return letters == 0 || column > MaxColumns ? null : column - 1;
    }
}
