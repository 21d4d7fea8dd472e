namespace DongDa.Hierarchy.Grains;

/// <summary>
/// References to string-keyed grains of one interface, for the paths that make one per request.
/// <c>GetGrain&lt;T&gt;(key)</c> resolves the interface's grain type by reflection on every call (a
/// trace of warm metrics reads put 7% of their allocations there); the type and interface are
/// resolved once here, from the first reference, so every reference made here is the one
/// <c>GetGrain</c> would make.
/// </summary>
public sealed class GrainReferences<TGrain> where TGrain : class, IGrainWithStringKey
{
    private readonly IGrainFactory _grains;
    private readonly GrainType _type;
    private readonly GrainInterfaceType _interface;

    public GrainReferences(IGrainFactory grains)
    {
        _grains = grains;
        var first = (GrainReference)(object)grains.GetGrain<TGrain>("-");
        (_type, _interface) = (first.GrainId.Type, first.InterfaceType);
    }

    public TGrain this[string key] => (TGrain)_grains.GetGrain(GrainId.Create(_type, key), _interface);
}
