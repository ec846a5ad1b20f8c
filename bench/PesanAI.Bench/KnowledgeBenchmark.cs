using System.Diagnostics;
using System.Globalization;
using PesanAI.Domain.Knowledge;
using PesanAI.Infrastructure.Ai;

namespace PesanAI.Bench;

/// <summary>
/// <c>--mode knowledge</c>: the embedded responder's decision latency (search + decision, in process; the per-message
/// version check is one primary-key read on top) for generated knowledge bases of 20, 1,000 and 10,000 entries, with
/// the index build time and the memory an index holds; every entry has three alternative phrasings, and every retrieval
/// step (chat forms, lexicon) is on. Goal: p99 under 10 ms at 1,000 entries. No database needed.
/// </summary>
internal static class KnowledgeBenchmark
{
    public const string Usage = """
        dotnet run -c Release --project bench/PesanAI.Bench -- --mode knowledge [--sizes 20,1000,10000] [--queries 5000]
          The embedded AI responder: per knowledge-base size, index build time and memory, and the latency of one
          decision (p50/p99/max over --queries generated customer messages, one thread). Goal: p99 < 10 ms at 1,000.
        """;

    private static readonly string[] Products = ["kemeja batik", "dress rayon", "gamis", "blouse", "celana kulot", "kain tulis", "outer", "tunik", "sarung", "selendang", "daster", "hem pria", "rok plisket", "kebaya", "scarf"];
    private static readonly string[] Motifs = ["parang", "kawung", "mega mendung", "truntum", "sekar jagad", "sidomukti", "lereng", "ceplok", "tambal", "sogan"];
    /// <summary>Question|answer|three alternative phrasings (one English or Indonesian, two in chat), as the README advises.</summary>
    private static readonly string[] Topics =
    [
        "Berapa harga {0} motif {1}?|Harga {0} motif {1} mulai Rp{2}.000, tergantung ukuran.|How much is the {0} {1}?|{0} {1} brp kak?|harga {0} {1} berapaan?",
        "Apakah {0} motif {1} ready stock?|{0} motif {1} ready, siap kirim hari ini.|Is the {0} {1} in stock?|{0} {1} masih ada gak?|stok {0} {1} ready?",
        "Bahan {0} motif {1} apa?|{0} motif {1} memakai katun primisima yang adem.|What fabric is the {0} {1}?|{0} {1} bahannya apa kak?|kain {0} {1} dari apa?",
        "Ukuran {0} motif {1} apa saja?|{0} motif {1} tersedia S sampai XXL, lingkar dada {2} cm untuk M.|What sizes does the {0} {1} come in?|{0} {1} ada size apa aja?|size chart {0} {1}?",
        "Bagaimana cara merawat {0} motif {1}?|Cuci tangan {0} motif {1} dengan air dingin, jemur di tempat teduh.|How do I wash the {0} {1}?|cara nyuci {0} {1} gmn?|{0} {1} boleh dicuci mesin?",
        "Is the {0} {1} available in other colours?|The {0} {1} comes in navy, maroon and sogan brown.|{0} {1} ada warna lain?|warna {0} {1} apa aja?|Other colours for the {0} {1}?",
    ];

    private static readonly string[] Asks =
    [
        "{0} {1} harganya brp kak?", "{0} {1} masih ready?", "bahannya {0} {1} apa ya", "ukuran {0} {1} ada apa aja?",
        "cara nyuci {0} {1} gimana", "does the {0} {1} come in other colours?", "berapa ongkir ke medan?", "mau bicara dengan admin",
        "apakah jual sepatu?", "{0} {1} bisa cod?",
    ];

