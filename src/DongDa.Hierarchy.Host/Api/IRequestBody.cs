namespace DongDa.Hierarchy.Host.Api;

/// <summary>A JSON request body that checks its own fields after it has been read.</summary>
public interface IRequestBody
{
    void Validate(ValidationErrors errors);
}
