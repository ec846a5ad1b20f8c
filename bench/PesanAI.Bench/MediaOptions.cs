using System.Globalization;

namespace PesanAI.Bench;

/// <summary>The media mode: what one run does. Every count is bounded, so a run ends by itself.</summary>
internal sealed record MediaOptions
{
    /// <summary>1 MiB images measured (and as many baseline fetch + insert).</summary>
    public int Files { get; init; } = 200;

    public int FileBytes { get; init; } = 1024 * 1024;

    /// <summary>Concurrent customers' webhooks (simulate calls) and concurrent baseline fetch + insert.</summary>
    public int Concurrency { get; init; } = 4;

    /// <summary>PESANAI_MEDIA_FETCH_CONCURRENCY of the server.</summary>
    public int FetchConcurrency { get; init; } = 4;

    public int Customers { get; init; } = 100;

    /// <summary>Warm-up windows of <see cref="WarmupWindow"/> files until steady, at least <see cref="Warmup"/>, at most <see cref="WarmupMax"/>.</summary>
    public int Warmup { get; init; } = 60;

    public int WarmupMax { get; init; } = 200;

    public int WarmupWindow { get; init; } = 20;

    /// <summary>The document's size in MiB (0 skips the document phase); Meta's limit for documents is 100 MB.</summary>
    public int DocumentMiB { get; init; } = 100;

    /// <summary>Round trips (UploadMedia then GetMedia) of the document, each reported.</summary>
    public int DocumentRuns { get; init; } = 2;

    /// <summary>Also the document through PESANAI_MEDIA_STORE=s3 against s3rver (when ./pesanai setup installed it).</summary>
    public bool S3 { get; init; } = true;

    public bool Baseline { get; init; } = true;

    public const string Usage = """
        Media benchmark: PesanAI as its own OS process, the Cloud API emulator in this process, real PostgreSQL.
        (1) Inbound: 1 MiB images (random bytes, image/jpeg) sent by simulated customers through the emulator
        (signed webhook, acknowledged), fetched by the server's MediaFetchWorker into the encrypted media store:
        stored/s from the first webhook to the last StoredAt, latency per file from the webhook's acknowledgement to
        its StoredAt, the server's RSS sampled; every file stored exactly once and byte-identical (SHA-256).
        Beside it, the floor: the same bytes fetched straight from the emulator (GET id, download with the bearer)
        and written with one plain INSERT into a bytea table of the same PostgreSQL, at the same concurrency.
        (2) A document: UploadMedia then GetMedia over gRPC, time and MB/s each way, server and client RSS,
        SHA-256 checked both ways; then the same through PESANAI_MEDIA_STORE=s3 against s3rver if installed.

        dotnet run -c Release --project bench/PesanAI.Bench -- --mode media [options]

          --files N              images measured (and baseline fetch + inserts)    (default 200)
          --file-kib N           size of each image in KiB                         (default 1024)
          --concurrency N        concurrent customers' webhooks, and baseline workers (default 4)
          --fetch-concurrency N  the server's PESANAI_MEDIA_FETCH_CONCURRENCY      (default 4)
          --customers N          distinct customers sending                        (default 100)
          --warmup N             unmeasured images first, at least                 (default 60)
          --warmup-max N         ... and at most; in between the warm-up stops once two windows
                                 in a row are not 3 % faster than the best before them (default 200)
          --warmup-window N      images per warm-up window                         (default 20)
          --document-mib N       the document's size in MiB, at most 100 (0 skips)  (default 100)
          --document-runs N      upload + download round trips of the document     (default 2)
          --no-s3                skip the document through the S3 store
          --no-baseline          skip the fetch + insert baseline
        """;

    public static MediaOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new MediaOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name is "--no-s3" or "--no-baseline")
            {
                options = name == "--no-s3" ? options with { S3 = false } : options with { Baseline = false };
                continue;
            }

            if (i + 1 >= args.Count)
            {
                throw new ArgumentException($"{name} needs a value (or is unknown).\n\n{Usage}");
            }

            var value = Count(name, args[++i]);
            options = name switch
            {
                "--files" => options with { Files = Math.Max(1, value) },
                "--file-kib" => options with { FileBytes = Math.Clamp(value, 1, 5 * 1024) * 1024 },
                "--concurrency" => options with { Concurrency = Math.Max(1, value) },
                "--fetch-concurrency" => options with { FetchConcurrency = Math.Clamp(value, 1, 64) },
                "--customers" => options with { Customers = Math.Max(1, value) },
                "--warmup" => options with { Warmup = value },
                "--warmup-max" => options with { WarmupMax = value },
                "--warmup-window" => options with { WarmupWindow = Math.Max(1, value) },
                "--document-mib" => options with { DocumentMiB = Math.Min(value, 100) },
                "--document-runs" => options with { DocumentRuns = Math.Max(1, value) },
                _ => throw new ArgumentException($"Unknown option {name} for --mode media.\n\n{Usage}"),
            };
        }

        return options;
    }

    private static int Count(string name, string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ArgumentException($"{name} wants a non-negative whole number, not '{text}'.\n\n{Usage}");
}
