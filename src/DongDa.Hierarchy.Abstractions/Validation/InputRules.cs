using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace DongDa.Hierarchy.Validation;

/// <summary>
/// The limits on what a client may store, stated once and applied by the data-annotation attributes
/// below, which the domain types carry: the API checks a body with them before any grain call.
/// </summary>
public static partial class InputRules
{
    public const int MaxNameLength = 300;
    public const int MaxTextLength = 2000;
    public const int MaxKindLength = 40;
    public const int MaxModelsPerRecord = 50;
    public const int MaxMemberCount = 10_000_000;
    public const int MaxCount = 10_000_000;
    public static readonly DateOnly EarliestDate = new(1930, 1, 1);
    public static readonly DateOnly LatestDate = new(2099, 12, 31);

    public const string OrgIdMessage = "Must match ^[a-z0-9][a-z0-9-]{0,63}$.";
    public const string RecordIdMessage = "Must match ^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$.";
    public const string RangeMessage = "Must be between {1} and {2}.";

    public static bool IsOrgId(string value) => OrgIdPattern().IsMatch(value);

    public static bool IsRecordId(string value) => RecordIdPattern().IsMatch(value);

    public static bool IsInRange(DateOnly date) => date >= EarliestDate && date <= LatestDate;

    public static string DateRangeMessage => $"Must be between {EarliestDate:yyyy-MM-dd} and {LatestDate:yyyy-MM-dd}.";

    [GeneratedRegex(@"^[a-z0-9][a-z0-9-]{0,63}\z", RegexOptions.CultureInvariant)]
    private static partial Regex OrgIdPattern();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}\z", RegexOptions.CultureInvariant)]
    private static partial Regex RecordIdPattern();
}

/// <summary>An organization id, when given.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class OrgIdAttribute : ValidationAttribute
{
    public OrgIdAttribute() : base(InputRules.OrgIdMessage) { }

    public override bool IsValid(object? value) => value is null || value is string id && InputRules.IsOrgId(id);
}

/// <summary>A client's record id, when given.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class RecordIdAttribute : ValidationAttribute
{
    public RecordIdAttribute() : base(InputRules.RecordIdMessage) { }

    public override bool IsValid(object? value) => value is null || value is string id && InputRules.IsRecordId(id);
}

/// <summary>A day within the years records may fall in.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class DayAttribute : ValidationAttribute
{
    public DayAttribute() : base(() => InputRules.DateRangeMessage) { }

    public override bool IsValid(object? value) => value is not DateOnly date || InputRules.IsInRange(date);
}

/// <summary>
/// Text a person typed: not blank, at most <paramref name="maxLength"/> characters, no control
/// characters. Whether it may be absent is the property's own nullability.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class TextAttribute(int maxLength) : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext context)
    {
        if (value is not string text) return ValidationResult.Success;
        string? problem = string.IsNullOrWhiteSpace(text) ? "Must not be blank."
            : text.Length > maxLength ? $"At most {maxLength} characters."
            : text.Any(char.IsControl) ? "Control characters are not allowed."
            : null;
        return problem is null ? ValidationResult.Success : new ValidationResult(problem, context.MemberName is { } member ? [member] : null);
    }
}
