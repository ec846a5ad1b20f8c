using System.Globalization;
using PesanAI.TestBed;

namespace PesanAI.Bench;

/// <summary>
/// The run: the real host over its own fresh database; warm-up; single-message POSTs; batched POSTs; every
/// payload redelivered; a check that the store holds each message exactly once; then the plain-Npgsql
/// baseline with the same messages, transaction sizes and concurrency in another fresh database; the report.
/// </summary>
internal static class IngestBenchmark
{
    public const string PostgresVariable = "PESANAI_BENCH_POSTGRES";

    public static async Task<bool> RunAsync(BenchOptions options)
    {
        var source = UsePostgres();
        var oursDatabase = new PostgresDatabase();
        var baselineDatabase = new PostgresDatabase();
        try
        {
            await oursDatabase.InitializeAsync();
            await baselineDatabase.InitializeAsync();
            var machine = await Machine.DescribeAsync(oursDatabase.ConnectionString, source);
            Print(machine);
            Print($"run:        {options.Concurrency} concurrent senders, {options.Customers:N0} customers; "
                + $"warm-up {options.WarmupSingle:N0} single + {options.WarmupBatches:N0} batched POSTs; "
                + $"measured {options.SinglePosts:N0} single + {options.Batches:N0} × {options.BatchSize} batched POSTs; "
                + $"redeliveries ×{options.Redeliveries}");

            var ours = await OursAsync(options, oursDatabase);
            if (ours is null)
            {
                return false;
            }

            var baseline = options.Baseline ? await BaselineAsync(options, baselineDatabase, ours.Value.Deliveries) : null;
            if (options.Baseline && baseline is null)
            {
                return false;
            }

            PrintReport(ours.Value.Results, baseline);
            return true;
        }
        finally
        {
            await oursDatabase.DisposeAsync();
            await baselineDatabase.DisposeAsync();
        }
    }

    private static async Task<(IReadOnlyList<ScenarioResult> Results, Deliveries Deliveries)?> OursAsync(BenchOptions options, PostgresDatabase database)
    {
        await using var host = await BenchHost.StartAsync(database.ConnectionString);
        var tenant = await host.RegisterTenantAsync();
        var workload = new Workload(tenant, options.Customers, options.Seed);
        var deliveries = new Deliveries(
            workload.Create(options.WarmupSingle, 1),
            workload.Create(options.WarmupBatches, options.BatchSize),
            workload.Create(options.SinglePosts, 1),
            workload.Create(options.Batches, options.BatchSize));
        Print($"workload:   {Workload.CustomersIn(deliveries.All):N0} distinct customers; bodies {deliveries.Single.FirstOrDefault()?.Body.Length ?? 0:N0} B (1 message), "
            + $"{deliveries.Batched.FirstOrDefault()?.Body.Length ?? 0:N0} B ({options.BatchSize} messages)");

        using var sender = new WebhookSender(host.HttpAddress, options.Concurrency);
        using var calls = new DatabaseCalls(database.DatabaseName);
        var post = new Target(sender.PostAsync, options.Concurrency, calls, sender, host.Log);
        await MeasureAsync("warm-up", deliveries.WarmupSingle, post);
        await MeasureAsync("warm-up", deliveries.WarmupBatched, post);
        var results = new List<ScenarioResult>
        {
            await MeasureAsync("ours: 1 message per POST", deliveries.Single, post),
            await MeasureAsync($"ours: {options.BatchSize} messages per POST", deliveries.Batched, post),
        };
        if (!await VerifyAsync(database.ConnectionString, deliveries.MessageCount, "after the fresh deliveries"))
        {
            return null;
        }

        if (options.Redeliveries > 0)
        {
            results.Add(await MeasureAsync($"ours: 1 message per POST, redelivered ×{options.Redeliveries}", Repeat(deliveries.Single, options.Redeliveries), post));
            results.Add(await MeasureAsync($"ours: {options.BatchSize} messages per POST, redelivered ×{options.Redeliveries}", Repeat(deliveries.Batched, options.Redeliveries), post));
            if (!await VerifyAsync(database.ConnectionString, deliveries.MessageCount, "after the redeliveries (duplicates store no message)"))
            {
                return null;
            }
        }

        return (results, deliveries);
    }

    private static async Task<IReadOnlyList<ScenarioResult>?> BaselineAsync(BenchOptions options, PostgresDatabase database, Deliveries deliveries)
    {
        await using var baseline = await Baseline.CreateAsync(database.ConnectionString, options.Concurrency, "bench-tenant");
        using var calls = new DatabaseCalls(database.DatabaseName);
        var store = new Target(baseline.StoreAsync, options.Concurrency, calls, null, null);
        await MeasureAsync("baseline warm-up", deliveries.WarmupSingle, store);
        await MeasureAsync("baseline warm-up", deliveries.WarmupBatched, store);
        IReadOnlyList<ScenarioResult> results =
        [
            await MeasureAsync("baseline: 1 message per transaction", deliveries.Single, store),
            await MeasureAsync($"baseline: {options.BatchSize} messages per transaction", deliveries.Batched, store),
        ];
        var (events, keys) = await baseline.CountAsync();
        var ok = events == deliveries.MessageCount && keys == deliveries.MessageCount;
        Print($"verified:   baseline holds {events:N0} event rows and {keys:N0} key rows for {deliveries.MessageCount:N0} messages: {(ok ? "exact" : "WRONG")}");
        return ok ? results : null;
    }

