using System.Buffers.Text;
using System.Text;

namespace DongDa.Hierarchy.Host.Api;

/// <summary>
/// Opaque, URL-safe cursors of the paged listings: two parts, written as base64url of
/// <c>first|second</c>. Each listing decides what the parts mean.
/// </summary>
public static class Cursor
{
    public const int MaxLength = 256;

    public delegate bool Decoder<T>(string cursor, out T? position);

    public static string Encode(string first, string second) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{first}|{second}"));

    public static bool TryDecode(string cursor, out string first, out string second)
    {
        first = second = "";
        if (cursor.Length > MaxLength) return false;
        string text;
        try
        {
            text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
        }
        catch (FormatException)
        {
            return false;
        }

        var separator = text.IndexOf('|');
        if (separator < 0) return false;
        (first, second) = (text[..separator], text[(separator + 1)..]);
        return true;
    }

    /// <summary>The <c>cursor</c> query value as <paramref name="decode"/> reads it; null when absent, an error naming <c>cursor</c> when not one of ours.</summary>
    public static T? Parse<T>(IQueryCollection query, ValidationErrors errors, Decoder<T> decode) where T : class
    {
        if (!query.TryGetValue("cursor", out var values) || string.IsNullOrEmpty(values[0])) return null;
        if (values.Count == 1 && decode(values[0]!, out var position)) return position;
        errors.Add("cursor", "Not a cursor this API gave out.");
        return null;
    }
}
