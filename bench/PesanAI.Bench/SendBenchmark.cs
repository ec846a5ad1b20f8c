extern alias client;

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using client::PesanAI.Protos.Messaging.V1;
using PesanAI.TestBed;
using static PesanAI.Bench.OutboundReport;

namespace PesanAI.Bench;

/// <summary>
/// SendMessage (text) over a real gRPC channel with an application token, C concurrent callers, beside the cheapest
/// authenticated call of the same credential (ListTemplates of a number without templates: token validation with
/// its entry lookup, authorization, the Mediator pipeline and one small indexed query; no personal data, no write).
/// The dispatcher is off (PESANAI_DISPATCH_ENABLED=false) unless --dispatcher-on, so the figures are queueing alone;
/// afterwards the store must hold every accepted message exactly once.
/// </summary>
internal static class SendBenchmark
{
    public const double CallsGoal = 2_000;
    public const double P99GoalMs = 20;
    public const double BaselineRatioGoal = 0.3;

    public static async Task<bool> RunAsync(OutboundOptions options, PostgresDatabase database)
    {
        var ports = ServerConfig.FreePorts();
        await using var emulator = await Emulator.StartAsync(new Uri($"http://127.0.0.1:{ports.Http}/webhooks/whatsapp"));
        var config = ServerConfig.For(options, await database.OwnerConnectionStringAsync(), ports, emulator.Address)
            .With("PESANAI_DISPATCH_ENABLED", options.DispatcherOn ? "true" : "false");
        var log = new ServerLog();
        await using var server = await InProcessServer.StartAsync(config, log);
        using var partner = await Partner.OnboardAsync(config, emulator, metaThroughput: 1_000);
        var customers = Partner.WaIds(options.Customers);
        await partner.CustomersWriteAsync(emulator, customers);
        Out.Line($"run:        {options.Concurrency} concurrent callers on one channel; warm-up {options.Warmup:N0} calls of each RPC; measured {options.Calls:N0} of each; "
            + $"{options.Customers:N0} customers round robin; request_id {(options.RequestIds ? "on every call" : "none")}; "
            + (options.DispatcherOn ? $"dispatcher ON at {options.Rate}/s" : "dispatcher off"));

        var sent = new ConcurrentDictionary<Guid, byte>();
        var repeatedIds = 0;
        Func<int, Task> Send(string phase) => async i =>
        {
            var request = partner.Text(customers[i % customers.Count], $"Pesanan {phase}-{i} sudah kami kirim hari ini.", options.RequestIds ? $"bench-{phase}-{i}" : null);
            var response = await partner.Messaging.SendMessageAsync(request);
            if (!sent.TryAdd(Guid.Parse(response.Message.MessageId), 0))
            {
                Interlocked.Increment(ref repeatedIds);
            }
        };
        var listTemplates = new ListTemplatesRequest { PhoneNumberId = partner.Number.PhoneNumberId };
        Task Baseline(int _) => partner.Templates.ListTemplatesAsync(listTemplates).ResponseAsync;

        // The harness's ceiling: the gRPC health check on a channel without a token (no token to validate; the check runs SELECT 1).
        using var anonymous = Grpc.Net.Client.GrpcChannel.ForAddress(config.GrpcAddress);
        var health = new Grpc.Health.V1.Health.HealthClient(anonymous);
        Task Floor(int _) => health.CheckAsync(new Grpc.Health.V1.HealthCheckRequest()).ResponseAsync;

        using var calls = new DatabaseCalls(database.DatabaseName);
        await CallPhase.MeasureAsync("warm-up: health check", options.Warmup, options.Concurrency, Floor, calls);
        await CallPhase.MeasureAsync("warm-up: ListTemplates", options.Warmup, options.Concurrency, Baseline, calls);
        await CallPhase.MeasureAsync("warm-up: SendMessage", options.Warmup, options.Concurrency, Send("w"), calls);
        await TraceAsync("ListTemplates", () => Baseline(0));
        await TraceAsync("SendMessage", () => Send("t")(0));
        var floor = await CallPhase.MeasureAsync("ceiling: health check (anonymous, one SELECT 1)", options.Calls, options.Concurrency, Floor, calls);
        var baseline = await CallPhase.MeasureAsync("baseline: ListTemplates (authenticated, empty)", options.Calls, options.Concurrency, Baseline, calls);
        var ours = await CallPhase.MeasureAsync("ours: SendMessage (text)", options.Calls, options.Concurrency, Send("m"), calls);
        Out.Lines(log.Take(), "            server log: ");

        var store = await OutboundStore.ReadAsync(database.ConnectionString);
        var exact = repeatedIds == 0 && store.HoldsExactly([.. sent.Keys]);
        Out.Line($"verified:   {sent.Count:N0} calls answered OK (warm-up included, {repeatedIds} message ids answered twice); the store holds {store}: "
            + (exact ? "exact" : "WRONG: messages lost or doubled"));

        Out.Line(string.Empty);
        Out.Line(Calls([floor, baseline, ours]));
        var ratio = ours.PerSecond / baseline.PerSecond;
        Out.Line(Goal($"≥ {N(CallsGoal)} SendMessage calls/s", ours.PerSecond >= CallsGoal,
            $"{N(ours.PerSecond)} calls/s; this harness and host answer {N(floor.PerSecond)} anonymous health checks/s on the same 2 cores"));
        Out.Line(Goal($"p99 < {P99GoalMs:0} ms", ours.Latency.P99 < P99GoalMs, $"{F(ours.Latency.P99)} ms"));
        Out.Line(Goal($"≥ {BaselineRatioGoal:0.0}× the authenticated baseline", ratio >= BaselineRatioGoal, $"{F(ratio, "0.00")}× ({N(ours.PerSecond)} / {N(baseline.PerSecond)})"));
        Out.Line(Goal("every accepted message stored exactly once", exact, $"{sent.Count:N0} accepted, {store.States.Count:N0} records, {store.QueuedEvents:N0} message_queued events"));
        return exact;
    }

    /// <summary>One call alone, with every database command it made (Npgsql's tracing; the server runs in this process).</summary>
    private static async Task TraceAsync(string rpc, Func<Task> call)
    {
        using var trace = new CommandTrace();
        var started = Stopwatch.GetTimestamp();
        await call();
        var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        Out.Line(string.Create(CultureInfo.InvariantCulture, $"trace:      one {rpc} call, alone: {ms:0.0} ms; its database round trips:"));
        Out.Lines(trace.Take(), "            ");
    }
}
