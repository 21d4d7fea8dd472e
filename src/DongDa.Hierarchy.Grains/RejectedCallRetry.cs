namespace DongDa.Hierarchy.Grains;

/// <summary>
/// Sends a grain call again when a silo rejected it unprocessed: a silo leaving the cluster rejects
/// calls to the grains it has handed over ("Silo stopping"), with word of where they went, and an
/// overloaded gateway rejects calls it has not taken. A rejected call was never invoked, so sending
/// it again is safe whatever it does; the next attempt finds the grain's new activation. Three
/// attempts more, 350 ms in all, well inside any caller's deadline.
/// </summary>
internal sealed class RejectedCallRetry : IOutgoingGrainCallFilter
{
    private static readonly TimeSpan[] Pauses = [TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200)];

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await context.Invoke();
                return;
            }
            catch (OrleansMessageRejectionException) when (attempt < Pauses.Length)
            {
                await Task.Delay(Pauses[attempt]);
            }
        }
    }
}
