using System.Globalization;
using PesanAI.TestBed;

namespace PesanAI.Bench;

/// <summary>
/// The run: the real host over its own fresh database. First with the ingest processor off (a node that only
/// acknowledges): warm-up, a traced probe, and the acknowledgement of 1-, 100- and 1,000-message POSTs. Then a host
/// with the processor on over the same database: the backlog those phases left, drained; a backlog under load; paced
/// load with the lag from acknowledgement to stored; every payload redelivered; the store checked (each message
/// exactly once, every webhook processed). Then the plain-Npgsql baselines in another fresh database.
/// </summary>
internal static class IngestBenchmark
{
    public const string PostgresVariable = "PESANAI_BENCH_POSTGRES";

    /// <summary>POSTs per warm-up window: single messages, batched, large.</summary>
    private const int WarmupWindow = 5_000;
    private const int WarmupBatchWindow = 200;
    private const int WarmupLargeWindow = 50;

    private static readonly TimeSpan DrainTimeout = TimeSpan.FromMinutes(20);

    /// <summary>Settlements this close to each other are one claim's (its one update sets them all).</summary>
    private static readonly TimeSpan SameClaim = TimeSpan.FromMilliseconds(10);

    /// <summary>The backlog bound is the server's own protection; here it must not refuse what the phases send on purpose.</summary>
    private static readonly Dictionary<string, string?> Unbounded = new() { ["PESANAI_INBOUND_MAX_BACKLOG_MB"] = "1000000" };

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
                $"run:        {options.Concurrency} concurrent senders of 1-message POSTs, {options.BatchedConcurrency} of {options.BatchSize}-message POSTs, "
                + $"{options.LargeConcurrency} of {options.LargeSize}-message POSTs; {options.Customers:N0} customers; "
                + $"warm-up until steady ({options.WarmupSingle:N0}–{options.WarmupSingleMax:N0} single, {options.WarmupBatches:N0}–{options.WarmupBatchesMax:N0} batched, "
                + $"{options.WarmupLarge:N0}–{options.WarmupLargeMax:N0} large POSTs), a quiet machine before each phase; "
                + $"acknowledgement measured with the processor off: {options.SinglePosts:N0} single, {options.Batches:N0} × {options.BatchSize}, {options.LargeBatches:N0} × {options.LargeSize}; "
                + $"processor on: backlog {options.BacklogPosts:N0} × {options.BacklogSize}, paced {options.PacedRate:N0} messages/s in POSTs of {options.PacedSize} for {options.PacedSeconds} s; "
                + $"redeliveries ×{options.Redeliveries}; PESANAI_INBOUND_MAX_BACKLOG_MB={Unbounded["PESANAI_INBOUND_MAX_BACKLOG_MB"]}, other settings default"
                + $"{(options.HostNpgsql.Length == 0 ? string.Empty : $"; server's Npgsql settings + '{options.HostNpgsql}'")}"));

            var ours = await OursAsync(options, oursDatabase);
            if (ours is null)
            {
                return false;
            }

            var (run, deliveries, tenant) = ours.Value;
            var rawInsert = options.Baseline ? await RawInsertAsync(options, baselineDatabase, deliveries, tenant) : null;
            var eventStore = options.Baseline ? await EventStoreAsync(options, baselineDatabase, deliveries) : null;
            if (options.Baseline && (rawInsert is null || eventStore is null))
            {
                return false;
            }