    private static async Task<ScenarioResult> MeasureAsync(string name, Delivery[] deliveries, Target target)
    {
        var cpu = CpuSample.Take();
        var db = target.Calls.Snapshot();
        var timings = await LoadRunner.RunAsync(deliveries.Length, target.Concurrency, i => target.Send(deliveries[i]));
        var cpuUse = CpuSample.Take().Since(cpu);
        var dbAfter = target.Calls.Snapshot();
        var failures = target.Sender?.TakeFailures() ?? new Dictionary<int, int>();
        var serverLog = target.Log?.Take() ?? [];
        var redelivered = target.Sender is null ? 0 : await target.Sender.RedeliverAsync([.. timings.Failed.Select(i => deliveries[i])], target.Concurrency);
        target.Sender?.TakeFailures();
        var result = new ScenarioResult(name, deliveries.Length, deliveries.FirstOrDefault()?.Messages.Count ?? 0, timings, failures, redelivered,
            cpuUse, new DatabaseUse(dbAfter.Operations - db.Operations, dbAfter.Seconds - db.Seconds, dbAfter.Failed - db.Failed));
        Print(string.Create(CultureInfo.InvariantCulture,
            $"{name,-52} {result.Posts,7:N0} POSTs in {result.Seconds,6:0.0} s: {result.PostsPerSecond,7:N0} POSTs/s, {result.MessagesPerSecond,7:N0} msgs/s, "
            + $"p50 {result.Latency.P50:0.0} ms, p99 {result.Latency.P99:0.0} ms, non-200 {result.FailureText}"));
        Print(serverLog.Select(line => "            server log: " + line));
        if (redelivered > 0)
        {
            Print($"            redelivered the refused POSTs after the phase, like Meta: {redelivered:N0} POSTs until all were answered 200; server log: "
                + string.Join("; ", target.Log?.Take() ?? []));
        }

        return result;
    }

    private static async Task<bool> VerifyAsync(string connectionString, long expected, string when)
    {
        var counts = await StoreCounts.ReadAsync(connectionString);
        var ok = counts.HoldsExactly(expected);
        Print($"verified:   {when}, for {expected:N0} messages sent: {counts}: {(ok ? "exact" : "WRONG: messages lost or doubled")}");
        return ok;
    }

    private static void PrintReport(IReadOnlyList<ScenarioResult> ours, IReadOnlyList<ScenarioResult>? baseline)
    {
        Print("");
        Print(Report.Results(baseline is null ? ours : [.. ours, .. baseline]));
        Print(Report.TimeGoes(baseline is null ? ours : [.. ours, .. baseline]));
        if (baseline is not null)
        {
            Print(Report.Ratios([(ours[0], baseline[0]), (ours[1], baseline[1])]));
        }

        foreach (var line in Report.Goals(ours[0], ours[1], baseline?[0], baseline?[1]))
        {
            Print(line);
        }
    }

    /// <summary>PESANAI_BENCH_POSTGRES wins; else the tests' own way to a server (tests/TestBed).</summary>
    private static string UsePostgres()
    {
        var bench = Environment.GetEnvironmentVariable(PostgresVariable);
        if (!string.IsNullOrWhiteSpace(bench))
        {
            Environment.SetEnvironmentVariable(PostgresServer.ConnectionStringVariable, bench);
            return PostgresVariable;
        }

        return string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(PostgresServer.ConnectionStringVariable))
            ? "tests/TestBed: a Docker container if an engine answers, else a throwaway local cluster"
            : PostgresServer.ConnectionStringVariable;
    }

    private static Delivery[] Repeat(Delivery[] deliveries, int times) => [.. Enumerable.Repeat(deliveries, times).SelectMany(d => d)];

    private static void Print(IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            Print(line);
        }
    }

    private static void Print(string line) => Console.WriteLine(line);

    /// <summary>Where a phase sends its deliveries: the webhook over HTTP (with the server's log), or the baseline.</summary>
    private sealed record Target(Func<Delivery, Task<bool>> Send, int Concurrency, DatabaseCalls Calls, WebhookSender? Sender, ServerLog? Log);

    /// <summary>Every POST of the run, built up front; the baseline stores exactly these messages.</summary>
    private sealed record Deliveries(Delivery[] WarmupSingle, Delivery[] WarmupBatched, Delivery[] Single, Delivery[] Batched)
    {
        public IEnumerable<Delivery> All => WarmupSingle.Concat(WarmupBatched).Concat(Single).Concat(Batched);

        public long MessageCount => All.Sum(d => (long)d.Messages.Count);
    }
}
