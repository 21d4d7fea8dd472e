namespace DongDa.Hierarchy.Host.Api;

/// <summary>The query of an organization search: <c>q</c> (the words to find) and <c>limit</c>.</summary>
public sealed class SearchQuery : IBoundInput
{
    public const int MaxQueryLength = 100;
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    private SearchQuery(string text, int limit, IResult? problem)
    {
        Text = text;
        Limit = limit;
        Problem = problem;
    }

    public string Text { get; }
    public int Limit { get; }
    public IResult? Problem { get; }

    public static ValueTask<SearchQuery?> BindAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var errors = new ValidationErrors();
        var text = query.TryGetValue("q", out var values) && values.Count == 1 ? values[0]?.Trim() ?? "" : "";
        if (text.Length is 0 or > MaxQueryLength)
        {
            errors.Add("q", $"Give the words to find once, 1 to {MaxQueryLength} characters.");
        }

        var limit = PageQuery.ParseLimit(query, errors, DefaultLimit, MaxLimit);
        return ValueTask.FromResult<SearchQuery?>(new SearchQuery(text, limit, errors.Any ? Problems.Invalid(errors) : null));
    }
}
