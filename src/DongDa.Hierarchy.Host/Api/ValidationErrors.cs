using System.Text.RegularExpressions;

namespace DongDa.Hierarchy.Host.Api;

/// <summary>Collects the problems of one request, by field, for a problem+json <c>errors</c> map.</summary>
public sealed partial class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public void Add(string field, string message)
    {
        // Field names can come from the client (unknown fields); an answer must not echo a huge one.
        if (field.Length > 100) field = field[..100] + "…";
        if (!_errors.TryGetValue(field, out var messages))
        {
            _errors[field] = messages = [];
        }

        messages.Add(message);
    }

    public IDictionary<string, string[]> ToDictionary() => _errors.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray());

    public T? Required<T>(string field, T? value) where T : struct
    {
        if (value is null) Add(field, "This field is required.");
        return value;
    }

    public void RequiredText(string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value)) Add(field, "This field is required and must not be blank.");
        else OptionalText(field, value, maxLength);
    }

    public void OptionalText(string field, string? value, int maxLength)
    {
        if (value is null) return;
        if (value.Length > maxLength) Add(field, $"At most {maxLength} characters.");
        if (value.Any(char.IsControl)) Add(field, "Control characters are not allowed.");
    }

    public void Range(string field, int? value, int min, int max)
    {
        if (value is null) Add(field, "This field is required.");
        else if (value < min || value > max) Add(field, $"Must be between {min} and {max}.");
    }

    public void Date(string field, DateOnly? value)
    {
        if (value is null) Add(field, "This field is required (YYYY-MM-DD).");
        else if (value < ApiLimits.EarliestDate || value > ApiLimits.LatestDate)
            Add(field, $"Must be between {ApiLimits.EarliestDate:yyyy-MM-dd} and {ApiLimits.LatestDate:yyyy-MM-dd}.");
    }

    public void OrgId(string field, string? value, bool required)
    {
        if (value is null)
        {
            if (required) Add(field, "This field is required.");
        }
        else if (!IsOrgId(value))
        {
            Add(field, "Must match ^[a-z0-9][a-z0-9-]{0,63}$.");
        }
    }

    public void RecordId(string field, string? value)
    {
        if (value is not null && !RecordIdPattern().IsMatch(value))
        {
            Add(field, "Must match ^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$.");
        }
    }

    public static bool IsOrgId(string value) => OrgIdPattern().IsMatch(value);

    [GeneratedRegex(@"^[a-z0-9][a-z0-9-]{0,63}\z", RegexOptions.CultureInvariant)]
    private static partial Regex OrgIdPattern();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}\z", RegexOptions.CultureInvariant)]
    private static partial Regex RecordIdPattern();
}
