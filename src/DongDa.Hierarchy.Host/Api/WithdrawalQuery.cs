using System.ComponentModel.DataAnnotations;
using DongDa.Hierarchy.Validation;

namespace DongDa.Hierarchy.Host.Api;

/// <summary>The query of a withdrawal: <c>reason</c>, required, as a person's text is.</summary>
public sealed class WithdrawalQuery : IBoundInput
{
    private static readonly TextAttribute ReasonRule = new(InputRules.MaxTextLength);

    private WithdrawalQuery(string reason, IResult? problem)
    {
        Reason = reason;
        Problem = problem;
    }

    public string Reason { get; }
    public IResult? Problem { get; }

    public static ValueTask<WithdrawalQuery?> BindAsync(HttpContext context)
    {
        var values = context.Request.Query["reason"];
        var reason = values.Count == 1 ? values[0] ?? "" : "";
        var problem = values.Count != 1 || reason.Length == 0
            ? "Say why the record is withdrawn: give reason once."
            : ReasonRule.GetValidationResult(reason, new ValidationContext(reason) { MemberName = "reason" })?.ErrorMessage;
        return ValueTask.FromResult<WithdrawalQuery?>(new WithdrawalQuery(reason, problem is null ? null : Problems.Invalid("reason", problem)));
    }
}
