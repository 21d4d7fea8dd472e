namespace DongDa.Hierarchy.LoadDriver;

/// <summary>What the driver targets and how hard.</summary>
public sealed record DriverOptions(Uri Url, string Token, string Root, int Connections, int Seconds, int Warmup)
{
    public static DriverOptions Parse(string[] args)
    {
        string Value(string name, string? fallback = null)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1]
                : fallback ?? throw new ArgumentException($"{name} is required.");
        }

        return new DriverOptions(
            new Uri(Value("--url")), Value("--token"), Value("--root", "dong-da"),
            int.Parse(Value("--connections", "16")), int.Parse(Value("--seconds", "20")), int.Parse(Value("--warmup", "5")));
    }
}
