namespace PesanAI.Domain.Knowledge;

public enum ReplyKind
{
    /// <summary>Answer with the entry's answer, verbatim.</summary>
    Reply = 1,

    /// <summary>Leave the message to people.</summary>
    HandOff = 2,
}

/// <summary>Why the responder decided as it did: stable codes, shown by TestReply and (later) recorded with each decision.</summary>
public static class ReplyReasons
{
    /// <summary>One entry clearly answers the message.</summary>
    public const string Matched = "MATCHED";

    /// <summary>The customer asked for a person (agent, human, manusia, CS, operator, admin...).</summary>
    public const string HandOffKeyword = "HANDOFF_KEYWORD";

    /// <summary>The tenant has no entries.</summary>
    public const string EmptyKnowledgeBase = "EMPTY_KNOWLEDGE_BASE";

    /// <summary>No entry shares the message's meaningful words (or the message has none).</summary>
    public const string NoMatch = "NO_MATCH";

    /// <summary>Two or more entries match about equally well.</summary>
    public const string Ambiguous = "AMBIGUOUS";

    /// <summary>The best entry stands out too little above the others, or leaves too much of the message unexplained.</summary>
    public const string LowMargin = "LOW_MARGIN";
}

/// <summary>
/// How the responder decides. <see cref="Threshold"/> is compared with a relative confidence (see
/// <see cref="ReplyDecider"/>), not with a raw search score: raw scores grow with the message's length and the
/// knowledge base's size and mean nothing alone.
/// </summary>
public sealed record ReplyPolicy(double Threshold, IReadOnlyList<string> HandOffKeywords)
{
    /// <summary>
    /// The default confidence threshold, calibrated on the development parts of the evaluation sets (the three
    /// businesses of bench/PesanAI.Bench/Knowledge/EvalSets, with and without alternative phrasings, and the batik
    /// shop of the unit tests): the lowest threshold, in steps of 0.025, at which none of their questions gets a wrong
    /// answer (the highest confidence of a wrong one there is 0.44). 0.30, tuned on the batik shop alone, gave 11 wrong
    /// answers on knowledge bases it had never seen (docs/benchmarks.md).
    /// </summary>
    public const double DefaultThreshold = 0.45;

    /// <summary>The words that ask for a person, in Indonesian and English.</summary>
    public static IReadOnlyList<string> DefaultHandOffKeywords { get; } = ["agent", "human", "manusia", "cs", "operator", "admin"];

    public static ReplyPolicy Default { get; } = new(DefaultThreshold, DefaultHandOffKeywords);
}

/// <summary>
/// One entry the search found for a message. <see cref="Score"/> is the search engine's score (only comparable
/// with the other candidates of the same message); <see cref="Coverage"/> is the share of the message's meaningful
/// words (weighted by how rare they are in the knowledge base) that the entry contains, from 0 to 1.
/// </summary>
public sealed record ReplyCandidate(Guid EntryId, double Score, double Coverage);

/// <summary>
/// What to do with a message: <see cref="EntryIds"/> are the entries the decision rests on (the one answered with,
/// or the contenders of an ambiguous match); <see cref="Confidence"/> is the relative confidence, 0 to 1.
/// </summary>
public sealed record ReplyDecision(ReplyKind Kind, string Reason, IReadOnlyList<Guid> EntryIds, double Confidence)
{
    public static ReplyDecision HandOff(string reason, IReadOnlyList<Guid>? entryIds = null, double confidence = 0) =>
        new(ReplyKind.HandOff, reason, entryIds ?? [], confidence);
}

/// <summary>
/// The embedded responder's decision rule, pure: (message, ranked candidates, policy) -> reply or hand-off.
/// <list type="number">
/// <item>A hand-off keyword in the message (a whole word or phrase, any case) hands off, whatever matches.</item>
/// <item>No candidate, or a best candidate that covers almost nothing of the message: NO_MATCH.</item>
/// <item>Candidates are ranked by strength: search score (BM25) times coverage.</item>
/// <item>The confidence is relative: the margin of the best strength over the runner-up's, (s1 - s2) / s1, times the
/// best candidate's coverage; both are shares, whatever the message's length or the knowledge base's size. A
/// runner-up within <see cref="AmbiguityMargin"/> of the best is AMBIGUOUS; otherwise a confidence under the
/// threshold is LOW_MARGIN, and at or above it the best entry answers.</item>
/// </list>
/// </summary>
public static class ReplyDecider
{
    /// <summary>A best candidate covering less than this share of the message matched only by accident.</summary>
    public const double MinCoverage = 0.2;

