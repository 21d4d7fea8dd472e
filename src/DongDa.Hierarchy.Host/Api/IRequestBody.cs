namespace DongDa.Hierarchy.Host.Api;

/// <summary>A JSON request body that checks its own fields after it has been read.</summary>
public interface IRequestBody
{
    void Validate(ValidationErrors errors);
}

/// <summary>An argument whose binding may already have decided the answer (a 4xx problem).</summary>
public interface IBoundInput
{
    IResult? Problem { get; }
}
