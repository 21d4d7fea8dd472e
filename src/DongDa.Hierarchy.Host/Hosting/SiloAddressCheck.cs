using System.Net;
using System.Net.NetworkInformation;
using Microsoft.Extensions.Options;

namespace DongDa.Hierarchy.Host.Hosting;

/// <summary>
/// A silo advertising an address that is not its own would be listed in the membership table where
/// no silo answers: the others would count it dead and every call to it would time out. It is
/// refused at start instead, naming the addresses the machine has.
/// </summary>
public sealed class SiloAddressCheck : IValidateOptions<HierarchyHostOptions>
{
    public ValidateOptionsResult Validate(string? name, HierarchyHostOptions options)
    {
        if (options.Address is not { Length: > 0 } text) return ValidateOptionsResult.Success;
        if (!IPAddress.TryParse(text, out var address))
        {
            return ValidateOptionsResult.Fail($"{HierarchyHostOptions.Section}:{nameof(HierarchyHostOptions.Address)} \"{text}\" is not an IP address; set the address the other silos reach this one at (environment variable {HierarchyHostOptions.Section}__{nameof(HierarchyHostOptions.Address)}).");
        }

        var own = OwnAddresses();
        return own.Contains(address)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{HierarchyHostOptions.Section}:{nameof(HierarchyHostOptions.Address)} {address} is not an address of this machine (it has {string.Join(", ", own)}); a silo can only advertise an address it listens on.");
    }

    private static List<IPAddress> OwnAddresses() =>
    [
        .. NetworkInterface.GetAllNetworkInterfaces()
            .Where(face => face.OperationalStatus != OperationalStatus.Down)
            .SelectMany(face => face.GetIPProperties().UnicastAddresses)
            .Select(unicast => unicast.Address)
            .Distinct(),
    ];
}
