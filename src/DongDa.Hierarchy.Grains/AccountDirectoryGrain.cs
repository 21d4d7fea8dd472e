using DongDa.Hierarchy.Accounts;

namespace DongDa.Hierarchy.Grains;

[GenerateSerializer, Alias("dongda.AccountDirectoryState")]
public sealed record AccountDirectoryState
{
    [Id(0)] public Dictionary<string, AccountProfile> Accounts { get; set; } = [];
}

/// <summary>
/// The profiles of every account, one grain for the whole system: a district's accounts number in
/// the hundreds, and an admin's listing reads them all at once. Each account writes its own here
/// after storing it, so an account whose write here failed is listed with its last profile until
/// its next change.
/// </summary>
[GrainType("accountdirectory")]
public sealed class AccountDirectoryGrain(
    [PersistentState("accountDirectory", StorageNames.Hierarchy)] IPersistentState<AccountDirectoryState> state) : Grain, IAccountDirectoryGrain
{
    public async Task Put(AccountProfile profile)
    {
        if (state.State.Accounts.GetValueOrDefault(profile.UserName) == profile) return;
        var before = state.State.Accounts.GetValueOrDefault(profile.UserName);
        state.State.Accounts[profile.UserName] = profile;
        await state.WriteOrUndo("storage write account directory", () =>
        {
            if (before is null) state.State.Accounts.Remove(profile.UserName); else state.State.Accounts[profile.UserName] = before;
        }, DeactivateOnIdle);
    }

    public Task<IReadOnlyList<AccountProfile>> List() =>
        Task.FromResult<IReadOnlyList<AccountProfile>>([.. state.State.Accounts.Values.OrderBy(profile => profile.UserName, StringComparer.Ordinal)]);
}
