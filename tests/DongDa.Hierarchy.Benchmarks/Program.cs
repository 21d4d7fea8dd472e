using System.Collections.Concurrent;
using System.Diagnostics;
using DongDa.Hierarchy;
using DongDa.Hierarchy.Benchmarks;
using DongDa.Hierarchy.Grains.Figures;
using DongDa.Hierarchy.Metrics;
using DongDa.Hierarchy.Organizations;
using DongDa.Hierarchy.Records;

// Usage: dotnet run -c Release --project tests/DongDa.Hierarchy.Benchmarks -- [sizes, e.g. 1000,10000,100000]
// PostgreSQL joins the comparison when DONGDA_BENCH_PG holds an Npgsql connection string.
var sizes = (args.FirstOrDefault() ?? "1000,10000").Split(',').Select(int.Parse).ToArray();
var postgres = Environment.GetEnvironmentVariable("DONGDA_BENCH_PG");
const int Seed = 2020;
var term = new Period { From = DistrictGenerator.TermStart, To = DistrictGenerator.TermEnd };

Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1L << 30)} GiB, " +
                  $"{System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
Console.WriteLine($"Period of the root rollups: {term.From:yyyy-MM-dd} to {term.To:yyyy-MM-dd}; times are median / p99.");

foreach (var size in sizes)
{
    var work = Path.Combine(Path.GetTempPath(), $"dongda-bench-{size}-{Guid.NewGuid():N}");
    Directory.CreateDirectory(work);
    var database = Path.Combine(work, "grains.db");
    var orgs = new DistrictGenerator(size, Seed).Generate();
    var cells = orgs.Where(org => org.Level == OrgLevel.Cell).Select(org => org.Id).ToArray();
    var written = new ConcurrentBag<OrgRecord>();
    var random = new Random(Seed);
    var report = new List<(string Figure, string Orleans, string Sqlite, string Postgres)>();
    Console.WriteLine($"\n== {size:N0} organizations ==");

    Dictionary<(string Node, Period Period), long[][]> orleansAnswers = [];
    Latencies warm, afterWrite, periodLatencies;
    var probes = Enumerable.Range(0, 5).Select(_ => (Node: orgs[random.Next(orgs.Count)].Id, Period: RandomPeriod(random))).ToList();
    probes.Insert(0, ("bench", term));

    await using (var silo = await OrleansSide.Start(database))
    {
        var loading = Stopwatch.StartNew();
        foreach (var depth in orgs.GroupBy(org => org.Level).OrderBy(group => group.Key))
        {
            await Parallel.ForEachAsync(depth, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (org, _) =>
                await silo.Org(org.Id).Upsert(new OrgDetails { Name = org.Id, Level = org.Level, Kind = "bench", ParentId = org.ParentId, MemberCount = 30 }, WriteGrant.System));
        }

        var organizationsLoaded = loading.Elapsed;
        long recordCount = 0;
        await Parallel.ForEachAsync(orgs, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (org, _) =>
        {
            var records = DistrictGenerator.RecordsFor(org.Id, DistrictGenerator.RecordCountFor(org.Id, Seed), Seed);
            await silo.Org(org.Id).AddRecords(records, WriteGrant.System);
            foreach (var record in records) written.Add(record);
            Interlocked.Add(ref recordCount, records.Count);
        });
        Console.WriteLine($"Loaded {orgs.Count:N0} organizations and {recordCount:N0} records through the grains in {loading.Elapsed.TotalSeconds:F1} s " +
                          $"(organizations {organizationsLoaded.TotalSeconds:F1} s, records {(loading.Elapsed - organizationsLoaded).TotalSeconds:F1} s)");

        var root = silo.Org("bench");
        var first = Stopwatch.StartNew();
        await root.Rollup(term);
        Console.WriteLine($"First root rollup after loading: {Latencies.Format(first.Elapsed.TotalMicroseconds)}");
        warm = await Latencies.Measure(1000, async _ => await root.Rollup(term));
        report.Add(("warm root rollup", warm.ToString(), "", ""));
        // As the API asks: with the stamp of the answer it keeps, so that an unchanged answer is not sent again.
        var seen = (await root.RollupUnlessSeen(term, default))!.Stamp;
        var unchanged = await Latencies.Measure(1000, async _ => await root.RollupUnlessSeen(term, seen));
        report.Add(("warm root rollup, caller holds the answer (stamp only)", unchanged.ToString(), "", ""));

        afterWrite = new Latencies();
        long calls = 0;
        for (var i = 0; i < 200; i++)
        {
            var cell = cells[random.Next(cells.Length)];
            var record = DistrictGenerator.RandomRecord(random, cell, $"after-{i}");
            await silo.Org(cell).AddRecord(record, WriteGrant.System);
            written.Add(record);
            silo.Calls.Reset();
            silo.Calls.Counting = true;
            var started = Stopwatch.GetTimestamp();
            await root.Rollup(term);
            afterWrite.Add(Stopwatch.GetElapsedTime(started));
            silo.Calls.Counting = false;
            calls += silo.Calls.Count;
        }

        report.Add(("root rollup right after a cell write", afterWrite.ToString(), "", ""));
        report.Add(("  organization grain calls per such rollup", $"{calls / 200.0:F1}", "", ""));

        periodLatencies = await Latencies.Measure(500, async _ =>
            await silo.Org(orgs[random.Next(orgs.Count)].Id).Rollup(RandomPeriod(random)));
        report.Add(("random day-bounded period at a random node", periodLatencies.ToString(), "", ""));

        const int SustainedWrites = 4000;
        var sustained = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, SustainedWrites), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (i, _) =>
        {
            var cell = cells[(int)((uint)(i * 2654435761) % cells.Length)];
            var record = DistrictGenerator.RandomRecord(new Random(i), cell, $"sustained-{i}");
            await silo.Org(cell).AddRecord(record, WriteGrant.System);
            written.Add(record);
        });
        report.Add(("sustained writes (64 concurrent writers)", $"{SustainedWrites / sustained.Elapsed.TotalSeconds:N0} /s", "", ""));

        // Under a district of their own, so that the compared rollups of "bench" keep 100 records per organization.
        await silo.Org("latency").Upsert(new OrgDetails { Name = "latency", Level = OrgLevel.District, Kind = "bench", MemberCount = 0 }, WriteGrant.System);
        var latencyOrgs = new List<GeneratedOrg> { new("latency", OrgLevel.District, null) };
        foreach (var (id, own) in new[] { ("w10", 10), ("w100k", 100_000) })
        {
            await silo.Org(id).Upsert(new OrgDetails { Name = id, Level = OrgLevel.Grassroots, Kind = "bench", ParentId = "latency", MemberCount = 30 }, WriteGrant.System);
            latencyOrgs.Add(new GeneratedOrg(id, OrgLevel.Grassroots, "latency"));
            var history = DistrictGenerator.RecordsFor(id, own, Seed);
            foreach (var batch in history.Chunk(1000)) await silo.Org(id).AddRecords(batch, WriteGrant.System);
            foreach (var record in history) written.Add(record);
        }

        foreach (var (id, own) in new[] { ("w10", 10), ("w100k", 100_000) })
        {
            var latencies = await Latencies.Measure(200, async i =>
            {
                var record = DistrictGenerator.RandomRecord(random, id, $"latency-{i}");
                await silo.Org(id).AddRecord(record, WriteGrant.System);
                written.Add(record);
            });
            report.Add(($"write latency at a node with {own:N0} own records", latencies.ToString(), "", ""));
        }

        orgs.AddRange(latencyOrgs);

        // Organizations with no record at all, so that what an organization grain takes apart from its counters shows.
        await silo.Org("bare").Upsert(new OrgDetails { Name = "bare", Level = OrgLevel.District, Kind = "bench", MemberCount = 0 }, WriteGrant.System);
        await Parallel.ForEachAsync(BareIds(size), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (id, _) =>
            await silo.Org(id).Upsert(new OrgDetails { Name = id, Level = OrgLevel.Grassroots, Kind = "bench", ParentId = "bare", MemberCount = 30 }, WriteGrant.System));

        foreach (var probe in probes.DistinctBy(probe => probe.Node + probe.Period))
        {
            orleansAnswers[(probe.Node, probe.Period)] = Flatten((await silo.Org(probe.Node).Rollup(probe.Period))!);
        }
    }

    await using (var silo = await OrleansSide.Start(database))
    {
        var bare = BareIds(size);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        await Parallel.ForEachAsync(bare, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (id, _) => await silo.Org(id).GetSnapshot());
        var bareActivated = GC.GetTotalMemory(forceFullCollection: true);
        await Parallel.ForEachAsync(orgs, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (org, _) => await silo.Org(org.Id).GetSnapshot());
        var activated = GC.GetTotalMemory(forceFullCollection: true);
        var perBare = (bareActivated - before) / (double)bare.Count;
        var perOrg = (activated - bareActivated) / (double)orgs.Count;
        var days = written.GroupBy(record => record.OrgId).Average(own => own.Select(record => record.Date).Distinct().Count());
        report.Add(("memory per active organization grain (state, no rollup yet)", $"{perOrg / 1024:F1} KB", "", ""));
        report.Add(("  of which the grain without records (details, links, activation)", $"{perBare / 1024:F1} KB", "", ""));
        report.Add(($"  the rest, per day of own history ({days:F1} days per organization)", $"{(perOrg - perBare) / days:F0} B", "", ""));
    }

    // The organizations stored the sums of their children as the first silo let them go.
    var withChildren = orgs.Where(org => orgs.Any(child => child.ParentId == org.Id)).Count();
    var sumsStored = OrleansSide.StoredSums(database);
    await using (var silo = await OrleansSide.Start(database))
    {
        var cold = Stopwatch.StartNew();
        var coldAnswer = await silo.Org("bench").Rollup(term);
        cold.Stop();
        report.Add(($"cold root rollup on a fresh silo, sums stored ({sumsStored.Count:N0} of {withChildren:N0} organizations with children; largest row {sumsStored.LargestBytes / 1024.0:N0} KB)", Latencies.Format(cold.Elapsed.TotalMicroseconds), "", ""));
        Console.WriteLine($"{report[^1].Figure}: {report[^1].Orleans}");
        if (!SameFigures(Flatten(coldAnswer!), orleansAnswers[("bench", term)])) Console.WriteLine("!! cold answer from the stored sums differs from the warm one");
    }

    // As a store an earlier build wrote, with no sum stored: every organization is summed.
    OrleansSide.DeleteStoredSums(database);
    await using (var silo = await OrleansSide.Start(database))
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var cold = Stopwatch.StartNew();
        // At 100,000 organizations summing everything takes longer than the 30 s response timeout;
        // the organizations go on summing, and the call asked again joins them.
        var timeouts = 0;
        SubtreeRollup? coldAnswer = null;
        while (coldAnswer is null)
        {
            try
            {
                coldAnswer = await silo.Org("bench").Rollup(term);
            }
            catch (TimeoutException)
            {
                timeouts++;
            }
        }

        cold.Stop();
        var after = GC.GetTotalMemory(forceFullCollection: true);
        var timedOut = timeouts == 0 ? "" : $", {timeouts} call(s) past the 30 s response timeout first";
        report.Add(($"cold root rollup on a fresh silo, no sum stored (every organization summed{timedOut})", Latencies.Format(cold.Elapsed.TotalMicroseconds), "", ""));
        report.Add(("memory per organization grain after that cold root rollup", $"{(after - before) / orgs.Count / 1024.0:F1} KB", "", ""));
        Console.WriteLine($"{report[^2].Figure}: {report[^2].Orleans}");
        if (!SameFigures(Flatten(coldAnswer), orleansAnswers[("bench", term)])) Console.WriteLine("!! cold answer differs from the warm one");
    }

    var sides = new List<RecursiveSql> { RecursiveSql.Sqlite(Path.Combine(work, "recursive.db")) };
    if (!string.IsNullOrEmpty(postgres)) sides.Add(RecursiveSql.Postgres(postgres));
    var sqlColumns = new Dictionary<string, List<string>>();
    var shapeRows = new Dictionary<string, Dictionary<SqlShape, (Latencies Root, Latencies Random, bool Equal)>>();
    foreach (var sql in sides)
    {
        var column = sqlColumns[sql.Name] = [];
        var loading = Stopwatch.StartNew();
        await sql.Load(orgs, written);
        Console.WriteLine($"Loaded {written.Count:N0} records into {sql.Name} in {loading.Elapsed.TotalSeconds:F1} s");
        var times = size >= 100_000 ? 2 : 5;
        var randomProbes = Enumerable.Range(0, times).Select(_ => (Node: orgs[random.Next(orgs.Count)].Id, Period: RandomPeriod(random))).ToList();
        var shapes = shapeRows[sql.Name] = [];
        foreach (var shape in Enum.GetValues<SqlShape>())
        {
            var root = await sql.Time(times, "bench", _ => term, shape);
            var randomNodes = await Latencies.Measure(times, async i => await sql.Rollup(randomProbes[i].Node, randomProbes[i].Period, shape));
            var equal = true;
            foreach (var ((node, period), answer) in orleansAnswers) equal &= SameFigures(await sql.Rollup(node, period, shape), answer);
            shapes[shape] = (root, randomNodes, equal);
            Console.WriteLine($"{sql.Name}, {shape} query: answers equal to the grains' for {orleansAnswers.Count} rollups: {(equal ? "yes" : "NO")}");
        }

        var warmSql = shapes[SqlShape.Full].Root;
        column.Add(warmSql.ToString());
        column.Add(warmSql.ToString());
        column.Add("1 query");
        column.Add(shapes[SqlShape.Full].Random.ToString());
        var fastest = shapes.Values.Min(timing => timing.Root.Median);
        column.Add($"fastest SQL query / grains, median: warm {fastest / warm.Median:N0}×, right after a write {fastest / afterWrite.Median:N0}×");
        await sql.DisposeAsync();
    }

    Console.WriteLine();
    Console.WriteLine($"| SQL baselines ({size:N0} organizations), median / p99 | {string.Join(" | ", shapeRows.Keys.Select(name => $"{name}: whole term at the root | {name}: random node and period"))} |");
    Console.WriteLine($"|---|{string.Concat(shapeRows.Keys.Select(_ => "---|---|"))}");
    foreach (var shape in Enum.GetValues<SqlShape>())
    {
        var label = shape switch { SqlShape.Full => "(a) full recursive query", SqlShape.Lean => "(b) lean recursive query, grouped", _ => "(c) closure table, grouped" };
        Console.WriteLine($"| {label} | {string.Join(" | ", shapeRows.Values.Select(shapes => $"{shapes[shape].Root} | {shapes[shape].Random}"))} |");
    }

    Console.WriteLine($"| grains (warm) | {string.Join(" | ", shapeRows.Keys.Select(_ => $"{warm} | {periodLatencies}"))} |");

    Console.WriteLine();
    Console.WriteLine();
    Console.WriteLine($"| figure ({size:N0} organizations) | grains | {string.Join(" | ", sqlColumns.Keys.Select(name => $"full recursive SQL, {name}"))} |");
    Console.WriteLine($"|---|---|{string.Concat(sqlColumns.Keys.Select(_ => "---|"))}");
    string[] sqlRows = ["warm root rollup", "root rollup right after a cell write", "  organization grain calls per such rollup", "random day-bounded period at a random node"];
    foreach (var (figure, orleans, _, _) in report)
    {
        var row = Array.IndexOf(sqlRows, figure);
        Console.WriteLine($"| {figure.Trim()} | {orleans} | {string.Join(" | ", sqlColumns.Values.Select(column => row >= 0 ? column[row] : ""))} |");
    }

    foreach (var (name, column) in sqlColumns) Console.WriteLine($"{name}: {column[^1]}");
    Directory.Delete(work, recursive: true);
}

static List<string> BareIds(int size) => [.. Enumerable.Range(0, Math.Max(1000, size / 5)).Select(i => $"bare-{i}")];

static Period RandomPeriod(Random random)
{
    var span = DistrictGenerator.TermEnd.DayNumber - DistrictGenerator.TermStart.DayNumber;
    var from = DistrictGenerator.TermStart.AddDays(random.Next(span));
    return new Period { From = from, To = from.AddDays(random.Next(1, 400)) };
}

static long[][] Flatten(SubtreeRollup rollup) =>
    Enum.GetValues<OrgLevel>().Select(level => FigureLayout.Flatten(rollup.ByConductorLevel.For(level))).ToArray();

static bool SameFigures(long[][] x, long[][] y) => x.Zip(y).All(pair => pair.First.SequenceEqual(pair.Second));
