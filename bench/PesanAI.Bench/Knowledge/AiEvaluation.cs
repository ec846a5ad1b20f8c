using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;
using PesanAI.Domain.Knowledge;
using PesanAI.Infrastructure.Ai;

namespace PesanAI.Bench.Knowledge;

/// <summary>
/// <c>--mode ai-eval</c>: the embedded responder on knowledge bases it was not tuned on (issue 18). Per set and part:
/// right, wrong and hand-offs, per kind of question, and the decision latency. The index is built as the responder
/// builds it (entries normalized as stored, <see cref="KnowledgeIndex.Build"/>) and every question decided as it
/// decides (<see cref="ReplyDecider.Decide"/> with <see cref="ReplyPolicy.Default"/>). Per-question details are
/// printed for the development part only: the test part is reported in aggregate, so nobody tunes on it.
/// No database needed.
/// </summary>
internal static class AiEvaluation
{
    public const string Usage = """
        dotnet build bench/PesanAI.Bench -c Release
        dotnet run --no-build -c Release --project bench/PesanAI.Bench -- --mode ai-eval [--part dev|test|all] [--passes 20]
            [--alternatives with|without|both] [--without colloquial,lexicon]
          The embedded AI responder on the evaluation sets (bench/PesanAI.Bench/Knowledge/EvalSets, plus the batik set
          it was tuned on, as development), each set as first written and with its entries' alternative phrasings
          ("+alt"; --alternatives picks one), with every retrieval step or --without some: per set and part, answerable questions, right, wrong (a reply with another
          entry, or any reply to an unanswerable question), hand-offs, right % of answerable, per kind; the decision
          latency (p50/p99 over --passes timed passes of every question, after as many warm-up passes). Wrong answers and
          missed questions are listed for the dev part only. Goal (issue 18, test part): 0 wrong, >= 75 % right.
        """;

    private const string All = "all";

    /// <summary>The retrieval steps on (--without takes some off, to measure what each is worth).</summary>
    private static RetrievalSteps Steps { get; set; } = RetrievalSteps.All;

    /// <summary>The dev questions of every set decided at other thresholds: what calibrating the threshold on dev would give.</summary>
    private static readonly SortedDictionary<double, List<Outcome>> Sweep = new(
        Enumerable.Range(0, 15).ToDictionary(i => Math.Round(0.25 + (0.025 * i), 3), _ => new List<Outcome>()));
    private const string Both = "both";
    private const string With = "with";
    private const string Without = "without";

