namespace DongDa.Hierarchy.Host.Api;

/// <summary>An argument whose binding may already have decided the answer (a 4xx problem).</summary>
public interface IBoundInput
{
    IResult? Problem { get; }
}
