using System.Diagnostics;
using System.Net;
using DongDa.Hierarchy.TestSupport;

namespace DongDa.Hierarchy.Cluster.Tests;

/// <summary>
/// Machines of their own on this one: network namespaces, each joined to a bridge by a veth pair and
/// given an address in a private test range (10.231.x.0/24), the bridge holding the range's first
/// address for what runs here (PostgreSQL, the balancer). Needs root and iproute2. Everything made
/// is removed on dispose, whatever happened.
/// </summary>
public sealed class TestNetwork : IAsyncDisposable
{
    private readonly string _id = Convert.ToHexString(BitConverter.GetBytes(Random.Shared.Next())).ToLowerInvariant()[..4];
    private readonly int _subnet = Random.Shared.Next(1, 255);
    private readonly List<string> _namespaces = [];
    private bool _bridge;

    private TestNetwork()
    {
    }

    /// <summary>The bridge's address, reachable from every namespace.</summary>
    public IPAddress Gateway => IPAddress.Parse($"10.231.{_subnet}.1");

    public IReadOnlyList<string> Namespaces => _namespaces;

    /// <summary>The address of machine <paramref name="index"/> (from 0) in its namespace.</summary>
    public IPAddress AddressOf(int index) => IPAddress.Parse($"10.231.{_subnet}.{11 + index}");

    private string Bridge => $"ddbr{_id}";

    private string HostEnd(int index) => $"ddv{_id}{index}";

    public static async Task<TestNetwork> CreateAsync(int machines)
    {
        if (!Environment.IsPrivilegedProcess) throw new MissingPrerequisiteException("Root (to make network namespaces)", "run the suite as root, as .ci/run does");
        var network = new TestNetwork();
        try
        {
            await Ip("link", "add", network.Bridge, "type", "bridge");
            network._bridge = true;
            await Ip("addr", "add", $"{network.Gateway}/24", "dev", network.Bridge);
            await Ip("link", "set", network.Bridge, "up");
            for (var index = 0; index < machines; index++)
            {
                var space = $"dd{network._id}m{index}";
                var inside = $"ddp{network._id}{index}";
                await Ip("netns", "add", space);
                network._namespaces.Add(space);
                await Ip("link", "add", network.HostEnd(index), "type", "veth", "peer", "name", inside);
                await Ip("link", "set", inside, "netns", space);
                await Ip("link", "set", network.HostEnd(index), "master", network.Bridge);
                await Ip("link", "set", network.HostEnd(index), "up");
                await Ip("-n", space, "addr", "add", $"{network.AddressOf(index)}/24", "dev", inside);
                await Ip("-n", space, "link", "set", inside, "up");
                await Ip("-n", space, "link", "set", "lo", "up");
            }

            return network;
        }
        catch
        {
            await network.DisposeAsync();
            throw;
        }
    }

    /// <summary>Cuts machine <paramref name="index"/> off (its cable pulled: the bridge's end of its link down), or joins it again.</summary>
    public Task SetLink(int index, bool up) => Ip("link", "set", HostEnd(index), up ? "up" : "down");

    public async ValueTask DisposeAsync()
    {
        // Deleting a namespace deletes the veth inside it, and with it the bridge's end.
        foreach (var space in _namespaces) await Ip(throwOnFailure: false, "netns", "del", space);
        if (_bridge) await Ip(throwOnFailure: false, "link", "del", Bridge);
    }

    private static Task Ip(params string[] arguments) => Ip(true, arguments);

    private static async Task Ip(bool throwOnFailure, params string[] arguments)
    {
        var (exitCode, _, error) = await ProcessRun.RunAsync(new ProcessStartInfo("ip", arguments), TimeSpan.FromSeconds(30));
        if (exitCode != 0 && throwOnFailure) throw new InvalidOperationException($"ip {string.Join(' ', arguments)} failed ({exitCode}): {error}");
    }
}
