using DongDa.Hierarchy.LoadDriver;

// Usage: dotnet run -c Release --project tests/DongDa.Hierarchy.LoadDriver -- \
//          --url http://127.0.0.1:5080 --token "$TOKEN" [--root dong-da] [--connections 16] [--seconds 20] [--warmup 5]
// Posts new records of every kind to every organization under the root from closed-loop
// connections, and prints writes per second and latency percentiles; any answer but 201 counts as an error.
var options = DriverOptions.Parse(args);
var targets = await Targets.Load(options);
Console.WriteLine($"{targets.Count} organizations under {options.Root}; {options.Connections} connections; {options.Warmup} s warm-up, then {options.Seconds} s measured.");

await new WriteDriver(options, targets).Run(TimeSpan.FromSeconds(options.Warmup), measure: false);
var result = await new WriteDriver(options, targets).Run(TimeSpan.FromSeconds(options.Seconds), measure: true);
Console.WriteLine(result);
return result.Errors == 0 ? 0 : 1;
