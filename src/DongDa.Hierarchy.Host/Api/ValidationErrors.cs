namespace DongDa.Hierarchy.Host.Api;

/// <summary>Collects the problems of one request, by field, for a problem+json <c>errors</c> map.</summary>
public sealed class ValidationErrors
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
}
