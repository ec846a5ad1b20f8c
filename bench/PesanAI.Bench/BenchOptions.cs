using System.Globalization;

namespace PesanAI.Bench;

/// <summary>What one run does; every count is bounded, so a run always ends by itself.</summary>
internal sealed record BenchOptions
{
    public int SinglePosts { get; init; } = 20_000;

    public int Batches { get; init; } = 200;

    public int BatchSize { get; init; } = 100;

    public int Concurrency { get; init; } = 32;

    /// <summary>Concurrent senders of the batched POSTs (and baseline transactions); by default <see cref="Concurrency"/>.</summary>
    public int? BatchConcurrency { get; init; }

    public int BatchedConcurrency => BatchConcurrency ?? Concurrency;

    public int Customers { get; init; } = 1_000;

    /// <summary>Single POSTs the warm-up sends at least and at most (it stops in between once the rate is steady: WarmUp).</summary>
    public int WarmupSingle { get; init; } = 10_000;

    public int WarmupSingleMax { get; init; } = 60_000;

    public int WarmupBatches { get; init; } = 40;

    public int WarmupBatchesMax { get; init; } = 400;

    /// <summary>How many more times every measured payload is POSTed after the fresh run (0: skip that phase).</summary>
    public int Redeliveries { get; init; } = 2;

    public bool Baseline { get; init; } = true;

    /// <summary>Extra Npgsql connection-string settings for the server only (an experiment, e.g. "Max Auto Prepare=64").</summary>
    public string HostNpgsql { get; init; } = string.Empty;

    public int Seed { get; init; } = 20_240_601;

    public const string Usage = """
        Webhook ingest benchmark: the real host over real HTTP/1.1 into real PostgreSQL, beside a plain-Npgsql baseline.

        dotnet run -c Release --project bench/PesanAI.Bench -- [options]
        (--mode send|dispatch|crash: the outbound benchmarks; `--mode send --help` lists their options)

          --single N          single-message POSTs measured            (default 20000)
          --batches N         batched POSTs measured                   (default 200)
          --batch-size N      messages per batched POST, at most 1000  (default 100)
          --concurrency N     concurrent senders (HTTP connections)    (default 32)
          --batch-concurrency N  concurrent senders of batched POSTs   (default: --concurrency)
          --customers N       distinct customers (wa_ids)              (default 1000)
          --warmup-single N   unmeasured single POSTs first, at least  (default 10000)
          --warmup-single-max N  ... and at most; in between the warm-up
                              stops once the rate is steady            (default 60000)
          --warmup-batches N  unmeasured batched POSTs, at least       (default 40)
          --warmup-batches-max N  ... and at most                      (default 400)
          --redeliveries N    POST every measured payload N more times (default 2; 0 skips)
          --no-baseline       skip the plain-Npgsql baseline
          --host-npgsql TEXT  extra Npgsql connection-string settings for the server, as an experiment
                              (e.g. "Max Auto Prepare=64"); the baseline is unchanged
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
                "--concurrency" => options with { Concurrency = Math.Max(1, value) },
                "--batch-concurrency" => options with { BatchConcurrency = Math.Max(1, value) },
                "--customers" => options with { Customers = Math.Max(1, value) },
                "--warmup-single" => options with { WarmupSingle = value },
                "--warmup-batches" => options with { WarmupBatches = value },
                "--warmup-single-max" => options with { WarmupSingleMax = value },
                "--warmup-batches-max" => options with { WarmupBatchesMax = value },
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
