namespace DongDa.Hierarchy.Spreadsheets;

/// <summary>
/// The choices of every drop-down column, one column each on a hidden sheet, and the range each drop-down refers to.
/// A range on a sheet has no length limit and needs no escaping, unlike a list typed into the validation.
/// </summary>
internal sealed record ChoiceLists(Sheet? Sheet, IReadOnlyDictionary<(int Sheet, int Column), string> Ranges)
{
    /// <summary>The lists of <paramref name="sheets"/>, whose <paramref name="names"/> end with the hidden sheet's.</summary>
    public static ChoiceLists Of(IReadOnlyList<Sheet> sheets, IReadOnlyList<string> names)
    {
        var lists = sheets
            .SelectMany((sheet, index) => sheet.Columns.Select((column, columnIndex) => (Sheet: index, Column: columnIndex, column)))
            .Where(list => list.column.Choices is { Count: > 0 })
            .ToList();
        if (lists.Count == 0)
        {
            return new ChoiceLists(null, new Dictionary<(int, int), string>());
        }

        var listsName = names[^1];
        var ranges = lists
            .Select((list, index) => (list, index))
            .ToDictionary(pair => (pair.list.Sheet, pair.list.Column), pair => Range(listsName, pair.index, pair.list.column.Choices!.Count));
        var columns = lists.Select(list => new SheetColumn($"{names[list.Sheet]}: {list.column.Header}", ColumnKind.Text)).ToList();
        var choices = lists.Select(list => list.column.Choices!).ToList();
        return new ChoiceLists(new Sheet(listsName, columns, Rows(choices), FreezeHeader: false), ranges);
    }

    public IReadOnlyDictionary<int, string> RangesOf(int sheet) =>
        Ranges.Where(range => range.Key.Sheet == sheet).ToDictionary(range => range.Key.Column, range => range.Value);

    /// <summary>The lists side by side: row n holds the n-th choice of each.</summary>
    private static IEnumerable<IReadOnlyList<object?>> Rows(List<IReadOnlyList<string>> choices) =>
        Enumerable.Range(0, choices.Max(list => list.Count))
            .Select(row => (IReadOnlyList<object?>)[.. choices.Select(list => row < list.Count ? list[row] : null)]);

    private static string Range(string sheetName, int column, int count)
    {
        var letters = CellReference.Letters(column);
        return $"{SheetNames.Quoted(sheetName)}!${letters}$2:${letters}${count + 1}";
    }
}
