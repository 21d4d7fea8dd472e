namespace DongDa.Hierarchy.TestSupport;

/// <summary>
/// A part the tests need (a PostgreSQL server, Prometheus, Chromium) is not on this machine. Its
/// message is one line naming the part and the command that provides it; it carries no stack
/// trace and no inner exception, so a run without the part reads as that line, not as a stack of
/// connection errors.
/// </summary>
public sealed class MissingPrerequisiteException(string part, string provide)
    : Exception($"{part} is missing: {provide} (./test.sh installs and starts everything the tests need).")
{
    public override string? StackTrace => null;
}