    /// <summary>A runner-up scoring within this share of the best makes the match ambiguous.</summary>
    public const double AmbiguityMargin = 0.1;

    public static ReplyDecision Decide(string text, IReadOnlyList<ReplyCandidate> candidates, ReplyPolicy policy, int entryCount)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var ranked = Rank(candidates);
        ArgumentNullException.ThrowIfNull(policy);
        if (AsksForPerson(text, policy.HandOffKeywords))
        {
            return ReplyDecision.HandOff(ReplyReasons.HandOffKeyword);
        }

        if (entryCount == 0)
        {
            return ReplyDecision.HandOff(ReplyReasons.EmptyKnowledgeBase);
        }

        var best = ranked.Count > 0 ? ranked[0] : null;
        if (best is null || Strength(best) <= 0 || best.Coverage < MinCoverage)
        {
            return ReplyDecision.HandOff(ReplyReasons.NoMatch, best is null ? [] : [best.EntryId], Confidence(ranked));
        }

        var margin = Margin(ranked);
        var confidence = Confidence(ranked);
        if (margin < AmbiguityMargin)
        {
            return ReplyDecision.HandOff(ReplyReasons.Ambiguous, [best.EntryId, ranked[1].EntryId], confidence);
        }

        return confidence >= policy.Threshold
            ? new ReplyDecision(ReplyKind.Reply, ReplyReasons.Matched, [best.EntryId], confidence)
            : ReplyDecision.HandOff(ReplyReasons.LowMargin, [best.EntryId], confidence);
    }

    /// <summary>
    /// The candidates by strength, strongest first: the search score times coverage, so that of two entries the
    /// search scores alike the one that explains more of the message comes first.
    /// </summary>
    public static IReadOnlyList<ReplyCandidate> Rank(IReadOnlyList<ReplyCandidate> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        return [.. candidates.OrderByDescending(Strength).ThenBy(c => c.EntryId)];
    }

    /// <summary>A candidate's search score times the share of the message it covers.</summary>
    public static double Strength(ReplyCandidate candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        return Math.Max(candidate.Score, 0) * Math.Clamp(candidate.Coverage, 0, 1);
    }

    /// <summary>How far the strongest candidate stands above the runner-up, as a share of the strongest: 1 when nothing else matched.</summary>
    public static double Margin(IReadOnlyList<ReplyCandidate> ranked)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        var best = ranked.Count > 0 ? Strength(ranked[0]) : 0;
        if (best <= 0)
        {
            return 0;
        }

        var runnerUp = ranked.Count > 1 ? Strength(ranked[1]) : 0;
        return Math.Clamp((best - runnerUp) / best, 0, 1);
    }

    /// <summary>The margin times the best candidate's coverage, 0 to 1.</summary>
    public static double Confidence(IReadOnlyList<ReplyCandidate> ranked)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        return ranked.Count == 0 ? 0 : Math.Round(Margin(ranked) * Math.Clamp(ranked[0].Coverage, 0, 1), 4);
    }

    /// <summary>Whether the message holds one of the keywords as whole words (<c>admin</c> yes, <c>administrasi</c> no).</summary>
    public static bool AsksForPerson(string? text, IReadOnlyList<string> keywords)
    {
        ArgumentNullException.ThrowIfNull(keywords);
        var words = WordsOf(text);
        if (words.Count == 0)
        {
            return false;
        }

        foreach (var keyword in keywords)
        {
            var phrase = WordsOf(keyword);
            if (phrase.Count == 0)
            {
                continue;
            }

            for (var i = 0; i + phrase.Count <= words.Count; i++)
            {
                if (words.Skip(i).Take(phrase.Count).SequenceEqual(phrase, StringComparer.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static List<string> WordsOf(string? text)
    {
        var words = new List<string>();
        var current = new System.Text.StringBuilder();
        foreach (var c in (text ?? string.Empty) + " ")
        {
            if (char.IsLetterOrDigit(c))
            {
                current.Append(char.ToLowerInvariant(c));
            }
            else if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }

        return words;
    }
}
