using System.Globalization;

namespace PesanAI.Bench;

/// <summary>What one run does; every count is bounded, so a run always ends by itself.</summary>
internal sealed record BenchOptions
{
    public int SinglePosts { get; init; } = 20_000;

    public int Batches { get; init; } = 2_000;

    public int BatchSize { get; init; } = 100;

    /// <summary>POSTs of <see cref="LargeSize"/> messages measured (Meta sends up to 1,000 updates in one POST).</summary>
    public int LargeBatches { get; init; } = 400;

    public int LargeSize { get; init; } = 1_000;

    public int Concurrency { get; init; } = 32;

    /// <summary>Concurrent senders of the batched POSTs (and baseline inserts); by default <see cref="Concurrency"/>.</summary>
    public int? BatchConcurrency { get; init; }

    public int BatchedConcurrency => BatchConcurrency ?? Concurrency;

    /// <summary>Concurrent senders of the large POSTs (and their baseline inserts).</summary>
    public int LargeConcurrency { get; init; } = 8;

    public int Customers { get; init; } = 1_000;

    /// <summary>Single POSTs the warm-up sends at least and at most (it stops in between once the rate is steady: WarmUp).</summary>
    public int WarmupSingle { get; init; } = 10_000;

    public int WarmupSingleMax { get; init; } = 60_000;

    public int WarmupBatches { get; init; } = 400;

    public int WarmupBatchesMax { get; init; } = 2_000;

    public int WarmupLarge { get; init; } = 100;

    public int WarmupLargeMax { get; init; } = 400;

    /// <summary>Backlog under load: POSTs of <see cref="BacklogSize"/> messages sent as fast as acknowledged while the processor runs.</summary>
    public int BacklogPosts { get; init; } = 500;

    public int BacklogSize { get; init; } = 100;

    /// <summary>Paced load: messages/s offered, in POSTs of <see cref="PacedSize"/> messages, for <see cref="PacedSeconds"/>.</summary>
    public int PacedRate { get; init; } = 1_000;

    public int PacedSize { get; init; } = 100;

    public int PacedSeconds { get; init; } = 30;

    /// <summary>How many more times every measured ack payload is POSTed at the end (0: skip that phase).</summary>
    public int Redeliveries { get; init; } = 1;

    public bool Baseline { get; init; } = true;

    /// <summary>Extra Npgsql connection-string settings for the server only (an experiment, e.g. "Max Auto Prepare=64").</summary>
    public string HostNpgsql { get; init; } = string.Empty;

    public int Seed { get; init; } = 20_240_601;

    public const string Usage = """
        Webhook ingest benchmark: the real host over real HTTP/1.1 into real PostgreSQL, beside plain-Npgsql baselines.
        Acknowledgement (the 200) per POST size with the ingest processor off, then the processor: the ack phases'
        backlog drained, a backlog under load, paced load with the lag from acknowledgement to stored; every message
        checked exactly once.

        dotnet run -c Release --project bench/PesanAI.Bench -- [options]
        (--mode ingest-crash: SIGKILL around the ingest processor; --mode send|dispatch|crash: the outbound
        benchmarks; --mode media: inbound images and a 100 MB document; `--mode <name> --help` lists their options)

          --single N          single-message POSTs measured            (default 20000)
          --batches N         batched POSTs measured                   (default 2000)
          --batch-size N      messages per batched POST, at most 1000  (default 100)
          --large N           large POSTs measured                     (default 400)
          --large-size N      messages per large POST, at most 1000    (default 1000)
          --concurrency N     concurrent senders (HTTP connections)    (default 32)
          --batch-concurrency N  concurrent senders of batched POSTs   (default: --concurrency)
          --large-concurrency N  concurrent senders of large POSTs     (default 8)
          --customers N       distinct customers (wa_ids)              (default 1000)
          --warmup-single N   unmeasured single POSTs first, at least  (default 10000)
          --warmup-single-max N  ... and at most; in between the warm-up
                              stops once the rate is steady (windows of 5000 single,
                              200 batched, 50 large POSTs)              (default 60000)
          --warmup-batches N  unmeasured batched POSTs, at least       (default 400)
          --warmup-batches-max N  ... and at most                      (default 2000)
          --warmup-large N    unmeasured large POSTs, at least         (default 100)
          --warmup-large-max N  ... and at most                        (default 400)
          --backlog N         POSTs sent as fast as acknowledged (by --batch-concurrency
                              senders) while the processor runs, then drained (default 500)
          --backlog-size N    messages per backlog POST                (default 100)
          --paced-rate N      paced load: messages/s offered           (default 1000)
          --paced-size N      messages per paced POST                  (default 100)
          --paced-seconds N   paced load's duration                    (default 30; 0 skips)
          --redeliveries N    POST every measured ack payload N more times at the end
                              (duplicates: must store nothing)         (default 1; 0 skips)
          --no-baseline       skip the plain-Npgsql baselines
          --host-npgsql TEXT  extra Npgsql connection-string settings for the server, as an experiment
                              (e.g. "Max Auto Prepare=64"); the baselines are unchanged
          --seed N            seed of the customer choice              (default 20240601)

        PostgreSQL: PESANAI_BENCH_POSTGRES (an admin connection string), else the tests' server
        (PESANAI_TEST_POSTGRES, a Docker container, or a throwaway cluster from the local binaries).
        """;

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new BenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name == "--no-baseline")
            {
                options = options with { Baseline = false };
                continue;
            }

            if (i + 1 >= args.Count)
            {
                throw new ArgumentException($"{name} needs a value (or is unknown).\n\n{Usage}");
            }

            if (name == "--host-npgsql")
            {
                options = options with { HostNpgsql = args[++i] };
                continue;
            }

            var value = Count(name, args[++i]);
            options = name switch
            {
                "--single" => options with { SinglePosts = value },
                "--batches" => options with { Batches = value },
                "--batch-size" => options with { BatchSize = Math.Clamp(value, 1, 1_000) },
                "--large" => options with { LargeBatches = value },
                "--large-size" => options with { LargeSize = Math.Clamp(value, 1, 1_000) },
                "--concurrency" => options with { Concurrency = Math.Max(1, value) },
                "--batch-concurrency" => options with { BatchConcurrency = Math.Max(1, value) },
                "--large-concurrency" => options with { LargeConcurrency = Math.Max(1, value) },
                "--customers" => options with { Customers = Math.Max(1, value) },
                "--warmup-single" => options with { WarmupSingle = value },
                "--warmup-batches" => options with { WarmupBatches = value },
                "--warmup-large" => options with { WarmupLarge = value },
                "--warmup-single-max" => options with { WarmupSingleMax = value },
                "--warmup-batches-max" => options with { WarmupBatchesMax = value },
                "--warmup-large-max" => options with { WarmupLargeMax = value },
                "--backlog" => options with { BacklogPosts = value },
                "--backlog-size" => options with { BacklogSize = Math.Clamp(value, 1, 1_000) },
                "--paced-rate" => options with { PacedRate = Math.Max(1, value) },
                "--paced-size" => options with { PacedSize = Math.Clamp(value, 1, 1_000) },
                "--paced-seconds" => options with { PacedSeconds = value },
                "--redeliveries" => options with { Redeliveries = value },
                "--seed" => options with { Seed = value },
                _ => throw new ArgumentException($"Unknown option {name}.\n\n{Usage}"),
            };
        }

        return options;
    }

    private static int Count(string name, string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ArgumentException($"{name} wants a non-negative whole number, not '{text}'.\n\n{Usage}");
}