            Out.Line(string.Empty);
            Out.Lines(Report.All(run, rawInsert, eventStore));
            return true;
        }
        finally
        {
            await oursDatabase.DisposeAsync();
            await baselineDatabase.DisposeAsync();
        }
    }

    private static async Task<(IngestRun Run, Deliveries Deliveries, BenchTenant Tenant)?> OursAsync(BenchOptions options, PostgresDatabase database)
    {
        // The server runs as the database's owner, no superuser, under row-level security, as `./pesanai up` runs it.
        var owner = await database.OwnerConnectionStringAsync();
        var connectionString = options.HostNpgsql.Length == 0 ? owner : owner + ";" + options.HostNpgsql;
        var admin = database.ConnectionString;
        var others = new List<ScenarioResult>();
        BenchTenant tenant;
        Deliveries deliveries;
        AckPhases ack;

        // A node that only acknowledges (PESANAI_INBOUND_PROCESSOR=false): the 200's own cost, like for like with the raw insert.
        await using (var host = await BenchHost.StartAsync(connectionString, new Dictionary<string, string?>(Unbounded) { ["PESANAI_INBOUND_PROCESSOR"] = "false" }))
        {
            tenant = await host.RegisterTenantAsync();
            (ack, deliveries) = await AcknowledgeAsync(options, host, tenant, database, others);
        }

        // The same database under a host with the processor on: what the ack phases left is a backlog to drain.
        await using var processing = await BenchHost.StartAsync(connectionString, Unbounded);
        var drained = await DrainAsync(admin, ack, deliveries);
        if (drained is null || !await Phase.VerifyAsync(admin, deliveries.MessageCount, "after the acknowledged phases' backlog was drained"))
        {
            return null;
        }

        var workload = new Workload(tenant, options.Customers, options.Seed + 1);
        using var sender = new WebhookSender(processing.HttpAddress, Math.Max(options.Concurrency, Math.Max(options.BatchedConcurrency, options.LargeConcurrency)));
        using var calls = new DatabaseCalls(database.DatabaseName);
        // The backlog goes out from the batched POSTs' senders; the paced phase is open loop (no fixed senders).
        var post = new Target(sender.PostAsync, options.BatchedConcurrency, calls, sender, processing.Log);
        var results = new List<ProcessingResult>(drained);

        // The processing host has not answered a POST yet: its first burst pays for new connections (HTTP and
        // PostgreSQL) and first calls, about 1 s on this machine. A burst of the same shape, not measured, warms it.
        var backlog0 = workload.Create(Math.Min(options.BacklogPosts, 50), options.BacklogSize);
        await WhileProcessingAsync("warm-up (not measured): the processing host's first POSTs", backlog0, post, null, admin, others);
        var backlog = workload.Create(options.BacklogPosts, options.BacklogSize);
        var underLoad = await WhileProcessingAsync(
            $"ours, processor on: backlog of {options.BacklogPosts:N0} × {options.BacklogSize} sent at once", backlog, post, null, admin, others);
        if (underLoad is null)
        {
            return null;
        }

        results.Add(underLoad);
        var sent = deliveries.MessageCount + backlog.Sum(d => (long)d.Messages.Count) + backlog0.Sum(d => (long)d.Messages.Count);
        if (options.PacedSeconds > 0)
        {
            var perSecond = (double)options.PacedRate / options.PacedSize;
            var paced = workload.Create(Math.Max(1, (int)(perSecond * options.PacedSeconds)), options.PacedSize);
            var lag = await WhileProcessingAsync(
                $"ours, processor on: paced {options.PacedRate:N0} messages/s ({perSecond:0.##} POSTs/s × {options.PacedSize}) for {options.PacedSeconds} s",
                paced, post, perSecond, admin, others);
            if (lag is null)
            {
                return null;
            }

            results.Add(lag with { OfferedPerSecond = options.PacedRate });
            sent += paced.Sum(d => (long)d.Messages.Count);
        }

        if (!await Phase.VerifyAsync(admin, sent, "after the backlog and paced phases"))
        {
            return null;
        }

        if (options.Redeliveries > 0)
        {
            foreach (var (measured, senders) in new[] { (deliveries.Single, options.Concurrency), (deliveries.Batched, options.BatchedConcurrency), (deliveries.Large, options.LargeConcurrency) })
            {
                await WarmUp.QuietAsync();
                others.Add(await Phase.MeasureAsync(
                    $"ours, processor on: {measured.FirstOrDefault()?.Messages.Count} per POST, redelivered ×{options.Redeliveries}",
                    Repeat(measured, options.Redeliveries), post with { Concurrency = senders }));
            }

            if (await InboundTable.UntilDrainedAsync(admin, DrainTimeout) is null
                || !await Phase.VerifyAsync(admin, sent, "after the redeliveries (duplicates store no message)"))
            {
                return null;
            }
        }

        return (new IngestRun(ack.Results, others, results), deliveries, tenant);
    }

    /// <summary>Warm-up, the traced probe, each POST size's acknowledgement, the 401 ceiling; the arrival numbers between them.</summary>
    private static async Task<(AckPhases Ack, Deliveries Deliveries)> AcknowledgeAsync(
        BenchOptions options, BenchHost host, BenchTenant tenant, PostgresDatabase database, List<ScenarioResult> others)
    {
        var admin = database.ConnectionString;
        var workload = new Workload(tenant, options.Customers, options.Seed);
        Delivery[] probe = [.. workload.Create(1, 1), .. workload.Create(1, options.BatchSize)];
        var single = workload.Create(options.SinglePosts, 1);
        var batched = workload.Create(options.Batches, options.BatchSize);
        var large = workload.Create(options.LargeBatches, options.LargeSize);
        var largeBody = large.FirstOrDefault()?.Body.Length ?? 0;
        Out.Line(string.Create(CultureInfo.InvariantCulture,
            $"workload:   {Workload.CustomersIn([.. probe, .. single, .. batched, .. large]):N0} distinct customers in the measured POSTs; bodies {probe[0].Body.Length:N0} B (1 message), "
            + $"{probe[1].Body.Length:N0} B ({options.BatchSize} messages), {largeBody:N0} B ({options.LargeSize} messages)"));

        using var sender = new WebhookSender(host.HttpAddress, Math.Max(options.Concurrency, Math.Max(options.BatchedConcurrency, options.LargeConcurrency)));
        using var calls = new DatabaseCalls(database.DatabaseName);
        var post = new Target(sender.PostAsync, options.Concurrency, calls, sender, host.Log);
        var postBatches = post with { Concurrency = options.BatchedConcurrency };
        var postLarge = post with { Concurrency = options.LargeConcurrency };
        var warmupSingle = await WarmUp.UntilSteadyAsync(
            "1 message per POST", n => workload.Create(n, 1), WarmupWindow, options.WarmupSingle, options.WarmupSingleMax, post);
        var warmupBatched = await WarmUp.UntilSteadyAsync(
            $"{options.BatchSize} messages per POST", n => workload.Create(n, options.BatchSize),
            WarmupBatchWindow, options.WarmupBatches, options.WarmupBatchesMax, postBatches);
        var warmupLarge = await WarmUp.UntilSteadyAsync(
            $"{options.LargeSize} messages per POST", n => workload.Create(n, options.LargeSize),
            WarmupLargeWindow, options.WarmupLarge, options.WarmupLargeMax, postLarge);
        await WarmUp.QuietAsync();
        await Phase.TraceAsync(sender, probe[0], probe[1]);

        // Arrival numbers after each part, so that the drain can be timed per POST size.
        var seqs = new List<long> { await InboundTable.LastSeqAsync(admin) };
        var results = new List<AckResult>();
        foreach (var (deliveries, target, size) in new[] { (single, post, 1), (batched, postBatches, options.BatchSize), (large, postLarge, options.LargeSize) })
        {
            await WarmUp.QuietAsync();
            results.Add(new AckResult(await Phase.MeasureAsync($"ours, ack only: {size} message{(size == 1 ? string.Empty : "s")} per POST", deliveries, target), target.Concurrency));
            seqs.Add(await InboundTable.LastSeqAsync(admin));
        }

        // The harness's ceiling: the same single-message POSTs under a wrong signature, refused with 401 after the
        // body is read and its number's secret found (cached), with no database work.
        await WarmUp.QuietAsync();
        others.Add(await Phase.MeasureAsync("ceiling: 1 message per POST, wrong signature (401)", single, post with { Send = sender.PostBadlySignedAsync }));
        return (new AckPhases(results, seqs), new Deliveries([.. warmupSingle], [.. warmupBatched], [.. warmupLarge], probe, single, batched, large));
    }

    /// <summary>
    /// The processor, started over what the ack phases left, works it off with no POSTs coming in: per part of the
    /// backlog, its messages over the time from the part before's last settlement to its own last.
    /// </summary>
    private static async Task<List<ProcessingResult>?> DrainAsync(string admin, AckPhases ack, Deliveries deliveries)
    {
        var waited = await InboundTable.UntilDrainedAsync(admin, DrainTimeout);
        if (waited is null)
        {
            Out.Line($"drained:    NOT within {DrainTimeout.TotalMinutes} minutes");
            return null;
        }

        var warmUp = await InboundTable.SpanAsync(admin, 0, ack.Seqs[0]);
        Out.Line(string.Create(CultureInfo.InvariantCulture,
            $"drained:    the ack phases' backlog ({deliveries.MessageCount:N0} messages) in {waited.Value.TotalSeconds:0.0} s after the processing host started; "
            + $"the warm-up's {warmUp.Webhooks:N0} webhooks first (the processor's own warm-up), then the measured ones:"));
        var results = new List<ProcessingResult>();
        var previous = warmUp.LastProcessed;
        for (var i = 0; i < ack.Results.Count; i++)
        {
            // Timed from the part before's last settlement; the part's webhooks settled in that same claim (the one
            // spanning both parts: within a few ms of it) were processed before that time and are not counted.
            var span = await InboundTable.SpanAsync(admin, ack.Seqs[i], ack.Seqs[i + 1]);
            var start = previous ?? span.FirstProcessed ?? DateTimeOffset.MinValue;
            var later = span.Processed.LongCount(p => p > start + SameClaim);
            var seconds = span.LastProcessed is { } last && later > 0 ? (last - start).TotalSeconds : 0;
            var size = ack.Results[i].Result.MessagesPerPost;
            var result = new ProcessingResult($"drain, no POSTs coming in: {size}-message webhooks", later, later * size, seconds, null);
            Out.Line(string.Create(CultureInfo.InvariantCulture,
                $"            {result.Name}: {result.Webhooks:N0} webhooks, {result.Messages:N0} messages in {result.Seconds:0.0} s: {result.MessagesPerSecond:N0} messages/s"));
            results.Add(result);
            previous = span.LastProcessed ?? previous;
        }

        return results;
    }

    /// <summary>POSTs with the processor on (closed loop, or paced), then waits until all is processed; their processing and lag.</summary>
    private static async Task<ProcessingResult?> WhileProcessingAsync(
        string name, Delivery[] deliveries, Target target, double? perSecond, string admin, List<ScenarioResult> others)
    {
        await WarmUp.QuietAsync();
        var before = await InboundTable.LastSeqAsync(admin);
        others.Add(await Phase.MeasureAsync(name, deliveries, target, perSecond));
        var waited = await InboundTable.UntilDrainedAsync(admin, DrainTimeout);
        if (waited is null)
        {
            Out.Line($"drained:    NOT within {DrainTimeout.TotalMinutes} minutes after the phase");
            return null;
        }

        var span = await InboundTable.SpanAsync(admin, before);
        var result = new ProcessingResult(name, span.Webhooks, deliveries.Sum(d => (long)d.Messages.Count), span.Seconds, LatencySummary.From(span.LagsMs));
        Out.Line(string.Create(CultureInfo.InvariantCulture,
            $"processed:  {result.Webhooks:N0} webhooks ({span.Parked} parked), {result.Messages:N0} messages, all settled {waited.Value.TotalSeconds:0.0} s after the last 200; "
            + $"first 200 to last settled {result.Seconds:0.0} s: {result.MessagesPerSecond:N0} messages/s; lag p50 {result.Lag!.P50:0.0} ms, p99 {result.Lag.P99:0.0} ms, max {result.Lag.Max:0.0} ms"));
        return result;
    }

    /// <summary>The same bodies, one plain insert each, same sizes and concurrency: warm-up with the warm-up's bodies, then the measured ones.</summary>
    private static async Task<IReadOnlyList<ScenarioResult>?> RawInsertAsync(BenchOptions options, PostgresDatabase database, Deliveries deliveries, BenchTenant tenant)
    {
        await using var baseline = await RawInsertBaseline.CreateAsync(
            database.ConnectionString, Math.Max(options.Concurrency, Math.Max(options.BatchedConcurrency, options.LargeConcurrency)), tenant.PhoneNumberId);
        using var calls = new DatabaseCalls(database.DatabaseName);
        var insert = new Target(baseline.InsertAsync, options.Concurrency, calls, null, null);
        var sizes = new[]
        {
            (deliveries.WarmupSingle, deliveries.Single, insert),
            (deliveries.WarmupBatched, deliveries.Batched, insert with { Concurrency = options.BatchedConcurrency }),
            (deliveries.WarmupLarge, deliveries.Large, insert with { Concurrency = options.LargeConcurrency }),
        };
        foreach (var (warmup, _, target) in sizes)
        {
            await Phase.MeasureAsync("raw insert warm-up", warmup, target);
        }

        var results = new List<ScenarioResult>();
        foreach (var (_, measured, target) in sizes)
        {
            await WarmUp.QuietAsync();
            var size = measured.FirstOrDefault()?.Messages.Count ?? 0;
            results.Add(await Phase.MeasureAsync($"raw insert: the {size}-message bodies, one insert each", measured, target));
        }

        var rows = await baseline.CountAsync();
        var expected = deliveries.WarmupSingle.Length + deliveries.WarmupBatched.Length + deliveries.WarmupLarge.Length
            + deliveries.Single.Length + deliveries.Batched.Length + deliveries.Large.Length;
        var ok = rows == expected;
        Out.Line($"verified:   raw insert holds {rows:N0} rows for {expected:N0} bodies: {(ok ? "exact" : "WRONG")}");
        return ok ? results : null;
    }

    /// <summary>A reference for the processing: the batched messages as plain event and key rows (<see cref="Baseline"/>), one transaction per POST.</summary>
    private static async Task<ScenarioResult?> EventStoreAsync(BenchOptions options, PostgresDatabase database, Deliveries deliveries)
    {
        await using var baseline = await Baseline.CreateAsync(database.ConnectionString, options.BatchedConcurrency, "bench-tenant");
        using var calls = new DatabaseCalls(database.DatabaseName);
        var store = new Target(baseline.StoreAsync, options.BatchedConcurrency, calls, null, null);
        await Phase.MeasureAsync("event-store floor warm-up", deliveries.WarmupBatched, store);
        await WarmUp.QuietAsync();
        var result = await Phase.MeasureAsync($"event-store floor: {options.BatchSize} messages per transaction (event + key rows)", deliveries.Batched, store);
        var (events, keys) = await baseline.CountAsync();
        var expected = deliveries.WarmupBatched.Concat(deliveries.Batched).Sum(d => (long)d.Messages.Count);
        var ok = events == expected && keys == expected;
        Out.Line($"verified:   event-store floor holds {events:N0} event rows and {keys:N0} key rows for {expected:N0} messages: {(ok ? "exact" : "WRONG")}");
        return ok ? result : null;
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

    /// <summary>The acknowledgement per POST size, and the arrival numbers before, between and after them.</summary>
    private sealed record AckPhases(IReadOnlyList<AckResult> Results, IReadOnlyList<long> Seqs);

    /// <summary>Every POST of the ack phases, built up front; the baselines store exactly these bodies and messages.</summary>
    private sealed record Deliveries(
        Delivery[] WarmupSingle, Delivery[] WarmupBatched, Delivery[] WarmupLarge, Delivery[] Probe, Delivery[] Single, Delivery[] Batched, Delivery[] Large)
    {
        public IEnumerable<Delivery> All => WarmupSingle.Concat(WarmupBatched).Concat(WarmupLarge).Concat(Probe).Concat(Single).Concat(Batched).Concat(Large);

        public long MessageCount => All.Sum(d => (long)d.Messages.Count);
    }
}