    public static int Run(string[] args)
    {
        if (args.Contains("--help") || args.Contains("-h"))
        {
            Console.WriteLine(Usage);
            return 0;
        }

        var sizes = Option(args, "--sizes")?.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray() ?? [20, 1_000, 10_000];
        var queries = Option(args, "--queries") is { } q ? int.Parse(q, CultureInfo.InvariantCulture) : 5_000;
        Console.WriteLine($"Embedded knowledge responder: Lucene.Net BM25, in memory, chat forms and lexicon on, 3 alternative phrasings per entry; {Environment.ProcessorCount} CPUs, {queries} decisions per size, one thread");
        Console.WriteLine($"{"entries",8} {"build ms",9} {"memory MB",10} {"p50 ms",8} {"p99 ms",8} {"max ms",8} {"decisions/s",12} {"replies",8}");
        var met = true;
        foreach (var size in sizes)
        {
            var entries = Generate(size);
            var messages = Messages(size, queries);

            // Build time: the median of three builds (the first also warms the JIT).
            var builds = new List<double>();
            for (var i = 0; i < 3; i++)
            {
                var started = Stopwatch.GetTimestamp();
                using var warm = KnowledgeIndex.Build(entries, 1);
                builds.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            var before = GC.GetTotalMemory(forceFullCollection: true);
            using var index = KnowledgeIndex.Build(entries, 1);
            var memory = (GC.GetTotalMemory(forceFullCollection: true) - before) / (1024.0 * 1024.0);

            foreach (var message in messages.Take(500))
            {
                ReplyDecider.Decide(message, index.Search(message), ReplyPolicy.Default, index.Count);
            }

            var latencies = new double[messages.Count];
            var replies = 0;
            var all = Stopwatch.GetTimestamp();
            for (var i = 0; i < messages.Count; i++)
            {
                var started = Stopwatch.GetTimestamp();
                var decision = ReplyDecider.Decide(messages[i], index.Search(messages[i]), ReplyPolicy.Default, index.Count);
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                replies += decision.Kind == ReplyKind.Reply ? 1 : 0;
            }

            var seconds = Stopwatch.GetElapsedTime(all).TotalSeconds;
            Array.Sort(latencies);
            var p99 = Percentile(latencies, 0.99);
            met &= size != 1_000 || p99 < 10;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{size,8:N0} {builds.Order().ElementAt(1),9:0.0} {memory,10:0.0} {Percentile(latencies, 0.5),8:0.000} {p99,8:0.000} {latencies[^1],8:0.000} {messages.Count / seconds,12:N0} {replies,8}"));
        }

        Console.WriteLine(met ? "goal met: p99 < 10 ms at 1,000 entries" : "GOAL MISSED: p99 >= 10 ms at 1,000 entries");
        return 0;
    }

    /// <summary>A shop's entries (each with three alternative phrasings): topics × products × motifs, then numbered variants for the largest sizes.</summary>
    private static List<KnowledgeEntry> Generate(int size)
    {
        var random = new Random(size);
        var entries = new List<KnowledgeEntry>(size);
        for (var i = 0; entries.Count < size; i++)
        {
            var topic = Topics[i % Topics.Length].Split('|');
            var product = Products[(i / Topics.Length) % Products.Length];
            var motif = Motifs[(i / (Topics.Length * Products.Length)) % Motifs.Length];
            var series = i / (Topics.Length * Products.Length * Motifs.Length);
            var name = series == 0 ? motif : $"{motif} seri {series}";
            var number = random.Next(80, 400).ToString(CultureInfo.InvariantCulture);
            var at = DateTimeOffset.UnixEpoch.AddSeconds(i);
            entries.Add(new KnowledgeEntry(
                Guid.CreateVersion7(at),
                string.Format(CultureInfo.InvariantCulture, topic[0], product, name),
                string.Format(CultureInfo.InvariantCulture, topic[1], product, name, number),
                [product, motif],
                "id",
                at,
                at)
            {
                Alternatives = [.. topic[2..].Select(t => string.Format(CultureInfo.InvariantCulture, t, product, name))],
            });
        }

        return entries;
    }

    private static List<string> Messages(int size, int count)
    {
        var random = new Random(count + size);
        var products = Products.Take(Math.Max(1, Math.Min(Products.Length, size / Topics.Length))).ToArray();
        return [.. Enumerable.Range(0, count).Select(_ => string.Format(
            CultureInfo.InvariantCulture,
            Asks[random.Next(Asks.Length)],
            products[random.Next(products.Length)],
            Motifs[random.Next(size < 100 ? 1 : Motifs.Length)]))];
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static string? Option(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }
}