    public static int Run(string[] args)
    {
        if (args.Contains("--help") || args.Contains("-h"))
        {
            Console.WriteLine(Usage);
            return 0;
        }

        var part = Option(args, "--part") ?? All;
        var passes = Option(args, "--passes") is { } p && int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 20;
        if (part is not (EvalSet.Dev or EvalSet.Test or All))
        {
            Console.Error.WriteLine($"--part wants dev, test or all, not '{part}'.\n\n{Usage}");
            return 2;
        }

        var alternatives = Option(args, "--alternatives") ?? Both;
        if (alternatives is not (Both or With or Without))
        {
            Console.Error.WriteLine($"--alternatives wants with, without or both, not '{alternatives}'.\n\n{Usage}");
            return 2;
        }

        var without = (Option(args, "--without") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries);
        if (without.Except(["colloquial", "lexicon"]).FirstOrDefault() is { } unknown)
        {
            Console.Error.WriteLine($"--without takes colloquial and lexicon, not '{unknown}'.\n\n{Usage}");
            return 2;
        }

        Steps = new RetrievalSteps(Colloquial: !without.Contains("colloquial"), Lexicon: !without.Contains("lexicon"));
        string[] parts = part == All ? [EvalSet.Dev, EvalSet.Test] : [part];
        IReadOnlyList<EvalSet> sets = [.. EvalSet.LoadFiles(), EvalSet.Batik()];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"AI evaluation: embedded responder (Lucene.Net BM25 + ReplyDecider), threshold {ReplyPolicy.DefaultThreshold}, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC"));
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {CpuModel()}; {RuntimeInformation.OSDescription}; {RuntimeInformation.FrameworkDescription}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC, {Build()} build");
        Console.WriteLine($"retrieval steps: {Steps}");
        Console.WriteLine($"latency: one decision (search + decide), one thread, p50/p99 over {passes} timed passes of every question of the part, after {passes} warm-up passes of the set");

        var summary = new List<string>();
        foreach (var set in sets)
        {
            if (set.HasAlternatives && alternatives is Both or Without)
            {
                summary.AddRange(Evaluate(set.WithoutAlternatives(), set.Name, parts, passes));
            }

            if (!set.HasAlternatives || alternatives is Both or With)
            {
                summary.AddRange(Evaluate(set, set.HasAlternatives ? set.Name + "+alt" : set.Name, parts, passes));
            }
        }

        Console.WriteLine();
        Console.WriteLine("Summary");
        Console.WriteLine(Header("set"));
        summary.ForEach(Console.WriteLine);
        if (Sweep.Values.Any(o => o.Count > 0))
        {
            Console.WriteLine();
            Console.WriteLine("Threshold sweep over the dev parts of every set above (calibration: only dev)");
            Console.WriteLine(Header("threshold"));
            foreach (var (threshold, outcomes) in Sweep)
            {
                Console.WriteLine(Row(threshold.ToString("0.000", CultureInfo.InvariantCulture), Tally.Of(outcomes), null));
            }
        }

        Console.WriteLine("goal (issue 18, later): on the test part of each new set 0 wrong and >= 75 % of answerable right");
        return 0;
    }

    private static IEnumerable<string> Evaluate(EvalSet set, string name, string[] parts, int passes)
    {
        var entries = set.KnowledgeEntries();
        var keys = set.Entries.ToDictionary(e => set.IdOf(e.Key), e => e.Key);
        using var index = KnowledgeIndex.Build(entries, version: 1, Steps);
        var english = set.Entries.Count(e => e.Language == "en");
        Console.WriteLine();
        var phrasings = set.Entries.Sum(e => e.Alternatives?.Count ?? 0);
        Console.WriteLine($"== {name}: {set.Business} — {set.Entries.Count} entries ({english} English, {phrasings} alternative phrasings), {set.Questions.Count} questions");

        // Warm-up: every question of the set, as many passes as will be timed (the JIT's tiers, Lucene's caches).
        for (var pass = 0; pass < passes; pass++)
        {
            foreach (var question in set.Questions)
            {
                Decide(index, question.Text);
            }
        }

        var rows = new List<string>();
        foreach (var part in parts)
        {
            var questions = set.Questions.Where(q => q.Part == part).ToList();
            if (questions.Count == 0)
            {
                continue;
            }

            var outcomes = questions.Select(q => Outcome.Of(q, Decide(index, q.Text), keys)).ToList();
            var latencies = Time(index, questions, passes);
            var total = Tally.Of(outcomes);
            var line = Row($"{name} {part}", total, latencies);
            rows.Add(line);

            Console.WriteLine();
            Console.WriteLine($"-- {part} part");
            Console.WriteLine(Header("part / kind"));
            Console.WriteLine(line);
            foreach (var kind in outcomes.GroupBy(o => o.Question.Kind).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                Console.WriteLine(Row("  " + kind.Key, Tally.Of([.. kind]), null));
            }

            if (part == EvalSet.Dev)
            {
                Details(outcomes, keys);
                foreach (var threshold in Sweep.Keys)
                {
                    var policy = ReplyPolicy.Default with { Threshold = threshold };
                    Sweep[threshold].AddRange(questions.Select(q => Outcome.Of(q, ReplyDecider.Decide(q.Text, index.Search(q.Text), policy, index.Count), keys)));
                }
            }
        }

        return rows;
    }

    /// <summary>Dev only: each wrong answer and each answerable question handed off, with what the decider saw.</summary>
    private static void Details(List<Outcome> outcomes, Dictionary<Guid, string> keys)
    {
        var wrong = outcomes.Where(o => o.Wrong).ToList();
        var missed = outcomes.Where(o => o.Question.Expected is not null && o.Decision.Kind == ReplyKind.HandOff).ToList();
        Console.WriteLine($"   wrong answers (dev): {wrong.Count}");
        foreach (var o in wrong)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"     WRONG  [{o.Question.Kind}] \"{o.Question.Text}\" -> {o.Replied} (expected {o.Question.Expected ?? "hand-off"}), conf {o.Decision.Confidence:0.000}"));
        }

        Console.WriteLine($"   missed (dev, answerable but handed off): {missed.Count}");
        foreach (var o in missed)
        {
            var candidates = o.Decision.EntryIds.Count > 0 ? string.Join(",", o.Decision.EntryIds.Select(id => keys[id])) : "-";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"     missed [{o.Question.Kind}] \"{o.Question.Text}\" expected {o.Question.Expected}: {o.Decision.Reason} conf {o.Decision.Confidence:0.000}, candidates {candidates}"));
        }
    }

    private static double[] Time(KnowledgeIndex index, List<EvalQuestion> questions, int passes)
    {
        var latencies = new double[questions.Count * passes];
        var at = 0;
        for (var pass = 0; pass < passes; pass++)
        {
            foreach (var question in questions)
            {
                var started = Stopwatch.GetTimestamp();
                Decide(index, question.Text);
                latencies[at++] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        }

        Array.Sort(latencies);
        return latencies;
    }

    /// <summary>As <see cref="EmbeddedKnowledgeResponder"/> decides, the stream-version read aside.</summary>
    private static ReplyDecision Decide(KnowledgeIndex index, string text) =>
        ReplyDecider.Decide(text, index.Search(text), ReplyPolicy.Default, index.Count);

    private static string Header(string first) =>
        $"{first,-22} {"questions",9} {"answerable",10} {"right",6} {"wrong",6} {"hand-offs",9} {"right %",8} {"p50 ms",8} {"p99 ms",8}";

    private static string Row(string name, Tally t, double[]? sorted) => string.Create(CultureInfo.InvariantCulture,
        $"{name,-22} {t.Questions,9} {t.Answerable,10} {t.Right,6} {t.Wrong,6} {t.HandOffs,9} {(t.Answerable == 0 ? "-" : ((double)t.Right / t.Answerable).ToString("P1", CultureInfo.InvariantCulture)),8} {(sorted is null ? "" : Percentile(sorted, 0.5).ToString("0.000", CultureInfo.InvariantCulture)),8} {(sorted is null ? "" : Percentile(sorted, 0.99).ToString("0.000", CultureInfo.InvariantCulture)),8}").TrimEnd();

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static string? Option(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }

    private static string CpuModel()
    {
        var line = File.Exists("/proc/cpuinfo") ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal)) : null;
        return line is null ? "CPU model unknown" : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }

    private static string Build() =>
#if DEBUG
        "Debug (latency not meaningful: use -c Release)";
#else
        "Release";
#endif

    /// <summary>One question decided: <see cref="Replied"/> is the key of the entry replied with, null for a hand-off.</summary>
    private sealed record Outcome(EvalQuestion Question, ReplyDecision Decision, string? Replied)
    {
        public bool Right => Replied is not null && Replied == Question.Expected;

        public bool Wrong => Replied is not null && Replied != Question.Expected;

        public static Outcome Of(EvalQuestion question, ReplyDecision decision, Dictionary<Guid, string> keys) =>
            new(question, decision, decision.Kind == ReplyKind.Reply ? keys[decision.EntryIds[0]] : null);
    }

    private sealed record Tally(int Questions, int Answerable, int Right, int Wrong, int HandOffs)
    {
        public static Tally Of(IReadOnlyCollection<Outcome> outcomes) => new(
            outcomes.Count,
            outcomes.Count(o => o.Question.Expected is not null),
            outcomes.Count(o => o.Right),
            outcomes.Count(o => o.Wrong),
            outcomes.Count(o => o.Decision.Kind == ReplyKind.HandOff));
    }
}
