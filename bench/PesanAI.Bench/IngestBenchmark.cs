using System.Globalization;
using PesanAI.TestBed;

namespace PesanAI.Bench;

/// <summary>
/// The run: the real host over its own fresh database; warm-up; a traced probe; single-message POSTs; batched
/// POSTs; every payload redelivered; a check that the store holds each message exactly once; then the
/// plain-Npgsql baseline with the same messages, transaction sizes and concurrency in another fresh database.
/// </summary>
internal static class IngestBenchmark
{
    public const string PostgresVariable = "PESANAI_BENCH_POSTGRES";

    /// <summary>POSTs per warm-up window (single messages), and batched POSTs per window.</summary>
    private const int WarmupWindow = 5_000;
    private const int WarmupBatchWindow = 20;

    public static async Task<bool> RunAsync(BenchOptions options)
    {
        var source = UsePostgres();
        var oursDatabase = new PostgresDatabase();
        var baselineDatabase = new PostgresDatabase();
        try
        {
            await oursDatabase.InitializeAsync();
            await baselineDatabase.InitializeAsync();
            Out.Lines(await Machine.DescribeAsync(oursDatabase.ConnectionString, source));
            await CheckQuietAsync();
            Out.Line(string.Create(CultureInfo.InvariantCulture,
                $"run:        {options.Concurrency} concurrent senders ({options.BatchedConcurrency} for batched POSTs), {options.Customers:N0} customers; "
                + $"warm-up until steady ({options.WarmupSingle:N0}–{options.WarmupSingleMax:N0} single, {options.WarmupBatches:N0}–{options.WarmupBatchesMax:N0} batched POSTs), a quiet machine before each phase; "
                + $"measured {options.SinglePosts:N0} single + {options.Batches:N0} × {options.BatchSize} batched POSTs; redeliveries ×{options.Redeliveries}"
                + $"{(options.HostNpgsql.Length == 0 ? string.Empty : $"; server's Npgsql settings + '{options.HostNpgsql}'")}"));

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

            Out.Line(string.Empty);
            Out.Lines(Report.All(ours.Value.Results, baseline));
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
        // The server runs as the database's owner, no superuser, under row-level security, as `./pesanai up` runs it.
        var owner = await database.OwnerConnectionStringAsync();
        var connectionString = options.HostNpgsql.Length == 0 ? owner : owner + ";" + options.HostNpgsql;
        await using var host = await BenchHost.StartAsync(connectionString);
        var tenant = await host.RegisterTenantAsync();
        var workload = new Workload(tenant, options.Customers, options.Seed);
        Delivery[] probe = [.. workload.Create(1, 1), .. workload.Create(1, options.BatchSize)];
        var single = workload.Create(options.SinglePosts, 1);
        var batched = workload.Create(options.Batches, options.BatchSize);
        Out.Line(string.Create(CultureInfo.InvariantCulture,
            $"workload:   {Workload.CustomersIn([.. probe, .. single, .. batched]):N0} distinct customers in the measured POSTs; bodies {probe[0].Body.Length:N0} B (1 message), "
            + $"{probe[1].Body.Length:N0} B ({options.BatchSize} messages)"));

        using var sender = new WebhookSender(host.HttpAddress, Math.Max(options.Concurrency, options.BatchedConcurrency));
        using var calls = new DatabaseCalls(database.DatabaseName);
        var post = new Target(sender.PostAsync, options.Concurrency, calls, sender, host.Log);
        var postBatches = post with { Concurrency = options.BatchedConcurrency };
        var warmupSingle = await WarmUp.UntilSteadyAsync(
            "1 message per POST", n => workload.Create(n, 1), WarmupWindow, options.WarmupSingle, options.WarmupSingleMax, post);
        var warmupBatched = await WarmUp.UntilSteadyAsync(
            $"{options.BatchSize} messages per POST", n => workload.Create(n, options.BatchSize),
            WarmupBatchWindow, options.WarmupBatches, options.WarmupBatchesMax, postBatches);
        var deliveries = new Deliveries([.. warmupSingle], [.. warmupBatched], probe, single, batched);
        await WarmUp.QuietAsync();
        await Phase.TraceAsync(sender, deliveries.Probe[0], deliveries.Probe[1]);
        await WarmUp.QuietAsync();
        var results = new List<ScenarioResult>
        {
            await Phase.MeasureAsync("ours: 1 message per POST", deliveries.Single, post),
        };
        await WarmUp.QuietAsync();
        results.Add(await Phase.MeasureAsync($"ours: {options.BatchSize} messages per POST", deliveries.Batched, postBatches));
        if (!await Phase.VerifyAsync(database.ConnectionString, deliveries.MessageCount, "after the fresh deliveries"))
        {
            return null;
        }

        // The harness's ceiling: the same single-message POSTs under a wrong signature, refused with 401 after the
        // body is read and its number's secret found (cached), with no database work.
        await WarmUp.QuietAsync();
        results.Add(await Phase.MeasureAsync("ceiling: 1 message per POST, wrong signature (401)", deliveries.Single, post with { Send = sender.PostBadlySignedAsync }));

        if (options.Redeliveries > 0)
        {
            await WarmUp.QuietAsync();
            results.Add(await Phase.MeasureAsync($"ours: 1 message per POST, redelivered ×{options.Redeliveries}", Repeat(deliveries.Single, options.Redeliveries), post));
            await WarmUp.QuietAsync();
            results.Add(await Phase.MeasureAsync($"ours: {options.BatchSize} messages per POST, redelivered ×{options.Redeliveries}", Repeat(deliveries.Batched, options.Redeliveries), postBatches));
            if (!await Phase.VerifyAsync(database.ConnectionString, deliveries.MessageCount, "after the redeliveries (duplicates store no message)"))
            {
                return null;
            }
        }

        return (results, deliveries);
    }

    private static async Task<IReadOnlyList<ScenarioResult>?> BaselineAsync(BenchOptions options, PostgresDatabase database, Deliveries deliveries)
    {
        await using var baseline = await Baseline.CreateAsync(database.ConnectionString, Math.Max(options.Concurrency, options.BatchedConcurrency), "bench-tenant");
        using var calls = new DatabaseCalls(database.DatabaseName);
        var store = new Target(baseline.StoreAsync, options.Concurrency, calls, null, null);
        var storeBatches = store with { Concurrency = options.BatchedConcurrency };
        await Phase.MeasureAsync("baseline warm-up", deliveries.WarmupSingle, store);
        await Phase.MeasureAsync("baseline warm-up", deliveries.WarmupBatched, storeBatches);
        await Phase.MeasureAsync("baseline warm-up (the traced messages)", deliveries.Probe, store with { Concurrency = 1 });
        await WarmUp.QuietAsync();
        var singleResult = await Phase.MeasureAsync("baseline: 1 message per transaction", deliveries.Single, store);
        await WarmUp.QuietAsync();
        IReadOnlyList<ScenarioResult> results =
        [
            singleResult,
            await Phase.MeasureAsync($"baseline: {options.BatchSize} messages per transaction", deliveries.Batched, storeBatches),
        ];
        var (events, keys) = await baseline.CountAsync();
        var ok = events == deliveries.MessageCount && keys == deliveries.MessageCount;
        Out.Line($"verified:   baseline holds {events:N0} event rows and {keys:N0} key rows for {deliveries.MessageCount:N0} messages: {(ok ? "exact" : "WRONG")}");
        return ok ? results : null;
    }

    /// <summary>Numbers from a busy machine say little: tell whether it was quiet before the run.</summary>
    private static async Task CheckQuietAsync()
    {
        var start = CpuSample.Take();
        await Task.Delay(TimeSpan.FromSeconds(3));
        var busy = CpuSample.Take().Since(start).Machine;
        Out.Line(string.Create(CultureInfo.InvariantCulture,
            $"before:     {busy:0.00} of {Environment.ProcessorCount} cores busy over 3 s before the run "
            + $"{(busy > 0.25 ? "(NOT quiet: other work competes; see 'cores: other processes')" : "(quiet)")}"));
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

    /// <summary>Every POST of the run, built up front; the baseline stores exactly these messages.</summary>
    private sealed record Deliveries(Delivery[] WarmupSingle, Delivery[] WarmupBatched, Delivery[] Probe, Delivery[] Single, Delivery[] Batched)
    {
        public IEnumerable<Delivery> All => WarmupSingle.Concat(WarmupBatched).Concat(Probe).Concat(Single).Concat(Batched);

        public long MessageCount => All.Sum(d => (long)d.Messages.Count);
    }
}
