namespace DongDa.Hierarchy.Host.Access;

/// <summary>What a caller may do within its subtrees; each role includes the ones before it.</summary>
public enum Role
{
    None = 0,

    /// <summary>Reads organizations, records, metrics and drill-downs.</summary>
    Viewer = 1,

    /// <summary>Also posts records.</summary>
    Recorder = 2,

    /// <summary>Also creates, updates and moves organizations, and reads the audit trail.</summary>
    Admin = 3,
}

/// <summary>The least role an endpoint needs, attached to it as metadata.</summary>
public sealed record RequiredRole(Role Role);
