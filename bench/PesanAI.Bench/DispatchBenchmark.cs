using System.Diagnostics;
using System.Globalization;
using PesanAI.TestBed;
using static PesanAI.Bench.OutboundReport;

namespace PesanAI.Bench;

/// <summary>
/// The dispatcher's steady rate against PESANAI_DISPATCH_RATE, or (<c>--level</c>) against the number's throughput level
/// at Meta with no override. M messages (one per customer) are queued with the
/// dispatcher off; then a node with the dispatcher on starts over the same database (same ports, so the emulator's
/// status webhooks reach it) and sends the whole backlog; the rate is read from the emulator's accepted timestamps.
/// </summary>
internal static class DispatchBenchmark
{
    public const double Tolerance = 0.05;

    /// <summary>
    /// With <c>--level</c>: first the baseline, the same workload with PESANAI_DISPATCH_RATE at its maximum (1,000/s, the
    /// level ignored) on a fresh database, then the level's run; both in this process, back to back. The level's steady
    /// rate over the baseline's says whether reading the level gives the dispatcher all the machine allows, when the
    /// machine cannot reach the level's rate itself.
    /// </summary>
    public static async Task<bool> RunWithBaselineAsync(OutboundOptions options, PostgresDatabase database)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Level is null)
        {
            return (await RunAsync(options, database)).Exact;
        }

        // The first in-process server of the run pays the JIT and the pools' growth: a discarded warm-up takes that, so
        // neither measured run is favoured by its place.
        Out.Line("warm-up:    1,000 messages at PESANAI_DISPATCH_RATE=1000, discarded");
        await OnFreshDatabaseAsync(options with { Level = null, Rate = 1_000, MessageCount = Math.Min(1_000, options.Messages) });
        Out.Line(string.Empty);
        Out.Line("baseline:   the same workload at PESANAI_DISPATCH_RATE=1000 (the override's maximum), on a fresh database");
        var baseline = await OnFreshDatabaseAsync(options with { Level = null, Rate = 1_000 });

        Out.Line(string.Empty);
        var level = await RunAsync(options, database);
        var ofBaseline = level.SteadyPerSecond / baseline.SteadyPerSecond;
        var ofLevel = level.SteadyPerSecond / options.Rate;
        Out.Line(string.Empty);
        Out.Line(string.Create(CultureInfo.InvariantCulture,
            $"level {options.Level}: {F(level.SteadyPerSecond)}/s = {ofLevel:0.000}× the level's {options.Rate}/s, {ofBaseline:0.000}× the baseline's {F(baseline.SteadyPerSecond)}/s (same run)"));
        Out.Line(Goal(
            $"the rate follows the level within {Tolerance:P0}, or (where the machine sends less than the level allows) equals the baseline within {Tolerance:P0}",
            Math.Abs(ofLevel - 1) <= Tolerance || (baseline.SteadyPerSecond < options.Rate * (1 - Tolerance) && Math.Abs(ofBaseline - 1) <= Tolerance),
            $"{ofLevel:0.000}× the level, {ofBaseline:0.000}× the baseline"));
        return level.Exact && baseline.Exact;
    }

    private static async Task<Outcome> OnFreshDatabaseAsync(OutboundOptions options)
    {
        var database = new PostgresDatabase();
        try
        {
            await database.InitializeAsync();
            return await RunAsync(options, database);
        }
        finally
        {
            await database.DisposeAsync();
        }
    }

    public static async Task<Outcome> RunAsync(OutboundOptions options, PostgresDatabase database)
    {
        var ports = ServerConfig.FreePorts();
        await using var emulator = await Emulator.StartAsync(new Uri($"http://127.0.0.1:{ports.Http}/webhooks/whatsapp"));
        var config = ServerConfig.For(options, await database.OwnerConnectionStringAsync(), ports, emulator.Address);
        var log = new ServerLog();
        using var calls = new DatabaseCalls(database.DatabaseName);
        Out.Line(options.Level is null
            ? $"run:        {options.Messages:N0} messages, one per customer; PESANAI_DISPATCH_RATE={options.Rate}; the number's limit at the emulator {options.MetaThroughput}/s"
            : $"run:        {options.Messages:N0} messages, one per customer; PESANAI_DISPATCH_RATE unset; throughput level {options.Level} at Meta (expected {options.Rate}/s); the number's limit at the emulator {options.MetaThroughput}/s");

        Partner partner;
        Guid[] queued;
        await using (var queueing = await InProcessServer.StartAsync(config.With("PESANAI_DISPATCH_ENABLED", "false"), log))
        {
            partner = await Partner.OnboardAsync(config, emulator, options.MetaThroughput, options.Level);
            var customers = Partner.WaIds(options.Messages);
            await partner.CustomersWriteAsync(emulator, customers);
            queued = await Outbox.QueueAsync(partner, customers, 32, calls);
        }

        using (partner)
        {
            var cpu = CpuSample.Take();
            var started = Stopwatch.GetTimestamp();
            await using var dispatching = await InProcessServer.StartAsync(config, log);
            // Paced at the configured rate, or slower where the machine cannot keep up (about 140/s on 2 cores).
            var timeout = TimeSpan.FromSeconds(30 + (3.0 * options.Messages / Math.Min(options.Rate, 100)));
            var settled = await Outbox.UntilSettledAsync(database.ConnectionString, timeout);
            var cpuUse = CpuSample.Take().Since(cpu);
            Out.Line(string.Create(CultureInfo.InvariantCulture,
                $"dispatch:   {(settled ? "every message settled" : "NOT settled")} {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s after the dispatching node started; {cpuUse}"));
            Out.Lines(log.Take(), "            server log: ");
            return await ReportAsync(options, emulator, partner, queued, await OutboundStore.ReadAsync(database.ConnectionString));
        }
    }

    /// <summary>Every queued message accepted once (<see cref="Exact"/>), and the steady rate measured.</summary>
    public sealed record Outcome(bool Exact, double SteadyPerSecond);

    private static async Task<Outcome> ReportAsync(OutboundOptions options, Emulator emulator, Partner partner, Guid[] queued, OutboundStore store)
    {
        var sends = await emulator.MessagesAsync(partner.Number.PhoneNumberId);
        var stats = await emulator.StatsAsync();
        var rate = DispatchRate.From(sends.Select(s => s.AcceptedAt), options.Rate);
        var distinct = sends.Select(s => s.BizOpaqueCallbackData).Distinct().Count();
        var throttled = stats.RejectedWith("130429");
        var ratio = rate.SteadyPerSecond / options.Rate;
        Out.Line($"verified:   the emulator accepted {sends.Count:N0} sends of {distinct:N0} messages ({stats.Duplicates} duplicates) for {queued.Length:N0} queued; "
            + $"the store holds {store}");

        Out.Line(string.Empty);
        Out.Line("| rate set by | limit at Meta /s | queued | accepted by Meta | steady rate /s | steady / configured | overall rate /s | per second: median (min–max) | 130429 rejections | other rejections | duplicates | end states |");
        Out.Line("|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|");
        var setBy = options.Level is null ? $"PESANAI_DISPATCH_RATE={N(options.Rate)}" : $"level {options.Level} ({N(options.Rate)}/s)";
        Out.Line(Row(setBy, N(options.MetaThroughput), N(queued.Length), N(distinct), F(rate.SteadyPerSecond), F(ratio, "0.000"), F(rate.OverallPerSecond),
            $"{rate.MedianSecond} ({rate.SlowestSecond}–{rate.FastestSecond})", N(throttled), N(stats.Rejected.Values.Sum() - throttled), N(stats.Duplicates), store.StateCounts()));
        Out.Line(string.Empty);
        Out.Line($"Steady rate: acceptances {rate.Skipped + 1:N0} to {rate.Count:N0} over {rate.SteadySeconds:0.0} s (the first {rate.Skipped:N0} are the token bucket's initial burst and ramp); "
            + $"per second: {string.Join(' ', rate.PerSecond)}.");
        Out.Line(Goal($"steady rate within {Tolerance:P0} of {options.Rate}/s", Math.Abs(ratio - 1) <= Tolerance, $"{F(rate.SteadyPerSecond)}/s, {F(ratio, "0.000")}×"));
        Out.Line(Goal("no 130429 while the configured rate is below Meta's limit", throttled == 0, N(throttled)));
        var exact = distinct == queued.Length && sends.Count == queued.Length && stats.Duplicates == 0;
        Out.Line(Goal("every queued message accepted by Meta once", exact, $"{distinct:N0} of {queued.Length:N0}, {stats.Duplicates} duplicates"));
        return new Outcome(exact, rate.SteadyPerSecond);
    }
}
