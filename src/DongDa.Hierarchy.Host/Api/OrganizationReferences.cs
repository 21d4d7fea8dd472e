namespace DongDa.Hierarchy.Host.Api;

/// <summary>
/// References to organization grains for the API's handlers. <c>GetGrain&lt;T&gt;(key)</c> resolves the
/// interface's grain type by reflection on every call (a trace of warm metrics reads put 7% of
/// their allocations there); the type and interface are resolved once here, from the first
/// reference, so every reference made here is the one <c>GetGrain</c> would make.
/// </summary>
public sealed class OrganizationReferences
{
    private readonly IGrainFactory _grains;
    private readonly GrainType _type;
    private readonly GrainInterfaceType _interface;

    public OrganizationReferences(IGrainFactory grains)
    {
        _grains = grains;
        var first = (GrainReference)grains.GetGrain<IOrganizationGrain>("-");
        (_type, _interface) = (first.GrainId.Type, first.InterfaceType);
    }

    public IOrganizationGrain this[string id] => (IOrganizationGrain)_grains.GetGrain(GrainId.Create(_type, id), _interface);
}
